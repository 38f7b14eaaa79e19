"""The daily digest of overdue referrals: one mail a day per worker who has any.

A referral is overdue when it still waits for a first answer (``AWAITING_ANSWER``)
after its answer date. Each worker hears about the overdue referrals they sent
(``created_by``) and those addressed to them (the ``queries.received_by`` targets: to
them, to one of their cells, to their organisation as a partner worker), in two parts.

Built from a fixed number of queries per municipality whatever the number of
referrals (grouped in Python), and at most once a day per worker: the unique
constraint on ``OutgoingMail`` (recipient, day) makes a second run a no-op. The mail
lists referral numbers, targets and links, never the person's data.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import ngettext

from sociaalhuis.accounts.models import CellMember, Membership, User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.core import tenancy
from sociaalhuis.referrals import mail
from sociaalhuis.referrals.models import AWAITING_ANSWER, MailKind, OutgoingMail, Referral
from sociaalhuis.referrals.notifications import (
    SUBJECT_MAX_LENGTH,
    language_of,
    referral_url,
    target_name,
    with_active_membership,
)
from sociaalhuis.tenants.models import Municipality

TEMPLATE = "referrals/email/digest.txt"


@dataclass
class Digest:
    """What one worker is told: overdue referrals they sent, and those sent to them."""

    recipient: User
    sent: list[Referral] = field(default_factory=list)
    received: list[Referral] = field(default_factory=list)


@dataclass
class DigestResult:
    created: int = 0
    sent: int = 0
    failed: int = 0


def overdue_referrals(day: date) -> list[Referral]:
    """The active municipality's referrals past their answer date on ``day``, oldest due first."""
    return list(
        Referral.objects.filter(status__in=AWAITING_ANSWER, response_due_on__lt=day)
        # The digest never needs what was shared or why: leave it in the database.
        .defer("purpose", "shared_fields", "shared_data", "legal_basis_note", "reason_text")
        .select_related("to_user", "to_cell", "to_service", "to_organisation")
        .prefetch_related("to_service__texts")
        .order_by("response_due_on", "reference")
    )


def digests_for(day: date) -> list[Digest]:
    """Who gets a digest on ``day`` in the active municipality, and with which referrals.

    Five queries at most, however many referrals and workers: the overdue referrals
    (and their services' names), the members of the cells and the partner workers
    of the organisations they were sent to, and the recipients.
    """
    municipality_id = tenancy.require_municipality_id()
    rows = overdue_referrals(day)
    if not rows:
        return []
    members = _cell_members({row.to_cell_id for row in rows if row.to_cell_id is not None})
    partners = _partner_workers(
        municipality_id, {row.to_organisation_id for row in rows if row.to_organisation_id}
    )
    sent: dict[int, list[Referral]] = defaultdict(list)
    received: dict[int, list[Referral]] = defaultdict(list)
    for row in rows:
        sent[row.created_by_id].append(row)
        for user_id in _receivers(row, members, partners):
            received[user_id].append(row)

    candidates = User.objects.filter(pk__in=set(sent) | set(received))
    users = with_active_membership(candidates, municipality_id)
    return [
        Digest(recipient=user, sent=sent.get(user.pk, []), received=received.get(user.pk, []))
        for user in users.order_by("pk")
    ]


def _cell_members(cell_ids: set[int]) -> defaultdict[int, list[int]]:
    """The users of each cell, by cell (one query)."""
    members: defaultdict[int, list[int]] = defaultdict(list)
    if cell_ids:
        for cell_id, user_id in CellMember.objects.filter(cell_id__in=cell_ids).values_list(
            "cell_id", "user_id"
        ):
            members[cell_id].append(user_id)
    return members


def _partner_workers(
    municipality_id: int, organisation_ids: set[int]
) -> defaultdict[int, list[int]]:
    """The active partner workers here of each organisation, by organisation (one query)."""
    partners: defaultdict[int, list[int]] = defaultdict(list)
    if organisation_ids:
        for organisation_id, user_id in Membership.objects.filter(
            municipality_id=municipality_id,
            role=Role.PARTNER_WORKER,
            active=True,
            organisation_id__in=organisation_ids,
        ).values_list("organisation_id", "user_id"):
            partners[organisation_id].append(user_id)
    return partners


