"""E-mail to the receivers of a referral: who gets it, in which language, with what, and
what happens when the mail server is down."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from sociaalhuis.accounts.models import Cell, CellMember, Membership, User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.accounts.tests.factories import MembershipFactory, UserFactory
from sociaalhuis.referrals import notifications, services
from sociaalhuis.referrals.lifecycle import ReferralAction
from sociaalhuis.referrals.mail import MAX_ATTEMPTS, wait_after
from sociaalhuis.referrals.models import (
    LegalBasis,
    MailKind,
    OutgoingMail,
    ReasonCode,
    Referral,
    ReferralStatus,
    TargetKind,
    Urgency,
)
from sociaalhuis.testing import Cast, act_as
from sociaalhuis.testing.examples.referrals import make_referral, partner_service

SITE = "https://sociaalhuis.test"
PURPOSE = "Mira Example cannot pay the rent of March; the landlord threatens eviction."
SHARED = {"name": "Mira Example", "phone": "0470 12 34 56"}
LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
BROKEN = {"default": {"BACKEND": f"{__name__}.BrokenBackend"}}


class BrokenBackend(BaseEmailBackend):
    """A mail server that is down."""

    calls = 0

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        BrokenBackend.calls += 1
        raise ConnectionRefusedError(111, "Connection refused")


@pytest.fixture(autouse=True)
def _site(settings: Any) -> None:
    settings.SITE_URL = SITE
    settings.MAILERS = LOCMEM


@pytest.fixture(autouse=True)
def _everyone_reads_english(cast: Cast) -> None:
    # The assertions read the source texts; the language test sets its own languages.
    User.objects.update(preferred_language="en")


def sender(cast: Cast) -> User:
    """The manager of the example dossier, who refers from it."""
    return cast.user("ronse", Role.SOCIAL_WORKER)


def draft(cast: Cast, reference: str, **fields: Any) -> Referral:
    return make_referral(
        cast,
        "ronse",
        reference=reference,
        status=ReferralStatus.DRAFT,
        created_by=sender(cast),
        purpose=PURPOSE,
        shared_data=SHARED,
        **fields,
    )


def internal(**fields: Any) -> dict[str, Any]:
    return {
        "to_service": None,
        "to_organisation": None,
        "legal_basis": LegalBasis.INTERNAL,
        "consent": None,
        **fields,
    }


def send(cast: Cast, referral: Referral, capture: Any) -> Referral:
    with capture(execute=True), act_as(sender(cast), cast.ronse):
        return services.referral_send(
            referral, actor=sender(cast), based_on_version=referral.version
        )


def member(cast: Cast, email: str, *, slug: str = "ronse", **fields: Any) -> User:
    fields.setdefault("preferred_language", "en")
    user = UserFactory.create(email=email, full_name=email.split("@")[0].title(), **fields)
    MembershipFactory.create(
        user=user, municipality=cast.municipalities[slug], role=Role.CELL_SPECIALIST
    )
    return user


def budget_cell(cast: Cast, *members: User) -> Cell:
    cell = Cell.unscoped.create(
        municipality=cast.ronse,
        code="budget",
        name_nl="Cel budgetbegeleiding",
        name_fr="Cellule guidance budgétaire",
        name_en="Budget guidance cell",
    )
    for user in members:
        CellMember.unscoped.create(municipality=cast.ronse, cell=cell, user=user)
    return cell


def outbox_to() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


def link_to(referral: Referral) -> str:
    return SITE + reverse("referrals:detail", args=[referral.pk])


# --- Who gets the mail --------------------------------------------------------------------


def test_a_partner_gets_an_email_when_a_referral_arrives(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    partner = cast.user("ronse", Role.PARTNER_WORKER)
    organisation = cast.organisations["ronse"]
    second = UserFactory.create(email="second-partner@ronse.test")
    MembershipFactory.create(
        user=second, municipality=cast.ronse, role=Role.PARTNER_WORKER, organisation=organisation
    )
    gone = UserFactory.create(email="former-partner@ronse.test")
    MembershipFactory.create(
        user=gone,
        municipality=cast.ronse,
        role=Role.PARTNER_WORKER,
        organisation=organisation,
        active=False,
    )
    elsewhere = UserFactory.create(email="partner-in-kortrijk@ronse.test")
    MembershipFactory.create(
        user=elsewhere,
        municipality=cast.kortrijk,
        role=Role.PARTNER_WORKER,
        organisation=organisation,
    )
    referral = draft(cast, "V2000-0101", urgency=Urgency.URGENT)

    sent = send(cast, referral, django_capture_on_commit_callbacks)

    assert outbox_to() == {partner.email, second.email}
    message = next(m for m in mail.outbox if m.to == [partner.email])
    service = partner_service(cast, "ronse")
    assert message.subject == (
        f"Urgent: new referral V2000-0101 for {service.display_name} ({organisation.name})"
    )
    assert f"Please answer by: {sent.response_due_on:%d/%m/%Y}" in message.body
    assert "Urgency: Urgent" in message.body
    assert link_to(sent) in message.body
    rows = OutgoingMail.unscoped.filter(referral=sent)
    assert {row.kind for row in rows} == {MailKind.NEW_REFERRAL}
    assert all(row.sent_at is not None and row.attempts == 0 for row in rows)


def test_every_member_of_the_cell_gets_an_email_but_not_the_sender(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    specialist = cast.user("ronse", Role.CELL_SPECIALIST)
    colleague = member(cast, "bea@ronse.test")
    inactive = member(cast, "left@ronse.test", is_active=False)
    cell = budget_cell(cast, specialist, colleague, inactive, sender(cast))
    referral = draft(cast, "V2000-0102", **internal(target_kind=TargetKind.CELL, to_cell=cell))

    send(cast, referral, django_capture_on_commit_callbacks)

    assert outbox_to() == {specialist.email, colleague.email}
    assert all("Budget guidance cell" in m.subject for m in mail.outbox)


def test_a_colleague_gets_an_email_when_a_referral_is_sent_to_them(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    specialist = cast.user("ronse", Role.CELL_SPECIALIST)
    referral = draft(
        cast, "V2000-0103", **internal(target_kind=TargetKind.COLLEAGUE, to_user=specialist)
    )

    send(cast, referral, django_capture_on_commit_callbacks)

    assert [m.to for m in mail.outbox] == [[specialist.email]]
    assert mail.outbox[0].subject == f"New referral V2000-0103 for {specialist.full_name}"


def test_a_colleague_whose_role_here_ended_gets_no_email(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    specialist = cast.user("ronse", Role.CELL_SPECIALIST)
    referral = make_referral(
        cast,
        "ronse",
        reference="V2000-0104",
        created_by=sender(cast),
        **internal(target_kind=TargetKind.COLLEAGUE, to_user=specialist),
    )
    Membership.objects.filter(user=specialist, municipality=cast.ronse).update(active=False)

    with (
        django_capture_on_commit_callbacks(execute=True),
        act_as(sender(cast), cast.ronse),
    ):
        notifications.notify_receivers_after_commit(referral, event="sent")

    assert mail.outbox == []
    assert not OutgoingMail.unscoped.filter(referral=referral).exists()


def test_the_receivers_are_told_when_the_sender_cancels(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    partner = cast.user("ronse", Role.PARTNER_WORKER)
    referral = send(cast, draft(cast, "V2000-0105"), django_capture_on_commit_callbacks)
    mail.outbox.clear()

    with (
        django_capture_on_commit_callbacks(execute=True),
        act_as(sender(cast), cast.ronse),
    ):
        services.referral_transition(
            referral,
            actor=sender(cast),
            action=ReferralAction.CANCEL,
            reason_code=ReasonCode.NO_LONGER_INTERESTED,
        )

    assert [m.to for m in mail.outbox] == [[partner.email]]
    assert "V2000-0105" in mail.outbox[0].subject
    assert "was cancelled" in mail.outbox[0].subject
    assert link_to(referral) in mail.outbox[0].body
    kinds = OutgoingMail.unscoped.filter(referral=referral).values_list("kind", flat=True)
    assert sorted(kinds) == sorted([MailKind.NEW_REFERRAL, MailKind.CANCELLED])


def test_a_step_that_is_rolled_back_mails_nobody(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    referral = make_referral(cast, "ronse", reference="V2000-0106", created_by=sender(cast))

    def a_step_that_fails_after_writing_the_mail() -> None:
        with transaction.atomic():
            notifications.notify_receivers_after_commit(referral, event="sent")
            raise RuntimeError("the step failed after the mail was written")

    with (
        django_capture_on_commit_callbacks(execute=True),
        act_as(sender(cast), cast.ronse),
        pytest.raises(RuntimeError),
    ):
        a_step_that_fails_after_writing_the_mail()

    assert mail.outbox == []
    assert not OutgoingMail.unscoped.filter(referral=referral).exists()


# --- Language and content -----------------------------------------------------------------


def test_each_receiver_reads_the_mail_in_their_own_language(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    dutch = member(cast, "nele@ronse.test", preferred_language="nl")
    french = member(cast, "francois@ronse.test", preferred_language="fr")
    cell = budget_cell(cast, dutch, french)
    referral = draft(
        cast,
        "V2000-0107",
        **internal(target_kind=TargetKind.CELL, to_cell=cell, urgency=Urgency.URGENT),
    )

    send(cast, referral, django_capture_on_commit_callbacks)

    by_address = {m.to[0]: m for m in mail.outbox}
    for user, cell_name, signature in (
        (dutch, "Cel budgetbegeleiding", "Sociaal Huis Ronse"),
        (french, "Cellule guidance budgétaire", "Maison sociale Ronse"),
    ):
        message = by_address[user.email]
        with translation.override(user.preferred_language):
            greeting = gettext("Dear colleague,")
            urgency = str(Urgency.URGENT.label)
        assert cell_name in message.subject
        assert message.body.startswith(greeting)
        assert urgency in message.body
        assert signature in message.body


def test_the_mail_carries_no_personal_data_of_the_client(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    specialist = cast.user("ronse", Role.CELL_SPECIALIST)
    cell = budget_cell(cast, specialist)
    for reference, fields in (
        ("V2000-0108", {}),
        ("V2000-0109", internal(target_kind=TargetKind.CELL, to_cell=cell)),
        ("V2000-0110", internal(target_kind=TargetKind.COLLEAGUE, to_user=specialist)),
    ):
        referral = send(cast, draft(cast, reference, **fields), django_capture_on_commit_callbacks)
        assert referral.shared_data  # something was shared with the receiver...

    assert len(mail.outbox) == 3
    for message in mail.outbox:
        text = f"{message.subject}\n{message.body}"
        # ...and none of it, nor the purpose, is in the mail.
        for secret in ("Mira", "Example", "0470", "rent of March", "eviction"):
            assert secret not in text
        assert message.attachments == []


def test_the_link_uses_the_platforms_address(
    cast: Cast, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.SITE_URL = "https://sociaalhuis.ronse.example"
    referral = send(cast, draft(cast, "V2000-0111"), django_capture_on_commit_callbacks)

    path = reverse("referrals:detail", args=[referral.pk])
    link = f"https://sociaalhuis.ronse.example{path}?municipality={cast.ronse.pk}"
    assert f"Open the referral: {link}\n" in mail.outbox[0].body


# --- The mail server is down ---------------------------------------------------------------


def test_when_the_mail_server_is_down_the_referral_is_saved_and_sent_later(
    cast: Cast,
    settings: Any,
    caplog: pytest.LogCaptureFixture,
    django_capture_on_commit_callbacks: Any,
) -> None:
    partner = cast.user("ronse", Role.PARTNER_WORKER)
    settings.MAILERS = BROKEN
    with caplog.at_level(logging.WARNING, logger="sociaalhuis.referrals.mail"):
        referral = send(cast, draft(cast, "V2000-0112"), django_capture_on_commit_callbacks)

    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT
    waiting = OutgoingMail.unscoped.get(referral=referral)
    assert waiting.sent_at is None
    assert waiting.attempts == 1
    assert "Connection refused" in waiting.last_error
    assert "could not be sent" in caplog.text
    assert mail.outbox == []

    # The next try waits a minute, and twice as long after every further failure.
    assert waiting.next_attempt_at is not None
    assert timedelta(seconds=50) < waiting.next_attempt_at - timezone.now() <= timedelta(minutes=1)
    assert [wait_after(n).total_seconds() / 60 for n in (1, 2, 3, 9, 10)] == [1, 2, 4, 240, 240]
    settings.MAILERS = LOCMEM
    call_command("send_referral_mail", stdout=StringIO())
    assert mail.outbox == []  # still waiting

    output = StringIO()
    call_command("send_referral_mail", "--now", stdout=output)

    waiting.refresh_from_db()
    assert waiting.sent_at is not None
    assert [m.to for m in mail.outbox] == [[partner.email]]
    assert "V2000-0112" in mail.outbox[0].subject
    assert "Ronse: 1 sent, 0 failed." in output.getvalue()

    call_command("send_referral_mail", stdout=StringIO())
    assert len(mail.outbox) == 1  # sent once, never again


def test_the_retry_covers_every_municipality_and_gives_up_after_ten_failures(
    cast: Cast, settings: Any
) -> None:
    def waiting(slug: str, attempts: int) -> OutgoingMail:
        municipality = cast.municipalities[slug]
        return OutgoingMail.unscoped.create(
            municipality=municipality,
            kind=MailKind.NEW_REFERRAL,
            recipient=cast.user(slug, Role.PARTNER_WORKER),
            to_address=cast.user(slug, Role.PARTNER_WORKER).email,
            subject=f"Waiting in {municipality.name}",
            body="-",
            attempts=attempts,
        )

    almost = waiting("ronse", MAX_ATTEMPTS - 1)
    given_up = waiting("kortrijk", MAX_ATTEMPTS)
    settings.MAILERS = BROKEN
    BrokenBackend.calls = 0

    output = StringIO()
    call_command("send_referral_mail", stdout=output)
    call_command("send_referral_mail", stdout=StringIO())

    almost.refresh_from_db()
    given_up.refresh_from_db()
    assert (almost.attempts, given_up.attempts) == (MAX_ATTEMPTS, MAX_ATTEMPTS)
    assert BrokenBackend.calls == 1
    assert "0 sent, 1 failed." in output.getvalue()

    settings.MAILERS = LOCMEM
    kortrijk = waiting("kortrijk", 0)
    call_command("send_referral_mail", stdout=StringIO())
    assert [m.subject for m in mail.outbox] == ["Waiting in Kortrijk"]
    kortrijk.refresh_from_db()
    assert kortrijk.sent_at is not None
