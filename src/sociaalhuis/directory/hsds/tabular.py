"""The HSDS tabular datapackage: the JSON document flattened into CSV files and back.

One CSV file per HSDS table with the columns of ``compiled/tabular.json`` (file
names as there, so the service-at-location table is ``service_at_location.csv``;
``service_at_locations.csv`` is read too), plus an ``x_sociaalhuis`` column holding
the object's extension as JSON text. ``datapackage.json`` describes the files.
Rows are written in the order of the document (sorted by id) inside a zip with
fixed timestamps, so the same map gives the same bytes.

Kept as one module (past the usual ~400 lines): one format both ways, CSV out and
back in, column for column.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from sociaalhuis.directory.hsds.problems import SOURCE_KEY, FormatError, RowError, Where
from sociaalhuis.directory.hsds.serialise import DEFAULT_LANGUAGE, EXTENSION, HSDS_VERSION

Document = dict[str, Any]
Row = dict[str, Any]

# table name: (file, columns, numeric columns), from compiled/tabular.json.
TABLES: dict[str, tuple[str, tuple[str, ...], frozenset[str]]] = {
    "organization": (
        "organizations.csv",
        ("id", "name", "alternate_name", "description", "email", "website", "tax_status",
         "tax_id", "year_incorporated", "legal_status", "logo", "uri", "parent_organization_id"),
        frozenset({"year_incorporated"}),
    ),
    "organization_identifier": (
        "organization_identifiers.csv",
        ("id", "organization_id", "identifier_scheme", "identifier_type", "identifier"),
        frozenset(),
    ),
    "service": (
        "services.csv",
        ("id", "organization_id", "program_id", "name", "alternate_name", "description", "url",
         "email", "status", "interpretation_services", "application_process",
         "fees_description", "wait_time", "fees", "accreditations", "eligibility_description",
         "minimum_age", "maximum_age", "assured_date", "assurer_email", "licenses", "alert",
         "last_modified"),
        frozenset({"minimum_age", "maximum_age"}),
    ),
    "service_at_location": (
        "service_at_location.csv",
        ("id", "service_id", "location_id", "description"),
        frozenset(),
    ),
    "location": (
        "locations.csv",
        ("id", "location_type", "url", "organization_id", "name", "alternate_name",
         "description", "transportation", "latitude", "longitude", "external_identifier",
         "external_identifier_type"),
        frozenset({"latitude", "longitude"}),
    ),
    "address": (
        "addresses.csv",
        ("id", "location_id", "attention", "address_1", "address_2", "city", "region",
         "state_province", "postal_code", "country", "address_type"),
        frozenset(),
    ),
    "accessibility": (
        "accessibility.csv",
        ("id", "location_id", "description", "details", "url"),
        frozenset(),
    ),
    "phone": (
        "phones.csv",
        ("id", "location_id", "service_id", "organization_id", "contact_id",
         "service_at_location_id", "number", "extension", "type", "description"),
        frozenset({"extension"}),
    ),
    "schedule": (
        "schedules.csv",
        ("id", "service_id", "location_id", "service_at_location_id", "valid_from", "valid_to",
         "dtstart", "timezone", "until", "count", "wkst", "freq", "interval", "byday",
         "byweekno", "bymonthday", "byyearday", "description", "opens_at", "closes_at",
         "schedule_link", "attending_type", "notes"),
        frozenset({"timezone", "count", "interval"}),
    ),
    "service_area": (
        "service_areas.csv",
        ("id", "service_id", "name", "description", "extent", "extent_type", "uri"),
        frozenset(),
    ),
    "language": (
        "languages.csv",
        ("id", "service_id", "location_id", "phone_id", "name", "code", "note"),
        frozenset(),
    ),
    "required_document": (
        "required_documents.csv",
        ("id", "service_id", "document", "uri"),
        frozenset(),
    ),
    "taxonomy": (
        "taxonomies.csv",
        ("id", "name", "description", "uri", "version"),
        frozenset(),
    ),
    "taxonomy_term": (
        "taxonomy_terms.csv",
        ("id", "code", "name", "description", "parent_id", "taxonomy", "language",
         "taxonomy_id", "term_uri"),
        frozenset(),
    ),
    "attribute": (
        "attributes.csv",
        ("id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"),
        frozenset(),
    ),
}  # fmt: skip
ALTERNATIVE_PATHS = {"service_at_location": ("service_at_locations.csv",)}
DATAPACKAGE = "datapackage.json"
MAX_UNPACKED_BYTES = 500 * 1024 * 1024
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_INTEGER = re.compile(r"^-?\d+$")


# --- Writing -------------------------------------------------------------------


def _rows_of(document: Document) -> dict[str, list[Row]]:
    """Every object of the document in the table it belongs to, in document order."""
    tables: dict[str, list[Row]] = defaultdict(list)
    for organization in document.get("organizations", []):
        tables["organization"].append(organization)
        tables["organization_identifier"] += organization.get("organization_identifiers", [])
        tables["phone"] += organization.get("phones", [])
    for location in document.get("locations", []):
        tables["location"].append(location)
        tables["address"] += location.get("addresses", [])
        tables["accessibility"] += location.get("accessibility", [])
        tables["schedule"] += location.get("schedules", [])
    for service in document.get("services", []):
        tables["service"].append(service)
        for key, table in (
            ("phones", "phone"),
            ("schedules", "schedule"),
            ("service_at_locations", "service_at_location"),
            ("service_areas", "service_area"),
            ("languages", "language"),
            ("required_documents", "required_document"),
            ("attributes", "attribute"),
        ):
            tables[table] += service.get(key, [])
    tables["taxonomy"] = list(document.get("taxonomies", []))
    tables["taxonomy_term"] = list(document.get("taxonomy_terms", []))
    return tables


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _csv(columns: tuple[str, ...], rows: list[Row]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([*columns, EXTENSION])
    for row in rows:
        extension = row.get(EXTENSION)
        writer.writerow(
            [_cell(row.get(column)) for column in columns]
            + [_json_text(extension) if extension is not None else ""]
        )
    return buffer.getvalue().encode("utf-8")


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _field(name: str, numeric: frozenset[str]) -> dict[str, str]:
    if name == EXTENSION:
        return {"name": name, "type": "object", "format": "default"}
    return {"name": name, "type": "number" if name in numeric else "string"}


def datapackage(document: Document) -> dict[str, Any]:
    return {
        "profile": "tabular-data-package",
        "name": f"sociaal-huis-{document.get('municipality', {}).get('slug', 'map')}",
        "title": "Open Referral HSDS",
        "version": HSDS_VERSION,
        "resources": [
            {
                "name": name,
                "path": path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": [_field(c, numeric) for c in (*columns, EXTENSION)]},
            }
            for name, (path, columns, numeric) in TABLES.items()
        ],
        EXTENSION: {
            "language": document.get("language", DEFAULT_LANGUAGE),
            "municipality": document.get("municipality"),
        },
    }


def _member(archive: zipfile.ZipFile, path: str, content: bytes) -> None:
    info = zipfile.ZipInfo(path, date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, content)


def to_zip(document: Document) -> bytes:
    tables = _rows_of(document)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        package = json.dumps(datapackage(document), ensure_ascii=False, indent=2, sort_keys=True)
        _member(archive, DATAPACKAGE, package.encode() + b"\n")
        for name, (path, columns, _numeric) in TABLES.items():
            _member(archive, path, _csv(columns, tables.get(name, [])))
    return buffer.getvalue()


# --- Reading -------------------------------------------------------------------


@dataclass
class Tables:
    rows: dict[str, list[Row]]
    errors: list[RowError]
    language: str


def _open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise FormatError(_("The file is not a valid zip file.")) from error
    if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
        raise FormatError(_("The zip file is too large once unpacked."))
    if DATAPACKAGE not in archive.namelist():
        raise FormatError(
            _("The zip file has no datapackage.json: it is not an HSDS tabular datapackage.")
        )
    return archive


def _read_text(archive: zipfile.ZipFile, path: str) -> str:
    try:
        return archive.read(path).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FormatError(
            _("%(file)s is not UTF-8 text. Save it as CSV UTF-8 and try again.") % {"file": path}
        ) from error
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise FormatError(_("%(file)s in the zip file is damaged.") % {"file": path}) from error


def _package(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        package = json.loads(_read_text(archive, DATAPACKAGE))
    except json.JSONDecodeError as error:
        raise FormatError(_("datapackage.json is not valid JSON.")) from error
    if not isinstance(package, dict):
        raise FormatError(_("datapackage.json does not describe a datapackage."))
    return package


def _paths(package: dict[str, Any]) -> dict[str, list[str]]:
    """Where each table is: the datapackage's own path first, then the standard ones."""
    declared: dict[str, str] = {
        str(resource.get("name")): str(resource.get("path"))
        for resource in package.get("resources", [])
        if isinstance(resource, dict) and isinstance(resource.get("path"), str)
    }
    paths: dict[str, list[str]] = {}
    for name, (path, _columns, _numeric) in TABLES.items():
        candidates = [declared[name]] if name in declared else []
        paths[name] = [*candidates, path, *ALTERNATIVE_PATHS.get(name, ())]
    return paths


