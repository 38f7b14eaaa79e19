"""TOTP second factor on top of django-otp: enrolment, QR code and verification."""

from __future__ import annotations

import base64

import segno
from django_otp.plugins.otp_totp.models import TOTPDevice

from sociaalhuis.accounts.models import User

DEVICE_NAME = "authenticator"


def is_verified(user: object) -> bool:
    """Whether this request's user confirmed a second factor (django-otp's OTPMiddleware)."""
    check = getattr(user, "is_verified", None)
    return bool(check()) if callable(check) else False


def pending_device(user: User) -> TOTPDevice:
    """The unconfirmed device being set up, created on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def confirm_device(device: TOTPDevice, token: str) -> bool:
    if not device.verify_token(token):
        return False
    # One authenticator per account: confirming a new one retires the old ones.
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


def verify_user_token(user: User, token: str) -> TOTPDevice | None:
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        if device.verify_is_allowed()[0] and device.verify_token(token):
            return device
    return None


def readable_secret(device: TOTPDevice) -> str:
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_data_uri(device: TOTPDevice) -> str:
    # The URI holds the secret: it is rendered here into an image and never sent to a
    # third-party QR service. django-otp puts settings.OTP_TOTP_ISSUER in it.
    return str(segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2))
