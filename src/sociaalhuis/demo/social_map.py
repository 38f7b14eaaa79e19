"""The demo social map: one HSDS 3.0 document per municipality, in ``demo/data/``,
loaded through the project's own HSDS importer (``directory.hsds.importer``), so
that the demo also proves the importer.

What the files hold comes from the seed documents (shared/seeds/):

* 000: the services of Ronse's ten covenant organisations, their target groups and
  the attention neighbourhoods they work in;
* 001 and 003: the Sociaal Huis of Ronse: a reception (onthaal, one-stop desk) and
  service cells (financial aid, housing, childcare, employment, legal aid), with
  room for partners' office days (zitdagen);
* 002: Harelbeke's community work with the Huis van Welzijn: the social grocery,
  the sewing workshop, Ontmoetingshuis GS9, the holiday offer for families;
* 004: Kortrijk's Sociaal Huis, De Koepel, the winter night shelter.

What the seeds do not say (addresses, hours, capacity, scores, prices) is made up
to be plausible and is marked as an example ("voorbeeld") where a citizen would read
it. No phone numbers or e-mail addresses are invented.

**One home per object.** The map is regional: an organisation, location or service
is written once, in the file of the first municipality it serves, and names the
other municipalities it serves (``x_sociaalhuis.municipalities``, ``service_areas``).
The files are imported in the order of ``FILES``; a later file may refer to an
organisation or location of an earlier one, which is then on the map.

**Dates relative to today.** Each file says on which day its dates were written
(``x_sociaalhuis.dates_as_of``). Before importing, the verification dates and the
capacity confirmations move forward by the days since then, and a period (a winter
opening, a closing day) moves by whole years to its first occurrence that has not
ended yet, so the demo always shows a few services due for verification and the
coming holidays.

**Identifiers** are stable ``uuid5(NAMESPACE, ...)`` values: of a service
``"<organisation name>/<code>"`` (see ``service_uuid``), of everything else a key
like ``"location/<key>"``. Changing an identifier in a file makes a new object.

Idempotent: the importer matches everything by identifier and writes only what
differs, so a second run on the same day writes nothing.
"""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timedelta
from functools import cache
from typing import Any

from django.utils import timezone

from sociaalhuis.core import datafiles, tenancy
from sociaalhuis.directory.hsds.export import to_json
from sociaalhuis.directory.hsds.importer import import_data
from sociaalhuis.directory.hsds.serialise import EXTENSION
from sociaalhuis.directory.models import Capacity, CapacityUpdate, Location, Organisation, Service
from sociaalhuis.tenants.models import Municipality

NAMESPACE = uuid.UUID("0b7c4f3e-2d6a-5e1b-9c8d-5a0c1e7f3b42")
EXAMPLE = "voorbeeld"
# In import order: a file may refer to organisations and locations of an earlier one.
FILES = ("ronse", "harelbeke", "kortrijk")

# The organisations the other demo modules (referrals, logins) refer to by name.
CAW = "CAW Oost-Vlaanderen vzw"
GLORIEUX = "Kinderopvang Glorieux"
GRIJKOORT = "Grijkoort Begeleid Werk vzw"
HUURDERSBOND = "Huurdersbond Oost-Vlaanderen vzw"
SAMENLEVINGSOPBOUW = "Samenlevingsopbouw West-Vlaanderen vzw"
UILENSPEL = "Uilenspel vzw"


def stable_uuid(key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, key)


def service_uuid(organisation: str, code: str) -> uuid.UUID:
    return stable_uuid(f"{organisation}/{code}")


# --- The files ------------------------------------------------------------------


@cache
def _text(slug: str) -> str:
    return datafiles.text("sociaalhuis.demo", f"social-map-{slug}.json")


def document(slug: str) -> dict[str, Any]:
    """The social map of one municipality as written in its file (a fresh copy)."""
    parsed: dict[str, Any] = json.loads(_text(slug))
    return parsed


def service_ids() -> list[uuid.UUID]:
    """Every service of the demo map."""
    return [uuid.UUID(item["id"]) for slug in FILES for item in document(slug)["services"]]


# --- Dates ----------------------------------------------------------------------


def _in_year(day: date, year: int) -> date:
    return day.replace(year=year)


