"""Logging in: password, lockout, second factor, session lifetime, password reset."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sociaalhuis.accounts.middleware import LAST_SEEN_SESSION_KEY, LOGIN_AT_SESSION_KEY
from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.testing import TEST_PASSWORD, Cast, ClientResponse, link_path_in_mail


def _login(client: Client, email: str, password: str = TEST_PASSWORD) -> ClientResponse:
    return client.post("/account/login/", {"username": email, "password": password})


def _current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_the_policy_coordinator_logs_in_with_a_password_only(cast: Cast, client: Client) -> None:
    response = _login(client, "policy_coordinator@ronse.test")
    assert response.status_code == 302
    home = client.get("/home/")
    assert home.status_code == 200
    assert "Ronse" in home.content.decode()


def test_a_wrong_password_gets_401_and_a_translated_message(cast: Cast, client: Client) -> None:
    response = _login(client, "policy_coordinator@ronse.test", "wrong-password")
    assert response.status_code == 401
    assert "wachtwoord is niet juist" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_five_failed_logins_lock_the_account_even_with_the_right_password(
    cast: Cast, client: Client
) -> None:
    for _attempt in range(5):
        _login(client, "social_worker@ronse.test", "wrong-password")
    response = _login(Client(), "social_worker@ronse.test")
    assert response.status_code == 403
    assert "tijdelijk geblokkeerd" in response.content.decode()


def test_four_failed_logins_do_not_lock_the_account(cast: Cast, client: Client) -> None:
    for _attempt in range(4):
        _login(client, "dpo@ronse.test", "wrong-password")
    assert _login(client, "dpo@ronse.test").status_code == 302


def test_a_role_with_personal_data_must_set_up_a_second_factor(cast: Cast, client: Client) -> None:
    _login(client, "reception@ronse.test")
    response = client.get("/home/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/second-factor/")
    setup = client.get("/account/second-factor/setup/?next=/home/")
    assert setup.status_code == 200
    assert "data:image/svg+xml" in setup.content.decode()
    device = TOTPDevice.objects.get(user__email="reception@ronse.test", confirmed=False)
    response = client.post(
        "/account/second-factor/setup/?next=/home/", {"token": _current_code(device)}
    )
    assert response.status_code == 302
    assert response["Location"] == "/home/"
    assert client.get("/home/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_a_wrong_second_factor_code_is_refused(cast: Cast, client: Client) -> None:
    user = cast.user("ronse", Role.SOCIAL_WORKER)
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    _login(client, user.email)
    response = client.post("/account/second-factor/", {"token": "000000"})
    assert response.status_code == 401
    assert client.get("/home/").status_code == 302


def test_the_right_second_factor_code_opens_the_workspace(cast: Cast, client: Client) -> None:
    user = cast.user("ronse", Role.SOCIAL_WORKER)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    _login(client, user.email)
    response = client.post(
        "/account/second-factor/?next=/municipality/", {"token": _current_code(device)}
    )
    assert response.status_code == 302
    assert response["Location"] == "/municipality/"
    assert client.get("/home/").status_code == 200


def test_demo_mode_switches_the_second_factor_off(
    cast: Cast, client: Client, settings: pytest.FixtureRequest
) -> None:
    settings.OTP_REQUIRED = False  # type: ignore[attr-defined]
    _login(client, "reception@ronse.test")
    assert client.get("/home/").status_code == 200


def _idle_for_31_minutes(client: Client) -> Client:
    session = client.session
    session[LAST_SEEN_SESSION_KEY] = time.time() - 31 * 60
    session.save()
    return client


def test_an_idle_session_expires_after_thirty_minutes(
    cast: Cast, client_for: Callable[[User], Client]
) -> None:
    client = _idle_for_31_minutes(client_for(cast.user("ronse", Role.DPO)))
    response = client.get("/home/")
    assert response.status_code == 302
    assert "reason=expired" in response["Location"]
    login_page = client.get(response["Location"])
    assert "te lang inactief" in login_page.content.decode()


def test_a_session_ends_after_twelve_hours_even_when_active(
    cast: Cast, client_for: Callable[[User], Client]
) -> None:
    client = client_for(cast.user("ronse", Role.DPO))
    session = client.session
    session[LOGIN_AT_SESSION_KEY] = time.time() - 12 * 3600 - 60
    session[LAST_SEEN_SESSION_KEY] = time.time()
    session.save()
    assert "reason=expired" in client.get("/home/")["Location"]


def test_an_expired_session_on_the_api_gets_401(
    cast: Cast, client_for: Callable[[User], Client]
) -> None:
    client = _idle_for_31_minutes(client_for(cast.user("ronse", Role.DPO)))
    assert client.get("/api/v1/account/me").status_code == 401


def test_password_reset_sends_a_link_that_sets_a_new_password(cast: Cast, client: Client) -> None:
    response = client.post("/account/password/reset/", {"email": "dpo@kortrijk.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    path = link_path_in_mail(mail.outbox[0], "/account/password/reset/")
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-brand-new-passphrase", "new_password2": "a-brand-new-passphrase"},
    )
    assert response.status_code == 302
    assert User.objects.get(email="dpo@kortrijk.test").check_password("a-brand-new-passphrase")


def test_password_reset_for_an_unknown_address_reveals_nothing(cast: Cast, client: Client) -> None:
    response = client.post("/account/password/reset/", {"email": "nobody@nowhere.test"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_logging_out_needs_a_post(cast: Cast, client_for: Callable[[User], Client]) -> None:
    client = client_for(cast.user("ronse", Role.DPO))
    assert client.get("/account/logout/").status_code == 405
    assert client.post("/account/logout/").status_code == 302
    assert client.get("/home/").status_code == 302


def test_the_login_language_follows_the_users_preference(cast: Cast, client: Client) -> None:
    User.objects.filter(email="policy_coordinator@kortrijk.test").update(preferred_language="fr")
    _login(client, "policy_coordinator@kortrijk.test")
    assert client.get("/home/")["Content-Language"] == "fr"
