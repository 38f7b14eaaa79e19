"""The map leaves as HSDS and comes back the same: all or nothing, never twice."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from typing import Any

import pytest
from django.utils import translation

from sociaalhuis.core import tenancy
from sociaalhuis.directory.hsds import export, serialise
from sociaalhuis.directory.hsds.importer import ImportResult, import_data
from sociaalhuis.directory.hsds.problems import FormatError
from sociaalhuis.directory.models import (
    Location,
    Organisation,
    Schedule,
    ScheduleException,
    Service,
    ServiceRevision,
    TaxonomyTerm,
)
from sociaalhuis.directory.tests.hsds_support import (
    RonseMap,
    object_schema,
    problems,
    ronse_map,
    wipe_map,
)
from sociaalhuis.tenants.models import Municipality
from sociaalhuis.testing import Cast

__all__ = ["ronse_map"]


def _import(municipality: Municipality, data: bytes, **options: Any) -> ImportResult:
    with tenancy.for_municipality(municipality.pk):
        return import_data(data, municipality=municipality, **options)


def _tables(data: bytes) -> dict[str, list[dict[str, str]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: list(csv.DictReader(io.StringIO(archive.read(name).decode())))
            for name in archive.namelist()
            if name.endswith(".csv")
        }


def _map_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Organisation, Service, Location, Schedule, ScheduleException, TaxonomyTerm)
    } | {"ServiceRevision": ServiceRevision.objects.count()}


def _document(data: bytes) -> dict[str, Any]:
    return json.loads(data)


def _with_service(data: bytes, change: Any, service: Service) -> bytes:
    """The document with ``change`` made to ``service``."""
    document = _document(data)
    change(next(item for item in document["services"] if item["id"] == str(service.uuid)))
    return json.dumps(document).encode()


def _row_of(data: bytes, service: Service) -> int:
    document = _document(data)
    return 1 + next(i for i, s in enumerate(document["services"]) if s["id"] == str(service.uuid))


# --- Export -----------------------------------------------------------------------


def test_the_export_holds_the_published_services_serving_the_municipality_only(
    cast: Cast, ronse_map: RonseMap
) -> None:
    document = _document(export.export_json(cast.ronse))
    assert {item["id"] for item in document["services"]} == {
        str(ronse_map.full.uuid),
        str(ronse_map.simple.uuid),
    }


def test_exporting_twice_gives_the_same_bytes(cast: Cast, ronse_map: RonseMap) -> None:
    assert export.export_json(cast.ronse) == export.export_json(cast.ronse)
    assert export.export_zip(cast.ronse) == export.export_zip(cast.ronse)


def test_every_exported_service_is_a_valid_hsds_service(cast: Cast, ronse_map: RonseMap) -> None:
    document = _document(export.export_json(cast.ronse))
    assert [problems(item, object_schema("service.json")) for item in document["services"]] == [
        [],
        [],
    ]


@pytest.mark.parametrize(
    ("key", "schema"),
    [
        ("organizations", "organization.json"),
        ("locations", "location.json"),
        ("taxonomies", "taxonomy.json"),
        ("taxonomy_terms", "taxonomy_term.json"),
    ],
)
def test_every_exported_object_is_valid_hsds(
    cast: Cast, ronse_map: RonseMap, key: str, schema: str
) -> None:
    document = _document(export.export_json(cast.ronse))
    assert [
        error for item in document[key] for error in problems(item, object_schema(schema))
    ] == []


def test_the_core_fields_are_in_the_chosen_language_and_every_text_rides_along(
    cast: Cast, ronse_map: RonseMap
) -> None:
    document = _document(export.export_json(cast.ronse, "fr"))
    service = next(item for item in document["services"] if item["id"] == str(ronse_map.full.uuid))
    assert service["name"] == "Trouver un logement social"
    assert [doc["document"] for doc in service["required_documents"]] == [
        "Carte d'identité",
        "Avertissement-extrait de rôle",
    ]
    assert set(service["x_sociaalhuis"]["texts"]) == {"fr", "nl"}


def test_the_life_domains_are_a_taxonomy_of_the_municipality(
    cast: Cast, ronse_map: RonseMap
) -> None:
    document = _document(export.export_json(cast.ronse))
    term_id = serialise.life_domain_term_id(cast.ronse.nis_code, "huisvesting")
    term = next(item for item in document["taxonomy_terms"] if item["id"] == term_id)
    assert term["taxonomy_id"] == serialise.life_domain_taxonomy_id(cast.ronse.nis_code)
    assert len(term["x_sociaalhuis"]["rubric_ids"]) == 2


def test_monthly_office_hours_and_exceptions_are_hsds_schedules(
    cast: Cast, ronse_map: RonseMap
) -> None:
    document = _document(export.export_json(cast.ronse))
    service = next(item for item in document["services"] if item["id"] == str(ronse_map.full.uuid))
    by_day = {item.get("byday"): item for item in service["schedules"]}
    assert by_day["1TU"]["freq"] == "MONTHLY"
    assert by_day["-1TH"]["attending_type"] == serialise.OFFICE_HOURS_ATTENDING_TYPE
    closed = next(item for item in service["schedules"] if item.get("dtstart") == "2026-07-21")
    assert (closed["valid_from"], closed["valid_to"], "freq" in closed) == (
        "2026-07-21",
        "2026-07-21",
        False,
    )


def test_the_datapackage_describes_every_csv_file(cast: Cast, ronse_map: RonseMap) -> None:
    with zipfile.ZipFile(io.BytesIO(export.export_zip(cast.ronse))) as archive:
        package = json.loads(archive.read("datapackage.json"))
        names = set(archive.namelist())
    assert {resource["path"] for resource in package["resources"]} | {"datapackage.json"} == names


# --- Round trip -------------------------------------------------------------------


def test_a_json_export_imported_into_an_empty_map_exports_identically(
    cast: Cast, ronse_map: RonseMap
) -> None:
    before = export.export_json(cast.ronse)
    wipe_map(cast, ronse_map)
    result = _import(cast.ronse, before)
    assert result.errors == []
    assert _document(export.export_json(cast.ronse)) == _document(before)


def test_a_zip_export_imported_into_an_empty_map_exports_identically(
    cast: Cast, ronse_map: RonseMap
) -> None:
    before = export.export_zip(cast.ronse)
    wipe_map(cast, ronse_map)
    result = _import(cast.ronse, before)
    assert result.errors == []
    assert _tables(export.export_zip(cast.ronse)) == _tables(before)


def test_importing_the_same_file_twice_creates_no_duplicates_and_changes_nothing(
    cast: Cast, ronse_map: RonseMap
) -> None:
    data = export.export_json(cast.ronse)
    wipe_map(cast, ronse_map)
    _import(cast.ronse, data)
    counts = _map_counts()
    second = _import(cast.ronse, data)
    assert _map_counts() == counts
    assert {
        kind: tally["created"] + tally["updated"]
        for kind, tally in second.summary.items()
        if kind != "ignored"
    } == {kind: 0 for kind in second.summary if kind != "ignored"}


def test_importing_over_the_existing_map_changes_nothing(cast: Cast, ronse_map: RonseMap) -> None:
    counts = _map_counts()
    result = _import(cast.ronse, export.export_zip(cast.ronse))
    assert result.errors == []
    assert result.summary["services"] == {"created": 0, "updated": 0, "unchanged": 2}
    assert _map_counts() == counts


def test_an_imported_service_is_published_and_its_history_shows_the_import(
    cast: Cast, ronse_map: RonseMap
) -> None:
    data = export.export_json(cast.ronse)
    wipe_map(cast, ronse_map)
    _import(cast.ronse, data, actor_id=cast.user("ronse", "municipality_admin").pk)
    service = Service.objects.get(uuid=ronse_map.full.uuid)
    revision = service.revisions.get()
    assert (service.status, revision.status, revision.summary) == (
        "published",
        ServiceRevision.Status.APPROVED,
        "import",
    )


def test_a_changed_service_is_updated_with_one_new_revision(
    cast: Cast, ronse_map: RonseMap
) -> None:
    data = _with_service(
        export.export_json(cast.ronse),
        lambda service: service["x_sociaalhuis"]["texts"]["nl"].update(name="Nieuwe naam"),
        ronse_map.full,
    )
    result = _import(cast.ronse, data)
    assert result.summary["services"]["updated"] == 1
    assert ServiceRevision.objects.filter(summary="import").count() == 1


def test_imported_services_serve_the_importing_municipality(
    cast: Cast, ronse_map: RonseMap
) -> None:
    document = _document(export.export_json(cast.ronse))
    document["services"] = [
        s for s in document["services"] if s["id"] == str(ronse_map.simple.uuid)
    ]
    wipe_map(cast, ronse_map)
    result = _import(cast.kortrijk, json.dumps(document).encode())
    assert result.errors == []
    assert Service.objects.filter(uuid=ronse_map.simple.uuid, municipalities=cast.kortrijk).exists()


def test_an_organisation_is_matched_by_its_kbo_number(cast: Cast, ronse_map: RonseMap) -> None:
    def other_identifier(document: dict[str, Any]) -> None:
        document["organizations"][0]["id"] = "6a0c7d55-2f7a-4b8e-9a3e-0d4b5c6e7f80"
        for service in document["services"]:
            service["organization_id"] = "6a0c7d55-2f7a-4b8e-9a3e-0d4b5c6e7f80"
            service.pop("organization")

    document = _document(export.export_json(cast.ronse))
    document["locations"] = [
        item for item in document["locations"] if "organization_id" not in item
    ]
    for service in document["services"]:
        service["service_at_locations"] = []
    other_identifier(document)
    result = _import(cast.ronse, json.dumps(document).encode())
    assert result.errors == []
    assert Organisation.objects.filter(kbo_number="0403170701").count() == 1


# --- Invalid files ----------------------------------------------------------------


def test_an_invalid_row_anywhere_writes_nothing_and_names_file_row_and_field(
    cast: Cast, ronse_map: RonseMap
) -> None:
    data = export.export_zip(cast.ronse)
    wipe_map(cast, ronse_map)
    tables = _tables(data)
    tables["schedules.csv"][-1]["opens_at"] = "half tien"
    counts = _map_counts()
    result = _import(cast.ronse, _zip_of(data, tables))
    assert _map_counts() == counts
    assert [(e.file, e.row, e.field) for e in result.errors] == [
        ("schedules.csv", len(tables["schedules.csv"]) + 1, "opens_at")
    ]


def test_every_invalid_value_is_reported_at_once(cast: Cast, ronse_map: RonseMap) -> None:
    def break_it(service: dict[str, Any]) -> None:
        service["email"] = "not an address"
        service["minimum_age"] = "old"
        service["schedules"][0]["closes_at"] = "08:00"

    data = export.export_json(cast.ronse)
    result = _import(cast.ronse, _with_service(data, break_it, ronse_map.full))
    row = _row_of(data, ronse_map.full)
    assert {(e.file, e.row, e.field) for e in result.errors} == {
        ("services", row, "email"),
        ("services", row, "minimum_age"),
        ("services", row, "schedules[0].closes_at"),
    }


def test_an_invalid_row_report_gives_a_plain_reason(cast: Cast, ronse_map: RonseMap) -> None:
    with translation.override("en"):
        result = _import(
            cast.ronse,
            _with_service(
                export.export_json(cast.ronse),
                lambda service: service["schedules"][0].update(closes_at="08:00"),
                ronse_map.full,
            ),
        )
    assert result.errors[0].reason == "The closing time must be later than the opening time."


def test_overlapping_hours_in_the_file_are_refused(cast: Cast, ronse_map: RonseMap) -> None:
    def overlap(service: dict[str, Any]) -> None:
        copy = dict(service["schedules"][0], id="1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed")
        service["schedules"].append(copy)

    with translation.override("en"):
        result = _import(
            cast.ronse, _with_service(export.export_json(cast.ronse), overlap, ronse_map.full)
        )
    assert [error.reason for error in result.errors] == [
        "These hours overlap with hours already entered for that day."
    ]


def test_office_hours_outside_the_sociaal_huis_opening_hours_are_refused(
    cast: Cast, ronse_map: RonseMap
) -> None:
    def late(service: dict[str, Any]) -> None:
        office_hours = next(item for item in service["schedules"] if item.get("byday") == "1TU")
        office_hours.update(opens_at="17:00", closes_at="18:00")

    document = _document(export.export_json(cast.ronse))
    full = next(
        i for i, s in enumerate(document["services"]) if s["id"] == str(ronse_map.full.uuid)
    )
    late(document["services"][full])
    result = _import(cast.ronse, json.dumps(document).encode())
    assert [error.field for error in result.errors] == [
        f"schedules[{_index_of(document['services'][full], '1TU')}].opens_at"
    ]


def _index_of(service: dict[str, Any], byday: str) -> int:
    return next(i for i, item in enumerate(service["schedules"]) if item.get("byday") == byday)


def test_an_unknown_organisation_is_reported(cast: Cast, ronse_map: RonseMap) -> None:
    def orphan(service: dict[str, Any]) -> None:
        service["organization_id"] = "0f8fad5b-d9cb-469f-a165-70867728950e"
        service.pop("organization")

    with translation.override("en"):
        result = _import(
            cast.ronse, _with_service(export.export_json(cast.ronse), orphan, ronse_map.simple)
        )
    assert [(error.field, error.reason) for error in result.errors] == [
        ("organization_id", "No organisation with this identifier is in the file or on the map.")
    ]


def test_an_invalid_kbo_number_is_reported(cast: Cast, ronse_map: RonseMap) -> None:
    document = _document(export.export_json(cast.ronse))
    document["organizations"][0]["organization_identifiers"][0]["identifier"] = "0123456789"
    result = _import(cast.ronse, json.dumps(document).encode())
    assert [(error.file, error.field) for error in result.errors] == [
        ("organizations", "organization_identifiers[0].identifier")
    ]


def test_an_organisation_of_other_municipalities_only_cannot_be_changed(
    cast: Cast, ronse_map: RonseMap
) -> None:
    counts = _map_counts()
    result = _import(cast.kortrijk, export.export_json(cast.ronse))
    assert {(error.file, error.field) for error in result.errors} >= {("organizations", "id")}
    assert _map_counts() == counts


def _zip_of(original: bytes, tables: dict[str, list[dict[str, str]]]) -> bytes:
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(original)) as source,
        zipfile.ZipFile(buffer, "w") as target,
    ):
        for name in source.namelist():
            if name in tables:
                target.writestr(name, _csv_text(source.read(name), tables[name]))
            else:
                target.writestr(name, source.read(name))
    return buffer.getvalue()


def _csv_text(original: bytes, rows: list[dict[str, str]]) -> str:
    header = next(csv.reader(io.StringIO(original.decode())))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"{not json", "The file is neither an HSDS JSON document nor an HSDS datapackage"),
        (b'{"hello": "world"}', "The file is JSON, but it holds no HSDS services"),
        ("caf\u00e9".encode("latin-1"), "The file is not UTF-8 text."),
        (b"PK\x03\x04 broken", "The file is not a valid zip file."),
    ],
)
def test_a_file_of_the_wrong_format_is_refused_with_one_clear_message(
    cast: Cast, ronse_map: RonseMap, data: bytes, message: str
) -> None:
    counts = _map_counts()
    with translation.override("en"), pytest.raises(FormatError) as refused:
        _import(cast.ronse, data)
    assert refused.value.message.startswith(message)
    assert _map_counts() == counts


def test_a_zip_without_datapackage_is_refused(cast: Cast, ronse_map: RonseMap) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("services.csv", "id,name\n")
    with translation.override("en"), pytest.raises(FormatError, match=r"no datapackage\.json"):
        _import(cast.ronse, buffer.getvalue())


def test_a_latin_1_csv_file_is_refused(cast: Cast, ronse_map: RonseMap) -> None:
    data = export.export_zip(cast.ronse)
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(buffer, "w") as target,
    ):
        for name in source.namelist():
            content = source.read(name)
            if name == "services.csv":
                content = content.decode().encode("latin-1", errors="replace")
            target.writestr(name, content)
    counts = _map_counts()
    with (
        translation.override("en"),
        pytest.raises(FormatError, match=r"services\.csv is not UTF-8"),
    ):
        _import(cast.ronse, buffer.getvalue())
    assert _map_counts() == counts


def test_progress_is_reported_up_to_the_total(cast: Cast, ronse_map: RonseMap) -> None:
    data = export.export_json(cast.ronse)
    wipe_map(cast, ronse_map)
    seen: list[tuple[int, int]] = []
    _import(cast.ronse, data, progress=lambda done, total: seen.append((done, total)))
    assert seen[0][0] == 0
    assert seen[-1][0] == seen[-1][1] > 0


def test_an_imported_capacity_change_enters_the_capacity_history(
    cast: Cast, ronse_map: RonseMap
) -> None:
    from sociaalhuis.directory.models import CapacityUpdate

    def full(service: dict[str, Any]) -> None:
        service["x_sociaalhuis"]["capacity"].update(status="full", waiting_days=40)

    before = CapacityUpdate.objects.filter(service=ronse_map.full).count()
    _import(cast.ronse, _with_service(export.export_json(cast.ronse), full, ronse_map.full))
    latest = CapacityUpdate.objects.filter(service=ronse_map.full).order_by("-pk").first()
    assert CapacityUpdate.objects.filter(service=ronse_map.full).count() == before + 1
    assert latest is not None
    assert (latest.capacity, latest.waiting_days) == ("full", 40)


def test_the_note_given_with_an_imported_capacity_enters_the_capacity_history(
    cast: Cast, ronse_map: RonseMap
) -> None:
    from sociaalhuis.directory.models import CapacityUpdate

    def full(service: dict[str, Any]) -> None:
        service["x_sociaalhuis"]["capacity"].update(
            status="full", waiting_days=40, note="Wachtlijst tot na de zomer."
        )

    _import(cast.ronse, _with_service(export.export_json(cast.ronse), full, ronse_map.full))
    latest = CapacityUpdate.objects.filter(service=ronse_map.full).order_by("-pk").first()
    assert latest is not None
    assert latest.note == "Wachtlijst tot na de zomer."


def test_a_capacity_note_that_is_too_long_is_reported_and_nothing_is_written(
    cast: Cast, ronse_map: RonseMap
) -> None:
    def full(service: dict[str, Any]) -> None:
        service["x_sociaalhuis"]["capacity"].update(status="full", note="x" * 301)

    counts = _map_counts()
    result = _import(
        cast.ronse, _with_service(export.export_json(cast.ronse), full, ronse_map.full)
    )
    assert [error.field for error in result.errors] == ["x_sociaalhuis.capacity.note"]
    assert _map_counts() == counts
