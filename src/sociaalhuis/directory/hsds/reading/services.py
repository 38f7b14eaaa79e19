"""Reading an HSDS document's services into plans: snapshot, extras, texts, links, hours.

What the snapshot holds is what a revision compares; the rest (status,
verification, capacity) is written beside it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from sociaalhuis.directory.content import TEXT_FIELDS, Snapshot
from sociaalhuis.directory.hsds.hours import read_hours
from sociaalhuis.directory.hsds.plan import HSDS_STATUS, SERVICE_FIELDS, Document, Item, ServicePlan
from sociaalhuis.directory.hsds.problems import Where, where_of
from sociaalhuis.directory.hsds.reading import locations, organisations, taxonomies
from sociaalhuis.directory.hsds.serialise import EXTENSION
from sociaalhuis.directory.hsds.values import as_date, as_flag, as_moment, as_text, as_whole_number
from sociaalhuis.directory.models import (
    Capacity,
    CapacityUpdate,
    PublicationStatus,
    Service,
    ServiceText,
)
from sociaalhuis.directory.models.services import FIVE_BS, TEXT_LANGUAGES
from sociaalhuis.tenants.models import Municipality, Neighbourhood

if TYPE_CHECKING:
    from sociaalhuis.directory.hsds.reader import Reader


def read_services(reader: Reader, document: Document) -> None:
    seen: set[str] = set()
    for item, where in reader.items(document, "services"):
        identifier = reader.identifier(item, where)
        if identifier is None:
            continue
        if identifier in seen:
            reader.error(where, "id", _("Another service in the file has this identifier."))
            continue
        seen.add(identifier)
        read_service(reader, item, where, identifier)


def read_service(reader: Reader, item: Item, where: Where, identifier: str) -> None:
    existing = Service.objects.filter(uuid=identifier).select_related("organisation").first()
    if existing is not None and not organisations.may_change(reader, existing.organisation):
        reader.error(where, "id", organisations.kept_elsewhere(reader))
        return
    extension = item.get(EXTENSION) or {}
    organisation = organisations.organisation_uuid(
        reader, reader.identifier(item, where, "organization_id"), where, "organization_id"
    )
    scalars = service_scalars(reader, item, where, extension)
    extra = service_extra(reader, item, where, extension)
    check_service(reader, scalars, extra, where)
    texts = service_texts(reader, item, where, extension)
    links = service_links(reader, item, where)
    hours = read_hours(item.get("schedules"), where, reader.checker)
    snapshot: Snapshot = {
        "organisation": organisation,
        **scalars,
        "municipalities": service_area(reader, item, where, existing),
        "terms": service_terms(reader, item, where),
        "locations": sorted(links),
        "texts": texts,
    }
    reader.plan.services.append(
        ServicePlan(
            where=where,
            uuid=identifier,
            existing=existing,
            snapshot=snapshot,
            extra=extra,
            last_modified=reader.checker.read(
                where, "last_modified", as_moment, item.get("last_modified")
            ),
            links=links,
            hours=hours,
            neighbourhoods=neighbourhoods(reader, extension),
            capacity_note=capacity_note(reader, extension, where),
        )
    )


def capacity_note(reader: Reader, extension: Item, where: Where) -> str:
    """What the capacity confirmation says, as a partner's note with it would."""
    given = extension.get("capacity")
    note = as_text(given.get("note")) if isinstance(given, dict) else ""
    others = ["service", "capacity", "waiting_days", "confirmed_at", "confirmed_by"]
    reader.clean(CapacityUpdate(note=note), where, {"note": f"{EXTENSION}.capacity.note"}, others)
    return note


def service_scalars(reader: Reader, item: Item, where: Where, extension: Item) -> dict[str, Any]:
    languages = item.get("languages") or []
    access = extension.get("accessibility") or {}
    scalars: dict[str, Any] = {
        "url": reader.text(item, where, "url"),
        "email": reader.text(item, where, "email"),
        "phone": organisations.first_phone(reader, item),
        "languages": [
            as_text(entry.get("code"))
            for entry in (languages if isinstance(languages, list) else [])
            if isinstance(entry, dict) and entry.get("code")
        ],
        "minimum_age": reader.checker.read(
            where, "minimum_age", as_whole_number, item.get("minimum_age")
        ),
        "maximum_age": reader.checker.read(
            where, "maximum_age", as_whole_number, item.get("maximum_age")
        ),
        "is_free": bool(
            reader.checker.read(
                where, f"{EXTENSION}.is_free", as_flag, extension.get("is_free", False)
            )
        ),
    }
    for name, _dutch in FIVE_BS:
        value = access.get(name) if isinstance(access, dict) else None
        value = value if isinstance(value, dict) else {}
        scalars[f"{name}_score"] = reader.checker.read(
            where, SERVICE_FIELDS[f"{name}_score"], as_whole_number, value.get("score")
        )
        scalars[f"{name}_remark"] = as_text(value.get("remark"))
    return scalars


