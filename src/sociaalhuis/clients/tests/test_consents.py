"""Consents: recorded, withdrawn (never deleted), and which ones hold on a day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import AccessLogEntry
from sociaalhuis.clients.consents import services as consent_services
from sociaalhuis.clients.consents.queries import active_consents
from sociaalhuis.clients.consents.services import ConsentInput
from sociaalhuis.clients.models import Consent, ConsentPurpose
from sociaalhuis.core import tenancy
from sociaalhuis.dossiers.models import TimelineEntry, TimelineKind
from sociaalhuis.dossiers.plan import services as plan_services
from sociaalhuis.dossiers.tests.factories import DossierFactory
from sociaalhuis.testing import Cast

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _input(**changes: object) -> ConsentInput:
    values: dict[str, object] = {
        "purpose": ConsentPurpose.REFERRAL,
        "scope": "Income and housing data, for the CAW",
        "given_on": TODAY(),
    }
    values.update(changes)
    return ConsentInput(**values)  # type: ignore[arg-type]


def test_a_consent_recorded_in_a_dossier_is_active_and_on_the_timeline(cast: Cast) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        consent = plan_services.dossier_consent_record(dossier, actor=worker, data=_input())
        assert list(active_consents(dossier.person)) == [consent]  # type: ignore[arg-type]
        assert consent.dossier_id == dossier.pk
        assert TimelineEntry.objects.filter(dossier=dossier, kind=TimelineKind.CONSENT).exists()
        assert AccessLogEntry.objects.filter(
            object_type="clients.consent", person_id=dossier.person_id
        ).exists()


def test_a_withdrawn_consent_is_no_longer_active_but_stays_on_record(cast: Cast) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        consent = plan_services.dossier_consent_record(
            dossier, actor=worker, data=_input(given_on=TODAY() - timedelta(days=10))
        )
        plan_services.dossier_consent_withdraw(
            dossier, consent, actor=worker, withdrawn_on=TODAY(), note="Changed her mind"
        )
        person = dossier.person
        assert person is not None
        assert not active_consents(person).exists()
        # Yesterday it still held.
        assert active_consents(person, on=TODAY() - timedelta(days=1)).count() == 1
        assert Consent.objects.get(pk=consent.pk).withdrawal_note == "Changed her mind"
        with pytest.raises(ValidationError) as again:
            consent_services.consent_withdraw(consent, actor=worker, withdrawn_on=TODAY(), note="")
    assert again.value.code == "withdrawn"


def test_an_expired_consent_or_one_for_another_purpose_does_not_count(cast: Cast) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    person = dossier.person
    assert person is not None
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        consent_services.consent_record(
            person,
            actor=worker,
            data=_input(
                given_on=TODAY() - timedelta(days=30), valid_until=TODAY() - timedelta(days=1)
            ),
        )
        sharing = consent_services.consent_record(
            person, actor=worker, data=_input(purpose=ConsentPurpose.SHARING)
        )
        assert list(active_consents(person)) == [sharing]
        assert not active_consents(person, purpose=ConsentPurpose.REFERRAL).exists()


def test_a_consent_for_one_organisation_does_not_cover_another(cast: Cast) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    person = dossier.person
    assert person is not None
    ours, theirs = cast.organisations["ronse"], cast.organisations["kortrijk"]
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        named = consent_services.consent_record(
            person, actor=worker, data=_input(organisation=ours)
        )
        assert list(active_consents(person, organisation=ours)) == [named]
        assert not active_consents(person, organisation=theirs).exists()
        general = consent_services.consent_record(person, actor=worker, data=_input())
        assert list(active_consents(person, organisation=theirs)) == [general]


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"given_on": TODAY() + timedelta(days=1)}, "given_on", "future"),
        ({"valid_until": TODAY() - timedelta(days=1)}, "valid_until", "ends_before"),
        ({"scope": "  "}, "scope", "required"),
    ],
)
def test_bad_consent_input_is_refused_with_a_reason(
    cast: Cast, changes: dict[str, object], field: str, code: str
) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        with pytest.raises(ValidationError) as refused:
            plan_services.dossier_consent_record(dossier, actor=worker, data=_input(**changes))
        assert not Consent.objects.filter(person=dossier.person).exists()
    assert refused.value.error_dict[field][0].code == code


def test_reception_cannot_record_a_consent(cast: Cast) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    with cast.acting("ronse", Role.RECEPTION) as reception, pytest.raises(PermissionDenied):
        consent_services.consent_record(dossier.person, actor=reception, data=_input())  # type: ignore[arg-type]


def test_the_consent_screen_withdraws_and_keeps_the_record(
    cast: Cast, client_for: Callable[[User], Client]
) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    client = client_for(cast.user("ronse", Role.SOCIAL_WORKER))
    url = f"/dossiers/{dossier.pk}/consents/"
    response = client.post(
        url,
        {
            "purpose": ConsentPurpose.SHARING,
            "scope": "Budget overview for the debt counsellor",
            "form": "written",
            "given_on": TODAY().isoformat(),
        },
    )
    assert response.status_code == 302
    with tenancy.activate(tenancy.TenantContext(municipality_id=cast.ronse.pk)):
        consent = Consent.objects.get(person=dossier.person)
    withdraw = f"/dossiers/{dossier.pk}/consents/{consent.pk}/withdraw/"
    future = client.post(withdraw, {"withdrawn_on": (TODAY() + timedelta(days=2)).isoformat()})
    assert future.status_code == 400
    assert client.post(withdraw, {"withdrawn_on": TODAY().isoformat()}).status_code == 302
    page = client.get(url)
    assert "Budget overview for the debt counsellor" in page.content.decode()
    with tenancy.activate(tenancy.TenantContext(municipality_id=cast.ronse.pk)):
        assert Consent.objects.get(pk=consent.pk).withdrawn_on == TODAY()
