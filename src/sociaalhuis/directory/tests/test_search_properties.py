"""Whatever a citizen types, a municipality's social map shows only its own services.

Two made-up municipalities share an organisation and a vocabulary: each word names
a service that serves only the first, one that serves only the second, and one that
serves both; a draft serves the first. Random queries (words of the map, their
prefixes, typos, other words) must never bring up a service that does not serve the
municipality searched, nor a draft, on any page. Runs on SQLite and, in the
PostgreSQL pass, through full text, the typo path and the denormalised visibility.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sociaalhuis.core import tenancy
from sociaalhuis.directory.models import Organisation
from sociaalhuis.directory.search import PAGE_SIZE, SearchFilters, search
from sociaalhuis.directory.tests.factories import ServiceFactory
from sociaalhuis.tenants.models import Municipality

pytestmark = pytest.mark.django_db

WORDS = (
    "huurachterstal",
    "schuldhulpverlening",
    "kinderopvang",
    "energiepremie",
    "budgetbegeleiding",
    "taallessen",
    "vervoer",
    "gezondheidszorg",
)


@dataclass(frozen=True)
class Map:
    first: Municipality
    second: Municipality
    serving: dict[int, set[int]]  # municipality id -> ids of the published services


@pytest.fixture
def two_maps() -> Map:
    first = Municipality.objects.create(nis_code="99011", name="Eerstegem", slug="eerstegem")
    second = Municipality.objects.create(nis_code="99012", name="Tweedegem", slug="tweedegem")
    organisation = Organisation.objects.create(name="Gedeelde Hulp vzw")
    organisation.municipalities.add(first, second)
    serving: dict[int, set[int]] = {first.pk: set(), second.pk: set()}
    for word in WORDS:
        for serves, label in (
            ([first], "Eerstegem"),
            ([second], "Tweedegem"),
            ([first, second], "regio"),
        ):
            service = ServiceFactory.create(
                organisation=organisation,
                serves=serves,
                name=f"{word.capitalize()} {label}",
                description=f"Hulp bij {word} voor de inwoners van {label}.",
                keywords=word,
                french={"name": f"Aide {word}", "description": f"Aide pour {word}."},
            )
            for municipality in serves:
                serving[municipality.pk].add(service.pk)
        ServiceFactory.create(
            organisation=organisation,
            serves=[first],
            name=f"{word.capitalize()} ontwerp",
            draft=True,
        )
    return Map(first, second, serving)


def _typo(word: str, position: int) -> str:
    position %= len(word)
    return word[:position] + word[position + 1 :]


query_word = st.one_of(
    st.sampled_from(WORDS),
    st.builds(lambda w, n: w[: max(3, n)], st.sampled_from(WORDS), st.integers(3, 12)),
    st.builds(_typo, st.sampled_from(WORDS), st.integers(0, 20)),
    st.sampled_from(["hulp", "aide", "eerstegem", "tweedegem", "regio", "ontwerp", "inwoners"]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzéè ", max_size=10),
)
queries = st.lists(query_word, max_size=4).map(" ".join)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=queries, second=st.booleans(), free=st.booleans())
def test_a_search_never_shows_a_service_that_does_not_serve_the_municipality(
    two_maps: Map, text: str, second: bool, free: bool
) -> None:
    municipality = two_maps.second if second else two_maps.first
    own = two_maps.serving[municipality.pk]
    filters = SearchFilters(text=text, free=free)
    with tenancy.for_municipality(municipality.pk):
        results = search(municipality, filters, page_size=PAGE_SIZE)
        found = {service.pk for service in results.services}
        for page in range(2, results.pages + 1):
            found |= {s.pk for s in search(municipality, filters, page=page).services}
    assert found <= own, f"{text!r} in {municipality.name} found {sorted(found - own)}"
    assert results.total <= len(own)
