"""The demo social map: from the seeds, idempotent, searchable, consistent."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from sociaalhuis.core import tenancy
from sociaalhuis.demo import social_map
from sociaalhuis.demo.social_map import CAW, GLORIEUX, HUURDERSBOND, service_uuid
from sociaalhuis.directory.models import (
    Capacity,
    CapacityUpdate,
    LifeDomainTerm,
    Location,
    Schedule,
    ScheduleException,
    Service,
    ServiceNeighbourhood,
    ServiceText,
    TaxonomyTerm,
)
from sociaalhuis.directory.queries import is_due_for_verification
from sociaalhuis.directory.search import SearchFilters, published_services, search
from sociaalhuis.directory.services import check_schedule
from sociaalhuis.tenants.models import LifeDomain, Municipality

pytestmark = pytest.mark.django_db

SH_RONSE = "Sociaal Huis Ronse"


def _load() -> None:
    call_command("load_demo_data", "--quiet-logins")


@pytest.fixture(scope="module")
def demo_map(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The demo loaded once for the read-only tests of this module, rolled back after.

    Each test still runs in its own savepoint inside this transaction (``db``).
    """
    with django_db_blocker.unblock(), transaction.atomic():
        _load()
        yield
        transaction.set_rollback(True)


def _ronse() -> Municipality:
    return Municipality.objects.get(slug="ronse")


def _counts() -> dict[str, object]:
    return {
        "services": sorted(Service.objects.values_list("uuid", "version", "status")),
        "texts": ServiceText.objects.count(),
        "locations": sorted(Location.objects.values_list("uuid", "name")),
        "schedules": sorted(Schedule.objects.values_list("uuid", "weekday", "opens_at")),
        "exceptions": ScheduleException.objects.count(),
        "capacity_updates": CapacityUpdate.objects.count(),
        "neighbourhood_links": ServiceNeighbourhood.unscoped.count(),
        "life_domain_links": LifeDomainTerm.unscoped.count(),
        "terms": TaxonomyTerm.objects.count(),
    }


def test_loading_the_map_twice_changes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    _load()
    first = _counts()
    _load()
    assert _counts() == first
    assert "0 new records" in capsys.readouterr().out.splitlines()[-1]


def test_a_second_run_writes_no_new_version_of_any_service() -> None:
    _load()
    _load()
    assert Service.objects.aggregate(highest=Max("version"))["highest"] == 1


def test_every_municipality_has_a_sociaal_huis_with_opening_hours_and_cells(demo_map: None) -> None:
    for municipality in Municipality.objects.filter(slug__in=["ronse", "harelbeke", "kortrijk"]):
        house = Location.objects.get(social_house_of=municipality)
        assert "voorbeeld" in house.description.lower()
        assert house.schedules.filter(kind=Schedule.Kind.OPENING_HOURS, service=None).count() > 5
        cells = set(
            Service.objects.filter(
                organisation__name=f"Sociaal Huis {municipality.name}"
            ).values_list("uuid", flat=True)
        )
        for code in ("financiele-hulp", "wonen", "kinderopvang", "werk", "juridische-hulp"):
            assert service_uuid(f"Sociaal Huis {municipality.name}", code) in cells


_SEARCHES = [
    ("huurachterstal", {(HUURDERSBOND, "adviespunt-huurders"), (CAW, "preventie-uithuiszetting")}),
    ("expulsion", {(HUURDERSBOND, "adviespunt-huurders"), (CAW, "preventie-uithuiszetting")}),
    ("loyer impayé", {(HUURDERSBOND, "adviespunt-huurders"), (CAW, "preventie-uithuiszetting")}),
    ("schulden", {(SH_RONSE, "financiele-hulp")}),
    ("dettes", {(SH_RONSE, "financiele-hulp")}),
    ("kinderopvang", {(SH_RONSE, "kinderopvang"), (GLORIEUX, "dringende-kinderopvang")}),
    ("garde d'enfants", {(SH_RONSE, "kinderopvang"), (GLORIEUX, "dringende-kinderopvang")}),
]


@pytest.mark.parametrize(("words", "expected"), _SEARCHES, ids=[words for words, _ in _SEARCHES])
def test_citizens_words_find_the_right_ronse_services(
    demo_map: None, words: str, expected: set[tuple[str, str]]
) -> None:
    ronse = _ronse()
    with tenancy.for_municipality(ronse.pk):
        results = search(ronse, SearchFilters(text=words), page_size=50)
    found = {service.uuid for service in results.services}
    assert not results.fuzzy
    assert {service_uuid(org, code) for org, code in expected} <= found


