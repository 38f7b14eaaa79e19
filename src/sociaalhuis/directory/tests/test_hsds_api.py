"""Anyone can read a municipality's map as Open Referral HSDS 3.0, and only that map."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sociaalhuis.directory.hsds import serialise
from sociaalhuis.directory.models import Schedule, ServiceAtLocation, TaxonomyTerm
from sociaalhuis.directory.tests.factories import ServiceFactory
from sociaalhuis.directory.tests.hsds_support import (
    RonseMap,
    object_schema,
    operation_schema,
    page_schema,
    problems,
    ronse_map,
)
from sociaalhuis.testing import KORTRIJK_ONLY_MARKERS, Cast

__all__ = ["ronse_map"]

Arguments = Callable[[RonseMap], dict[str, Any]]


def _url(name: str, slug: str = "ronse", query: str = "", **kwargs: Any) -> str:
    url = reverse(f"api:hsds_{name}", kwargs={"municipality": slug, **kwargs})
    return f"{url}?{query}" if query else url


def _get(client: Client, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.content
    return response.json()


def _ids(page: dict[str, Any]) -> set[str]:
    return {item["id"] for item in page["contents"]}


# Every operation and the HSDS schema its answer must satisfy.
OPERATIONS: list[tuple[str, Arguments, str, dict[str, Any]]] = [
    ("root", lambda m: {}, "", operation_schema("/")),
    ("services", lambda m: {}, "", operation_schema("/services")),
    ("services", lambda m: {}, "full=true", page_schema("service.json")),
    ("services", lambda m: {}, "lang=fr&search=logement", operation_schema("/services")),
    ("service", lambda m: {"id": m.full.uuid}, "", object_schema("service.json")),
    ("organizations", lambda m: {}, "", operation_schema("/organizations")),
    ("organizations", lambda m: {}, "full=true", page_schema("organization.json")),
    ("organization", lambda m: {"id": m.organisation.uuid}, "", object_schema("organization.json")),
    (
        "organization",
        lambda m: {"id": m.organisation.uuid},
        "full_service=true",
        object_schema("organization.json"),
    ),
    ("service_at_locations", lambda m: {}, "", operation_schema("/service_at_locations")),
    (
        "service_at_location",
        lambda m: {"id": ServiceAtLocation.objects.filter(service=m.full).first().uuid},  # type: ignore[union-attr]
        "",
        object_schema("service_at_location.json"),
    ),
    ("locations", lambda m: {}, "", page_schema("location.json")),
    ("location", lambda m: {"id": m.office.uuid}, "", object_schema("location.json")),
    ("schedules", lambda m: {}, "", page_schema("schedule.json")),
    ("taxonomies", lambda m: {}, "", operation_schema("/taxonomies")),
    ("taxonomy", lambda m: {"id": m.taxonomy.uuid}, "", object_schema("taxonomy.json")),
    ("taxonomy_terms", lambda m: {}, "per_page=100", operation_schema("/taxonomy_terms")),
    ("taxonomy_term", lambda m: {"id": m.term.uuid}, "", object_schema("taxonomy_term.json")),
]


@pytest.mark.parametrize(
    ("name", "arguments", "query", "schema"),
    OPERATIONS,
    ids=[f"{name}?{query}" for name, _a, query, _s in OPERATIONS],
)
def test_every_answer_is_valid_hsds_and_needs_no_account(
    client: Client,
    ronse_map: RonseMap,
    name: str,
    arguments: Arguments,
    query: str,
    schema: dict[str, Any],
) -> None:
    answer = _get(client, _url(name, query=query, **arguments(ronse_map)))
    assert problems(answer, schema) == []


def test_the_openapi_document_describes_every_hsds_operation_with_a_summary(
    client: Client, db: None
) -> None:
    document = _get(client, reverse("api:openapi-json"))
    operations = [
        operation
        for path, item in document["paths"].items()
        if path.startswith("/api/v1/hsds/")
        for operation in item.values()
    ]
    assert len(operations) == 14
    assert all(operation.get("summary") for operation in operations)


# --- What is on the map -------------------------------------------------------------


def test_only_published_services_serving_the_municipality_are_listed(
    client: Client, ronse_map: RonseMap
) -> None:
    assert _ids(_get(client, _url("services"))) == {
        str(ronse_map.full.uuid),
        str(ronse_map.simple.uuid),
    }


@pytest.mark.parametrize("which", ["draft", "archived", "kortrijk"])
def test_a_service_not_on_the_map_is_not_found(
    client: Client, ronse_map: RonseMap, which: str
) -> None:
    service = getattr(ronse_map, which)
    answer = _get(client, _url("service", id=service.uuid), status=404)
    assert answer["detail"]


def test_the_other_municipality_sees_its_own_map_only(
    client: Client, cast: Cast, ronse_map: RonseMap
) -> None:
    # The fully described service serves both municipalities; the simple one Ronse only.
    assert _ids(_get(client, _url("services", "kortrijk"))) == {
        str(ronse_map.kortrijk.uuid),
        str(ronse_map.full.uuid),
    }
    _get(client, _url("service", "kortrijk", id=ronse_map.simple.uuid), status=404)


def test_a_municipality_never_shows_another_municipalitys_life_domains(
    client: Client, ronse_map: RonseMap
) -> None:
    page = _get(client, _url("taxonomy_terms", query="per_page=100"))
    names = " ".join(item["name"] for item in page["contents"])
    assert not any(marker in names for marker in KORTRIJK_ONLY_MARKERS)


def test_an_unknown_municipality_answers_404_in_json(client: Client, ronse_map: RonseMap) -> None:
    assert _get(client, _url("services", "atlantis"), status=404)["detail"]


def test_an_unknown_id_answers_404(client: Client, ronse_map: RonseMap) -> None:
    answer = _get(
        client, _url("taxonomy_term", id="2c1d43a4-89a5-4f7c-9d3c-1e2f3a4b5c6d"), status=404
    )
    assert answer["detail"]


@pytest.mark.parametrize(
    ("name", "query", "kwargs"),
    [
        ("services", "page=0", {}),
        ("services", "per_page=1000", {}),
        ("services", "organization_id=not-a-uuid", {}),
        ("services", "modified_after=yesterday", {}),
        ("services", "lang=de", {}),
        ("service", "", {"id": "not-a-uuid"}),
    ],
)
def test_bad_parameters_answer_422_with_a_reason(
    client: Client, ronse_map: RonseMap, name: str, query: str, kwargs: dict[str, Any]
) -> None:
    answer = _get(client, _url(name, query=query, **kwargs), status=422)
    assert answer["detail"][0]["msg"]


# --- Pages, filters, languages -------------------------------------------------------


def test_a_page_says_where_it_is_in_the_list(client: Client, ronse_map: RonseMap) -> None:
    page = _get(client, _url("services", query="per_page=1&page=2"))
    assert {key: value for key, value in page.items() if key != "contents"} == {
        "total_items": 2,
        "total_pages": 2,
        "page_number": 2,
        "size": 1,
        "first_page": False,
        "last_page": True,
        "empty": False,
    }


def test_a_page_after_the_last_is_empty(client: Client, ronse_map: RonseMap) -> None:
    page = _get(client, _url("services", query="page=9"))
    assert (page["empty"], page["contents"]) == (True, [])


def test_search_finds_a_service_in_the_citizens_words(client: Client, ronse_map: RonseMap) -> None:
    assert _ids(_get(client, _url("services", query="search=huurpremie"))) == {
        str(ronse_map.simple.uuid)
    }


def test_a_life_domain_term_finds_the_services_of_its_rubrics(
    client: Client, cast: Cast, ronse_map: RonseMap
) -> None:
    term = serialise.life_domain_term_id(cast.ronse.nis_code, "huisvesting")
    page = _get(client, _url("services", query=f"taxonomy_term_id={term}"))
    assert _ids(page) == {str(ronse_map.full.uuid)}


def test_a_taxonomy_finds_the_services_with_one_of_its_terms(
    client: Client, ronse_map: RonseMap
) -> None:
    page = _get(client, _url("services", query=f"taxonomy_id={ronse_map.taxonomy.uuid}"))
    assert _ids(page) == {str(ronse_map.full.uuid)}


def test_modified_after_leaves_out_older_services(client: Client, ronse_map: RonseMap) -> None:
    page = _get(client, _url("services", query="modified_after=2999-01-01T00:00:00Z"))
    assert page["total_items"] == 0


def test_minimal_services_carry_only_what_changed_when(client: Client, ronse_map: RonseMap) -> None:
    page = _get(client, _url("services", query="minimal=true"))
    assert {frozenset(item) for item in page["contents"]} == {
        frozenset({"id", "name", "status", "last_modified"})
    }


def test_the_language_parameter_picks_the_texts(client: Client, ronse_map: RonseMap) -> None:
    answer = _get(client, _url("service", query="lang=fr", id=ronse_map.full.uuid))
    assert answer["name"] == "Trouver un logement social"


def test_a_nested_service_carries_the_extension(client: Client, ronse_map: RonseMap) -> None:
    answer = _get(client, _url("service", id=ronse_map.full.uuid))
    extension = answer["x_sociaalhuis"]
    assert (extension["capacity"]["status"], extension["neighbourhoods"]) == (
        "limited",
        ["Prinskouter"],
    )


def test_schedules_list_hours_then_exceptions_across_pages(
    client: Client, ronse_map: RonseMap
) -> None:
    everything = _get(client, _url("schedules", query="per_page=100"))
    count = _get(client, _url("schedules", query="per_page=3"))["total_pages"]
    pages = [
        _get(client, _url("schedules", query=f"per_page=3&page={n}")) for n in range(1, count + 1)
    ]
    assert [item["id"] for page in pages for item in page["contents"]] == [
        item["id"] for item in everything["contents"]
    ]


# --- Query counts -------------------------------------------------------------------


def _busy_service(ronse_map: RonseMap, cast: Cast, number: int) -> None:
    service = ServiceFactory.create(
        organisation=ronse_map.organisation,
        serves=[cast.ronse],
        name=f"Dienst {number}",
        french={"name": f"Service {number}", "description": "Aide."},
        terms=[ronse_map.term, *TaxonomyTerm.objects.filter(code="wonen")],
        locations=[str(ronse_map.office.uuid)],
        languages=["nl", "fr"],
    )
    Schedule.objects.create(service=service, weekday=1, opens_at="09:00", closes_at="12:00")


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("services", "per_page=100"),
        ("services", "per_page=100&full=true"),
        ("services", "per_page=100&search=dienst"),
        ("organizations", "per_page=100&full=true"),
        ("locations", "per_page=100"),
        ("service_at_locations", "per_page=100"),
        ("schedules", "per_page=100"),
        ("taxonomy_terms", "per_page=100"),
    ],
)
def test_a_page_takes_as_many_queries_for_25_services_as_for_2(
    client: Client, cast: Cast, ronse_map: RonseMap, name: str, query: str
) -> None:
    _busy_service(ronse_map, cast, 0)
    few = _queries(client, _url(name, query=query))
    for number in range(1, 24):
        _busy_service(ronse_map, cast, number)
    assert _queries(client, _url(name, query=query)) == few


def test_a_fully_nested_service_takes_as_many_queries_as_a_bare_one(
    client: Client, cast: Cast, ronse_map: RonseMap
) -> None:
    # (A service at no location at all skips the prefetches of locations' hours.)
    located = ServiceFactory.create(
        organisation=ronse_map.organisation,
        serves=[cast.ronse],
        locations=[str(ronse_map.office.uuid)],
    )
    bare = _queries(client, _url("service", id=located.uuid))
    assert _queries(client, _url("service", id=ronse_map.full.uuid)) == bare
