"""The demo referrals: made through the referral services, idempotent, isolated per municipality."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.test import RequestFactory
from django.utils import timezone

from sociaalhuis.accounts.models import Membership, User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import AccessLogEntry, Action
from sociaalhuis.clients.models import Consent, ConsentPurpose, Identity
from sociaalhuis.core import tenancy
from sociaalhuis.demo import referrals as demo
from sociaalhuis.demo import seeds
from sociaalhuis.demo.social_map import CAW, HUURDERSBOND, UILENSPEL, service_uuid
from sociaalhuis.directory.models import Service
from sociaalhuis.dossiers.models import TimelineEntry
from sociaalhuis.referrals import queries
from sociaalhuis.referrals.models import (
    OutgoingMail,
    ReasonCode,
    Referral,
    ReferralSettings,
    ReferralStatus,
    ReferralUpdate,
    ServiceResponseTime,
    Side,
    TargetKind,
)
from sociaalhuis.tenants.models import Municipality
from sociaalhuis.testing import act_as

pytestmark = pytest.mark.django_db

# The status each demo referral of Ronse ends in (by its plan's key).
EXPECTED = {
    "caw-preventie-uithuiszetting-an": ReferralStatus.COMPLETED,
    "uilenspel-studieondersteuning-an": ReferralStatus.DECLINED,
    "grijkoort-activering-an": ReferralStatus.SENT,
    "huurdersbond-adviespunt-an": ReferralStatus.IN_PROGRESS,
    "cel-huisvesting-huurpremie-an": ReferralStatus.DRAFT,
    "collega-woning-fatima": ReferralStatus.SENT,
    "glorieux-kinderopvang-fatima": ReferralStatus.CANCELLED,
    "cel-financiele-hulp-pierre": ReferralStatus.RECEIVED,
    "huurdersbond-huurwaarborg-fatima": ReferralStatus.SENT,
}


def _load() -> None:
    call_command("load_demo_data", "--quiet-logins")


@pytest.fixture(scope="module")
def demo_data(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The demo loaded once for the read-only tests of this module, rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        _load()
        yield
        transaction.set_rollback(True)


def _municipality(slug: str) -> Municipality:
    return Municipality.objects.get(slug=slug)


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _ronse_referral(key: str) -> Referral:
    ronse = _municipality("ronse")
    return Referral.unscoped.get(municipality=ronse, idempotency_key=demo.demo_key("ronse", key))


def _snapshot() -> dict[str, object]:
    return {
        "referrals": sorted(
            Referral.unscoped.values_list(
                "municipality__slug",
                "reference",
                "idempotency_key",
                "status",
                "version",
                "created_at",
                "sent_at",
                "received_at",
                "accepted_at",
                "closed_at",
                "status_changed_at",
                "response_due_on",
                "shared_data",
            )
        ),
        "updates": sorted(
            ReferralUpdate.unscoped.values_list("referral__reference", "at", "to_status", "note")
        ),
        "timeline": TimelineEntry.unscoped.count(),
        "consents": sorted(Consent.unscoped.values_list("person_id", "purpose", "given_on")),
        "settings": sorted(
            ReferralSettings.unscoped.values_list("municipality__slug", "default_response_days")
        ),
        "response_times": sorted(
            ServiceResponseTime.unscoped.values_list(
                "municipality__slug", "service__uuid", "response_days"
            )
        ),
        "mails": OutgoingMail.unscoped.count(),
        "access_log": AccessLogEntry.unscoped.count(),
        "identities": Identity.unscoped.count(),
    }


def test_loading_twice_makes_no_second_referral_or_step() -> None:
    _load()
    first = _snapshot()
    _load()
    assert _snapshot() == first
    # Nine in Ronse, one in Kortrijk, none in Harelbeke; numbered per municipality.
    per_municipality = dict(
        Referral.unscoped.values_list("municipality__slug").annotate(n=Count("pk"))
    )
    assert per_municipality == {"ronse": len(EXPECTED), "kortrijk": 1}


def test_the_referrals_are_in_the_planned_statuses(demo_data: None) -> None:
    for key, status in EXPECTED.items():
        assert _ronse_referral(key).status == status, key
    kortrijk = Referral.unscoped.get(municipality=_municipality("kortrijk"))
    assert kortrijk.status == ReferralStatus.SENT
    assert kortrijk.target_kind == TargetKind.COLLEAGUE
    assert kortrijk.to_user is not None
    assert kortrijk.to_user.email == f"regio@{seeds.DEMO_EMAIL_DOMAIN}"


def test_the_feedback_is_what_the_receivers_gave(demo_data: None) -> None:
    completed = _ronse_referral("caw-preventie-uithuiszetting-an")
    assert completed.got_help is True
    assert completed.outcome.startswith("De verhuurder aanvaardt")
    assert completed.handled_by is not None
    assert completed.handled_by.email == f"partner-caw.ronse@{seeds.DEMO_EMAIL_DOMAIN}"
    assert completed.sent_at is not None
    assert completed.closed_at is not None
    assert completed.sent_at < completed.accepted_at < completed.closed_at  # type: ignore[operator]

    declined = _ronse_referral("uilenspel-studieondersteuning-an")
    assert declined.reason_code == ReasonCode.NO_CAPACITY
    assert declined.to_organisation is not None
    assert declined.to_organisation.name == UILENSPEL

    cancelled = _ronse_referral("glorieux-kinderopvang-fatima")
    assert cancelled.reason_code == ReasonCode.NO_LONGER_INTERESTED
    last = ReferralUpdate.unscoped.filter(referral=cancelled).order_by("at", "pk").last()
    assert last is not None
    assert (last.side, last.to_status) == (Side.SENDER, ReferralStatus.CANCELLED)

    in_progress = _ronse_referral("huurdersbond-adviespunt-an")
    history = list(ReferralUpdate.unscoped.filter(referral=in_progress).order_by("at", "pk"))
    assert [u.to_status for u in history if u.to_status] == [
        ReferralStatus.DRAFT,
        ReferralStatus.SENT,
        ReferralStatus.ACCEPTED,
        ReferralStatus.IN_PROGRESS,
    ]
    assert history[-1].side == Side.RECEIVER
    assert history[-1].note  # a message from the partner, after starting
    assert in_progress.unread_by_sender


def test_the_steps_went_through_the_services(demo_data: None) -> None:
    """Timeline lines, the disclosure in the access log, the receivers' e-mails."""
    referral = _ronse_referral("huurdersbond-adviespunt-an")
    assert referral.dossier is not None
    lines = TimelineEntry.unscoped.filter(
        dossier=referral.dossier, object_type="referrals.referral", object_id=str(referral.pk)
    )
    assert lines.count() == 4  # sent, accepted, in progress, the partner's message
    exports = AccessLogEntry.unscoped.filter(
        object_type="referrals.referral", object_id=str(referral.pk), action=Action.EXPORT
    )
    assert exports.count() == 1
    assert referral.shared_data["name"] == "An Voorbeeld"
    assert set(referral.shared_data) <= set(referral.shared_fields)
    assert OutgoingMail.unscoped.filter(
        referral=referral, to_address=f"partner.ronse@{seeds.DEMO_EMAIL_DOMAIN}"
    ).exists()


