"""Reading an HSDS document's locations, listed or nested in a service's links.

Only the importing municipality's own Sociaal Huis can be set or changed from its
file; a location's own opening hours are read with it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from sociaalhuis.directory.hsds.hours import read_hours
from sociaalhuis.directory.hsds.plan import LOCATION_FIELDS, Document, Item, Planned
from sociaalhuis.directory.hsds.problems import Where, where_of
from sociaalhuis.directory.hsds.reading import organisations
from sociaalhuis.directory.hsds.serialise import EXTENSION
from sociaalhuis.directory.hsds.values import as_flag, as_number, as_uuid
from sociaalhuis.directory.models import Location

if TYPE_CHECKING:
    from sociaalhuis.directory.hsds.reader import Reader


def read_locations(reader: Reader, document: Document) -> None:
    nested = []
    for service, where in reader.items(document, "services"):
        links = service.get("service_at_locations")
        for index, link in enumerate(links if isinstance(links, list) else []):
            if isinstance(link, dict) and isinstance(link.get("location"), dict):
                place = where.inside("service_at_locations", index)
                nested.append(
                    (link["location"], Where(place.file, place.row, f"{place.prefix}location."))
                )
    for item, where in reader.items(document, "locations") + nested:
        identifier = reader.identifier(item, where)
        if identifier is not None and identifier not in reader.location_ids:
            reader.location_ids.add(identifier)
            read_location(reader, item, where, identifier)


def sub_item(reader: Reader, item: Item, key: str, where: Where) -> tuple[Item, Where]:
    values = item.get(key) or []
    first = values[0] if isinstance(values, list) and values else {}
    if not isinstance(first, dict):
        return {}, where
    return first, where_of(first, where.inside(key, 0))


def read_location(reader: Reader, item: Item, where: Where, identifier: str) -> None:
    existing = Location.objects.filter(uuid=identifier).select_related("social_house_of").first()
    extension = item.get(EXTENSION) or {}
    if existing and existing.social_house_of_id not in (None, reader.municipality.pk):
        reader.error(
            where,
            "id",
            _(
                "This is the Sociaal Huis of another municipality: "
                "only that municipality can change it."
            ),
        )
        return
    address, address_where = sub_item(reader, item, "addresses", where)
    access, access_where = sub_item(reader, item, "accessibility", where)
    location = Location(
        pk=existing.pk if existing else None,
        uuid=identifier,
        name=reader.text(item, where, "name"),
        description=reader.text(item, where, "description"),
        transportation=reader.text(item, where, "transportation"),
        street_address=reader.text(address, address_where, "address_1"),
        postal_code=reader.text(address, address_where, "postal_code"),
        city=reader.text(address, address_where, "city"),
        country=reader.text(address, address_where, "country") or "BE",
        latitude=coordinate(reader, item, where, "latitude"),
        longitude=coordinate(reader, item, where, "longitude"),
        wheelchair_accessible=reader.checker.read(
            where,
            f"{EXTENSION}.wheelchair_accessible",
            as_flag,
            extension.get("wheelchair_accessible"),
        ),
        accessibility_description=reader.text(access, access_where, "description"),
    )
    organisation_id = (
        reader.checker.read(where, "organization_id", as_uuid, item["organization_id"])
        if item.get("organization_id")
        else None
    )
    # Carried to the writer on the unsaved instance (the plan keeps the instance).
    location.organisation_uuid = organisations.organisation_uuid(  # type: ignore[attr-defined]
        reader, organisation_id, where, "organization_id"
    )
    wheres = dict.fromkeys(("street_address", "postal_code", "city", "country"), address_where)
    wheres["accessibility_description"] = access_where
    reader.clean(
        location, where, LOCATION_FIELDS, ["organisation", "social_house_of", "uuid"], wheres
    )
    read_social_house(reader, location, existing, extension, where)
    reader.plan.locations.append(Planned(where, location, existing))
    if "schedules" in item or existing is None:
        reader.plan.location_hours[identifier] = read_hours(
            item.get("schedules"), where, reader.checker
        )


def coordinate(reader: Reader, item: Item, where: Where, name: str) -> Decimal | None:
    value = reader.checker.read(where, name, as_number, item.get(name))
    return Decimal(str(value)).quantize(Decimal("0.000001")) if value is not None else None


def read_social_house(
    reader: Reader, location: Location, existing: Location | None, extension: Item, where: Where
) -> None:
    """Only the importing municipality's own Sociaal Huis is set from a file."""
    wanted = extension.get("social_house_of") == reader.municipality.nis_code
    if not wanted and not (existing and existing.social_house_of_id):
        return
    other = Location.objects.filter(social_house_of=reader.municipality).exclude(uuid=location.uuid)
    if wanted and other.exists():
        reader.error(
            where,
            f"{EXTENSION}.social_house_of",
            _("Another location is already the Sociaal Huis of %(municipality)s.")
            % {"municipality": reader.municipality.name},
        )
        return
    reader.plan.social_houses.add(str(location.uuid))


def location_uuid(
    reader: Reader, identifier: str | None, where: Where, field_name: str
) -> str | None:
    if identifier is None:
        return None
    if identifier in reader.location_ids or Location.objects.filter(uuid=identifier).exists():
        return identifier
    reader.error(
        where, field_name, _("No location with this identifier is in the file or on the map.")
    )
    return None
