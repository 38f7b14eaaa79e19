"""E-mail to the receivers of a referral when it is sent or cancelled.

The mails are written as ``OutgoingMail`` rows in the transaction of the referral step
they announce, and a task sends them after the commit (``mail.py``): a rolled-back
step mails nobody, and a mail server that is down never costs the referral.

The text is rendered in each recipient's own language and carries no data of the
person: only the referral number, the target, the urgency, the answer date and a
link. What was shared is read after signing in, where it is logged.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import CellMember, User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.core import tenancy
from sociaalhuis.referrals import mail
from sociaalhuis.referrals.models import (
    MailKind,
    OutgoingMail,
    Referral,
    TargetKind,
    Urgency,
)

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}
DEFAULT_LANGUAGE = "nl"
SUBJECT_MAX_LENGTH = 200

EVENT_KINDS = {"sent": MailKind.NEW_REFERRAL, "cancelled": MailKind.CANCELLED}
TEMPLATES = {
    MailKind.NEW_REFERRAL: "referrals/email/new_referral.txt",
    MailKind.CANCELLED: "referrals/email/cancelled.txt",
}


# --- Shared with the digest ---------------------------------------------------------------


# The query parameter of a referral link that names the referral's municipality.
MUNICIPALITY_PARAMETER = "municipality"


def language_of(user: User) -> str:
    language = user.preferred_language
    return language if language in LANGUAGE_CODES else DEFAULT_LANGUAGE


def absolute_url(path: str) -> str:
    """``path`` on the platform's public address (``settings.SITE_URL``).

    Mail is sent outside any request, so the address cannot come from a request.
    """
    return f"{settings.SITE_URL}{path}"


def referral_url(referral: Referral) -> str:
    """The referral's page, naming its municipality: a worker who serves several (a
    partner organisation does) is offered the switch instead of "not found"."""
    path = reverse("referrals:detail", args=[referral.pk])
    return absolute_url(f"{path}?{MUNICIPALITY_PARAMETER}={referral.municipality_id}")


def target_name(referral: Referral) -> str:
    """The target as staff know it, in the active language (a colleague, a cell, a service)."""
    if referral.target_kind == TargetKind.COLLEAGUE and referral.to_user is not None:
        return str(referral.to_user)
    if referral.target_kind == TargetKind.CELL and referral.to_cell is not None:
        return referral.to_cell.name
    if referral.to_service is not None:
        return f"{referral.to_service} ({referral.to_organisation})"
    return ""


def with_active_membership(users: QuerySet[User], municipality_id: int) -> QuerySet[User]:
    """Only users who can still sign in and act in the municipality, with an address."""
    return (
        users.filter(
            is_active=True,
            memberships__municipality_id=municipality_id,
            memberships__active=True,
        )
        .exclude(email="")
        .distinct()
    )


# --- Receivers ----------------------------------------------------------------------------


def receivers_of(referral: Referral) -> list[User]:
    """Who is told about the referral: the colleague, the cell's members, or the partner's workers.

    The same people ``rules.is_receiver`` lets open it, limited to those still active
    in the municipality and with an e-mail address.
    """
    municipality_id = referral.municipality_id
    if referral.target_kind == TargetKind.COLLEAGUE and referral.to_user_id is not None:
        users = User.objects.filter(pk=referral.to_user_id)
    elif referral.target_kind == TargetKind.CELL and referral.to_cell_id is not None:
        users = User.objects.filter(
            pk__in=CellMember.objects.filter(cell_id=referral.to_cell_id).values("user_id")
        )
    elif referral.target_kind == TargetKind.SERVICE and referral.to_organisation_id is not None:
        users = User.objects.filter(
            memberships__role=Role.PARTNER_WORKER,
            memberships__organisation_id=referral.to_organisation_id,
            memberships__municipality_id=municipality_id,
            memberships__active=True,
        )
    else:
        return []
    rows = with_active_membership(users, municipality_id).order_by("pk")
    # Whoever takes the step (a sender in the cell they refer to) needs no mail about it.
    acting = tenancy.current().user_id
    if acting is not None:
        rows = rows.exclude(pk=acting)
    return list(rows)


# --- Rendering ----------------------------------------------------------------------------


def _subject(kind: str, referral: Referral, target: str) -> str:
    values = {
        "reference": referral.reference,
        "target": target,
        "urgency": referral.get_urgency_display(),
    }
    if kind == MailKind.CANCELLED:
        subject = _("Referral %(reference)s for %(target)s was cancelled") % values
    elif referral.urgency == Urgency.ROUTINE:
        subject = _("New referral %(reference)s for %(target)s") % values
    else:
        # Urgency first, so it stands out in a list of mails.
        subject = _("%(urgency)s: new referral %(reference)s for %(target)s") % values
    return subject[:SUBJECT_MAX_LENGTH]


def render_referral_mail(
    kind: str, referral: Referral, recipient: User, *, municipality_name: str
) -> tuple[str, str]:
    """Subject and body of one receiver's mail, in their language."""
    with translation.override(language_of(recipient)):
        target = target_name(referral)
        context = {
            "reference": referral.reference,
            "target": target,
            "urgency": referral.get_urgency_display(),
            "due": f"{referral.response_due_on:%d/%m/%Y}",
            "link": referral_url(referral),
            "municipality": municipality_name,
        }
        subject = _subject(kind, referral, target)
        body = render_to_string(TEMPLATES[MailKind(kind)], context)
    return subject, body


# --- The service hook ---------------------------------------------------------------------


def _enqueue_after_commit(municipality_id: int, mail_ids: Iterable[int]) -> None:
    ids = list(mail_ids)
    if not ids:
        return
    # robust: the referral is committed by now; a task backend that fails to take the
    # job must not turn the saved step into an error page (the retry command sends it).
    transaction.on_commit(
        lambda: mail.send_mails.enqueue(municipality_id, ids),
        robust=True,
    )


def notify_receivers_after_commit(referral: Referral, *, event: str) -> list[OutgoingMail]:
    """Write one mail per receiver of ``referral`` now; send them after the commit.

    ``event`` is ``"sent"`` (a new referral arrived) or ``"cancelled"`` (the sender
    withdrew it). Call inside the transaction of that step.
    """
    try:
        kind = EVENT_KINDS[event]
    except KeyError as unknown:
        raise ValueError(f"Unknown referral mail event: {event!r}") from unknown
    recipients = receivers_of(referral)
    if not recipients:
        return []
    municipality_name = referral.municipality.name
    mails = []
    for recipient in recipients:
        subject, body = render_referral_mail(
            kind, referral, recipient, municipality_name=municipality_name
        )
        mails.append(
            OutgoingMail(
                municipality_id=referral.municipality_id,
                kind=kind,
                referral=referral,
                recipient=recipient,
                to_address=recipient.email,
                subject=subject,
                body=body,
            )
        )
    created = OutgoingMail.objects.bulk_create(mails)
    _enqueue_after_commit(referral.municipality_id, [row.pk for row in created])
    return created
