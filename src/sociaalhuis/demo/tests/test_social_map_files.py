"""The demo social map files: valid HSDS 3.0, one home per object, dates moved to today."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import pytest
from django.core.management import call_command

from sociaalhuis.core.datafiles import DataFileError
from sociaalhuis.demo import social_map
from sociaalhuis.demo.social_map import SAMENLEVINGSOPBOUW, dated, document
from sociaalhuis.directory.models import Organisation
from sociaalhuis.directory.tests.hsds_support import object_schema, problems

SCHEMAS = {
    "organizations": "organization.json",
    "locations": "location.json",
    "taxonomies": "taxonomy.json",
    "taxonomy_terms": "taxonomy_term.json",
    "services": "service.json",
}


@pytest.mark.parametrize("slug", social_map.FILES)
@pytest.mark.parametrize("key", SCHEMAS)
def test_every_object_in_the_demo_files_is_valid_hsds_3(slug: str, key: str) -> None:
    items = document(slug)[key]
    assert items
    assert [error for item in items for error in problems(item, object_schema(SCHEMAS[key]))] == []


@pytest.mark.parametrize("key", ["organizations", "locations", "services"])
def test_each_organisation_location_and_service_is_written_in_one_file_only(key: str) -> None:
    ids = Counter(item["id"] for slug in social_map.FILES for item in document(slug)[key])
    assert [identifier for identifier, times in ids.items() if times > 1] == []


@pytest.mark.parametrize("slug", social_map.FILES)
def test_the_core_fields_say_what_the_texts_in_the_document_language_say(slug: str) -> None:
    """Plain HSDS readers see the core fields, our importer the texts: they must agree."""
    content = document(slug)
    for service in content["services"]:
        text = service["x_sociaalhuis"]["texts"][content["language"]]
        assert service["name"] == text["name"]
        assert service["description"] == text["description"]
        documents = [item["document"] for item in service["required_documents"]]
        assert documents == text["required_documents"].splitlines()


def test_a_closing_day_moves_to_its_next_occurrence_and_verification_keeps_its_age() -> None:
    content = document("ronse")
    written = date.fromisoformat(content["x_sociaalhuis"]["dates_as_of"])
    today = date(written.year + 2, 12, 26)
    house = next(item for item in content["locations"] if item["x_sociaalhuis"]["social_house_of"])
    service = content["services"][0]
    before = date.fromisoformat(service["assured_date"])

    moved = dated(document("ronse"), today)

    house = next(item for item in moved["locations"] if item["id"] == house["id"])
    closing_days = {
        item["notes"]: item["valid_from"] for item in house["schedules"] if "dtstart" in item
    }
    assert closing_days["Kerstmis (feestdag)"] == f"{today.year + 1}-12-25"
    assert closing_days["Nieuwjaar (feestdag)"] == f"{today.year + 1}-01-01"
    after = date.fromisoformat(
        next(s for s in moved["services"] if s["id"] == service["id"])["assured_date"]
    )
    assert today - after == written - before


def test_a_winter_opening_is_the_current_winter_during_the_winter() -> None:
    today = date(2031, 2, 10)
    moved = dated(document("kortrijk"), today)
    periods = {
        (item["valid_from"], item["valid_to"])
        for service in moved["services"]
        for item in service["schedules"]
        if item.get("freq") and item.get("valid_to")
    }
    assert periods == {("2030-11-01", "2031-03-31")}


@pytest.mark.django_db
def test_an_organisation_of_two_municipalities_serves_both_after_loading() -> None:
    call_command("load_demo_data", "--quiet-logins")
    organisation = Organisation.objects.get(name=SAMENLEVINGSOPBOUW)
    assert set(organisation.municipalities.values_list("slug", flat=True)) >= {
        "harelbeke",
        "kortrijk",
    }
    assert organisation.services.filter(municipalities__slug="harelbeke").exists()


@pytest.mark.django_db
def test_an_invalid_value_in_a_demo_file_stops_the_load_and_names_where_it_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = social_map.document

    def broken(slug: str) -> dict[str, Any]:
        content = original(slug)
        if slug == "harelbeke":
            content["services"][1]["schedules"][0]["opens_at"] = "half tien"
        return content

    monkeypatch.setattr(social_map, "document", broken)
    before = Organisation.objects.count()
    with pytest.raises(
        DataFileError, match=r"social-map-harelbeke\.json does not import: services 2 .*opens_at"
    ):
        call_command("load_demo_data", "--quiet-logins")
    assert Organisation.objects.count() == before
