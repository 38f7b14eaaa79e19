"""Importing an HSDS JSON document or tabular datapackage into a municipality's map.

**All or nothing.** The whole file is read and checked first; every invalid value is
reported as (file, row, field, reason) and, if there is any, nothing is written.
**Idempotent.** Objects are matched by their identifier (organisations also by KBO
number, shared taxonomies and terms also by code); what is unchanged is not
touched, so importing the same file twice changes nothing the second time.

Services are written with ``content.apply_snapshot`` and published, and serve the
importing municipality (besides the municipalities they already served and those
the file names). Each created or changed service gets an approved
``ServiceRevision`` ("import") in its history. Shared taxonomies and terms are
added when missing, never changed: they belong to the whole region. Life domains
are the municipality's own reference data: the file only sets which rubrics each
of them covers, for the life domains the municipality has (matched by code).

Run inside the importing municipality's tenant context.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from sociaalhuis.core import tenancy
from sociaalhuis.directory.content import (
    TEXT_FIELDS,
    Snapshot,
    apply_snapshot,
    snapshot_of,
)
from sociaalhuis.directory.hsds import hours as hours_module
from sociaalhuis.directory.hsds import serialise, tabular
from sociaalhuis.directory.hsds.hours import Hours, read_hours
from sociaalhuis.directory.hsds.problems import FormatError, RowError, Where, where_of
from sociaalhuis.directory.hsds.serialise import DEFAULT_LANGUAGE, EXTENSION
from sociaalhuis.directory.hsds.values import (
    Checker,
    as_date,
    as_flag,
    as_moment,
    as_number,
    as_text,
    as_uuid,
    as_whole_number,
)
from sociaalhuis.directory.models import (
    Capacity,
    CapacityUpdate,
    LifeDomainTerm,
    Location,
    Organisation,
    PublicationStatus,
    Schedule,
    ScheduleException,
    Service,
    ServiceAtLocation,
    ServiceNeighbourhood,
    ServiceRevision,
    ServiceText,
    Taxonomy,
    TaxonomyTerm,
)
from sociaalhuis.directory.models.services import FIVE_BS, TEXT_LANGUAGES
from sociaalhuis.directory.search import index_services
from sociaalhuis.directory.validators import normalise_kbo_number
from sociaalhuis.tenants.models import LifeDomain, Municipality, Neighbourhood

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
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)

    @property
    def succeeded(self) -> bool:
        return not self.errors


# --- Reading the file ------------------------------------------------------------


def read_document(data: bytes) -> tuple[Document, list[RowError]]:
    """The file as a document in the JSON shape, and the errors found while reading."""
    if not data.strip():
        raise FormatError(_("The file is empty."))
    if data[:2] == b"PK" or zipfile.is_zipfile(io.BytesIO(data)):
        tables = tabular.read_zip(data)
        return tabular.to_document(tables), tables.errors
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FormatError(
            _("The file is not UTF-8 text. Export it again as UTF-8 and try again.")
        ) from error
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as error:
        raise FormatError(
            _(
                "The file is neither an HSDS JSON document nor an HSDS datapackage (zip). "
                "Choose a file exported from a social map."
            )
        ) from error
    return _document_shape(parsed), []


def _document_shape(parsed: Any) -> Document:
    """Our export, a list of services, an API page, or one service."""
    if isinstance(parsed, list):
        return {"services": parsed}
    if isinstance(parsed, dict):
        if any(key in parsed for key in LISTS):
            return parsed
        if isinstance(parsed.get("contents"), list):
            return {"services": parsed["contents"]}
        if "id" in parsed and "name" in parsed:
            return {"services": [parsed]}
    raise FormatError(_("The file is JSON, but it holds no HSDS services or organisations."))


# --- The plan: everything checked, nothing written -------------------------------


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


class Reader:
    """Checks a document against the database and builds the plan."""

    def __init__(self, municipality: Municipality, language: str) -> None:
        self.municipality = municipality
        self.language = language if language in TEXT_LANGUAGES else DEFAULT_LANGUAGE
        self.checker = Checker()
        self.plan = Plan()
        # identifier in the file -> identifier on the map (they differ when matched
        # by KBO number or code)
        self.taxonomy_ids: dict[str, str] = {}
        self.life_domain_taxonomies: set[str] = set()
        self.term_ids: dict[str, str] = {}
        self.life_domain_terms: set[str] = set()
        self.organisation_ids: dict[str, str] = {}
        self.location_ids: set[str] = set()

    # -- helpers

    def error(self, where: Where, field_name: str, reason: str) -> None:
        self.checker.add(where, field_name, reason)

    def items(self, document: Document, key: str) -> list[tuple[Item, Where]]:
        value = document.get(key, [])
        if not isinstance(value, list):
            self.error(Where(key, 0), "", _("This must be a list."))
            return []
        result = []
        for index, item in enumerate(value):
            where = where_of(item, Where(key, index + 1)) if isinstance(item, dict) else None
            if where is None:
                self.error(Where(key, index + 1), "", _("This must be an object."))
                continue
            result.append((item, where))
        return result

    def identifier(self, item: Item, where: Where, name: str = "id") -> str | None:
        if item.get(name) in (None, ""):
            self.error(where, name, _("This field is required."))
            return None
        return self.checker.read(where, name, as_uuid, item.get(name))

    def text(self, item: Item, where: Where, name: str) -> str:
        return self.checker.read(where, name, as_text, item.get(name)) or ""

    def clean(
        self,
        instance: Any,
        where: Where,
        fields: dict[str, str],
        exclude: list[str],
        wheres: dict[str, Where] | None = None,
    ) -> None:
        # An instance standing in for an existing row is not new: uniqueness checks
        # must not find the row itself.
        instance._state.adding = instance.pk is None
        try:
            instance.full_clean(exclude=exclude)
        except ValidationError as error:
            self.checker.model(where, error, fields, wheres)

    # -- taxonomies

    def read_taxonomies(self, document: Document) -> None:
        for item, where in self.items(document, "taxonomies"):
            identifier = self.identifier(item, where)
            extension = item.get(EXTENSION) or {}
            if identifier is None:
                continue
            if extension.get("life_domains_of"):
                self.life_domain_taxonomies.add(identifier)
                continue
            self.read_taxonomy(item, where, identifier, extension)

    def read_taxonomy(self, item: Item, where: Where, identifier: str, extension: Item) -> None:
        name = self.text(item, where, "name")
        self.checker.required(where, "name", name)
        code = as_text(extension.get("code")) or slugify(name)[:80] or identifier[:8]
        existing = (
            Taxonomy.objects.filter(uuid=identifier).first()
            or Taxonomy.objects.filter(code=code).first()
        )
        self.taxonomy_ids[identifier] = str(existing.uuid) if existing else identifier
        if existing is not None:
            self.plan.taxonomies.append(Planned(where, existing, existing))
            return
        taxonomy = Taxonomy(
            uuid=identifier,
            code=code,
            name=name,
            description=self.text(item, where, "description"),
            uri=self.text(item, where, "uri"),
            version=self.text(item, where, "version"),
        )
        self.clean(taxonomy, where, {"code": f"{EXTENSION}.code"}, ["uuid"])
        self.plan.taxonomies.append(Planned(where, taxonomy))

    # -- taxonomy terms

    def read_terms(self, document: Document) -> None:
        terms = self.items(document, "taxonomy_terms") + self.nested_terms(document)
        seen: set[str] = set()
        for item, where in terms:
            identifier = self.identifier(item, where)
            if identifier is None or identifier in seen:
                continue
            seen.add(identifier)
            taxonomy_id = self.identifier(item, where, "taxonomy_id")
            if taxonomy_id in self.life_domain_taxonomies:
                self.life_domain_terms.add(identifier)
            elif taxonomy_id is not None:
                self.read_term(item, where, identifier, taxonomy_id)
        for item, where in terms:
            self.read_term_links(item, where)

    def nested_terms(self, document: Document) -> list[tuple[Item, Where]]:
        """Terms only given inside a service's attributes (documents from elsewhere)."""
        nested = []
        for service, where in self.items(document, "services"):
            attributes = service.get("attributes")
            for index, attribute in enumerate(attributes if isinstance(attributes, list) else []):
                term = attribute.get("taxonomy_term") if isinstance(attribute, dict) else None
                if isinstance(term, dict) and "taxonomy_id" in term:
                    place = where_of(attribute, where.inside("attributes", index))
                    nested.append(
                        (term, Where(place.file, place.row, f"{place.prefix}taxonomy_term."))
                    )
        return nested

    def taxonomy_uuid(self, identifier: str, where: Where) -> str | None:
        if identifier in self.taxonomy_ids:
            return self.taxonomy_ids[identifier]
        if Taxonomy.objects.filter(uuid=identifier).exists():
            self.taxonomy_ids[identifier] = identifier
            return identifier
        self.error(
            where,
            "taxonomy_id",
            _("No taxonomy with this identifier is in the file or on the map."),
        )
        return None

    def read_term(self, item: Item, where: Where, identifier: str, taxonomy_id: str) -> None:
        taxonomy_uuid = self.taxonomy_uuid(taxonomy_id, where)
        extension = item.get(EXTENSION) or {}
        names = self.term_names(item, where, extension)
        code = self.text(item, where, "code") or slugify(names.get("nl", ""))[:80]
        existing = TaxonomyTerm.objects.filter(uuid=identifier).first() or (
            TaxonomyTerm.objects.filter(taxonomy__uuid=taxonomy_uuid, code=code).first()
            if taxonomy_uuid
            else None
        )
        self.term_ids[identifier] = str(existing.uuid) if existing else identifier
        if existing is not None:
            self.plan.terms.append(Planned(where, existing, existing))
            return
        term = TaxonomyTerm(
            uuid=identifier,
            code=code,
            description=self.text(item, where, "description"),
            position=self.checker.read(
                where, f"{EXTENSION}.position", as_whole_number, extension.get("position")
            )
            or 0,
            **{f"name_{language}": name for language, name in names.items()},
        )
        term.taxonomy_uuid = taxonomy_uuid  # type: ignore[attr-defined]
        self.clean(term, where, {"name_nl": "name"}, ["uuid", "taxonomy", "parent"])
        self.plan.terms.append(Planned(where, term))

    def term_names(self, item: Item, where: Where, extension: Item) -> dict[str, str]:
        given = extension.get("names")
        if isinstance(given, dict):
            names = {code: as_text(given.get(code)) for code in TEXT_LANGUAGES if given.get(code)}
        else:
            language = as_text(item.get("language")) or self.language
            names = {language[:2]: self.text(item, where, "name")}
        names.setdefault("nl", self.text(item, where, "name"))
        self.checker.required(where, "name", names["nl"])
        return names

    def read_term_links(self, item: Item, where: Where) -> None:
        identifier = item.get("id")
        if identifier in self.life_domain_terms:
            self.read_life_domain(item, where)
            return
        parent = item.get("parent_id")
        if identifier in self.term_ids and parent:
            parent_id = self.checker.read(where, "parent_id", as_uuid, parent)
            resolved = self.term_uuid(parent_id, where, "parent_id") if parent_id else None
            if resolved:
                self.plan.term_parents[self.term_ids[identifier]] = resolved

    def term_uuid(self, identifier: str, where: Where, field_name: str) -> str | None:
        if identifier in self.term_ids:
            return self.term_ids[identifier]
        if TaxonomyTerm.objects.filter(uuid=identifier).exists():
            return identifier
        self.error(
            where,
            field_name,
            _("No taxonomy term with this identifier is in the file or on the map."),
        )
        return None

    def read_life_domain(self, item: Item, where: Where) -> None:
        code = as_text(item.get("code"))
        domain = LifeDomain.objects.filter(code=code).first()
        if domain is None:
            self.plan.ignored.setdefault("life_domains", []).append(code)
            return
        rubrics = (item.get(EXTENSION) or {}).get("rubric_ids") or []
        resolved = []
        for index, rubric in enumerate(rubrics if isinstance(rubrics, list) else []):
            field_name = f"{EXTENSION}.rubric_ids[{index}]"
            rubric_id = self.checker.read(where, field_name, as_uuid, rubric)
            term = self.term_uuid(rubric_id, where, field_name) if rubric_id else None
            if term:
                resolved.append(term)
        self.plan.life_domains[domain.pk] = sorted(set(resolved))

    # -- organisations

    def read_organisations(self, document: Document) -> None:
        nested = [
            (service["organization"], Where(where.file, where.row, "organization."))
            for service, where in self.items(document, "services")
            if isinstance(service.get("organization"), dict)
        ]
        names: dict[str, str] = {}
        for item, where in self.items(document, "organizations") + nested:
            identifier = self.identifier(item, where)
            if identifier is None or identifier in self.organisation_ids:
                continue
            planned = self.read_organisation(item, where, identifier)
            if planned is None:
                continue
            other = names.setdefault(planned.instance.name, identifier)
            if other != identifier:
                self.error(where, "name", _("Another organisation in the file has this name."))

    def kbo_number(self, item: Item, where: Where) -> str:
        identifiers = item.get("organization_identifiers") or []
        for index, entry in enumerate(identifiers if isinstance(identifiers, list) else []):
            if not isinstance(entry, dict):
                continue
            scheme = as_text(entry.get("identifier_scheme"))
            kind = as_text(entry.get("identifier_type")).upper()
            if scheme == serialise.KBO_SCHEME or "KBO" in kind:
                place = where_of(entry, where.inside("organization_identifiers", index))
                try:
                    return normalise_kbo_number(as_text(entry.get("identifier")))
                except ValidationError as error:
                    self.error(place, "identifier", " ".join(error.messages))
        return ""

    def first_phone(self, item: Item) -> str:
        phones = item.get("phones") or []
        first = phones[0] if isinstance(phones, list) and phones else {}
        return as_text(first.get("number")) if isinstance(first, dict) else ""

    def read_organisation(self, item: Item, where: Where, identifier: str) -> Planned | None:
        kbo = self.kbo_number(item, where)
        existing = Organisation.objects.filter(uuid=identifier).first() or (
            Organisation.objects.filter(kbo_number=kbo).first() if kbo else None
        )
        if existing is not None and not self.may_change(existing):
            self.error(where, "id", self.kept_elsewhere())
            return None
        self.organisation_ids[identifier] = str(existing.uuid) if existing else identifier
        extension = item.get(EXTENSION) or {}
        organisation = Organisation(
            pk=existing.pk if existing else None,
            uuid=existing.uuid if existing else identifier,
            name=self.text(item, where, "name"),
            alternate_name=self.text(item, where, "alternate_name"),
            description=self.text(item, where, "description"),
            kbo_number=kbo,
            website=self.text(item, where, "website"),
            email=self.text(item, where, "email"),
            phone=self.first_phone(item),
            active=self.checker.read(
                where, f"{EXTENSION}.active", as_flag, extension.get("active", True)
            )
            is not False,
        )
        self.clean(organisation, where, ORGANISATION_FIELDS, ["municipalities"])
        self.plan.organisation_municipalities[str(organisation.uuid)] = self.served(
            extension.get("municipalities")
        )
        planned = Planned(where, organisation, existing)
        self.plan.organisations.append(planned)
        return planned

    def may_change(self, organisation: Organisation) -> bool:
        """As ``rules.can_edit_organisation`` for an administrator: organisations that
        serve this municipality, or none yet."""
        served = set(organisation.municipalities.values_list("pk", flat=True))
        return not served or self.municipality.pk in served

    def kept_elsewhere(self) -> str:
        return _(
            "This organisation is on the map of other municipalities only. Ask one of them "
            "to add %(municipality)s to it before importing changes to it."
        ) % {"municipality": self.municipality.name}

    def served(self, nis_codes: Any) -> set[int]:
        codes = [as_text(code) for code in nis_codes] if isinstance(nis_codes, list) else []
        known = set(Municipality.objects.filter(nis_code__in=codes).values_list("pk", flat=True))
        return known | {self.municipality.pk}

    def organisation_uuid(
        self, identifier: str | None, where: Where, field_name: str
    ) -> str | None:
        if identifier is None:
            return None
        if identifier in self.organisation_ids:
            return self.organisation_ids[identifier]
        existing = Organisation.objects.filter(uuid=identifier).first()
        if existing is None:
            self.error(
                where,
                field_name,
                _("No organisation with this identifier is in the file or on the map."),
            )
            return None
        if not self.may_change(existing):
            self.error(where, field_name, self.kept_elsewhere())
        return identifier

    # -- locations

    def read_locations(self, document: Document) -> None:
        nested = []
        for service, where in self.items(document, "services"):
            links = service.get("service_at_locations")
            for index, link in enumerate(links if isinstance(links, list) else []):
                if isinstance(link, dict) and isinstance(link.get("location"), dict):
                    place = where.inside("service_at_locations", index)
                    nested.append(
                        (link["location"], Where(place.file, place.row, f"{place.prefix}location."))
                    )
        for item, where in self.items(document, "locations") + nested:
            identifier = self.identifier(item, where)
            if identifier is not None and identifier not in self.location_ids:
                self.location_ids.add(identifier)
                self.read_location(item, where, identifier)

    def sub_item(self, item: Item, key: str, where: Where) -> tuple[Item, Where]:
        values = item.get(key) or []
        first = values[0] if isinstance(values, list) and values else {}
        if not isinstance(first, dict):
            return {}, where
        return first, where_of(first, where.inside(key, 0))

    def read_location(self, item: Item, where: Where, identifier: str) -> None:
        existing = (
            Location.objects.filter(uuid=identifier).select_related("social_house_of").first()
        )
        extension = item.get(EXTENSION) or {}
        if existing and existing.social_house_of_id not in (None, self.municipality.pk):
            self.error(
                where,
                "id",
                _(
                    "This is the Sociaal Huis of another municipality: "
                    "only that municipality can change it."
                ),
            )
            return
        address, address_where = self.sub_item(item, "addresses", where)
        access, access_where = self.sub_item(item, "accessibility", where)
        location = Location(
            pk=existing.pk if existing else None,
            uuid=identifier,
            name=self.text(item, where, "name"),
            description=self.text(item, where, "description"),
            transportation=self.text(item, where, "transportation"),
            street_address=self.text(address, address_where, "address_1"),
            postal_code=self.text(address, address_where, "postal_code"),
            city=self.text(address, address_where, "city"),
            country=self.text(address, address_where, "country") or "BE",
            latitude=self.coordinate(item, where, "latitude"),
            longitude=self.coordinate(item, where, "longitude"),
            wheelchair_accessible=self.checker.read(
                where,
                f"{EXTENSION}.wheelchair_accessible",
                as_flag,
                extension.get("wheelchair_accessible"),
            ),
            accessibility_description=self.text(access, access_where, "description"),
        )
        location.organisation_uuid = self.organisation_uuid(  # type: ignore[attr-defined]
            self.checker.read(where, "organization_id", as_uuid, item["organization_id"])
            if item.get("organization_id")
            else None,
            where,
            "organization_id",
        )
        wheres = dict.fromkeys(("street_address", "postal_code", "city", "country"), address_where)
        wheres["accessibility_description"] = access_where
        self.clean(
            location, where, LOCATION_FIELDS, ["organisation", "social_house_of", "uuid"], wheres
        )
        self.read_social_house(location, existing, extension, where)
        self.plan.locations.append(Planned(where, location, existing))
        if "schedules" in item or existing is None:
            self.plan.location_hours[identifier] = read_hours(
                item.get("schedules"), where, self.checker
            )

    def coordinate(self, item: Item, where: Where, name: str) -> Decimal | None:
        value = self.checker.read(where, name, as_number, item.get(name))
        return Decimal(str(value)).quantize(Decimal("0.000001")) if value is not None else None

    def read_social_house(
        self, location: Location, existing: Location | None, extension: Item, where: Where
    ) -> None:
        """Only the importing municipality's own Sociaal Huis is set from a file."""
        wanted = extension.get("social_house_of") == self.municipality.nis_code
        if not wanted and not (existing and existing.social_house_of_id):
            return
        other = Location.objects.filter(social_house_of=self.municipality).exclude(
            uuid=location.uuid
        )
        if wanted and other.exists():
            self.error(
                where,
                f"{EXTENSION}.social_house_of",
                _("Another location is already the Sociaal Huis of %(municipality)s.")
                % {"municipality": self.municipality.name},
            )
            return
        self.plan.social_houses.add(str(location.uuid))

    def location_uuid(self, identifier: str | None, where: Where, field_name: str) -> str | None:
        if identifier is None:
            return None
        if identifier in self.location_ids or Location.objects.filter(uuid=identifier).exists():
            return identifier
        self.error(
            where, field_name, _("No location with this identifier is in the file or on the map.")
        )
        return None

    # -- services

    def read_services(self, document: Document) -> None:
        seen: set[str] = set()
        for item, where in self.items(document, "services"):
            identifier = self.identifier(item, where)
            if identifier is None:
                continue
            if identifier in seen:
                self.error(where, "id", _("Another service in the file has this identifier."))
                continue
            seen.add(identifier)
            self.read_service(item, where, identifier)

    def read_service(self, item: Item, where: Where, identifier: str) -> None:
        existing = Service.objects.filter(uuid=identifier).select_related("organisation").first()
        if existing is not None and not self.may_change(existing.organisation):
            self.error(where, "id", self.kept_elsewhere())
            return
        extension = item.get(EXTENSION) or {}
        organisation = self.organisation_uuid(
            self.identifier(item, where, "organization_id"), where, "organization_id"
        )
        scalars = self.service_scalars(item, where, extension)
        extra = self.service_extra(item, where, extension)
        self.check_service(scalars, extra, where)
        texts = self.service_texts(item, where, extension)
        links = self.service_links(item, where)
        hours = read_hours(item.get("schedules"), where, self.checker)
        snapshot: Snapshot = {
            "organisation": organisation,
            **scalars,
            "municipalities": self.service_area(item, where, existing),
            "terms": self.service_terms(item, where),
            "locations": sorted(links),
            "texts": texts,
        }
        self.plan.services.append(
            ServicePlan(
                where=where,
                uuid=identifier,
                existing=existing,
                snapshot=snapshot,
                extra=extra,
                last_modified=self.checker.read(
                    where, "last_modified", as_moment, item.get("last_modified")
                ),
                links=links,
                hours=hours,
                neighbourhoods=self.neighbourhoods(extension),
            )
        )

    def service_scalars(self, item: Item, where: Where, extension: Item) -> dict[str, Any]:
        languages = item.get("languages") or []
        access = extension.get("accessibility") or {}
        scalars: dict[str, Any] = {
            "url": self.text(item, where, "url"),
            "email": self.text(item, where, "email"),
            "phone": self.first_phone(item),
            "languages": [
                as_text(entry.get("code"))
                for entry in (languages if isinstance(languages, list) else [])
                if isinstance(entry, dict) and entry.get("code")
            ],
            "minimum_age": self.checker.read(
                where, "minimum_age", as_whole_number, item.get("minimum_age")
            ),
            "maximum_age": self.checker.read(
                where, "maximum_age", as_whole_number, item.get("maximum_age")
            ),
            "is_free": bool(
                self.checker.read(
                    where, f"{EXTENSION}.is_free", as_flag, extension.get("is_free", False)
                )
            ),
        }
        for name, _dutch in FIVE_BS:
            value = access.get(name) if isinstance(access, dict) else None
            value = value if isinstance(value, dict) else {}
            scalars[f"{name}_score"] = self.checker.read(
                where, SERVICE_FIELDS[f"{name}_score"], as_whole_number, value.get("score")
            )
            scalars[f"{name}_remark"] = as_text(value.get("remark"))
        return scalars

    def service_extra(self, item: Item, where: Where, extension: Item) -> dict[str, Any]:
        """What the snapshot does not hold: status, verification, capacity."""
        status = as_text(item.get("status") or "active").lower()
        if status not in HSDS_STATUS:
            self.error(
                where, "status", _("Use one of: active, inactive, defunct, temporarily closed.")
            )
        given = extension.get("capacity")
        capacity: Item = given if isinstance(given, dict) else {}
        return {
            "status": HSDS_STATUS.get(status, PublicationStatus.PUBLISHED),
            "last_verified_on": self.checker.read(
                where, "assured_date", as_date, item.get("assured_date")
            ),
            "verified_by_email": self.text(item, where, "assurer_email"),
            "capacity": as_text(capacity.get("status")) or Capacity.UNKNOWN,
            "waiting_days": self.checker.read(
                where, SERVICE_FIELDS["waiting_days"], as_whole_number, capacity.get("waiting_days")
            ),
            "capacity_confirmed_at": self.checker.read(
                where, f"{EXTENSION}.capacity.confirmed_at", as_moment, capacity.get("confirmed_at")
            ),
        }

    def check_service(self, scalars: dict[str, Any], extra: dict[str, Any], where: Where) -> None:
        service = Service(**scalars, **extra)
        self.clean(
            service,
            where,
            SERVICE_FIELDS,
            ["organisation", "uuid", "municipalities", "terms", "locations"],
        )

    def service_texts(self, item: Item, where: Where, extension: Item) -> dict[str, dict[str, str]]:
        given = extension.get("texts")
        if isinstance(given, dict) and given:
            texts = {}
            for language, values in sorted(given.items()):
                prefix = f"{EXTENSION}.texts.{language}."
                if language not in TEXT_LANGUAGES or not isinstance(values, dict):
                    self.error(
                        where,
                        f"{EXTENSION}.texts.{language}",
                        _("Texts can be given in nl, fr and en only."),
                    )
                    continue
                texts[language] = {name: as_text(values.get(name)) for name in TEXT_FIELDS}
                self.check_text(texts[language], where, prefix)
            return texts
        text = {
            name: self.text(item, where, name)
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
        self.check_text(text, where, "")
        return {self.language: text}

    def check_text(self, values: dict[str, str], where: Where, prefix: str) -> None:
        self.clean(
            ServiceText(language="nl", **values),
            where,
            {name: f"{prefix}{name}" for name in TEXT_FIELDS},
            ["service", "search_vector"],
        )

    def service_area(self, item: Item, where: Where, existing: Service | None) -> list[str]:
        """The municipalities served: those named in the file, this one, and those the
        service already served (an import never takes a service off another map)."""
        areas = item.get("service_areas") or []
        codes = set()
        for area in areas if isinstance(areas, list) else []:
            extension = area.get(EXTENSION) if isinstance(area, dict) else None
            if isinstance(extension, dict) and extension.get("nis_code"):
                codes.add(as_text(extension["nis_code"]))
        known = set(
            Municipality.objects.filter(nis_code__in=codes).values_list("nis_code", flat=True)
        )
        if existing is not None:
            known |= set(existing.municipalities.values_list("nis_code", flat=True))
        return sorted(known | {self.municipality.nis_code})

    def service_terms(self, item: Item, where: Where) -> list[str]:
        attributes = item.get("attributes") or []
        terms = set()
        for index, attribute in enumerate(attributes if isinstance(attributes, list) else []):
            if not isinstance(attribute, dict):
                continue
            place = where_of(attribute, where.inside("attributes", index))
            term_id = self.identifier(attribute, place, "taxonomy_term_id")
            if term_id is None or term_id in self.life_domain_terms:
                continue  # a life domain is derived from the rubrics, not stored
            term = self.term_uuid(term_id, place, "taxonomy_term_id")
            if term:
                terms.add(term)
        return sorted(terms)

    def service_links(self, item: Item, where: Where) -> dict[str, str]:
        links = item.get("service_at_locations") or []
        result = {}
        for index, link in enumerate(links if isinstance(links, list) else []):
            if not isinstance(link, dict):
                continue
            place = where_of(link, where.inside("service_at_locations", index))
            link_id = self.identifier(link, place)
            location = self.location_uuid(
                self.identifier(link, place, "location_id"), place, "location_id"
            )
            if link_id and location:
                result[location] = link_id
        return result

    def neighbourhoods(self, extension: Item) -> list[int]:
        names = extension.get("neighbourhoods")
        names = [as_text(name) for name in names] if isinstance(names, list) else []
        found = dict(Neighbourhood.objects.filter(name__in=names).values_list("name", "pk"))
        self.plan.ignored.setdefault("neighbourhoods", []).extend(sorted(set(names) - set(found)))
        return sorted(found.values())

    # -- hours across objects

    def check_hours(self) -> None:
        for service in self.plan.services:
            hours_module.check_office_hours(
                service.hours,
                self.checker,
                is_social_house=self.is_social_house,
                opening_hours=self.opening_hours,
            )
        self.check_hours_identifiers()

    def is_social_house(self, location_id: str) -> bool:
        if location_id in self.plan.social_houses:
            return True
        return Location.objects.filter(uuid=location_id, social_house_of__isnull=False).exists()

    def opening_hours(self, location_id: str) -> list[Schedule]:
        if location_id in self.plan.location_hours:
            return [
                slot.schedule
                for slot in self.plan.location_hours[location_id].slots
                if slot.schedule.kind == Schedule.Kind.OPENING_HOURS
            ]
        return list(
            Schedule.objects.filter(
                location__uuid=location_id, service__isnull=True, kind=Schedule.Kind.OPENING_HOURS
            )
        )

    def check_hours_identifiers(self) -> None:
        """An identifier of hours may not belong to another service or location."""
        owners: dict[str, tuple[str, str, Where]] = {}
        all_hours = [("service", plan.uuid, plan.hours) for plan in self.plan.services] + [
            ("location", uuid, hours) for uuid, hours in self.plan.location_hours.items()
        ]
        for kind, owner, hours in all_hours:
            for identifier, where in hours.identified():
                if identifier in owners:
                    self.error(where, "id", _("Other hours in the file have this identifier."))
                owners[identifier] = (kind, owner, where)
        for model in (Schedule, ScheduleException):
            taken = model.objects.filter(uuid__in=list(owners))
            for found, service, place in taken.values_list(
                "uuid", "service__uuid", "location__uuid"
            ):
                kind, owner, where = owners[str(found)]
                current = str(service) if kind == "service" else str(place)
                if current != owner or (kind == "location" and service is not None):
                    self.error(where, "id", self.taken())

    def check_link_identifiers(self) -> None:
        wanted = {
            link: (plan.uuid, location, plan.where)
            for plan in self.plan.services
            for location, link in plan.links.items()
        }
        taken = ServiceAtLocation.objects.filter(uuid__in=list(wanted))
        for identifier, service, place in taken.values_list(
            "uuid", "service__uuid", "location__uuid"
        ):
            owner, location, where = wanted[str(identifier)]
            if (str(service), str(place)) != (owner, location):
                self.error(where, "service_at_locations", self.taken())

    def taken(self) -> str:
        return _("This identifier already belongs to another object on the map.")

    # -- all of it

    def read(self, document: Document) -> Plan:
        self.read_taxonomies(document)
        self.read_terms(document)
        self.read_organisations(document)
        self.read_locations(document)
        self.read_services(document)
        self.check_hours()
        self.check_link_identifiers()
        return self.plan


# --- Writing the plan --------------------------------------------------------------


class Counter:
    def __init__(self, total: int, progress: Progress | None) -> None:
        self.total, self.done, self.progress = total, 0, progress
        self.summary: dict[str, dict[str, int]] = {}

    def count(self, kind: str, outcome: str) -> None:
        tally = self.summary.setdefault(kind, {"created": 0, "updated": 0, "unchanged": 0})
        tally[outcome] += 1
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total)