def _number(text: str) -> int | float:
    return int(text) if _INTEGER.match(text) else float(text)


def _parse_row(
    raw: dict[str, str], numeric: frozenset[str], where: Where, errors: list[RowError]
) -> Row:
    row: Row = {SOURCE_KEY: (where.file, where.row)}
    for column, value in raw.items():
        if column is None or value is None or value == "":
            continue
        column = column.strip()
        if column == EXTENSION:
            try:
                row[column] = json.loads(value)
            except json.JSONDecodeError:
                errors.append(where.error(column, _("This is not valid JSON.")))
        elif column in numeric:
            try:
                row[column] = _number(value.strip())
            except ValueError:
                errors.append(where.error(column, _("This must be a number.")))
        else:
            row[column] = value
    return row


def _read_table(
    archive: zipfile.ZipFile, name: str, candidates: list[str], errors: list[RowError]
) -> list[Row]:
    path = next((path for path in candidates if path in archive.namelist()), None)
    if path is None:
        return []
    _file, _columns, numeric = TABLES[name]
    reader = csv.DictReader(io.StringIO(_read_text(archive, path), newline=""))
    try:
        return [
            _parse_row(raw, numeric, Where(path, number), errors)
            for number, raw in enumerate(reader, start=2)
        ]
    except csv.Error as error:
        raise FormatError(
            _("%(file)s is not a readable CSV file: %(reason)s") % {"file": path, "reason": error}
        ) from error


