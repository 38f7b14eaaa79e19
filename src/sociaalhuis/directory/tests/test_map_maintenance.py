"""Partners propose, administrators publish; nothing is overwritten or lost."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.core import tenancy
from sociaalhuis.directory import services
from sociaalhuis.directory.content import snapshot_of
from sociaalhuis.directory.models import (
    Capacity,
    PublicationStatus,
    Schedule,
    Service,
    ServiceRevision,
)
from sociaalhuis.directory.tests.factories import ServiceFactory, TaxonomyTermFactory
from sociaalhuis.testing import Cast
from sociaalhuis.testing.examples.directory import example_service, social_house

ClientFor = Callable[[User], Client]


def _outside_opening_hours(error: ValidationError) -> bool:
    return error.code == "outside_opening_hours"


@pytest.fixture
def service(cast: Cast) -> Service:
    return example_service(cast.organisations["ronse"], cast.ronse)


def _renamed(service: Service, name: str) -> dict:
    data = snapshot_of(service)
    data["texts"]["nl"]["name"] = name
    return data


def test_a_partners_change_waits_for_approval_then_is_published(
    cast: Cast, service: Service
) -> None:
    with cast.acting("ronse", Role.PARTNER_WORKER):
        outcome = services.service_propose(
            service, _renamed(service, "Nieuwe naam"), base_version=service.version
        )
    assert not outcome.published
    assert outcome.revision.status == ServiceRevision.Status.PENDING
    service.refresh_from_db()
    assert service.display_name != "Nieuwe naam"
    with cast.acting("ronse", Role.MUNICIPALITY_ADMIN):
        services.revision_approve(outcome.revision)
    service.refresh_from_db()
    assert service.display_name == "Nieuwe naam"
    assert list(service.revisions.values_list("status", flat=True)) == [
        ServiceRevision.Status.APPROVED
    ]


def test_an_administrators_change_is_published_at_once_and_kept_in_the_history(
    cast: Cast, service: Service
) -> None:
    with cast.acting("ronse", Role.MUNICIPALITY_ADMIN):
        outcome = services.service_propose(
            service, _renamed(service, "Direct"), base_version=service.version
        )
    assert outcome.published
    service.refresh_from_db()
    assert service.display_name == "Direct"
    assert service.revisions.get().author == cast.user("ronse", Role.MUNICIPALITY_ADMIN)


def test_a_partner_cannot_touch_another_organisation(cast: Cast) -> None:
    other = example_service(cast.organisations["kortrijk"], cast.ronse)
    with cast.acting("ronse", Role.PARTNER_WORKER), pytest.raises(PermissionDenied):
        services.service_propose(other, _renamed(other, "Gekaapt"), base_version=other.version)
    assert not other.revisions.exists()


def test_a_rejection_needs_a_reason_and_changes_nothing(cast: Cast, service: Service) -> None:
    with cast.acting("ronse", Role.PARTNER_WORKER):
        outcome = services.service_propose(
            service, _renamed(service, "Fout"), base_version=service.version
        )
    with cast.acting("ronse", Role.MUNICIPALITY_ADMIN):
        with pytest.raises(ValidationError):
            services.revision_reject(outcome.revision, "  ")
        services.revision_reject(outcome.revision, "Naam klopt niet")
        with pytest.raises(ValidationError):
            services.revision_approve(outcome.revision)
    service.refresh_from_db()
    assert service.display_name != "Fout"


def test_a_stale_proposal_is_not_approved_over_a_newer_version(
    cast: Cast, service: Service
) -> None:
    with cast.acting("ronse", Role.PARTNER_WORKER):
        outcome = services.service_propose(
            service, _renamed(service, "Oud"), base_version=service.version
        )
    with cast.acting("ronse", Role.MUNICIPALITY_ADMIN):
        services.service_propose(
            service, _renamed(service, "Nieuwer"), base_version=service.version
        )
        with pytest.raises(ValidationError) as refused:
            services.revision_approve(outcome.revision)
        assert refused.value.code == "stale"
    service.refresh_from_db()
    assert service.display_name == "Nieuwer"


def test_two_editors_never_silently_overwrite_each_other(cast: Cast, service: Service) -> None:
    opened = service.version
    with cast.acting("ronse", Role.MUNICIPALITY_ADMIN):
        services.service_propose(service, _renamed(service, "Eerste"), base_version=opened)
        with pytest.raises(services.VersionConflictError):
            services.service_propose(service, _renamed(service, "Tweede"), base_version=opened)
    service.refresh_from_db()
    assert service.display_name == "Eerste"


def test_the_second_editor_sees_the_conflict_and_keeps_what_they_typed(
    cast: Cast, service: Service, client_for: ClientFor
) -> None:
    client = client_for(cast.user("ronse", Role.MUNICIPALITY_ADMIN))
    url = f"/social-map/services/{service.pk}/edit/"
    form = client.get(url).context["form"]
    data = {
        key: value
        for key, value in form.initial.items()
        if value is not None and not isinstance(value, list)
    }
    data |= {
        "municipalities": [cast.ronse.nis_code],
        "nl_name": "Mijn versie",
        "nl_description": "Mijn tekst",
    }
    with cast.acting("ronse", Role.MUNICIPALITY_ADMIN):
        services.service_propose(
            service, _renamed(service, "Iemand anders"), base_version=service.version
        )
    response = client.post(url, data)
    assert response.status_code == 409
    assert "Mijn tekst" in response.content.decode()
    assert "Iemand anders" in response.content.decode()


def test_capacity_is_confirmed_at_once_with_its_history(cast: Cast, service: Service) -> None:
    with cast.acting("ronse", Role.PARTNER_WORKER):
        services.capacity_confirm(service, Capacity.FULL, 30, "wachtlijst")
        services.capacity_confirm(service, Capacity.OPEN, 30)
    service.refresh_from_db()
    assert (service.capacity, service.waiting_days) == (Capacity.OPEN, None)
    assert service.capacity_updates.count() == 2


@pytest.mark.parametrize(
    ("opens", "closes", "code"),
    [(time(12), time(9), "order"), (time(10), time(11), "overlap")],
)
def test_impossible_or_overlapping_hours_are_refused(
    cast: Cast, service: Service, opens: time, closes: time, code: str
) -> None:
    Schedule.objects.create(service=service, weekday=1, opens_at=time(9), closes_at=time(12))
    with (
        cast.acting("ronse", Role.MUNICIPALITY_ADMIN),
        pytest.raises(ValidationError) as refused,
    ):
        services.schedule_add(
            Schedule(service=service, weekday=1, opens_at=opens, closes_at=closes)
        )
    assert refused.value.code == code


def test_office_hours_must_fall_within_the_opening_hours_of_the_sociaal_huis(
    cast: Cast, service: Service
) -> None:
    house = social_house(cast.ronse, opens=time(8, 30), closes=time(16))
    office = Schedule.Kind.OFFICE_HOURS
    with cast.acting("ronse", Role.MUNICIPALITY_ADMIN):
        with pytest.raises(ValidationError, check=_outside_opening_hours):
            services.schedule_add(
                Schedule(
                    kind=office,
                    service=service,
                    location=house,
                    weekday=2,
                    opens_at=time(15),
                    closes_at=time(18),
                )
            )
        with pytest.raises(ValidationError, check=_outside_opening_hours):
            services.schedule_add(
                Schedule(
                    kind=office,
                    service=service,
                    location=house,
                    weekday=6,
                    opens_at=time(9),
                    closes_at=time(11),
                )
            )
        services.schedule_add(
            Schedule(
                kind=office,
                service=service,
                location=house,
                weekday=2,
                opens_at=time(9),
                closes_at=time(12),
            )
        )
    assert service.schedules.filter(kind=office).count() == 1


def test_an_invalid_kbo_number_is_refused_with_a_clear_message(
    cast: Cast, client_for: ClientFor
) -> None:
    client = client_for(cast.user("ronse", Role.MUNICIPALITY_ADMIN))
    response = client.post(
        "/social-map/organisations/new/",
        {"name": "Nieuwe vzw", "kbo_number": "0403.170.702", "active": "on"},
    )
    assert response.status_code == 400
    assert "kbo_number" in response.context["form"].errors
    assert "0403.170.702" in response.content.decode()


def test_a_partner_sees_only_their_own_organisation(cast: Cast, client_for: ClientFor) -> None:
    client = client_for(cast.user("ronse", Role.PARTNER_WORKER))
    own, other = cast.organisations["ronse"], cast.organisations["kortrijk"]
    listing = client.get("/social-map/organisations/").content.decode()
    assert own.name in listing
    assert other.name not in listing
    assert client.get(f"/social-map/organisations/{other.pk}/").status_code == 404


def test_a_partner_creates_a_service_that_stays_a_draft_until_approved(
    cast: Cast, client_for: ClientFor
) -> None:
    client = client_for(cast.user("ronse", Role.PARTNER_WORKER))
    organisation = cast.organisations["ronse"]
    organisation.municipalities.add(cast.ronse)
    response = client.post(
        f"/social-map/organisations/{organisation.pk}/services/new/",
        {
            "nl_name": "Praatcafé",
            "nl_description": "Elke week koffie en een babbel.",
            "municipalities": [cast.ronse.nis_code],
        },
    )
    assert response.status_code == 302
    created = Service.objects.get(texts__name="Praatcafé")
    assert created.status == PublicationStatus.DRAFT
    assert created.revisions.get().status == ServiceRevision.Status.PENDING


def test_the_worklist_shows_services_not_checked_for_a_year(
    cast: Cast, client_for: ClientFor
) -> None:
    old = ServiceFactory.create(
        organisation=cast.organisations["ronse"],
        serves=[cast.ronse],
        name="Oud aanbod",
        last_verified_on="2024-01-01",
    )
    cast.organisations["ronse"].municipalities.add(cast.ronse)
    client = client_for(cast.user("ronse", Role.MUNICIPALITY_ADMIN))
    assert "Oud aanbod" in client.get("/social-map/to-verify/").content.decode()
    client.post(f"/social-map/services/{old.pk}/verify/", {"next": "worklist"})
    assert "Oud aanbod" not in client.get("/social-map/to-verify/").content.decode()


def test_an_administrator_marks_the_neighbourhoods_a_service_works_in(
    cast: Cast, service: Service
) -> None:
    from sociaalhuis.directory.models import ServiceNeighbourhood
    from sociaalhuis.tenants.models import Neighbourhood

    with cast.acting("ronse", Role.MUNICIPALITY_ADMIN):
        prinskouter = Neighbourhood.objects.get()
        services.service_neighbourhoods_set(service, [prinskouter.pk])
        services.service_neighbourhoods_set(service, [prinskouter.pk])
        assert list(ServiceNeighbourhood.objects.values_list("neighbourhood", flat=True)) == [
            prinskouter.pk
        ]
    with cast.acting("ronse", Role.PARTNER_WORKER), pytest.raises(PermissionDenied):
        services.service_neighbourhoods_set(service, [])


def test_an_administrator_links_a_life_domain_to_rubrics_and_citizens_can_filter_on_it(
    cast: Cast, service: Service, client_for: ClientFor
) -> None:
    from sociaalhuis.tenants.models import LifeDomain

    housing = TaxonomyTermFactory.create(
        taxonomy__code="sociale-kaart-rubrieken", code="wonen-test", name_nl="Wonen"
    )
    service.terms.add(housing)
    with tenancy.for_municipality(cast.ronse.pk):
        domain = LifeDomain.objects.first()
    assert domain is not None
    client = client_for(cast.user("ronse", Role.MUNICIPALITY_ADMIN))
    client.post("/social-map/life-domains/", {f"domain-{domain.pk}": [str(housing.pk)]})
    page = Client().get("/ronse/", {"life_domain": domain.pk}).content.decode()
    assert service.display_name in page


def test_the_reviewer_reads_field_names_and_names_not_codes(
    cast: Cast, service: Service, client_for: ClientFor
) -> None:
    data = _renamed(service, "Nieuwe naam")
    data["municipalities"] = [cast.ronse.nis_code, cast.kortrijk.nis_code]
    with cast.acting("ronse", Role.PARTNER_WORKER):
        outcome = services.service_propose(service, data, base_version=service.version)
    client = client_for(cast.user("ronse", Role.MUNICIPALITY_ADMIN))
    page = client.get(f"/social-map/changes/{outcome.revision.pk}/").content.decode()
    assert "texts.nl.name" not in page
    assert "(NL)" in page
    assert "Kortrijk" in page
    assert cast.kortrijk.nis_code not in page
