"""A Flanders-size social map, generated straight into the database.

Sizes by default: ~300 municipalities (the demo's real Ronse, Harelbeke and Kortrijk
plus synthetic ones with unique NIS codes), 8,000 organisations, 60,000 services
(Dutch text for all, French for ~30 %), 100,000 locations, opening hours for a share
of services and locations, office hours (zitdagen) in the Sociaal Huis.

Rows go in with ``bulk_create`` in batches (``apply_snapshot`` per service would take
hours); the search columns are then filled by the application's own
``directory.search.index_services`` over every service id, so the benchmark searches
exactly what production would index.

Deterministic for a given seed. Call only with Django set up on PostgreSQL.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from datetime import time as clock
from decimal import Decimal
from typing import Any, TypeVar

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from benchmarks import vocabulary as vocab

BATCH = 5000
T = TypeVar("T")


@dataclass(frozen=True)
class Sizes:
    municipalities: int = 300
    organisations: int = 8000
    services: int = 60000
    locations: int = 100000
    french_share: float = 0.30
    schedule_share: float = 0.40  # services with opening hours
    office_hours_share: float = 0.04  # services holding office hours in a Sociaal Huis

    def scaled(self, factor: float) -> Sizes:
        """Smaller maps for a quick try-out (``--scale 0.1``); municipalities stay."""
        return Sizes(
            municipalities=self.municipalities,
            organisations=max(10, int(self.organisations * factor)),
            services=max(20, int(self.services * factor)),
            locations=max(self.municipalities + 20, int(self.locations * factor)),
            french_share=self.french_share,
            schedule_share=self.schedule_share,
            office_hours_share=self.office_hours_share,
        )


@dataclass
class Report:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def timed(self, stage: str, work: Callable[[], T]) -> T:
        started = time.perf_counter()
        result = work()
        self.seconds[stage] = round(time.perf_counter() - started, 2)
        print(f"  {stage:<28} {self.seconds[stage]:>7.1f} s", flush=True)
        return result


def _bulk(model: Any, rows: Sequence[Any]) -> list[Any]:
    created: list[Any] = []
    for start in range(0, len(rows), BATCH):
        created.extend(model.objects.bulk_create(rows[start : start + BATCH]))
    return created


def _kbo(number: int) -> str:
    """A valid-looking KBO number: 0 + 7 digits + mod-97 check digits."""
    base = 2_000_000 + number  # eight digits, the first one 0
    check = 97 - base % 97
    return f"{base:08d}{check:02d}"


def _weighted_index(rng: random.Random, cumulative: Sequence[float]) -> int:
    from bisect import bisect

    return min(len(cumulative) - 1, bisect(cumulative, rng.random() * cumulative[-1]))


def _window(center: int, size: int, total: int) -> list[int]:
    """``size`` consecutive municipality indexes starting at ``center`` (neighbours share
    a NIS prefix, so a window is a region)."""
    start = max(0, min(center - size // 2, total - size))
    return list(range(start, start + size))


# Municipalities served per service: 1-10, mostly few (a local service, a regional one).
_SPREAD = (30, 20, 12, 10, 8, 6, 5, 4, 3, 2)


def generate(sizes: Sizes, seed: int = 20260514) -> Report:
    from sociaalhuis.demo import seeds
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
    from sociaalhuis.directory.search import index_services
    from sociaalhuis.tenants.models import Municipality

    if connection.vendor != "postgresql":
        raise RuntimeError("The social-map generator runs on PostgreSQL only.")
    rng = random.Random(seed)  # noqa: S311 (reproducible test data, not secrets)
    report = Report()
    now = timezone.now()

    # --- Municipalities: keep what exists (the real Ronse etc.), add synthetic ones.
    def municipalities() -> list[Municipality]:
        for demo in seeds.MUNICIPALITIES:
            Municipality.objects.get_or_create(
                nis_code=demo.nis_code,
                defaults={"name": demo.name, "slug": demo.slug, "languages": list(demo.languages)},
            )
        existing = list(Municipality.objects.all())
        codes = {m.nis_code for m in existing}
        slugs = {m.slug for m in existing}
        names = [
            f"{prefix}{root}{ending}"
            for prefix in vocab.NAME_PREFIXES
            for root in vocab.NAME_ROOTS
            for ending in vocab.NAME_ENDINGS
        ]
        rng.shuffle(names)
        # NIS prefixes of the Flemish arrondissements, in province order.
        prefixes: tuple[int, ...] = (11, 12, 13, 23, 24, 31, 32, 33, 34, 35, 36, 37, 38)
        prefixes += (41, 42, 43, 44, 45, 46, 71, 72, 73)
        wanted = sizes.municipalities - len(existing)
        new: list[Municipality] = []
        per_prefix = max(1, -(-wanted // len(prefixes)))
        for prefix in prefixes:
            for number in range(1, 999):
                if len(new) >= wanted or sum(1 for m in new if m.nis_code[:2] == str(prefix)) >= (
                    per_prefix
                ):
                    break
                code = f"{prefix}{number:03d}"
                if code in codes:
                    continue
                while True:
                    name = names.pop()
                    slug = slugify(name)
                    if slug not in slugs:
                        break
                codes.add(code)
                slugs.add(slug)
                facilities = rng.random() < 0.05  # language facilities for French speakers
                new.append(
                    Municipality(
                        nis_code=code,
                        name=name,
                        slug=slug,
                        languages=["nl", "fr"] if facilities else ["nl"],
                    )
                )
        _bulk(Municipality, new)
        return sorted(Municipality.objects.all(), key=lambda m: m.nis_code)

    places = report.timed("municipalities", municipalities)
    report.counts["municipalities"] = len(places)
    # Zipf-like sizes: a few cities carry many services, most villages few.
    order = list(range(len(places)))
    rng.shuffle(order)
    weights = [0.0] * len(places)
    for rank, index in enumerate(order, start=1):
        weights[index] = 1 / rank**0.8
    for big in ("ronse", "kortrijk"):
        for index, place in enumerate(places):
            if place.slug == big:
                weights[index] = max(weights[index], 0.3)
    cumulative = [sum(weights[: i + 1]) for i in range(len(weights))]
    spread_cumulative = [sum(_SPREAD[: i + 1]) for i in range(len(_SPREAD))]

    # --- Taxonomies.
    def taxonomies() -> tuple[dict[str, TaxonomyTerm], list[TaxonomyTerm]]:
        rubrics, _c = Taxonomy.objects.get_or_create(
            code=Taxonomy.RUBRICS, defaults={"name": "Rubrieken van de Sociale Kaart"}
        )
        groups, _c = Taxonomy.objects.get_or_create(
            code=Taxonomy.TARGET_GROUPS, defaults={"name": "Doelgroepen"}
        )
        by_topic = {}
        for position, topic in enumerate(vocab.TOPICS):
            nl, fr, en = topic.rubric
            by_topic[topic.code], _c = TaxonomyTerm.objects.get_or_create(
                taxonomy=rubrics,
                code=topic.code,
                defaults={"name_nl": nl, "name_fr": fr, "name_en": en, "position": position},
            )
        target = []
        for position, (code, nl, fr, en) in enumerate(vocab.TARGET_GROUPS):
            term, _c = TaxonomyTerm.objects.get_or_create(
                taxonomy=groups,
                code=code,
                defaults={"name_nl": nl, "name_fr": fr, "name_en": en, "position": position},
            )
            target.append(term)
        return by_topic, target

    rubric_of, target_groups = report.timed("taxonomies", taxonomies)

    # --- Organisations, each with a home municipality and one or two main topics.
    @dataclass
    class Org:
        home: int
        topics: list[vocab.Topic]
        location_ids: list[int] = field(default_factory=list)

    orgs: list[Org] = []

    def organisations() -> list[Organisation]:
        rows = []
        taken = set(Organisation.objects.values_list("name", flat=True))
        for number in range(sizes.organisations):
            home = _weighted_index(rng, cumulative)
            kind = rng.choice(vocab.ORGANISATION_KINDS)
            name = f"{kind} {places[home].name}"
            suffix = 2
            while name in taken:
                name = f"{kind} {places[home].name} {suffix}"
                suffix += 1
            taken.add(name)
            orgs.append(Org(home, rng.sample(vocab.TOPICS, rng.choice((1, 1, 2)))))
            rows.append(
                Organisation(
                    name=name,
                    alternate_name=rng.choice(("", "", "vzw", "OCMW", "CAW")),
                    description=rng.choice(vocab.GENERAL_NL),
                    kbo_number=_kbo(number),
                    website=f"https://www.{slugify(name)}.be",
                    email=f"info@{slugify(name)}.be",
                    phone=f"0{rng.randint(50, 59)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
                    f"{rng.randint(10, 99)}",
                    active=rng.random() > 0.02,
                    last_modified=now,
                )
            )
        return _bulk(Organisation, rows)

    organisation_rows = report.timed("organisations", organisations)
    report.counts["organisations"] = len(organisation_rows)

    # --- Locations: a Sociaal Huis per municipality, the rest spread over organisations.
    social_houses: dict[int, int] = {}

    def locations() -> int:
        existing = dict(
            Location.objects.filter(social_house_of__isnull=False).values_list(
                "social_house_of_id", "pk"
            )
        )
        houses = [
            Location(
                name=f"Sociaal Huis {place.name}",
                street_address="Markt 1",
                postal_code=f"{8000 + index * 5}",
                city=place.name,
                social_house_of=place,
                wheelchair_accessible=True,
                last_modified=now,
            )
            for index, place in enumerate(places)
            if place.pk not in existing
        ]
        for house in _bulk(Location, houses):
            existing[house.social_house_of_id] = house.pk
        social_houses.update(existing)
        remaining = max(len(orgs), sizes.locations - len(houses))
        owners = list(range(len(orgs))) + [
            rng.randrange(len(orgs)) for _ in range(remaining - len(orgs))
        ]
        rows = []
        for owner in owners:
            org = orgs[owner]
            place_index = rng.choice(_window(org.home, rng.randint(1, 6), len(places)))
            place = places[place_index]
            rows.append(
                Location(
                    organisation_id=organisation_rows[owner].pk,
                    name=f"{organisation_rows[owner].name} - {rng.choice(vocab.STREETS)}",
                    street_address=f"{rng.choice(vocab.STREETS)} {rng.randint(1, 250)}",
                    postal_code=f"{8000 + place_index * 5}",
                    city=place.name,
                    latitude=Decimal(f"{rng.uniform(50.69, 51.49):.6f}"),
                    longitude=Decimal(f"{rng.uniform(2.55, 5.9):.6f}"),
                    wheelchair_accessible=rng.choice((True, True, False, None)),
                    transportation=rng.choice(("", "Bus 21 en 22, halte Markt.", "")),
                    last_modified=now,
                )
            )
        for owner, location in zip(owners, _bulk(Location, rows), strict=True):
            orgs[owner].location_ids.append(location.pk)
        return len(houses) + len(rows)

    report.counts["locations"] = report.timed("locations", locations)

    # --- Services with their texts, municipalities, terms, locations and hours.
    @dataclass
    class Plan:
        org: int
        topic: vocab.Topic
        served: list[int]
        french: bool

    plans: list[Plan] = []

    def services() -> list[Service]:
        rows = []
        statuses = [PublicationStatus.PUBLISHED] * 92 + [PublicationStatus.DRAFT] * 5
        statuses += [PublicationStatus.ARCHIVED] * 3
        capacities = [Capacity.UNKNOWN] * 5 + [Capacity.OPEN] * 3 + [Capacity.LIMITED]
        capacities += [Capacity.FULL]
        for _number in range(sizes.services):
            owner = rng.randrange(len(orgs))
            org = orgs[owner]
            topic = rng.choice(org.topics) if rng.random() < 0.8 else rng.choice(vocab.TOPICS)
            spread = _weighted_index(rng, spread_cumulative) + 1
            french = rng.random() < sizes.french_share
            plans.append(Plan(owner, topic, _window(org.home, spread, len(places)), french))
            languages = ["nl", "fr"] if french else ["nl"]
            if rng.random() < 0.3:
                languages.append("en")
            if rng.random() < 0.05:
                languages.append(rng.choice(("ar", "tr", "uk", "ru")))
            minimum_age = rng.choice((None, None, None, 18, 65, 0, 12))
            rows.append(
                Service(
                    organisation_id=organisation_rows[owner].pk,
                    status=rng.choice(statuses),
                    url=organisation_rows[owner].website,
                    email=organisation_rows[owner].email,
                    phone=organisation_rows[owner].phone,
                    languages=languages,
                    minimum_age=minimum_age,
                    maximum_age=25 if minimum_age == 12 else None,
                    is_free=rng.random() < 0.5,
                    capacity=rng.choice(capacities),
                    waiting_days=rng.choice((None, None, 7, 14, 30, 90)),
                    last_verified_on=date(2026, 1, 1) + timedelta(days=rng.randrange(130)),
                    created_at=now,
                    last_modified=now,
                )
            )
        return _bulk(Service, rows)

    service_rows = report.timed("services", services)
    report.counts["services"] = len(service_rows)

    def sentences(pool: Sequence[str], general: Sequence[str], place: str, count: int) -> str:
        chosen = rng.sample(pool, min(count, len(pool)))
        chosen += rng.sample(general, rng.randint(0, 2))
        return " ".join(sentence.format(place=place) for sentence in chosen)

    def texts() -> int:
        rows = []
        for service, plan in zip(service_rows, plans, strict=True):
            topic, place = plan.topic, places[orgs[plan.org].home].name
            rows.append(
                ServiceText(
                    service_id=service.pk,
                    language="nl",
                    name=rng.choice(topic.names_nl).format(place=place),
                    alternate_name=(
                        rng.choice(topic.names_nl).format(place=place) if rng.random() < 0.2 else ""
                    ),
                    description=sentences(topic.sentences_nl, vocab.GENERAL_NL, place, 2),
                    eligibility_description=rng.choice(vocab.ELIGIBILITY_NL).format(place=place),
                    fees_description=rng.choice(("Gratis.", "Bijdrage volgens inkomen.", "")),
                    application_process=rng.choice(vocab.APPLY_NL),
                    required_documents="\n".join(rng.sample(vocab.DOCUMENTS_NL, rng.randint(0, 3))),
                    keywords=", ".join(rng.sample(topic.words_nl, rng.randint(3, 6))),
                )
            )
            if plan.french:
                rows.append(
                    ServiceText(
                        service_id=service.pk,
                        language="fr",
                        name=rng.choice(topic.names_fr).format(place=place),
                        description=sentences(topic.sentences_fr, vocab.GENERAL_FR, place, 2),
                        eligibility_description=rng.choice(vocab.ELIGIBILITY_FR).format(
                            place=place
                        ),
                        fees_description=rng.choice(("Gratuit.", "")),
                        keywords=", ".join(
                            rng.sample(topic.words_fr, min(len(topic.words_fr), rng.randint(2, 5)))
                        ),
                    )
                )
        return len(_bulk(ServiceText, rows))

    report.counts["service_texts"] = report.timed("service texts", texts)

    def links() -> dict[str, int]:
        served_rows = []
        org_served: dict[int, set[int]] = {}
        term_rows: list[Any] = []
        at_rows = []
        served_model = Service.municipalities.through
        terms_model = Service.terms.through
        org_served_model = Organisation.municipalities.through
        for service, plan in zip(service_rows, plans, strict=True):
            org = orgs[plan.org]
            for index in plan.served:
                served_rows.append(
                    served_model(service_id=service.pk, municipality_id=places[index].pk)
                )
            org_served.setdefault(plan.org, set()).update(plan.served)
            terms = {rubric_of[plan.topic.code].pk}
            if rng.random() < 0.3:
                terms.add(rubric_of[rng.choice(vocab.TOPICS).code].pk)
            terms.update(term.pk for term in rng.sample(target_groups, rng.randint(0, 2)))
            term_rows.extend(terms_model(service_id=service.pk, taxonomyterm_id=pk) for pk in terms)
            count = min(len(org.location_ids), rng.choice((1, 1, 1, 2, 2, 3)))
            for location_id in rng.sample(org.location_ids, count):
                at_rows.append(ServiceAtLocation(service_id=service.pk, location_id=location_id))
        org_rows = [
            org_served_model(
                organisation_id=organisation_rows[owner].pk, municipality_id=places[i].pk
            )
            for owner, indexes in org_served.items()
            for i in sorted(indexes)
        ]
        return {
            "service_municipalities": len(_bulk(served_model, served_rows)),
            "service_terms": len(_bulk(terms_model, term_rows)),
            "services_at_locations": len(_bulk(ServiceAtLocation, at_rows)),
            "organisation_municipalities": len(_bulk(org_served_model, org_rows)),
        }

    report.counts.update(report.timed("links", links))

    def schedules() -> dict[str, int]:
        rows = []
        exceptions = []
        slots = ((clock(9), clock(12)), (clock(13), clock(16, 30)), (clock(17), clock(20)))
        for service, plan in zip(service_rows, plans, strict=True):
            if rng.random() < sizes.schedule_share:
                days = sorted(rng.sample(range(1, 6), rng.randint(2, 5)))
                for weekday in days:
                    for opens, closes in rng.sample(slots[:2], rng.randint(1, 2)):
                        rows.append(
                            Schedule(
                                service_id=service.pk,
                                weekday=weekday,
                                opens_at=opens,
                                closes_at=closes,
                            )
                        )
                if rng.random() < 0.1:  # an evening
                    rows.append(
                        Schedule(
                            service_id=service.pk,
                            weekday=rng.randint(1, 5),
                            opens_at=slots[2][0],
                            closes_at=slots[2][1],
                        )
                    )
                if rng.random() < 0.05:
                    exceptions.append(
                        ScheduleException(
                            service_id=service.pk,
                            date=date(2026, 7, 21),
                            closed=True,
                            reason="Nationale feestdag",
                        )
                    )
            if rng.random() < sizes.office_hours_share:
                house = social_houses[places[rng.choice(plan.served)].pk]
                rows.append(
                    Schedule(
                        kind=Schedule.Kind.OFFICE_HOURS,
                        service_id=service.pk,
                        location_id=house,
                        weekday=rng.randint(1, 5),
                        week_of_month=rng.choice((None, None, 1, 2, 3, -1)),
                        opens_at=clock(9),
                        closes_at=clock(12),
                        by_appointment=rng.random() < 0.3,
                    )
                )
        for place in places:
            for weekday in range(1, 6):
                rows.append(
                    Schedule(
                        location_id=social_houses[place.pk],
                        weekday=weekday,
                        opens_at=clock(8, 30),
                        closes_at=clock(16),
                    )
                )
        for org in orgs:
            for location_id in org.location_ids:
                if rng.random() < 0.2:
                    for weekday in range(1, 6):
                        rows.append(
                            Schedule(
                                location_id=location_id,
                                weekday=weekday,
                                opens_at=clock(9),
                                closes_at=clock(17),
                            )
                        )
        return {
            "schedules": len(_bulk(Schedule, rows)),
            "schedule_exceptions": len(_bulk(ScheduleException, exceptions)),
        }

    report.counts.update(report.timed("schedules", schedules))

    def index_all() -> None:
        ids = [service.pk for service in service_rows]
        with transaction.atomic():
            index_services(ids)

    report.timed("index_services (all)", index_all)

    def analyze() -> None:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    report.timed("vacuum analyze", analyze)
    return report