def test_the_best_match_for_huurachterstal_comes_from_the_housing_offer(demo_map: None) -> None:
    ronse = _ronse()
    with tenancy.for_municipality(ronse.pk):
        first = search(ronse, SearchFilters(text="huurachterstal")).services[0]
    assert first.uuid in {
        service_uuid(HUURDERSBOND, "adviespunt-huurders"),
        service_uuid(CAW, "preventie-uithuiszetting"),
        service_uuid(SH_RONSE, "wonen"),
    }


def test_office_days_fall_within_the_opening_hours_of_the_sociaal_huis(demo_map: None) -> None:
    office_days = Schedule.objects.filter(kind=Schedule.Kind.OFFICE_HOURS).select_related(
        "location", "service"
    )
    assert office_days.filter(location__social_house_of__slug="ronse").count() >= 5
    for schedule in office_days:
        assert schedule.location is not None
        assert schedule.location.social_house_of_id is not None
        assert "voorbeeld" in schedule.notes
        check_schedule(schedule)  # raises ValidationError when outside the opening hours


def test_the_huurdersbond_holds_office_on_the_second_tuesday_morning(demo_map: None) -> None:
    slot = Schedule.objects.get(
        kind=Schedule.Kind.OFFICE_HOURS,
        service__uuid=service_uuid(HUURDERSBOND, "adviespunt-huurders"),
    )
    assert (slot.weekday, slot.week_of_month) == (2, 2)
    assert (slot.opens_at.hour, slot.closes_at.hour) == (9, 12)


def test_an_office_day_outside_the_opening_hours_would_be_refused(demo_map: None) -> None:
    slot = Schedule.objects.get(
        kind=Schedule.Kind.OFFICE_HOURS,
        service__uuid=service_uuid(HUURDERSBOND, "adviespunt-huurders"),
    )
    slot.weekday = 6  # Saturday: the Sociaal Huis is closed
    with pytest.raises(ValidationError):
        check_schedule(slot)


def test_a_few_services_are_due_for_verification_and_most_are_recent(demo_map: None) -> None:
    demo = Service.objects.filter(uuid__in=social_map.service_ids())
    due = [service for service in demo if is_due_for_verification(service)]
    assert 3 <= len(due) <= 4
    recent = timezone.localdate() - timedelta(days=90)
    assert demo.filter(last_verified_on__gte=recent).count() > demo.count() * 3 // 4


def test_every_ronse_service_has_a_french_text(demo_map: None) -> None:
    ronse_services = published_services(_ronse())
    assert ronse_services.count() >= 20
    for service in ronse_services:
        french = service.texts.get(language="fr")
        assert french.name
        assert french.description
        assert french.keywords


def test_dutch_texts_address_the_citizen_and_list_documents_one_per_line(demo_map: None) -> None:
    for text in ServiceText.objects.filter(language="nl"):
        words = set(text.description.replace(",", " ").replace("?", " ").lower().split())
        assert words & {"u", "uw"}, text.name
        assert all(len(line) < 120 for line in text.document_lines())


def test_capacity_mixes_open_limited_and_full_with_a_history(demo_map: None) -> None:
    demo = Service.objects.filter(uuid__in=social_map.service_ids())
    capacities = set(demo.values_list("capacity", flat=True))
    assert {Capacity.OPEN, Capacity.LIMITED, Capacity.FULL} <= capacities
    assert not demo.filter(capacity_confirmed_at=None).exists()
    assert not demo.annotate(history=Count("capacity_updates")).filter(history__lt=2).exists()


def test_the_buddy_project_works_in_all_five_attention_neighbourhoods(demo_map: None) -> None:
    ronse = _ronse()
    with tenancy.for_municipality(ronse.pk):
        names = set(
            ServiceNeighbourhood.objects.filter(
                service__uuid=service_uuid(CAW, "buddyproject")
            ).values_list("neighbourhood__name", flat=True)
        )
    assert names == {"Prinskouter", "Ninovestraat", "Marijve", "Scheldekouter", "Stookt"}


def test_every_life_domain_covers_rubrics_so_its_filter_finds_services(demo_map: None) -> None:
    ronse = _ronse()
    with tenancy.for_municipality(ronse.pk):
        unmapped = LifeDomain.objects.filter(map_terms=None)
        assert not unmapped.exists()
        housing = LifeDomain.objects.get(code="huisvesting")
        found = {s.uuid for s in search(ronse, SearchFilters(life_domain=housing)).services}
    assert service_uuid(HUURDERSBOND, "adviespunt-huurders") in found


def test_a_regional_service_appears_in_each_municipality_it_serves(demo_map: None) -> None:
    shelter = Service.objects.get(uuid=service_uuid("Sociaal Huis Kortrijk", "winternachtopvang"))
    for slug in ("kortrijk", "harelbeke"):
        assert published_services(Municipality.objects.get(slug=slug)).filter(pk=shelter.pk)