def service_extra(reader: Reader, item: Item, where: Where, extension: Item) -> dict[str, Any]:
    """What the snapshot does not hold: status, verification, capacity."""
    status = as_text(item.get("status") or "active").lower()
    if status not in HSDS_STATUS:
        reader.error(
            where, "status", _("Use one of: active, inactive, defunct, temporarily closed.")
        )
    given = extension.get("capacity")
    capacity: Item = given if isinstance(given, dict) else {}
    return {
        "status": HSDS_STATUS.get(status, PublicationStatus.PUBLISHED),
        "last_verified_on": reader.checker.read(
            where, "assured_date", as_date, item.get("assured_date")
        ),
        "verified_by_email": reader.text(item, where, "assurer_email"),
        "capacity": as_text(capacity.get("status")) or Capacity.UNKNOWN,
        "waiting_days": reader.checker.read(
            where, SERVICE_FIELDS["waiting_days"], as_whole_number, capacity.get("waiting_days")
        ),
        "capacity_confirmed_at": reader.checker.read(
            where, f"{EXTENSION}.capacity.confirmed_at", as_moment, capacity.get("confirmed_at")
        ),
    }


def check_service(
    reader: Reader, scalars: dict[str, Any], extra: dict[str, Any], where: Where
) -> None:
    service = Service(**scalars, **extra)
    reader.clean(
        service,
        where,
        SERVICE_FIELDS,
        ["organisation", "uuid", "municipalities", "terms", "locations"],
    )


def service_texts(
    reader: Reader, item: Item, where: Where, extension: Item
) -> dict[str, dict[str, str]]:
    given = extension.get("texts")
    if isinstance(given, dict) and given:
        texts = {}
        for language, values in sorted(given.items()):
            prefix = f"{EXTENSION}.texts.{language}."
            if language not in TEXT_LANGUAGES or not isinstance(values, dict):
                reader.error(
                    where,
                    f"{EXTENSION}.texts.{language}",
                    _("Texts can be given in nl, fr and en only."),
                )
                continue
            texts[language] = {name: as_text(values.get(name)) for name in TEXT_FIELDS}
            check_text(reader, texts[language], where, prefix)
        return texts
    text = {
        name: reader.text(item, where, name)
        for name in TEXT_FIELDS
        if name not in ("required_documents", "keywords")
    }
    documents = item.get("required_documents") or []
    text["required_documents"] = (
        "\n".join(
            as_text(entry.get("document"))
            for entry in documents
            if isinstance(entry, dict) and entry.get("document")
        )
        if isinstance(documents, list)
        else ""
    )
    text["keywords"] = ""
    check_text(reader, text, where, "")
    return {reader.language: text}


def check_text(reader: Reader, values: dict[str, str], where: Where, prefix: str) -> None:
    reader.clean(
        ServiceText(language="nl", **values),
        where,
        {name: f"{prefix}{name}" for name in TEXT_FIELDS},
        ["service", "search_vector"],
    )


def service_area(reader: Reader, item: Item, where: Where, existing: Service | None) -> list[str]:
    """The municipalities served: those named in the file, this one, and those the
    service already served (an import never takes a service off another map)."""
    areas = item.get("service_areas") or []
    codes = set()
    for area in areas if isinstance(areas, list) else []:
        extension = area.get(EXTENSION) if isinstance(area, dict) else None
        if isinstance(extension, dict) and extension.get("nis_code"):
            codes.add(as_text(extension["nis_code"]))
    known = set(Municipality.objects.filter(nis_code__in=codes).values_list("nis_code", flat=True))
    if existing is not None:
        known |= set(existing.municipalities.values_list("nis_code", flat=True))
    return sorted(known | {reader.municipality.nis_code})


def service_terms(reader: Reader, item: Item, where: Where) -> list[str]:
    attributes = item.get("attributes") or []
    terms = set()
    for index, attribute in enumerate(attributes if isinstance(attributes, list) else []):
        if not isinstance(attribute, dict):
            continue
        place = where_of(attribute, where.inside("attributes", index))
        term_id = reader.identifier(attribute, place, "taxonomy_term_id")
        if term_id is None or term_id in reader.life_domain_terms:
            continue  # a life domain is derived from the rubrics, not stored
        term = taxonomies.term_uuid(reader, term_id, place, "taxonomy_term_id")
        if term:
            terms.add(term)
    return sorted(terms)


def service_links(reader: Reader, item: Item, where: Where) -> dict[str, str]:
    links = item.get("service_at_locations") or []
    result = {}
    for index, link in enumerate(links if isinstance(links, list) else []):
        if not isinstance(link, dict):
            continue
        place = where_of(link, where.inside("service_at_locations", index))
        link_id = reader.identifier(link, place)
        location = locations.location_uuid(
            reader, reader.identifier(link, place, "location_id"), place, "location_id"
        )
        if link_id and location:
            result[location] = link_id
    return result


def neighbourhoods(reader: Reader, extension: Item) -> list[int]:
    names = extension.get("neighbourhoods")
    names = [as_text(name) for name in names] if isinstance(names, list) else []
    found = dict(Neighbourhood.objects.filter(name__in=names).values_list("name", "pk"))
    reader.plan.ignored.setdefault("neighbourhoods", []).extend(sorted(set(names) - set(found)))
    return sorted(found.values())
