"""Reading an HSDS document into a ``Plan``, reporting every invalid value.

Nothing is written here; see ``hsds.importer`` for the whole import."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from sociaalhuis.directory.content import (
    TEXT_FIELDS,
    Snapshot,
)
from sociaalhuis.directory.hsds import hours as hours_module
from sociaalhuis.directory.hsds import serialise
from sociaalhuis.directory.hsds.hours import read_hours
from sociaalhuis.directory.hsds.plan import (
    HSDS_STATUS,
    LOCATION_FIELDS,
    ORGANISATION_FIELDS,
    SERVICE_FIELDS,
    Document,
    Item,
    Plan,
    Planned,
    ServicePlan,
)
from sociaalhuis.directory.hsds.problems import Where, where_of
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
    Location,
    Organisation,
    PublicationStatus,
    Schedule,
    ScheduleException,
    Service,
    ServiceAtLocation,
    ServiceText,
    Taxonomy,
    TaxonomyTerm,
)
from sociaalhuis.directory.models.services import FIVE_BS, TEXT_LANGUAGES
from sociaalhuis.directory.validators import normalise_kbo_number
from sociaalhuis.tenants.models import LifeDomain, Municipality, Neighbourhood


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