def _fields_of(instance: Any, names: list[str]) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in names}


def _save_changed(planned: Planned, names: list[str]) -> str:
    """Create the object, or update the fields that differ; the outcome's name."""
    if planned.existing is None:
        planned.instance.save()
        return "created"
    if _fields_of(planned.instance, names) == _fields_of(planned.existing, names):
        return "unchanged"
    planned.instance.save(update_fields=names)
    return "updated"


class Writer:
    def __init__(
        self,
        plan: Plan,
        municipality: Municipality,
        actor_id: int | None,
        progress: Progress | None,
    ) -> None:
        self.plan = plan
        self.municipality = municipality
        self.actor_id = actor_id
        self.counter = Counter(plan.total, progress)
        self.now = timezone.now()

    def write(self) -> dict[str, Any]:
        self.write_taxonomies()
        self.write_organisations()
        self.write_locations()
        self.write_services()
        self.write_life_domains()
        ignored = {key: sorted(set(values)) for key, values in self.plan.ignored.items() if values}
        return {**self.counter.summary, "ignored": ignored}

    def write_taxonomies(self) -> None:
        taxonomies = {}
        for planned in self.plan.taxonomies:
            created = planned.existing is None
            if created:
                planned.instance.save()
            taxonomies[str(planned.instance.uuid)] = planned.instance
            self.counter.count("taxonomies", "created" if created else "unchanged")
        lookup = {str(t.uuid): t for t in Taxonomy.objects.all()} | taxonomies
        for planned in self.plan.terms:
            created = planned.existing is None
            if created:
                planned.instance.taxonomy = lookup[planned.instance.taxonomy_uuid]
                planned.instance.save()
            self.counter.count("taxonomy_terms", "created" if created else "unchanged")
        self.write_term_parents()

    def write_term_parents(self) -> None:
        """Parents are set for new terms only (shared terms are never changed)."""
        new = {str(p.instance.uuid) for p in self.plan.terms if p.existing is None}
        wanted = {child: parent for child, parent in self.plan.term_parents.items() if child in new}
        parents = TaxonomyTerm.objects.filter(uuid__in=list(wanted.values()))
        pk_of = {str(uuid): pk for uuid, pk in parents.values_list("uuid", "pk")}
        for child, parent in wanted.items():
            TaxonomyTerm.objects.filter(uuid=child).update(parent_id=pk_of[parent])

    def write_organisations(self) -> None:
        names = [
            "name",
            "alternate_name",
            "description",
            "kbo_number",
            "website",
            "email",
            "phone",
            "active",
        ]
        for planned in self.plan.organisations:
            organisation = planned.instance
            outcome = _save_changed(planned, names)
            if outcome != "unchanged":
                Organisation.objects.filter(pk=organisation.pk).update(last_modified=self.now)
                # Its name and whether it is active are part of its services' index.
                index_services(organisation.services.values_list("pk", flat=True))
            wanted = self.plan.organisation_municipalities[str(organisation.uuid)]
            served = set(organisation.municipalities.values_list("pk", flat=True))
            if not wanted <= served:
                organisation.municipalities.add(*(wanted - served))
                outcome = "updated" if outcome == "unchanged" else outcome
            self.counter.count("organisations", outcome)

    def write_locations(self) -> None:
        names = [
            "name",
            "description",
            "transportation",
            "street_address",
            "postal_code",
            "city",
            "country",
            "latitude",
            "longitude",
            "wheelchair_accessible",
            "accessibility_description",
            "organisation_id",
            "social_house_of_id",
        ]
        organisations = {
            str(key): value for key, value in Organisation.objects.values_list("uuid", "pk")
        }
        for planned in self.plan.locations:
            location = planned.instance
            location.organisation_id = (
                organisations.get(location.organisation_uuid)
                if location.organisation_uuid
                else None
            )
            location.social_house_of_id = (
                self.municipality.pk if str(location.uuid) in self.plan.social_houses else None
            )
            outcome = _save_changed(planned, names)
            hours = self.plan.location_hours.get(str(location.uuid))
            if hours is not None and self.replace_hours(
                hours,
                location_filter={"location": location, "service__isnull": True},
                location=location,
            ):
                outcome = "updated" if outcome == "unchanged" else outcome
            if outcome != "unchanged":
                Location.objects.filter(pk=location.pk).update(last_modified=self.now)
            self.counter.count("locations", outcome)

    def locations_by_uuid(self) -> dict[str, Location]:
        return {str(place.uuid): place for place in Location.objects.all()}

    def replace_hours(
        self,
        hours: Hours,
        *,
        location_filter: dict[str, Any],
        location: Location | None = None,
        service: Service | None = None,
    ) -> bool:
        """Replace an owner's hours with the file's; False when they are the same."""
        places = self.locations_by_uuid() if service is not None else {}
        current_slots = Schedule.objects.filter(**location_filter).select_related("location")
        current_days = ScheduleException.objects.filter(**location_filter).select_related(
            "location"
        )
        if _hours_signature(current_slots, current_days) == _planned_signature(hours, location):
            return False
        current_slots.delete()
        current_days.delete()
        for slot in hours.slots:
            slot.schedule.service = service
            slot.schedule.location = location or (
                places.get(slot.location_id) if slot.location_id else None
            )
            slot.schedule.save()
        for day in hours.days:
            day.exception.service = service
            day.exception.location = location or (
                places.get(day.location_id) if day.location_id else None
            )
            day.exception.save()
        return True

    def write_services(self) -> None:
        for plan in self.plan.services:
            self.counter.count("services", self.write_service(plan))

    def write_service(self, plan: ServicePlan) -> str:
        service = (
            Service.objects.select_for_update().get(pk=plan.existing.pk)
            if plan.existing
            else Service(uuid=plan.uuid)
        )
        before = snapshot_of(service) if plan.existing else {}
        base_version = service.version
        changed = before != plan.snapshot
        if changed:
            apply_snapshot(service, plan.snapshot)
        changed |= self.write_service_extra(service, plan)
        changed |= self.write_links(service, plan.links)
        changed |= self.replace_hours(
            plan.hours, location_filter={"service": service}, service=service
        )
        changed |= self.write_neighbourhoods(service, plan.neighbourhoods)
        if not changed:
            return "unchanged"
        Service.objects.filter(pk=service.pk).update(last_modified=plan.last_modified or self.now)
        # Status and links may have changed after apply_snapshot indexed it.
        index_services([service.pk])
        self.record_revision(service, plan.snapshot, base_version)
        return "updated" if plan.existing else "created"

    def write_service_extra(self, service: Service, plan: ServicePlan) -> bool:
        current = _fields_of(service, list(plan.extra))
        if current == plan.extra:
            return False
        Service.objects.filter(pk=service.pk).update(**plan.extra)
        self.record_capacity(service, current, plan.extra)
        return True

    def record_capacity(self, service: Service, before: dict, after: dict) -> None:
        """A changed capacity enters the capacity history, as a partner's would."""
        keys = ("capacity", "waiting_days")
        if "capacity" not in after or all(before.get(k) == after.get(k) for k in keys):
            return
        CapacityUpdate.objects.create(
            service=service,
            capacity=after["capacity"],
            waiting_days=after.get("waiting_days"),
            note=REVISION_SUMMARY,
            confirmed_at=after.get("capacity_confirmed_at") or self.now,
            confirmed_by_id=self.actor_id,
        )

    def write_links(self, service: Service, links: dict[str, str]) -> bool:
        """Keep the file's identifiers of the service-at-location links."""
        changed = False
        for link in ServiceAtLocation.objects.filter(service=service).select_related("location"):
            wanted = links.get(str(link.location.uuid))
            if wanted and str(link.uuid) != wanted:
                ServiceAtLocation.objects.filter(pk=link.pk).update(uuid=wanted)
                changed = True
        return changed

    def write_neighbourhoods(self, service: Service, neighbourhood_ids: list[int]) -> bool:
        links = ServiceNeighbourhood.objects.filter(service=service)
        if sorted(links.values_list("neighbourhood_id", flat=True)) == neighbourhood_ids:
            return False
        links.delete()
        for neighbourhood_id in neighbourhood_ids:
            ServiceNeighbourhood.objects.create(service=service, neighbourhood_id=neighbourhood_id)
        return True

    def record_revision(self, service: Service, snapshot: Snapshot, base_version: int) -> None:
        ServiceRevision.objects.create(
            service=service,
            status=ServiceRevision.Status.APPROVED,
            data=snapshot,
            summary=REVISION_SUMMARY,
            base_version=base_version,
            author_id=self.actor_id,
            proposed_in=self.municipality,
            reviewed_by_id=self.actor_id,
            reviewed_at=self.now,
        )

    def write_life_domains(self) -> None:
        terms = {str(key): value for key, value in TaxonomyTerm.objects.values_list("uuid", "pk")}
        for domain_id, rubric_ids in self.plan.life_domains.items():
            links = LifeDomainTerm.objects.filter(life_domain_id=domain_id)
            wanted = sorted(terms[rubric] for rubric in rubric_ids)
            if sorted(links.values_list("term_id", flat=True)) == wanted:
                self.counter.count("life_domains", "unchanged")
                continue
            links.delete()
            for term_id in wanted:
                LifeDomainTerm.objects.create(life_domain_id=domain_id, term_id=term_id)
            self.counter.count("life_domains", "updated")