def read_zip(data: bytes) -> Tables:
    archive = _open_zip(data)
    package = _package(archive)
    errors: list[RowError] = []
    rows = {
        name: _read_table(archive, name, candidates, errors)
        for name, candidates in _paths(package).items()
    }
    extension = package.get(EXTENSION)
    language = extension.get("language") if isinstance(extension, dict) else None
    language = str(language or DEFAULT_LANGUAGE)
    return Tables(rows, errors, language)


# --- Tables back into the document shape ----------------------------------------


def _children(
    rows: list[Row], key: str, errors: list[RowError], parents: dict[str, set[str]]
) -> dict[str, list[Row]]:
    """Rows grouped by their parent's id (``key``), with errors for unknown parents."""
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        parent = row.get(key)
        if parent is None:
            continue
        if parent not in parents[key]:
            where = Where(*row[SOURCE_KEY])
            errors.append(
                where.error(
                    key, _("No row in the file has this identifier %(id)s.") % {"id": parent}
                )
            )
            continue
        grouped[parent].append(row)
    return grouped


def _by_parent(
    tables: Tables, name: str, key: str, ids: dict[str, set[str]]
) -> dict[str, list[Row]]:
    return _children(tables.rows.get(name, []), key, tables.errors, ids)


def _split_schedules(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """A schedule with a service belongs to the service (office hours also name the
    location); one with only a location is the location's own."""
    of_services = [row for row in rows if row.get("service_id")]
    of_locations = [row for row in rows if not row.get("service_id")]
    return of_services, of_locations


def to_document(tables: Tables) -> Document:
    """Nest the rows like the JSON document, so one importer reads both formats."""
    rows = tables.rows
    ids = {
        "organization_id": {row.get("id", "") for row in rows["organization"]},
        "location_id": {row.get("id", "") for row in rows["location"]},
        "service_id": {row.get("id", "") for row in rows["service"]},
        "link_id": {row.get("id", "") for row in rows["service"]},
    }
    service_phones = [row for row in rows["phone"] if row.get("service_id")]
    organisation_phones = [row for row in rows["phone"] if not row.get("service_id")]
    service_hours, location_hours = _split_schedules(rows["schedule"])
    nested = {
        "identifiers": _by_parent(
            tables, "organization_identifier", "organization_id", ids
        ),
        "org_phones": _children(organisation_phones, "organization_id", tables.errors, ids),
        "addresses": _by_parent(tables, "address", "location_id", ids),
        "accessibility": _by_parent(tables, "accessibility", "location_id", ids),
        "location_schedules": _children(location_hours, "location_id", tables.errors, ids),
        "phones": _children(service_phones, "service_id", tables.errors, ids),
        "schedules": _children(service_hours, "service_id", tables.errors, ids),
        "service_at_locations": _by_parent(tables, "service_at_location", "service_id", ids),
        "service_areas": _by_parent(tables, "service_area", "service_id", ids),
        "languages": _by_parent(tables, "language", "service_id", ids),
        "required_documents": _by_parent(tables, "required_document", "service_id", ids),
        "attributes": _by_parent(tables, "attribute", "link_id", ids),
    }  # fmt: skip
    return {
        "language": tables.language,
        "organizations": [
            {
                **row,
                "organization_identifiers": nested["identifiers"].get(row.get("id", ""), []),
                "phones": nested["org_phones"].get(row.get("id", ""), []),
            }
            for row in rows["organization"]
        ],
        "locations": [
            {
                **row,
                "addresses": nested["addresses"].get(row.get("id", ""), []),
                "accessibility": nested["accessibility"].get(row.get("id", ""), []),
                "schedules": nested["location_schedules"].get(row.get("id", ""), []),
            }
            for row in rows["location"]
        ],
        "services": [
            {
                **row,
                **{
                    key: nested[key].get(row.get("id", ""), [])
                    for key in ("phones", "schedules", "service_at_locations", "service_areas",
                                "languages", "required_documents", "attributes")
                },
            }
            for row in rows["service"]
        ],
        "taxonomies": rows["taxonomy"],
        "taxonomy_terms": rows["taxonomy_term"],
    }  # fmt: skip


def iter_objects(document: Document) -> Iterator[Row]:
    """Every object of the document's top-level lists (for counting)."""
    for key in ("organizations", "locations", "taxonomies", "taxonomy_terms", "services"):
        yield from document.get(key, [])