def test_response_times_and_an_overdue_referral(demo_data: None) -> None:
    today = timezone.localdate()
    ronse = _municipality("ronse")
    with tenancy.for_municipality(ronse.pk):
        assert ReferralSettings.objects.get().default_response_days == 10
        agreed = {
            row.service.uuid: row.response_days
            for row in ServiceResponseTime.objects.select_related("service")
        }
    assert agreed[service_uuid(HUURDERSBOND, "adviespunt-huurders")] == 5
    assert agreed[service_uuid(CAW, "preventie-uithuiszetting")] == 7
    fresh = _ronse_referral("huurdersbond-huurwaarborg-fatima")
    assert fresh.response_due_on == today + timedelta(days=5)
    assert not fresh.is_overdue
    overdue = _ronse_referral("grijkoort-activering-an")
    assert overdue.is_overdue
    assert overdue.sent_at is not None
    sent_on = timezone.localtime(overdue.sent_at).date()
    assert overdue.response_due_on == sent_on + timedelta(days=10)
    harelbeke = _municipality("harelbeke")
    assert ReferralSettings.unscoped.get(municipality=harelbeke).default_response_days == 14


def test_consent_for_every_person_referred_to_a_partner(demo_data: None) -> None:
    ronse = _municipality("ronse")
    external = Referral.unscoped.filter(municipality=ronse, target_kind=TargetKind.SERVICE)
    assert external.count() == 6
    for referral in external:
        assert referral.consent is not None
        assert referral.consent.purpose == ConsentPurpose.REFERRAL
        assert referral.consent.person_id == referral.person_id
    internal = Referral.unscoped.filter(municipality=ronse).exclude(target_kind=TargetKind.SERVICE)
    assert not internal.filter(consent__isnull=False).exists()


