"""Referring: to whom one may refer, on which basis, what is shared, double submits."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sociaalhuis.accounts.models import Cell, User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import AccessLogEntry, Action
from sociaalhuis.clients.models import Consent, ConsentPurpose, Identity
from sociaalhuis.directory.models import Service
from sociaalhuis.directory.tests.factories import ServiceFactory
from sociaalhuis.dossiers.models import TimelineEntry, TimelineKind
from sociaalhuis.referrals import services
from sociaalhuis.referrals.models import (
    LegalBasis,
    Referral,
    ReferralSettings,
    ReferralStatus,
    ServiceResponseTime,
    TargetKind,
)
from sociaalhuis.referrals.services import ReferralInput
from sociaalhuis.testing import Cast, act_as
from sociaalhuis.testing.examples.directory import example_service
from sociaalhuis.testing.examples.dossiers import example_dossier
from sociaalhuis.testing.examples.referrals import partner_service, referral_consent


def _to_partner(cast: Cast, **changes: object) -> ReferralInput:
    dossier = example_dossier(cast, "ronse")
    data = ReferralInput(
        person=dossier.person,  # type: ignore[arg-type]
        target_kind=TargetKind.SERVICE,
        purpose="Help with rent arrears.",
        to_service=partner_service(cast, "ronse"),
        dossier=dossier,
        shared_fields=["name", "phone"],
        legal_basis=LegalBasis.CONSENT,
        consent=referral_consent(cast, "ronse"),
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def _error_code(error: ValidationError, field: str) -> str:
    return str(error.error_dict[field][0].code)


@pytest.fixture
def worker(cast: Cast) -> User:
    return cast.user("ronse", Role.SOCIAL_WORKER)


def test_a_social_worker_refers_from_the_dossier_and_sends_after_the_preview(
    cast: Cast, worker: User
) -> None:
    Identity.unscoped.filter(person=example_dossier(cast, "ronse").person).update(
        phone="055 21 00 00", birth_date="1985-07-30"
    )
    with act_as(worker, cast.ronse):
        referral, created = services.referral_create(_to_partner(cast), actor=worker)
        assert created
        assert referral.status == ReferralStatus.DRAFT
        assert referral.reference.startswith(f"V{timezone.localdate().year}-")
        assert services.preview(referral) == {"name": "Mira Example", "phone": "055 21 00 00"}
        sent = services.referral_send(referral, actor=worker, based_on_version=referral.version)
    assert sent.status == ReferralStatus.SENT
    # Exactly what was ticked, fixed at sending: not the birth date, not the dossier.
    assert sent.shared_data == {"name": "Mira Example", "phone": "055 21 00 00"}
    disclosure = AccessLogEntry.unscoped.get(
        object_type="referrals.referral", object_id=str(sent.pk), action=Action.EXPORT
    )
    assert "Phone number" in disclosure.reason
    assert disclosure.person_id == sent.person_id
    line = TimelineEntry.unscoped.filter(dossier=sent.dossier).latest("pk")
    assert (line.kind, line.object_id) == (TimelineKind.REFERRAL, str(sent.pk))


def test_the_answer_date_comes_from_the_service_or_the_municipality(
    cast: Cast, worker: User
) -> None:
    service = partner_service(cast, "ronse")
    with act_as(worker, cast.ronse):
        ReferralSettings.objects.create(default_response_days=14)
        referral, _created = services.referral_create(_to_partner(cast), actor=worker)
        assert referral.response_due_on == timezone.localdate() + timedelta(days=14)
        ServiceResponseTime.objects.create(service=service, response_days=5)
        other, _created = services.referral_create(_to_partner(cast), actor=worker)
        assert other.response_due_on == timezone.localdate() + timedelta(days=5)


def test_a_referral_to_a_partner_needs_consent_or_shared_professional_secrecy(
    cast: Cast, worker: User
) -> None:
    with act_as(worker, cast.ronse):
        with pytest.raises(ValidationError) as no_basis:
            services.referral_create(_to_partner(cast, legal_basis="", consent=None), actor=worker)
        assert _error_code(no_basis.value, "legal_basis") == "no_legal_basis"
        with pytest.raises(ValidationError) as no_consent:
            services.referral_create(_to_partner(cast, consent=None), actor=worker)
        assert _error_code(no_consent.value, "consent") == "no_consent"
        with pytest.raises(ValidationError) as unexplained:
            services.referral_create(
                _to_partner(cast, legal_basis=LegalBasis.SHARED_SECRECY, consent=None),
                actor=worker,
            )
        assert _error_code(unexplained.value, "legal_basis_note") == "required"
        referral, _created = services.referral_create(
            _to_partner(
                cast,
                legal_basis=LegalBasis.SHARED_SECRECY,
                consent=None,
                legal_basis_note="Joint guidance agreed in the case consultation of 2 December.",
            ),
            actor=worker,
        )
    assert referral.legal_basis == LegalBasis.SHARED_SECRECY
    assert not Referral.unscoped.filter(consent__isnull=True, legal_basis="consent").exists()


def test_a_consent_for_another_organisation_does_not_cover_the_referral(
    cast: Cast, worker: User
) -> None:
    dossier = example_dossier(cast, "ronse")
    assert dossier.person is not None  # the example dossier is a person's
    for_someone_else = Consent.unscoped.create(
        municipality=cast.ronse,
        person=dossier.person,
        purpose=ConsentPurpose.REFERRAL,
        scope="Only for the OCMW's debt mediation.",
        organisation=cast.organisations["kortrijk"],
        given_on=timezone.localdate(),
        recorded_by=worker,
    )
    with act_as(worker, cast.ronse), pytest.raises(ValidationError) as refused:
        services.referral_create(_to_partner(cast, consent=for_someone_else), actor=worker)
    assert _error_code(refused.value, "consent") == "no_consent"


def test_a_consent_withdrawn_after_the_draft_stops_the_sending(cast: Cast, worker: User) -> None:
    person = example_dossier(cast, "ronse").person
    assert person is not None  # the example dossier is a person's
    consent = Consent.unscoped.create(
        municipality=cast.ronse,
        person=person,
        purpose=ConsentPurpose.SHARING,
        scope="Name and phone for the Huurdersbond.",
        given_on=timezone.localdate(),
        recorded_by=worker,
    )
    with act_as(worker, cast.ronse):
        draft, _created = services.referral_create(_to_partner(cast, consent=consent), actor=worker)
        Consent.objects.filter(pk=consent.pk).update(withdrawn_on=timezone.localdate())
        with pytest.raises(ValidationError) as refused:
            services.referral_send(draft, actor=worker, based_on_version=draft.version)
    assert _error_code(refused.value, "consent") == "no_consent"
    draft.refresh_from_db()
    assert draft.status == ReferralStatus.DRAFT
    assert draft.shared_data == {}


def test_an_inactive_service_or_one_that_does_not_serve_us_is_refused(
    cast: Cast, worker: User
) -> None:
    archived = ServiceFactory.create(
        organisation=cast.organisations["ronse"],
        serves=[cast.ronse],
        name="Closed service",
        archived=True,
    )
    elsewhere = example_service(cast.organisations["kortrijk"], cast.kortrijk)
    with act_as(worker, cast.ronse):
        with pytest.raises(ValidationError) as inactive:
            services.referral_create(_to_partner(cast, to_service=archived), actor=worker)
        assert _error_code(inactive.value, "to_service") == "inactive_service"
        with pytest.raises(ValidationError) as not_ours:
            services.referral_create(_to_partner(cast, to_service=elsewhere), actor=worker)
        assert _error_code(not_ours.value, "to_service") == "not_serving_municipality"
    assert not Service.objects.filter(pk=elsewhere.pk, municipalities=cast.ronse).exists()


def test_nobody_refers_to_themselves_or_to_a_colleague_without_casework(
    cast: Cast, worker: User
) -> None:
    dossier = example_dossier(cast, "ronse")
    base = {"target_kind": TargetKind.COLLEAGUE, "to_service": None, "dossier": dossier}
    with act_as(worker, cast.ronse):
        with pytest.raises(ValidationError) as to_self:
            services.referral_create(_to_partner(cast, to_user=worker, **base), actor=worker)
        assert _error_code(to_self.value, "to_user") == "to_self"
        with pytest.raises(ValidationError) as not_colleague:
            services.referral_create(
                _to_partner(cast, to_user=cast.user("ronse", Role.DPO), **base), actor=worker
            )
        assert _error_code(not_colleague.value, "to_user") == "not_colleague"
        with pytest.raises(ValidationError) as other_town:
            services.referral_create(
                _to_partner(cast, to_user=cast.user("kortrijk", Role.SOCIAL_WORKER), **base),
                actor=worker,
            )
        assert _error_code(other_town.value, "to_user") == "not_colleague"
        to_colleague, _created = services.referral_create(
            _to_partner(cast, to_user=cast.user("ronse", Role.CELL_SPECIALIST), **base),
            actor=worker,
        )
    # Within the Sociaal Huis no consent is needed: the data stay with the same controller.
    assert to_colleague.legal_basis == LegalBasis.INTERNAL


def test_an_inactive_cell_takes_no_referrals(cast: Cast, worker: User) -> None:
    cell = Cell.unscoped.create(
        municipality=cast.ronse, code="old", name_nl="Oude cel", active=False
    )
    with act_as(worker, cast.ronse), pytest.raises(ValidationError) as refused:
        services.referral_create(
            _to_partner(cast, target_kind=TargetKind.CELL, to_cell=cell, to_service=None),
            actor=worker,
        )
    assert _error_code(refused.value, "to_cell") == "inactive_cell"


def test_sharing_an_unknown_field_is_refused(cast: Cast, worker: User) -> None:
    with act_as(worker, cast.ronse), pytest.raises(ValidationError) as refused:
        services.referral_create(_to_partner(cast, shared_fields=["name", "income"]), actor=worker)
    assert _error_code(refused.value, "shared_fields") == "unknown_field"


def test_a_double_submit_makes_one_referral(cast: Cast, worker: User) -> None:
    key = uuid.uuid4()
    with act_as(worker, cast.ronse):
        first, created = services.referral_create(
            _to_partner(cast), actor=worker, idempotency_key=key
        )
        second, created_again = services.referral_create(
            _to_partner(cast), actor=worker, idempotency_key=key
        )
        sent = services.referral_send(first, actor=worker, based_on_version=first.version)
        again = services.referral_send(first, actor=worker, based_on_version=first.version)
    assert (created, created_again) == (True, False)
    assert first.pk == second.pk
    assert sent.version == again.version
    assert Referral.unscoped.filter(idempotency_key=key).count() == 1


def test_only_the_dossiers_care_team_refers_from_it(cast: Cast) -> None:
    reception = cast.user("ronse", Role.RECEPTION)
    with act_as(reception, cast.ronse), pytest.raises(PermissionDenied):
        services.referral_create(_to_partner(cast), actor=reception)


def test_roles_that_do_not_refer_are_refused(cast: Cast) -> None:
    partner = cast.user("ronse", Role.PARTNER_WORKER)
    with act_as(partner, cast.ronse), pytest.raises(PermissionDenied):
        services.referral_create(_to_partner(cast), actor=partner)
