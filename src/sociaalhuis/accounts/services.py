"""Writes for accounts. Each service is atomic, validates, audits and defers mail."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import Membership, User
from sociaalhuis.accounts.queries import ACTIVE_MUNICIPALITY_SESSION_KEY, active_memberships
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import Action
from sociaalhuis.audit.services import access_record
from sociaalhuis.core import tenancy
from sociaalhuis.directory.models import Organisation
from sociaalhuis.tenants.models import Municipality


@dataclass(frozen=True)
class Invitation:
    user: User
    membership: Membership
    new_account: bool


def _invitation_link(base_url: str, user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return base_url.rstrip("/") + reverse(
        "accounts:invitation_accept", kwargs={"uidb64": uid, "token": token}
    )


def _send_invitation_mail(
    *, user: User, municipality: Municipality, role_label: str, link: str | None
) -> None:
    with translation.override(user.preferred_language):
        context = {"user": user, "municipality": municipality, "role": role_label, "link": link}
        subject = _("Your access to the Sociaal Huis of %(municipality)s") % {
            "municipality": municipality.name
        }
        body = render_to_string("accounts/email/invitation.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def membership_grant(
    *, actor: User, user: User, role: str, organisation: Organisation | None = None
) -> Membership:
    """Give ``user`` a role in the active municipality (reactivating a revoked one)."""
    municipality_id = tenancy.require_municipality_id()
    if role not in Role.values:
        raise ValidationError(_("Unknown role."))
    if role == Role.PARTNER_WORKER and organisation is None:
        raise ValidationError(
            {"organisation": _("Choose the organisation this partner worker works for.")}
        )
    if role != Role.PARTNER_WORKER:
        organisation = None
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update()
            .filter(user=user, municipality_id=municipality_id, role=role)
            .first()
        )
        if membership is None:
            membership = Membership(
                user=user, municipality_id=municipality_id, role=role, created_by=actor
            )
        elif membership.active and membership.organisation_id == (
            organisation.pk if organisation else None
        ):
            raise ValidationError(_("This user already has this role."))
        membership.organisation = organisation
        membership.active = True
        membership.full_clean()
        membership.save()
        access_record(actor=actor, action=Action.UPDATE, obj=user, reason=f"grant role {role}")
    return membership


def membership_revoke(*, actor: User, membership: Membership) -> Membership:
    """Take a role away. The membership is kept (inactive) as a record of who had access."""
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.municipality_id != tenancy.require_municipality_id():
            raise ValidationError(_("This role belongs to another municipality."))
        if not membership.active:
            raise ValidationError(_("This role was already taken away."))
        if membership.role == Role.MUNICIPALITY_ADMIN:
            remaining = Membership.objects.filter(
                municipality_id=membership.municipality_id,
                role=Role.MUNICIPALITY_ADMIN,
                active=True,
            ).exclude(pk=membership.pk)
            if not remaining.exists():
                raise ValidationError(_("The municipality must keep at least one administrator."))
        membership.active = False
        membership.save(update_fields=["active"])
        access_record(
            actor=actor,
            action=Action.UPDATE,
            obj=membership.user,
            reason=f"revoke role {membership.role}",
        )
    return membership


def member_invite(
    *,
    actor: User,
    email: str,
    full_name: str,
    role: str,
    organisation: Organisation | None,
    preferred_language: str,
    base_url: str,
) -> Invitation:
    """Invite someone to the active municipality with a first role.

    A new account gets no password: the e-mail carries a one-time link to choose one.
    An existing account (someone working in another municipality too) only gets the
    role and a notice.
    """
    municipality = Municipality.objects.get(pk=tenancy.require_municipality_id())
    email = User.objects.normalize_email(email).lower()
    with transaction.atomic():
        user = User.objects.select_for_update().filter(email__iexact=email).first()
        new_account = user is None
        if user is None:
            user = User(
                email=email, full_name=full_name.strip(), preferred_language=preferred_language
            )
            user.set_unusable_password()
            user.full_clean()
            user.save()
            access_record(actor=actor, action=Action.CREATE, obj=user)
        membership = membership_grant(actor=actor, user=user, role=role, organisation=organisation)
        link = _invitation_link(base_url, user) if not user.has_usable_password() else None
        role_label = str(Role(role).label)
        transaction.on_commit(
            lambda: _send_invitation_mail(
                user=user, municipality=municipality, role_label=role_label, link=link
            )
        )
    return Invitation(user=user, membership=membership, new_account=new_account)


def invitation_resend(*, actor: User, user: User, base_url: str) -> None:
    if user.has_usable_password():
        raise ValidationError(
            _("This user has already chosen a password; they can reset it themselves.")
        )
    municipality = Municipality.objects.get(pk=tenancy.require_municipality_id())
    link = _invitation_link(base_url, user)
    access_record(actor=actor, action=Action.UPDATE, obj=user, reason="resend invitation")
    transaction.on_commit(
        lambda: _send_invitation_mail(
            user=user, municipality=municipality, role_label="", link=link
        )
    )


def municipality_switch(*, user: User, session: SessionBase, municipality_id: int) -> Municipality:
    """Make another municipality active for this session; only one where the user has a role."""
    membership = active_memberships(user).filter(municipality_id=municipality_id).first()
    if membership is None:
        raise PermissionError("No role in that municipality.")
    session[ACTIVE_MUNICIPALITY_SESSION_KEY] = municipality_id
    return membership.municipality