def test_the_huurdersbond_partner_worker_answers_for_the_huurdersbond_of_the_map(
    demo_data: None,
) -> None:
    ronse = _municipality("ronse")
    partner = _user(f"partner.ronse@{seeds.DEMO_EMAIL_DOMAIN}")
    membership = Membership.objects.get(user=partner, municipality=ronse)
    assert membership.role == Role.PARTNER_WORKER
    huurdersbond = Service.objects.get(uuid=service_uuid(HUURDERSBOND, "adviespunt-huurders"))
    assert membership.organisation == huurdersbond.organisation
    with act_as(partner, ronse):
        inbox = queries.inbox(partner, queries.ReferralFilter(group=queries.StatusGroup.ALL))
        seen = {(r.to_organisation_id, r.status) for r in inbox}
    assert seen == {
        (huurdersbond.organisation_id, ReferralStatus.IN_PROGRESS),
        (huurdersbond.organisation_id, ReferralStatus.SENT),
    }


def test_the_other_partner_logins(demo_data: None) -> None:
    ronse = _municipality("ronse")
    for local, organisation in (("partner-caw", CAW), ("partner-uilenspel", UILENSPEL)):
        user = _user(f"{local}.ronse@{seeds.DEMO_EMAIL_DOMAIN}")
        assert "Demo" in user.full_name
        membership = Membership.objects.get(user=user, municipality=ronse)
        assert membership.role == Role.PARTNER_WORKER
        assert membership.organisation is not None
        assert membership.organisation.name == organisation


def test_nothing_of_ronse_is_visible_in_kortrijk(demo_data: None) -> None:
    ronse, kortrijk, harelbeke = (
        _municipality("ronse"),
        _municipality("kortrijk"),
        _municipality("harelbeke"),
    )
    regional = _user(f"regio@{seeds.DEMO_EMAIL_DOMAIN}")
    ronse_ids = set(Referral.unscoped.filter(municipality=ronse).values_list("pk", flat=True))
    assert ronse_ids
    with act_as(regional, kortrijk):
        visible = list(Referral.objects.all())
        assert [r.municipality_id for r in visible] == [kortrijk.pk]
        assert not ReferralUpdate.objects.filter(referral_id__in=ronse_ids).exists()
        assert not Consent.objects.exists()
        assert ReferralSettings.objects.get().default_response_days == 7
        inbox = queries.inbox(regional, queries.ReferralFilter(group=queries.StatusGroup.ALL))
        assert [r.pk for r in inbox] == [visible[0].pk]
        request = RequestFactory().get("/")
        request.user = regional
        for pk in ronse_ids:
            with pytest.raises(Http404):
                queries.referral_for(request, pk)
    # The same user in Harelbeke: no referral at all.
    with act_as(regional, harelbeke):
        assert not Referral.objects.exists()
        assert not queries.inbox(
            regional, queries.ReferralFilter(group=queries.StatusGroup.ALL)
        ).exists()
