"""Referral screens: the sender's flow, the partner's inbox, who sees what."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from sociaalhuis.accounts.models import Membership, User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import AccessLogEntry, Action
from sociaalhuis.clients.models import Identity
from sociaalhuis.dossiers.models import TimelineEntry, TimelineKind
from sociaalhuis.referrals import services, sharing
from sociaalhuis.referrals.models import Referral, ReferralStatus, ReferralUpdate
from sociaalhuis.testing import Cast, act_as, queries_for
from sociaalhuis.testing.examples.dossiers import example_dossier
from sociaalhuis.testing.examples.referrals import (
    example_referral,
    make_referral,
    partner_service,
    referral_consent,
)

ClientFor = Callable[[User], Client]

# What the example person's identity holds: none of it may reach a partner unshared.
IDENTITY = {
    "name": "Mira Example",
    "phone": "0470 12 34 56",
    "email": "mira.example@example.test",
    "address": "Voorbeeldstraat 7",
    "birth_date": "30/07/1985",
    "national_number": "85073003328",
}


@pytest.fixture
def full_identity(cast: Cast) -> None:
    Identity.unscoped.filter(person=example_dossier(cast, "ronse").person).update(
        phone=IDENTITY["phone"],
        email=IDENTITY["email"],
        street="Voorbeeldstraat",
        house_number="7",
        birth_date=date(1985, 7, 30),
        national_number=IDENTITY["national_number"],
    )


def _detail(referral: Referral) -> str:
    return reverse("referrals:detail", kwargs={"referral_id": referral.pk})


def test_a_social_worker_refers_a_client_to_the_partner_and_sees_what_is_shared_first(
    cast: Cast, client_for: ClientFor, full_identity: None
) -> None:
    dossier = example_dossier(cast, "ronse")
    service = partner_service(cast, "ronse")
    client = client_for(cast.user("ronse", Role.SOCIAL_WORKER))
    form = client.get(reverse("referrals:create") + f"?dossier={dossier.pk}")
    assert form.status_code == 200
    assert "Huurdersbond" in form.content.decode()
    response = client.post(
        reverse("referrals:create"),
        {
            "dossier": dossier.pk,
            "target_kind": "service",
            "to_service": service.pk,
            "purpose": "Support with rent arrears and a payment plan.",
            "urgency": "routine",
            "shared_fields": ["name", "phone"],
            "legal_basis": "consent",
            "consent": referral_consent(cast, "ronse").pk,
            "idempotency_key": "6f1b3d0e-0d2b-4d84-9a55-4c1e3f0a5b11",
        },
    )
    referral = Referral.unscoped.get(idempotency_key="6f1b3d0e-0d2b-4d84-9a55-4c1e3f0a5b11")
    assert response.status_code == 302
    assert response["Location"] == _detail(referral)
    preview = client.get(_detail(referral)).content.decode()
    assert "This is what the receiver will see" in preview
    assert IDENTITY["phone"] in preview
    send = client.post(
        reverse("referrals:send", kwargs={"referral_id": referral.pk}),
        {"version": referral.version},
    )
    assert send.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT
    assert referral.shared_data == {"name": IDENTITY["name"], "phone": IDENTITY["phone"]}
    # The partner's history starts when it was sent: the sender's draft is theirs alone.
    with translation.override("en"):
        received = client_for(cast.user("ronse", Role.PARTNER_WORKER)).get(_detail(referral))
    history = received.content.decode().split('class="timeline', 1)[1]
    assert "<strong>Sent</strong>" in history
    assert "<strong>Draft</strong>" not in history
    with translation.override("en"):
        own = client.get(_detail(referral)).content.decode().split('class="timeline', 1)[1]
    assert "<strong>Draft</strong>" in own


def test_a_form_with_mistakes_says_what_to_fix_and_keeps_what_was_typed(
    cast: Cast, client_for: ClientFor
) -> None:
    dossier = example_dossier(cast, "ronse")
    client = client_for(cast.user("ronse", Role.SOCIAL_WORKER))
    response = client.post(
        reverse("referrals:create"),
        {
            "dossier": dossier.pk,
            "target_kind": "service",
            "to_service": partner_service(cast, "ronse").pk,
            "purpose": "Typed with care: rent arrears since March.",
            "urgency": "routine",
            "shared_fields": ["name"],
            "idempotency_key": "0b8b0a4c-8f0e-4c55-a0f5-3a6f64f2a001",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "needs the person&#x27;s consent or shared professional secrecy" in page
    assert "Typed with care: rent arrears since March." in page
    assert not Referral.unscoped.filter(purpose__startswith="Typed with care").exists()


@pytest.mark.parametrize("code", sorted(IDENTITY))
def test_a_partner_sees_only_the_field_that_was_shared(
    cast: Cast, client_for: ClientFor, full_identity: None, code: str
) -> None:
    value = IDENTITY[code]
    referral = make_referral(
        cast, "ronse", reference=f"V2000-{code[:6]}", shared_data={code: value}
    )
    page = client_for(cast.user("ronse", Role.PARTNER_WORKER)).get(_detail(referral))
    assert page.status_code == 200
    body = page.content.decode()
    assert value in body
    with translation.override("en"):
        assert str(sharing.LABELS[code]) in body
    for other, other_value in IDENTITY.items():
        if other != code:
            assert other_value not in body, f"{other} leaked while only {code} was shared"
    # Nothing of the dossier: neither its number nor its reason.
    assert referral.dossier is not None
    assert referral.dossier.reference not in body
    assert referral.dossier.reason not in body


def test_the_partner_inbox_lists_only_the_organisations_referrals_by_shared_name(
    cast: Cast, client_for: ClientFor, full_identity: None
) -> None:
    ours = example_referral(cast, "ronse")
    nameless = make_referral(cast, "ronse", reference="V2000-0201", shared_data={"phone": "x"})
    draft = make_referral(cast, "ronse", reference="V2000-0202", draft=True)
    kortrijk = example_referral(cast, "kortrijk")
    page = client_for(cast.user("ronse", Role.PARTNER_WORKER)).get(reverse("referrals:inbox"))
    body = page.content.decode()
    assert ours.reference in body
    assert nameless.reference in body
    assert "(name not shared)" in body
    assert draft.reference not in body
    assert kortrijk.reference not in body or kortrijk.reference == ours.reference
    assert IDENTITY["phone"] not in body


def test_a_partner_of_another_organisation_or_municipality_cannot_open_the_referral(
    cast: Cast, client_for: ClientFor
) -> None:
    referral = example_referral(cast, "ronse")
    kortrijk_partner = client_for(cast.user("kortrijk", Role.PARTNER_WORKER))
    assert kortrijk_partner.get(_detail(referral)).status_code == 404
    other_cell_worker = client_for(cast.user("ronse", Role.NEIGHBOURHOOD_WORKER))
    assert other_cell_worker.get(_detail(referral)).status_code == 403


def test_a_partner_cannot_open_a_referral_to_another_organisation_here(
    cast: Cast, client_for: ClientFor
) -> None:
    from sociaalhuis.directory.tests.factories import OrganisationFactory
    from sociaalhuis.testing.examples.directory import example_service

    other = OrganisationFactory.create(name="CAW Oost-Vlaanderen", serves=[cast.ronse])
    service = example_service(other, cast.ronse)
    referral = make_referral(
        cast,
        "ronse",
        reference="V2000-0203",
        to_service=service,
        to_organisation=other,
    )
    partner = client_for(cast.user("ronse", Role.PARTNER_WORKER))
    assert partner.get(_detail(referral)).status_code == 403
    assert referral.reference not in partner.get(reverse("referrals:inbox")).content.decode()


def test_opening_a_sent_referral_marks_it_received_and_the_partner_accepts_and_completes(
    cast: Cast, client_for: ClientFor
) -> None:
    referral = make_referral(cast, "ronse", reference="V2000-0204")
    partner = client_for(cast.user("ronse", Role.PARTNER_WORKER))
    partner.get(_detail(referral))
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.RECEIVED
    step = reverse("referrals:transition", kwargs={"referral_id": referral.pk})
    assert partner.post(step, {"action": "accept"}).status_code == 302
    refused = partner.post(step, {"action": "complete"})
    assert refused.status_code == 400
    assert "Say whether the person got help." in refused.content.decode()
    done = partner.post(step, {"action": "complete", "got_help": "yes", "note": "Plan signed."})
    assert done.status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.got_help, referral.outcome) == (
        ReferralStatus.COMPLETED,
        True,
        "Plan signed.",
    )
    # The social worker sees the feedback in the dossier's timeline.
    lines = TimelineEntry.unscoped.filter(dossier=referral.dossier, kind=TimelineKind.FEEDBACK)
    assert any("completed" in line.summary and "got help" in line.summary for line in lines)
    timeline = client_for(cast.user("ronse", Role.SOCIAL_WORKER)).get(
        reverse("dossiers:detail", kwargs={"dossier_id": referral.dossier_id})
    )
    assert "V2000-0204" in timeline.content.decode()


def test_a_step_on_a_closed_referral_gets_a_clear_message(
    cast: Cast, client_for: ClientFor
) -> None:
    referral = make_referral(cast, "ronse", reference="V2000-0205", status=ReferralStatus.CANCELLED)
    partner = client_for(cast.user("ronse", Role.PARTNER_WORKER))
    response = partner.post(
        reverse("referrals:transition", kwargs={"referral_id": referral.pk}), {"action": "accept"}
    )
    assert response.status_code == 400
    assert "This referral is closed" in response.content.decode()
    assert ReferralUpdate.unscoped.filter(referral=referral).count() == 1


def test_the_sender_sees_new_feedback_and_reading_it_clears_the_mark(
    cast: Cast, client_for: ClientFor
) -> None:
    referral = make_referral(
        cast,
        "ronse",
        reference="V2000-0206",
        status=ReferralStatus.ACCEPTED,
        unread_by_sender=True,
    )
    reception = client_for(cast.user("ronse", Role.RECEPTION))
    listing = reception.get(reverse("referrals:sent") + "?group=feedback").content.decode()
    assert "V2000-0206" in listing
    assert "New feedback" in listing
    reception.get(_detail(referral))
    referral.refresh_from_db()
    assert referral.unread_by_sender is False


def test_every_read_of_a_referral_is_in_the_access_log(cast: Cast, client_for: ClientFor) -> None:
    referral = example_referral(cast, "ronse")
    partner = cast.user("ronse", Role.PARTNER_WORKER)
    client_for(partner).get(_detail(referral))
    assert AccessLogEntry.unscoped.filter(
        actor=partner,
        action=Action.READ,
        object_type="referrals.referral",
        object_id=str(referral.pk),
        person_id=referral.person_id,
    ).exists()


def test_the_partner_proposes_an_appointment_at_the_office_day(
    cast: Cast, client_for: ClientFor
) -> None:
    from sociaalhuis.directory.models import Schedule
    from sociaalhuis.testing.examples.directory import social_house

    referral = make_referral(cast, "ronse", reference="V2000-0207", status=ReferralStatus.ACCEPTED)
    location = social_house(cast.ronse)
    Schedule.objects.create(
        service=referral.to_service,
        location=location,
        kind=Schedule.Kind.OFFICE_HOURS,
        weekday=timezone.localdate().isoweekday() % 7 + 1,
        opens_at="09:00",
        closes_at="11:00",
    )
    partner = client_for(cast.user("ronse", Role.PARTNER_WORKER))
    page = partner.get(reverse("referrals:book", kwargs={"referral_id": referral.pk}))
    assert page.status_code == 200
    slot = page.context["form"].fields["slot"].choices[0][0]
    booked = partner.post(
        reverse("referrals:book", kwargs={"referral_id": referral.pk}), {"slot": slot}
    )
    assert booked.status_code == 302
    referral.refresh_from_db()
    assert referral.appointment is not None
    assert referral.appointment.service_id == referral.to_service_id
    assert referral.appointment.person_id == referral.person_id
    assert referral.unread_by_sender is True

    # The same slot again (a double submit, or the sender booking at the same time),
    # with the referral as it was read before the first booking: refused, one booking.
    stale = Referral.unscoped.select_related("to_service").get(pk=referral.pk)
    stale.appointment = None
    worker = cast.user("ronse", Role.PARTNER_WORKER)
    with act_as(worker, cast.ronse), pytest.raises(ValidationError) as twice:
        services.referral_book_office_day(
            stale,
            actor=worker,
            starts_at=referral.appointment.starts_at,
            ends_at=referral.appointment.ends_at,
            location="",
        )
    assert twice.value.code == "already_booked"


@pytest.mark.parametrize(
    ("url_name", "role"),
    [("referrals:inbox", Role.PARTNER_WORKER), ("referrals:sent", Role.RECEPTION)],
)
def test_lists_run_a_fixed_number_of_queries_whatever_their_size(
    cast: Cast, client_for: ClientFor, url_name: str, role: str
) -> None:
    client = client_for(cast.user("ronse", role))
    for number in range(3):
        make_referral(cast, "ronse", reference=f"V2000-1{number:03d}")
    few = queries_for(client, reverse(url_name))
    for number in range(3, 30):
        make_referral(cast, "ronse", reference=f"V2000-1{number:03d}")
    many = queries_for(client, reverse(url_name))
    assert few == many


def test_the_dossier_page_lists_its_referrals_and_offers_to_refer(
    cast: Cast, client_for: ClientFor
) -> None:
    referral = example_referral(cast, "ronse")
    page = client_for(cast.user("ronse", Role.SOCIAL_WORKER)).get(
        reverse("dossiers:detail", kwargs={"dossier_id": referral.dossier_id})
    )
    body = page.content.decode()
    assert referral.reference in body
    assert f"{reverse('referrals:create')}?dossier={referral.dossier_id}" in body
    assert _detail(referral) in body


def test_my_work_shows_new_feedback_and_overdue_referrals(
    cast: Cast, client_for: ClientFor
) -> None:
    make_referral(
        cast,
        "ronse",
        reference="V2000-0301",
        status=ReferralStatus.ACCEPTED,
        unread_by_sender=True,
    )
    make_referral(
        cast,
        "ronse",
        reference="V2000-0302",
        response_due_on=timezone.localdate() - timedelta(days=2),
    )
    page = client_for(cast.user("ronse", Role.RECEPTION)).get(reverse("worklist:summary"))
    body = page.content.decode()
    assert "with new feedback" in body
    assert f"{reverse('referrals:sent')}?group=overdue" in body
    assert page.context["referral_counts"].sent_feedback == 1
    assert page.context["referral_counts"].sent_overdue == 1


def test_the_partners_home_page_counts_the_inbox(cast: Cast, client_for: ClientFor) -> None:
    make_referral(cast, "ronse", reference="V2000-0303")
    page = client_for(cast.user("ronse", Role.PARTNER_WORKER)).get(reverse("portal:home"))
    assert "Referrals for you" in page.content.decode()


def test_the_person_page_lists_referrals_without_their_contents(
    cast: Cast, client_for: ClientFor
) -> None:
    referral = example_referral(cast, "ronse")
    page = client_for(cast.user("ronse", Role.RECEPTION)).get(
        reverse("clients:person", kwargs={"person_id": referral.person_id})
    )
    body = page.content.decode()
    assert referral.reference in body
    assert referral.purpose not in body


def test_a_draft_edited_by_two_people_keeps_the_second_text_and_says_so(
    cast: Cast, client_for: ClientFor
) -> None:
    referral = make_referral(
        cast,
        "ronse",
        reference="V2000-0304",
        status=ReferralStatus.DRAFT,
        created_by=cast.user("ronse", Role.SOCIAL_WORKER),
    )
    client = client_for(cast.user("ronse", Role.SOCIAL_WORKER))
    Referral.unscoped.filter(pk=referral.pk).update(version=referral.version + 1)
    response = client.post(
        reverse("referrals:edit", kwargs={"referral_id": referral.pk}),
        {
            "version": referral.version,
            "target_kind": "service",
            "to_service": referral.to_service_id,
            "purpose": "My careful rewrite of the purpose.",
            "urgency": "urgent",
            "shared_fields": ["name"],
            "legal_basis": "consent",
            "consent": referral.consent_id,
            "idempotency_key": str(referral.idempotency_key),
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Someone changed this draft" in body
    assert "My careful rewrite of the purpose." in body
    referral.refresh_from_db()
    assert referral.purpose != "My careful rewrite of the purpose."


def test_reception_refers_from_a_help_question_at_the_desk(
    cast: Cast, client_for: ClientFor
) -> None:
    from uuid import uuid4

    from sociaalhuis.frontdesk.models import Contact, HelpQuestion
    from sociaalhuis.tenants.models import LifeDomain

    reception = cast.user("ronse", Role.RECEPTION)
    person = example_dossier(cast, "ronse").person
    contact = Contact.unscoped.create(
        municipality=cast.ronse,
        channel="desk",
        registered_by=reception,
        idempotency_key=uuid4(),
        person=person,
    )
    question = HelpQuestion.unscoped.create(
        municipality=cast.ronse,
        contact=contact,
        person=person,
        life_domain=LifeDomain.unscoped.filter(municipality=cast.ronse).order_by("pk")[0],
        description="Wants to learn Dutch in the evening.",
        outcome="referred",
        created_by=reception,
    )
    client = client_for(reception)
    contact_page = client.get(reverse("frontdesk:contact", kwargs={"contact_id": contact.pk}))
    assert f"{reverse('referrals:create')}?question={question.pk}" in contact_page.content.decode()
    colleague = cast.user("ronse", Role.SOCIAL_WORKER)
    response = client.post(
        reverse("referrals:create"),
        {
            "question": question.pk,
            "target_kind": "colleague",
            "to_user": colleague.pk,
            "purpose": "Wants to learn Dutch in the evening.",
            "urgency": "routine",
            "shared_fields": ["name", "question"],
            "idempotency_key": "2a4a7c55-6d07-4f65-9b58-2d1a5a6d7c01",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    referral = Referral.unscoped.get(idempotency_key="2a4a7c55-6d07-4f65-9b58-2d1a5a6d7c01")
    assert (referral.question_id, referral.to_user_id) == (question.pk, colleague.pk)
    assert referral.life_domain_id == question.life_domain_id


def test_a_mail_link_to_another_of_ones_municipalities_offers_the_switch_and_comes_back(
    cast: Cast, client_for: ClientFor
) -> None:
    referral = example_referral(cast, "kortrijk")
    partner = cast.user("ronse", Role.PARTNER_WORKER)
    kortrijk_partner = cast.user("kortrijk", Role.PARTNER_WORKER)
    # The same partner worker also serves Kortrijk, for the organisation referred to there.
    Membership.objects.create(
        user=partner,
        municipality=cast.kortrijk,
        role=Role.PARTNER_WORKER,
        organisation=Membership.objects.get(user=kortrijk_partner).organisation,
    )
    client = client_for(partner)
    client.post(reverse("accounts:switch_municipality"), {"municipality": cast.ronse.pk})
    link = f"{_detail(referral)}?municipality={cast.kortrijk.pk}"
    with translation.override("en"):
        offer = client.get(link)
    assert offer.status_code == 200
    body = offer.content.decode()
    assert "This referral is in Kortrijk" in body
    assert referral.reference not in body  # nothing of the referral before the switch
    assert "Mira Example" not in body

    switched = client.post(
        reverse("accounts:switch_municipality"),
        {"municipality": cast.kortrijk.pk, "next": _detail(referral)},
    )
    assert switched.status_code == 302
    assert switched["Location"] == _detail(referral)
    assert referral.reference in client.get(link).content.decode()


def test_a_mail_link_naming_a_municipality_not_ones_own_changes_nothing(
    cast: Cast, client_for: ClientFor
) -> None:
    referral = example_referral(cast, "ronse")
    client = client_for(cast.user("ronse", Role.PARTNER_WORKER))
    page = client.get(f"{_detail(referral)}?municipality={cast.kortrijk.pk}")
    assert page.status_code == 200
    assert referral.reference in page.content.decode()


def test_the_switch_never_sends_one_to_another_site(cast: Cast, client_for: ClientFor) -> None:
    user = cast.user("ronse", Role.SOCIAL_WORKER)
    Membership.objects.create(user=user, municipality=cast.kortrijk, role=Role.SOCIAL_WORKER)
    switched = client_for(user).post(
        reverse("accounts:switch_municipality"),
        {"municipality": cast.kortrijk.pk, "next": "https://evil.example/phish"},
    )
    assert switched.status_code == 302
    assert switched["Location"] == reverse("portal:home")


def test_a_draft_cancelled_before_sending_never_reaches_the_receiver(
    cast: Cast, client_for: ClientFor
) -> None:
    referral = make_referral(
        cast,
        "ronse",
        reference="V2000-0902",
        status=ReferralStatus.CANCELLED,
        sent_at=None,
        purpose="Private: the help question as the desk wrote it down.",
    )
    partner = client_for(cast.user("ronse", Role.PARTNER_WORKER))
    assert partner.get(_detail(referral)).status_code == 403
    inbox = partner.get(reverse("referrals:inbox") + "?group=all").content.decode()
    assert referral.reference not in inbox
    # The sender still sees their own cancelled draft.
    sender = client_for(referral.created_by)
    assert sender.get(_detail(referral)).status_code == 200
