"""Reading an HSDS document into a ``Plan``, reporting every invalid value.

The ``Reader`` holds what the reading shares and checks what spans objects (hours
and link identifiers); each family of objects is read by its module in
``hsds.reading``. Nothing is written here; see ``hsds.importer`` for the whole
import."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sociaalhuis.directory.hsds import hours as hours_module
from sociaalhuis.directory.hsds.plan import Document, Item, Plan
from sociaalhuis.directory.hsds.problems import Where, where_of
from sociaalhuis.directory.hsds.reading import locations, organisations, services, taxonomies
from sociaalhuis.directory.hsds.serialise import DEFAULT_LANGUAGE
from sociaalhuis.directory.hsds.values import Checker, as_text, as_uuid
from sociaalhuis.directory.models import Location, Schedule, ScheduleException, ServiceAtLocation
from sociaalhuis.directory.models.services import TEXT_LANGUAGES
from sociaalhuis.tenants.models import Municipality


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

    # -- helpers every family uses

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

    # -- checks across objects (after every family is read)

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
        taxonomies.read_taxonomies(self, document)
        taxonomies.read_terms(self, document)
        organisations.read_organisations(self, document)
        locations.read_locations(self, document)
        services.read_services(self, document)
        self.check_hours()
        self.check_link_identifiers()
        return self.plan