def _receivers(
    row: Referral, members: dict[int, list[int]], partners: dict[int, list[int]]
) -> set[int]:
    """Who is on the receiving side of one referral: the colleague, cell or partner."""
    receivers: set[int] = set()
    if row.to_user_id is not None:
        receivers.add(row.to_user_id)
    if row.to_cell_id is not None:
        receivers.update(members[row.to_cell_id])
    if row.to_organisation_id is not None:
        receivers.update(partners[row.to_organisation_id])
    return receivers


def render_digest(digest: Digest, day: date, *, municipality_name: str) -> tuple[str, str]:
    """Subject and body of one digest, in the recipient's language."""
    with translation.override(language_of(digest.recipient)):

        def lines(rows: list[Referral]) -> list[dict[str, object]]:
            return [
                {
                    "reference": row.reference,
                    "target": target_name(row),
                    "days": (day - row.response_due_on).days,
                    "link": referral_url(row),
                }
                for row in rows
            ]

        count = len({row.pk for row in [*digest.sent, *digest.received]})
        subject = ngettext(
            "Sociaal Huis %(municipality)s: %(count)d referral is waiting for an answer",
            "Sociaal Huis %(municipality)s: %(count)d referrals are waiting for an answer",
            count,
        ) % {"municipality": municipality_name, "count": count}
        body = render_to_string(
            TEMPLATE,
            {
                "day": f"{day:%d/%m/%Y}",
                "sent": lines(digest.sent),
                "received": lines(digest.received),
                "municipality": municipality_name,
            },
        )
    return subject[:SUBJECT_MAX_LENGTH], body


def digests_create(day: date) -> list[int]:
    """Write the day's digests of the active municipality; the ids of those to send.

    A worker who already has that day's digest gets none (running twice sends once).
    """
    municipality_id = tenancy.require_municipality_id()
    digests = digests_for(day)
    if not digests:
        return []
    already = set(
        OutgoingMail.objects.filter(kind=MailKind.DIGEST, digest_on=day).values_list(
            "recipient_id", flat=True
        )
    )
    digests = [digest for digest in digests if digest.recipient.pk not in already]
    if not digests:
        return []
    municipality_name = Municipality.objects.get(pk=municipality_id).name
    mails = []
    for digest in digests:
        subject, body = render_digest(digest, day, municipality_name=municipality_name)
        mails.append(
            OutgoingMail(
                municipality_id=municipality_id,
                kind=MailKind.DIGEST,
                recipient=digest.recipient,
                to_address=digest.recipient.email,
                subject=subject,
                body=body,
                digest_on=day,
            )
        )
    # A run at the same moment (two cron hosts) may have written some: the unique
    # constraint keeps theirs, and only unsent ones of ours are returned.
    OutgoingMail.objects.bulk_create(mails, ignore_conflicts=True)
    return list(
        OutgoingMail.objects.filter(
            recipient_id__in=[digest.recipient.pk for digest in digests],
            kind=MailKind.DIGEST,
            digest_on=day,
            sent_at__isnull=True,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def digests_send(municipality_id: int, day: date | None = None) -> DigestResult:
    """Write and send one municipality's digests for ``day`` (default today)."""
    day = day or timezone.localdate()
    with tenancy.for_municipality(municipality_id):
        ids = digests_create(day)
    # Sent after the rows are committed, each on its own (see mail.py).
    outcome = mail.send_outgoing(municipality_id, ids)
    return DigestResult(created=len(ids), sent=outcome.sent, failed=outcome.failed)


@task
def send_digests(municipality_id: int, day_iso: str) -> dict[str, int]:
    """The digest of one municipality for one day (ISO date), as a task."""
    result = digests_send(municipality_id, date.fromisoformat(day_iso))
    return {"created": result.created, "sent": result.sent, "failed": result.failed}
