"""The daily digest of overdue referrals: who gets one, what it says, once a day."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sociaalhuis.accounts.models import Cell, CellMember, User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.accounts.tests.factories import MembershipFactory, UserFactory
from sociaalhuis.core import tenancy
from sociaalhuis.referrals import digest
from sociaalhuis.referrals.models import (
    LegalBasis,
    MailKind,
    OutgoingMail,
    Referral,
    ReferralStatus,
    TargetKind,
)
from sociaalhuis.testing import Cast
from sociaalhuis.testing.examples.referrals import make_referral

SITE = "https://sociaalhuis.test"
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _site(settings: Any) -> None:
    settings.SITE_URL = SITE


@pytest.fixture(autouse=True)
def _everyone_reads_english(cast: Cast) -> None:
    # The assertions read the source texts.
    User.objects.update(preferred_language="en")


def overdue(
    cast: Cast, reference: str, *, days: int, slug: str = "ronse", **fields: Any
) -> Referral:
    return make_referral(
        cast,
        slug,
        reference=reference,
        response_due_on=TODAY - timedelta(days=days),
        **fields,
    )


def to_colleague(user: User) -> dict[str, Any]:
    return {
        "target_kind": TargetKind.COLLEAGUE,
        "to_user": user,
        "to_service": None,
        "to_organisation": None,
        "legal_basis": LegalBasis.INTERNAL,
        "consent": None,
    }


def to_cell(cell: Cell) -> dict[str, Any]:
    return {
        "target_kind": TargetKind.CELL,
        "to_cell": cell,
        "to_service": None,
        "to_organisation": None,
        "legal_basis": LegalBasis.INTERNAL,
        "consent": None,
    }


def housing_cell(cast: Cast, *members: User) -> Cell:
    cell = Cell.unscoped.create(
        municipality=cast.ronse, code="wonen", name_nl="Cel wonen", name_en="Housing cell"
    )
    for user in members:
        CellMember.unscoped.create(municipality=cast.ronse, cell=cell, user=user)
    return cell


def run(day: date = TODAY) -> str:
    output = StringIO()
    call_command("send_referral_digests", f"--day={day.isoformat()}", stdout=output)
    return output.getvalue()


def digest_to(user: User) -> EmailMessage:
    (message,) = [m for m in mail.outbox if m.to == [user.email]]
    return message


def link(referral: Referral) -> str:
    return SITE + reverse("referrals:detail", args=[referral.pk])


def test_a_worker_reads_what_they_sent_and_what_was_sent_to_them_in_two_parts(
    cast: Cast,
) -> None:
    specialist = cast.user("ronse", Role.CELL_SPECIALIST)
    theirs = overdue(cast, "V2000-0301", days=3, created_by=specialist)
    to_them = overdue(
        cast,
        "V2000-0302",
        days=1,
        created_by=cast.user("ronse", Role.RECEPTION),
        **to_colleague(specialist),
    )

    run()

    message = digest_to(specialist)
    sent_part, received_part = message.body.split("Referrals sent to you:")
    assert "Referrals you sent:" in sent_part
    assert "V2000-0301 to Voorbeelddienst" in sent_part
    assert "3 days overdue" in sent_part
    assert link(theirs) in sent_part
    assert "V2000-0302" not in sent_part
    assert f"V2000-0302 to {specialist.full_name}: 1 day overdue" in received_part
    assert link(to_them) in received_part
    assert message.subject == "Sociaal Huis Ronse: 2 referrals are waiting for an answer"
    row = OutgoingMail.unscoped.get(recipient=specialist, kind=MailKind.DIGEST)
    assert (row.digest_on, row.referral_id) == (TODAY, None)
    assert row.sent_at is not None


def test_the_receivers_of_a_cell_and_of_a_partner_get_the_receiver_part_only(
    cast: Cast,
) -> None:
    reception = cast.user("ronse", Role.RECEPTION)
    partner = cast.user("ronse", Role.PARTNER_WORKER)
    specialist = cast.user("ronse", Role.CELL_SPECIALIST)
    overdue(cast, "V2000-0303", days=2)  # to the partner's service, by reception
    overdue(cast, "V2000-0304", days=5, **to_cell(housing_cell(cast, specialist)))

    run()

    assert {address for m in mail.outbox for address in m.to} == {
        reception.email,
        partner.email,
        specialist.email,
    }
    to_partner = digest_to(partner).body
    assert "Referrals you sent:" not in to_partner
    assert "V2000-0303" in to_partner
    assert "V2000-0304" not in to_partner
    to_specialist = digest_to(specialist).body
    assert "V2000-0304 to Housing cell: 5 days overdue" in to_specialist
    assert "V2000-0303" not in to_specialist
    to_reception = digest_to(reception).body
    assert "Referrals sent to you:" not in to_reception
    # Oldest due first.
    assert to_reception.index("V2000-0304") < to_reception.index("V2000-0303")


def test_the_digest_goes_once_a_day(cast: Cast) -> None:
    partner = cast.user("ronse", Role.PARTNER_WORKER)
    overdue(cast, "V2000-0305", days=2)

    result = digest.send_digests.enqueue(cast.ronse.pk, TODAY.isoformat())
    assert result.return_value == {"created": 2, "sent": 2, "failed": 0}
    output = run()

    assert len(mail.outbox) == 2
    assert OutgoingMail.unscoped.filter(kind=MailKind.DIGEST, digest_on=TODAY).count() == 2
    assert "0 written" in output

    run(TODAY + timedelta(days=1))
    assert [m.to for m in mail.outbox].count([partner.email]) == 2


def test_nobody_without_an_overdue_referral_gets_a_digest(cast: Cast) -> None:
    reception = cast.user("ronse", Role.RECEPTION)
    specialist = cast.user("ronse", Role.CELL_SPECIALIST)
    social_worker = cast.user("ronse", Role.SOCIAL_WORKER)
    overdue(cast, "V2000-0306", days=0, **to_colleague(specialist))  # due today: not yet late
    overdue(
        cast,
        "V2000-0307",
        days=4,
        status=ReferralStatus.ACCEPTED,
        **to_colleague(specialist),
    )  # answered
    overdue(cast, "V2000-0308", days=4, status=ReferralStatus.DRAFT, created_by=social_worker)
    overdue(cast, "V2000-0309", days=4, status=ReferralStatus.CANCELLED, created_by=social_worker)

    output = run()

    assert mail.outbox == []
    assert not OutgoingMail.unscoped.filter(kind=MailKind.DIGEST).exists()
    assert "0 written, 0 sent, 0 failed" in output

    overdue(cast, "V2000-0310", days=1, status=ReferralStatus.RECEIVED)  # opened, not answered
    run()
    assert {m.to[0] for m in mail.outbox} == {
        reception.email,
        cast.user("ronse", Role.PARTNER_WORKER).email,
    }


def test_a_worker_who_left_gets_no_digest(cast: Cast) -> None:
    partner = cast.user("ronse", Role.PARTNER_WORKER)
    former = UserFactory.create(email="former@ronse.test", is_active=False)
    MembershipFactory.create(user=former, municipality=cast.ronse, role=Role.SOCIAL_WORKER)
    overdue(cast, "V2000-0311", days=2, created_by=former)

    run()

    assert [m.to for m in mail.outbox] == [[partner.email]]


def test_another_municipalitys_referrals_never_appear_in_a_digest(cast: Cast) -> None:
    both = UserFactory.create(email="both@ronse.test", preferred_language="en")
    for municipality in (cast.ronse, cast.kortrijk):
        MembershipFactory.create(user=both, municipality=municipality, role=Role.SOCIAL_WORKER)
    overdue(cast, "V2000-0312", days=2, created_by=both)
    overdue(cast, "V2000-0999", days=2, slug="kortrijk", created_by=both)

    run()

    ronse_partner = digest_to(cast.user("ronse", Role.PARTNER_WORKER)).body
    kortrijk_partner = digest_to(cast.user("kortrijk", Role.PARTNER_WORKER)).body
    assert "V2000-0312" in ronse_partner
    assert "V2000-0999" not in ronse_partner
    assert "V2000-0999" in kortrijk_partner
    assert "V2000-0312" not in kortrijk_partner
    # One worker in two municipalities: one digest for each, each with its own referrals.
    theirs = sorted((m for m in mail.outbox if m.to == [both.email]), key=lambda m: m.subject)
    assert [m.subject.split(":")[0] for m in theirs] == [
        "Sociaal Huis Kortrijk",
        "Sociaal Huis Ronse",
    ]
    assert "V2000-0999" in theirs[0].body
    assert "V2000-0312" not in theirs[0].body
    assert "V2000-0312" in theirs[1].body
    assert "V2000-0999" not in theirs[1].body


def test_the_digest_carries_no_personal_data_of_the_client(cast: Cast) -> None:
    overdue(
        cast,
        "V2000-0313",
        days=2,
        purpose="Mira Example needs help with the rent of March.",
        shared_data={"name": "Mira Example", "phone": "0470 12 34 56"},
    )

    run()

    assert len(mail.outbox) == 2
    for message in mail.outbox:
        text = f"{message.subject}\n{message.body}"
        for secret in ("Mira", "Example", "0470", "rent of March"):
            assert secret not in text


def test_the_digest_costs_the_same_queries_for_one_or_many_referrals(cast: Cast) -> None:
    specialist = cast.user("ronse", Role.CELL_SPECIALIST)
    cell = housing_cell(cast, specialist)

    def queries_for(day: date) -> int:
        with (
            CaptureQueriesContext(connection) as captured,
            tenancy.for_municipality(cast.ronse.pk),
        ):
            ids = digest.digests_create(day)
        assert ids
        return len(captured.captured_queries)

    overdue(cast, "V2000-0314", days=2)
    overdue(cast, "V2000-0315", days=2, **to_cell(cell))
    overdue(cast, "V2000-0316", days=2, **to_colleague(specialist))
    few = queries_for(TODAY)

    for number in range(317, 327):
        worker = UserFactory.create(email=f"worker{number}@ronse.test")
        MembershipFactory.create(user=worker, municipality=cast.ronse, role=Role.SOCIAL_WORKER)
        CellMember.unscoped.create(municipality=cast.ronse, cell=cell, user=worker)
        overdue(cast, f"V2000-0{number}", days=3, created_by=worker)
        overdue(cast, f"V2000-1{number}", days=3, **to_cell(cell))
    many = queries_for(TODAY + timedelta(days=1))

    assert many == few
    assert OutgoingMail.unscoped.filter(digest_on=TODAY + timedelta(days=1)).count() > 10
