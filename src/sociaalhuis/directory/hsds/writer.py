"""Writing a checked ``Plan`` to the database, idempotently (see ``hsds.importer``)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from sociaalhuis.directory.content import (
    Snapshot,
    apply_snapshot,
    snapshot_of,
)
from sociaalhuis.directory.hsds.hours import Hours
from sociaalhuis.directory.hsds.plan import REVISION_SUMMARY, Plan, Planned, Progress, ServicePlan
from sociaalhuis.directory.models import (
    CapacityUpdate,
    LifeDomainTerm,
    Location,
    Organisation,
    Schedule,
    ScheduleException,
    Service,
    ServiceAtLocation,
    ServiceNeighbourhood,
    ServiceRevision,
    Taxonomy,
    TaxonomyTerm,
)
from sociaalhuis.directory.search import index_services
from sociaalhuis.tenants.models import Municipality


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
        self.record_capacity(service, current, plan.extra, plan.capacity_note)
        return True

    def record_capacity(
        self, service: Service, before: dict[str, Any], after: dict[str, Any], note: str
    ) -> None:
        """A changed capacity enters the capacity history, as a partner's would, with the
        file's note or, without one, the word "import"."""
        keys = ("capacity", "waiting_days")
        if "capacity" not in after or all(before.get(k) == after.get(k) for k in keys):
            return
        CapacityUpdate.objects.create(
            service=service,
            capacity=after["capacity"],
            waiting_days=after.get("waiting_days"),
            note=note or REVISION_SUMMARY,
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
