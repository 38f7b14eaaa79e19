"""What an import will write: the checked plan, and the vocabulary shared by the
reader (``hsds.reader``) and the writer (``hsds.writer``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sociaalhuis.directory.content import Snapshot
from sociaalhuis.directory.hsds.hours import Hours
from sociaalhuis.directory.hsds.problems import Where
from sociaalhuis.directory.hsds.serialise import EXTENSION
from sociaalhuis.directory.models import (
    PublicationStatus,
    Service,
)
from sociaalhuis.directory.models.services import FIVE_BS

Document = dict[str, Any]
Item = dict[str, Any]
Progress = Callable[[int, int], None]
LISTS = ("organizations", "locations", "taxonomies", "taxonomy_terms", "services")
HSDS_STATUS = {
    "active": PublicationStatus.PUBLISHED,
    "inactive": PublicationStatus.ARCHIVED,
    "defunct": PublicationStatus.ARCHIVED,
    "temporarily closed": PublicationStatus.ARCHIVED,
}
REVISION_SUMMARY = "import"
ORGANISATION_FIELDS = {
    "kbo_number": "organization_identifiers[0].identifier",
    "phone": "phones[0].number",
}
LOCATION_FIELDS = {
    "street_address": "address_1",
    "postal_code": "postal_code",
    "city": "city",
    "country": "country",
    "accessibility_description": "description",
}
SERVICE_FIELDS = {
    "phone": "phones[0].number",
    "languages": "languages",
    "last_verified_on": "assured_date",
    "verified_by_email": "assurer_email",
    "capacity": f"{EXTENSION}.capacity.status",
    "waiting_days": f"{EXTENSION}.capacity.waiting_days",
    "is_free": f"{EXTENSION}.is_free",
    **{
        f"{name}_{part}": f"{EXTENSION}.accessibility.{name}.{part}"
        for name, _dutch in FIVE_BS
        for part in ("score", "remark")
    },
}


@dataclass
class Planned:
    where: Where
    instance: Any
    existing: Any = None


@dataclass
class ServicePlan:
    where: Where
    uuid: str
    existing: Service | None
    snapshot: Snapshot
    extra: dict[str, Any]
    last_modified: Any
    links: dict[str, str]  # location uuid -> service_at_location uuid
    hours: Hours
    neighbourhoods: list[int]
    # The note to record with a changed capacity (``x_sociaalhuis.capacity.note``).
    capacity_note: str = ""


@dataclass
class Plan:
    taxonomies: list[Planned] = field(default_factory=list)
    terms: list[Planned] = field(default_factory=list)
    term_parents: dict[str, str] = field(default_factory=dict)
    organisations: list[Planned] = field(default_factory=list)
    organisation_municipalities: dict[str, set[int]] = field(default_factory=dict)
    locations: list[Planned] = field(default_factory=list)
    location_hours: dict[str, Hours] = field(default_factory=dict)
    social_houses: set[str] = field(default_factory=set)
    services: list[ServicePlan] = field(default_factory=list)
    life_domains: dict[int, list[str]] = field(default_factory=dict)
    ignored: dict[str, list[str]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(
            len(items)
            for items in (
                self.taxonomies,
                self.terms,
                self.organisations,
                self.locations,
                self.services,
                self.life_domains,
            )
        )