def _recur(item: dict[str, Any], today: date) -> None:
    """Move a period by whole years to its first occurrence that ends on or after today."""
    if not item.get("valid_to"):
        return
    end = date.fromisoformat(item["valid_to"])
    years = today.year - end.year
    if _in_year(end, end.year + years) < today:
        years += 1
    for name in ("valid_from", "valid_to", "dtstart"):
        if item.get(name):
            day = date.fromisoformat(item[name])
            item[name] = _in_year(day, day.year + years).isoformat()


def dated(document: dict[str, Any], today: date) -> dict[str, Any]:
    """``document`` with its dates moved from the day they were written to ``today``."""
    shift = today - date.fromisoformat(document[EXTENSION]["dates_as_of"])
    for place in document["locations"]:
        for item in place.get("schedules", []):
            _recur(item, today)
    for service in document["services"]:
        if service.get("assured_date"):
            assured = date.fromisoformat(service["assured_date"]) + shift
            service["assured_date"] = assured.isoformat()
        capacity = service[EXTENSION]["capacity"]
        if capacity.get("confirmed_at"):
            confirmed = datetime.fromisoformat(capacity["confirmed_at"]) + shift
            capacity["confirmed_at"] = confirmed.isoformat()
        for item in service.get("schedules", []):
            _recur(item, today)
    return document


# --- Loading --------------------------------------------------------------------


def load(municipalities: dict[str, Municipality], today: date | None = None) -> int:
    """Import the demo map into each municipality; returns the number of rows created."""
    today = today or timezone.localdate()
    created = 0
    for slug in FILES:
        municipality = municipalities[slug]
        content = dated(document(slug), today)
        _adopt_earlier_demo_rows(content, municipality)
        with tenancy.for_municipality(municipality.pk):
            result = import_data(to_json(content), municipality=municipality)
        if not result.succeeded:
            problems = "; ".join(
                f"{error.file} {error.row} {error.field}: {error.reason}" for error in result.errors
            )
            raise datafiles.DataFileError(
                f"sociaalhuis.demo/data/social-map-{slug}.json does not import: {problems}"
            )
        created += sum(
            tally["created"]
            for kind, tally in result.summary.items()
            if kind != "ignored" and isinstance(tally, dict)
        )
    created += _capacity_history(service_ids())
    return created


def _adopt_earlier_demo_rows(content: dict[str, Any], municipality: Municipality) -> None:
    """Bring rows made before this file was loaded in line with it, as trusted code may.

    The demo loader once created organisations without stable identifiers, an
    organisation of the demo may already serve only other municipalities, and a
    municipality may have entered its own Sociaal Huis: the importer matches by
    identifier and lets a municipality change only organisations on its own map, so
    without this it would refuse them, as it would an administrator's file.
    """
    for item in content["organizations"]:
        if not Organisation.objects.filter(uuid=item["id"]).exists():
            Organisation.objects.filter(name=item["name"]).update(uuid=item["id"])
        organisation = Organisation.objects.filter(uuid=item["id"]).first()
        if organisation is not None:
            served = Municipality.objects.filter(
                nis_code__in=[municipality.nis_code, *item[EXTENSION]["municipalities"]]
            )
            organisation.municipalities.add(*served)
    for item in content["locations"]:
        if item[EXTENSION].get("social_house_of") == municipality.nis_code:
            Location.objects.filter(social_house_of=municipality).exclude(uuid=item["id"]).update(
                uuid=item["id"]
            )


def _capacity_history(ids: list[uuid.UUID]) -> int:
    """An earlier confirmation before the imported one, so the history shows a change.

    The import records the capacity in the file as the latest confirmation; the
    first one, months earlier, is written once per service.
    """
    now = timezone.now()
    services = Service.objects.filter(uuid__in=ids).order_by("uuid")
    alone = [service for service in services if service.capacity_updates.count() == 1]
    CapacityUpdate.objects.bulk_create(
        [
            CapacityUpdate(
                service=service,
                capacity=Capacity.OPEN,
                note=f"Eerste bevestiging ({EXAMPLE})",
                confirmed_at=now - timedelta(days=120 + position),
            )
            for position, service in enumerate(alone)
        ]
    )
    return len(alone)
