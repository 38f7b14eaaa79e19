"""Citizens find services in their own words, in Dutch or French, typos forgiven."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sociaalhuis.core import tenancy
from sociaalhuis.directory.models import PublicationStatus, Schedule, ScheduleException, Service
from sociaalhuis.directory.search import SearchFilters, normalise, search
from sociaalhuis.directory.tests.factories import ServiceFactory, TaxonomyTermFactory
from sociaalhuis.testing import Cast


@pytest.fixture
def ronse_map(cast: Cast) -> dict[str, Service]:
    tenants = cast.organisations["ronse"]
    tenants.municipalities.add(cast.ronse)
    return {
        "huurders": ServiceFactory.create(
            organisation=tenants,
            serves=[cast.ronse],
            name="Huurdersbond: hulp bij huurachterstal",
            description="Wij helpen huurders met problemen met hun verhuurder.",
            keywords="huurschuld, uithuiszetting, opzeg",
            french={
                "name": "Syndicat des locataires",
                "description": "Aide en cas de loyer impayé et de menace d'expulsion.",
                "keywords": "expulsion, loyer impayé",
            },
            is_free=True,
            languages=["nl", "fr"],
        ),
        "schulden": ServiceFactory.create(
            organisation=tenants,
            serves=[cast.ronse],
            name="Schuldhulpverlening",
            description="Budgetbegeleiding en schuldbemiddeling door het OCMW.",
            french={"name": "Médiation de dettes", "description": "Aide pour vos dettes."},
        ),
        "opvang": ServiceFactory.create(
            organisation=tenants,
            serves=[cast.ronse],
            name="Kinderopvang",
            description="Een plaats voor uw kind terwijl u werkt of een opleiding volgt.",
        ),
        "draft": ServiceFactory.create(
            organisation=tenants, serves=[cast.ronse], name="Huurachterstal (ontwerp)", draft=True
        ),
        "kortrijk": ServiceFactory.create(
            organisation=cast.organisations["kortrijk"],
            serves=[cast.kortrijk],
            name="Huurachterstal Kortrijk",
        ),
    }


def _found(cast: Cast, text: str, **filters: object) -> list[str]:
    with tenancy.for_municipality(cast.ronse.pk):
        results = search(cast.ronse, SearchFilters(text=text, **filters))  # type: ignore[arg-type]
        return [service.display_name for service in results.services]


def test_normalise_drops_accents_case_and_punctuation() -> None:
    assert normalise("Financiële  HULP, à l'aide!") == "financiele hulp a l aide"


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("huurachterstal", "Huurdersbond: hulp bij huurachterstal"),
        ("schulden", "Schuldhulpverlening"),
        ("kinderopvang", "Kinderopvang"),
        ("uithuiszetting", "Huurdersbond: hulp bij huurachterstal"),
    ],
)
def test_a_citizen_finds_the_service_in_dutch(
    cast: Cast, ronse_map: dict[str, Service], words: str, expected: str
) -> None:
    assert _found(cast, words)[0] == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [("expulsion", "Huurdersbond: hulp bij huurachterstal"), ("dettes", "Schuldhulpverlening")],
)
def test_a_citizen_finds_the_service_in_french(
    cast: Cast, ronse_map: dict[str, Service], words: str, expected: str
) -> None:
    assert expected in _found(cast, words)


@pytest.mark.parametrize("typo", ["huurachterstall", "kinderopfang", "schuldhulpverleening"])
def test_typos_are_forgiven(cast: Cast, ronse_map: dict[str, Service], typo: str) -> None:
    assert _found(cast, typo), f"nothing found for {typo!r}"


def test_drafts_and_services_of_other_municipalities_never_show(
    cast: Cast, ronse_map: dict[str, Service]
) -> None:
    found = _found(cast, "huurachterstal")
    assert "Huurachterstal (ontwerp)" not in found
    assert "Huurachterstal Kortrijk" not in found


def test_an_archived_service_disappears_from_the_search(
    cast: Cast, ronse_map: dict[str, Service]
) -> None:
    Service.objects.filter(pk=ronse_map["opvang"].pk).update(status=PublicationStatus.ARCHIVED)
    assert "Kinderopvang" not in _found(cast, "kinderopvang")


@pytest.mark.parametrize(
    "hostile", ["'; DROP TABLE directory_service; --", "<script>x</script>", "&|!:*()"]
)
def test_sql_or_html_in_a_search_is_just_words(
    cast: Cast, ronse_map: dict[str, Service], hostile: str
) -> None:
    _found(cast, hostile)
    assert Service.objects.count() == 5


def test_filters_narrow_the_results(cast: Cast, ronse_map: dict[str, Service]) -> None:
    assert _found(cast, "", free=True) == ["Huurdersbond: hulp bij huurachterstal"]
    assert _found(cast, "", spoken_language="fr") == ["Huurdersbond: hulp bij huurachterstal"]


def test_target_group_filter(cast: Cast, ronse_map: dict[str, Service]) -> None:
    families = TaxonomyTermFactory.create(
        taxonomy__code="doelgroepen", code="gezinnen", name_nl="Gezinnen met kinderen"
    )
    ronse_map["opvang"].terms.add(families)
    assert _found(cast, "", target_group=families) == ["Kinderopvang"]


def test_open_now_respects_hours_and_closing_days(
    cast: Cast, ronse_map: dict[str, Service]
) -> None:
    service = ronse_map["opvang"]
    tuesday_ten = timezone.make_aware(datetime(2026, 11, 24, 10, 0))
    Schedule.objects.create(service=service, weekday=2, opens_at=time(9), closes_at=time(12))
    with tenancy.for_municipality(cast.ronse.pk):
        open_now = search(cast.ronse, SearchFilters(open_now=True), at=tuesday_ten)
        assert [s.pk for s in open_now.services] == [service.pk]
        ScheduleException.objects.create(service=service, date=tuesday_ten.date(), closed=True)
        assert search(cast.ronse, SearchFilters(open_now=True), at=tuesday_ten).total == 0


def test_a_page_of_results_takes_the_same_number_of_queries_whatever_its_size(
    cast: Cast, ronse_map: dict[str, Service]
) -> None:
    def count() -> int:
        with tenancy.for_municipality(cast.ronse.pk), CaptureQueriesContext(connection) as queries:
            search(cast.ronse, SearchFilters(text="hulp"))
            search(cast.ronse, SearchFilters())
        return len(queries)

    few = count()
    for number in range(12):
        ServiceFactory.create(
            organisation=cast.organisations["ronse"],
            serves=[cast.ronse],
            name=f"Extra hulp {number}",
            languages=["nl"],
        )
    assert count() == few


def test_results_are_paginated(cast: Cast, ronse_map: dict[str, Service]) -> None:
    for number in range(25):
        ServiceFactory.create(
            organisation=cast.organisations["ronse"],
            serves=[cast.ronse],
            name=f"Extra hulp {number}",
        )
    with tenancy.for_municipality(cast.ronse.pk):
        first = search(cast.ronse, SearchFilters(text="hulp"), page=1)
        last = search(cast.ronse, SearchFilters(text="hulp"), page=99)
    assert len(first.services) == 20
    assert first.has_next
    assert last.page == first.pages
    assert not last.has_next