def _hours_signature(slots: Any, days: Any) -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]:
    return (
        {_slot_key(slot, str(slot.location.uuid) if slot.location else None) for slot in slots},
        {_day_key(day, str(day.location.uuid) if day.location else None) for day in days},
    )


def _planned_signature(
    hours: Hours, location: Location | None
) -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]:
    own = str(location.uuid) if location is not None else None
    return (
        {_slot_key(slot.schedule, own or slot.location_id) for slot in hours.slots},
        {_day_key(day.exception, own or day.location_id) for day in hours.days},
    )


def _slot_key(schedule: Schedule, location: str | None) -> tuple[Any, ...]:
    return (
        str(schedule.uuid), schedule.kind, schedule.weekday, schedule.week_of_month,
        schedule.opens_at, schedule.closes_at, schedule.valid_from, schedule.valid_to,
        schedule.by_appointment, schedule.notes, location,
    )  # fmt: skip


def _day_key(day: ScheduleException, location: str | None) -> tuple[Any, ...]:
    return (str(day.uuid), day.date, day.closed, day.opens_at, day.closes_at, day.reason, location)


# --- The whole import ---------------------------------------------------------------


def import_data(
    data: bytes,
    *,
    municipality: Municipality,
    actor_id: int | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Check ``data`` and, if all of it is valid, write it. Raises ``FormatError``."""
    if tenancy.current_municipality_id() != municipality.pk:
        raise tenancy.TenantContextError("Import inside the importing municipality's context.")
    document, errors = read_document(data)
    reader = Reader(municipality, as_text(document.get("language")) or DEFAULT_LANGUAGE)
    plan = reader.read(document)
    errors = errors + reader.checker.errors
    if errors:
        return ImportResult(errors=errors)
    if progress is not None:
        progress(0, plan.total)
    with transaction.atomic():
        summary = Writer(plan, municipality, actor_id, progress).write()
    return ImportResult(summary=summary)
