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

Why one module past ~400 lines: it is one generator whose stages draw from one random
stream in a fixed order (so a seed gives the same rows), and much of its length is the
words, names and statements its stages write; each stage is its own short function.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
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


# --- The generator -------------------------------------------------------------------
#
# One function per stage, each timed on its own by ``generate``. They share one
# ``_Map`` (what the earlier stages made, and the one random stream), and draw from
# the stream in a fixed order, so a seed gives the same map.


@dataclass
class _Org:
    """An organisation: its home municipality (an index in ``places``), one or two main
    topics, and the locations it got."""

    home: int
    topics: list[vocab.Topic]
    location_ids: list[int] = field(default_factory=list)


@dataclass
class _Plan:
    """A service: its organisation (an index in ``orgs``), topic, municipalities served
    (indexes in ``places``) and whether it is offered in French too."""

    org: int
    topic: vocab.Topic
    served: list[int]
    french: bool


@dataclass
class _Map:
    """What the stages share while one social map is generated."""

    sizes: Sizes
    rng: random.Random
    now: datetime
    places: list[Any] = field(default_factory=list)  # municipalities, by NIS code
    cumulative: list[float] = field(default_factory=list)  # their weights, summed
    spread_cumulative: list[float] = field(default_factory=list)
    rubric_of: dict[str, Any] = field(default_factory=dict)
    target_groups: list[Any] = field(default_factory=list)
    orgs: list[_Org] = field(default_factory=list)
    organisation_rows: list[Any] = field(default_factory=list)
    social_houses: dict[int, int] = field(default_factory=dict)  # municipality -> location
    plans: list[_Plan] = field(default_factory=list)
    service_rows: list[Any] = field(default_factory=list)


def generate(sizes: Sizes, seed: int = 20260514) -> Report:
    if connection.vendor != "postgresql":
        raise RuntimeError("The social-map generator runs on PostgreSQL only.")
    rng = random.Random(seed)  # noqa: S311 (reproducible test data, not secrets)
    report = Report()
    m = _Map(sizes, rng, timezone.now())

    m.places = report.timed("municipalities", lambda: _municipalities(sizes, rng))
    report.counts["municipalities"] = len(m.places)
    m.cumulative = _weights(m.places, rng)
    m.spread_cumulative = [sum(_SPREAD[: i + 1]) for i in range(len(_SPREAD))]
    m.rubric_of, m.target_groups = report.timed("taxonomies", _taxonomies)
    m.organisation_rows = report.timed("organisations", lambda: _organisations(m))
    report.counts["organisations"] = len(m.organisation_rows)
    report.counts["locations"] = report.timed("locations", lambda: _locations(m))
    m.service_rows = report.timed("services", lambda: _services(m))
    report.counts["services"] = len(m.service_rows)
    report.counts["service_texts"] = report.timed("service texts", lambda: _texts(m))
    report.counts.update(report.timed("links", lambda: _links(m)))
    report.counts.update(report.timed("schedules", lambda: _schedules(m)))
    report.timed("index_services (all)", lambda: _index_all(m.service_rows))
    report.timed("vacuum analyze", _vacuum_analyze)
    return report


# --- Municipalities: keep what exists (the real Ronse etc.), add synthetic ones ---------


def _municipalities(sizes: Sizes, rng: random.Random) -> list[Any]:
    from sociaalhuis.demo import seeds
    from sociaalhuis.tenants.models import Municipality

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
    new = _new_municipalities(sizes.municipalities - len(existing), codes, slugs, names, rng)
    _bulk(Municipality, new)
    return sorted(Municipality.objects.all(), key=lambda m: m.nis_code)


# NIS prefixes of the Flemish arrondissements, in province order.
_NIS_PREFIXES: tuple[int, ...] = (
    11, 12, 13, 23, 24, 31, 32, 33, 34, 35, 36, 37, 38, 41, 42, 43, 44, 45, 46, 71, 72, 73,
)  # fmt: skip


def _new_municipalities(
    wanted: int, codes: set[str], slugs: set[str], names: list[str], rng: random.Random
) -> list[Any]:
    """``wanted`` synthetic municipalities, spread evenly over the arrondissements."""
    from sociaalhuis.tenants.models import Municipality

    new: list[Municipality] = []
    per_prefix = max(1, -(-wanted // len(_NIS_PREFIXES)))
    for prefix in _NIS_PREFIXES:
        for number in range(1, 999):
            if len(new) >= wanted or sum(1 for m in new if m.nis_code[:2] == str(prefix)) >= (
                per_prefix
            ):
                break
            code = f"{prefix}{number:03d}"
            if code in codes:
                continue
            name, slug = _free_name(names, slugs)
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
    return new


def _free_name(names: list[str], slugs: set[str]) -> tuple[str, str]:
    """The next made-up name whose slug is not taken yet, and that slug."""
    while True:
        name = names.pop()
        slug = slugify(name)
        if slug not in slugs:
            return name, slug


def _weights(places: list[Any], rng: random.Random) -> list[float]:
    """Zipf-like sizes, summed: a few cities carry many services, most villages few."""
    order = list(range(len(places)))
    rng.shuffle(order)
    weights = [0.0] * len(places)
    for rank, index in enumerate(order, start=1):
        weights[index] = 1 / rank**0.8
    for big in ("ronse", "kortrijk"):
        for index, place in enumerate(places):
            if place.slug == big:
                weights[index] = max(weights[index], 0.3)
    return [sum(weights[: i + 1]) for i in range(len(weights))]


# --- Taxonomies, organisations, locations -------------------------------------------------


def _taxonomies() -> tuple[dict[str, Any], list[Any]]:
    from sociaalhuis.directory.models import Taxonomy, TaxonomyTerm

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


def _organisations(m: _Map) -> list[Any]:
    """Organisations, each with a home municipality and one or two main topics."""
    from sociaalhuis.directory.models import Organisation

    rng, places = m.rng, m.places
    rows = []
    taken = set(Organisation.objects.values_list("name", flat=True))
    for number in range(m.sizes.organisations):
        home = _weighted_index(rng, m.cumulative)
        kind = rng.choice(vocab.ORGANISATION_KINDS)
        name = f"{kind} {places[home].name}"
        suffix = 2
        while name in taken:
            name = f"{kind} {places[home].name} {suffix}"
            suffix += 1
        taken.add(name)
        m.orgs.append(_Org(home, rng.sample(vocab.TOPICS, rng.choice((1, 1, 2)))))
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
                last_modified=m.now,
            )
        )
    return _bulk(Organisation, rows)


def _locations(m: _Map) -> int:
    """A Sociaal Huis per municipality, the rest spread over the organisations."""
    from sociaalhuis.directory.models import Location

    houses = _social_houses(m)
    rng, places, orgs = m.rng, m.places, m.orgs
    remaining = max(len(orgs), m.sizes.locations - houses)
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
                organisation_id=m.organisation_rows[owner].pk,
                name=f"{m.organisation_rows[owner].name} - {rng.choice(vocab.STREETS)}",
                street_address=f"{rng.choice(vocab.STREETS)} {rng.randint(1, 250)}",
                postal_code=f"{8000 + place_index * 5}",
                city=place.name,
                latitude=Decimal(f"{rng.uniform(50.69, 51.49):.6f}"),
                longitude=Decimal(f"{rng.uniform(2.55, 5.9):.6f}"),
                wheelchair_accessible=rng.choice((True, True, False, None)),
                transportation=rng.choice(("", "Bus 21 en 22, halte Markt.", "")),
                last_modified=m.now,
            )
        )
    for owner, location in zip(owners, _bulk(Location, rows), strict=True):
        orgs[owner].location_ids.append(location.pk)
    return houses + len(rows)


def _social_houses(m: _Map) -> int:
    """The Sociaal Huis of every municipality that has none yet; returns how many were made."""
    from sociaalhuis.directory.models import Location

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
            last_modified=m.now,
        )
        for index, place in enumerate(m.places)
        if place.pk not in existing
    ]
    for house in _bulk(Location, houses):
        existing[house.social_house_of_id] = house.pk
    m.social_houses.update(existing)
    return len(houses)


# --- Services with their texts, municipalities, terms, locations and hours ---------------


def _services(m: _Map) -> list[Any]:
    from sociaalhuis.directory.models import Capacity, PublicationStatus, Service

    statuses = [PublicationStatus.PUBLISHED] * 92 + [PublicationStatus.DRAFT] * 5
    statuses += [PublicationStatus.ARCHIVED] * 3
    capacities = [Capacity.UNKNOWN] * 5 + [Capacity.OPEN] * 3 + [Capacity.LIMITED]
    capacities += [Capacity.FULL]
    rows = [_service(m, statuses, capacities) for _number in range(m.sizes.services)]
    return _bulk(Service, rows)


def _service(m: _Map, statuses: Sequence[str], capacities: Sequence[str]) -> Any:
    """One service row, its plan appended to ``m.plans``."""
    from sociaalhuis.directory.models import Service

    rng = m.rng
    owner = rng.randrange(len(m.orgs))
    org = m.orgs[owner]
    topic = rng.choice(org.topics) if rng.random() < 0.8 else rng.choice(vocab.TOPICS)
    spread = _weighted_index(rng, m.spread_cumulative) + 1
    french = rng.random() < m.sizes.french_share
    m.plans.append(_Plan(owner, topic, _window(org.home, spread, len(m.places)), french))
    languages = ["nl", "fr"] if french else ["nl"]
    if rng.random() < 0.3:
        languages.append("en")
    if rng.random() < 0.05:
        languages.append(rng.choice(("ar", "tr", "uk", "ru")))
    minimum_age = rng.choice((None, None, None, 18, 65, 0, 12))
    organisation = m.organisation_rows[owner]
    return Service(
        organisation_id=organisation.pk,
        status=rng.choice(statuses),
        url=organisation.website,
        email=organisation.email,
        phone=organisation.phone,
        languages=languages,
        minimum_age=minimum_age,
        maximum_age=25 if minimum_age == 12 else None,
        is_free=rng.random() < 0.5,
        capacity=rng.choice(capacities),
        waiting_days=rng.choice((None, None, 7, 14, 30, 90)),
        last_verified_on=date(2026, 1, 1) + timedelta(days=rng.randrange(130)),
        created_at=m.now,
        last_modified=m.now,
    )


def _sentences(
    rng: random.Random, pool: Sequence[str], general: Sequence[str], place: str, count: int
) -> str:
    chosen = rng.sample(pool, min(count, len(pool)))
    chosen += rng.sample(general, rng.randint(0, 2))
    return " ".join(sentence.format(place=place) for sentence in chosen)


def _texts(m: _Map) -> int:
    """A Dutch text for every service, and a French one for those offered in French."""
    from sociaalhuis.directory.models import ServiceText

    rows = []
    for service, plan in zip(m.service_rows, m.plans, strict=True):
        place = m.places[m.orgs[plan.org].home].name
        rows.append(_dutch_text(m.rng, service.pk, plan.topic, place))
        if plan.french:
            rows.append(_french_text(m.rng, service.pk, plan.topic, place))
    return len(_bulk(ServiceText, rows))


def _dutch_text(rng: random.Random, service_id: int, topic: vocab.Topic, place: str) -> Any:
    from sociaalhuis.directory.models import ServiceText

    return ServiceText(
        service_id=service_id,
        language="nl",
        name=rng.choice(topic.names_nl).format(place=place),
        alternate_name=(
            rng.choice(topic.names_nl).format(place=place) if rng.random() < 0.2 else ""
        ),
        description=_sentences(rng, topic.sentences_nl, vocab.GENERAL_NL, place, 2),
        eligibility_description=rng.choice(vocab.ELIGIBILITY_NL).format(place=place),
        fees_description=rng.choice(("Gratis.", "Bijdrage volgens inkomen.", "")),
        application_process=rng.choice(vocab.APPLY_NL),
        required_documents="\n".join(rng.sample(vocab.DOCUMENTS_NL, rng.randint(0, 3))),
        keywords=", ".join(rng.sample(topic.words_nl, rng.randint(3, 6))),
    )


def _french_text(rng: random.Random, service_id: int, topic: vocab.Topic, place: str) -> Any:
    from sociaalhuis.directory.models import ServiceText

    return ServiceText(
        service_id=service_id,
        language="fr",
        name=rng.choice(topic.names_fr).format(place=place),
        description=_sentences(rng, topic.sentences_fr, vocab.GENERAL_FR, place, 2),
        eligibility_description=rng.choice(vocab.ELIGIBILITY_FR).format(place=place),
        fees_description=rng.choice(("Gratuit.", "")),
        keywords=", ".join(rng.sample(topic.words_fr, min(len(topic.words_fr), rng.randint(2, 5)))),
    )


def _links(m: _Map) -> dict[str, int]:
    """Municipalities served, taxonomy terms and locations of every service; the
    municipalities an organisation serves are those its services serve."""
    from sociaalhuis.directory.models import Organisation, Service, ServiceAtLocation

    rng = m.rng
    served_rows = []
    org_served: dict[int, set[int]] = {}
    term_rows: list[Any] = []
    at_rows = []
    served_model = Service.municipalities.through
    terms_model = Service.terms.through
    org_served_model = Organisation.municipalities.through
    for service, plan in zip(m.service_rows, m.plans, strict=True):
        org = m.orgs[plan.org]
        for index in plan.served:
            served_rows.append(
                served_model(service_id=service.pk, municipality_id=m.places[index].pk)
            )
        org_served.setdefault(plan.org, set()).update(plan.served)
        terms = {m.rubric_of[plan.topic.code].pk}
        if rng.random() < 0.3:
            terms.add(m.rubric_of[rng.choice(vocab.TOPICS).code].pk)
        terms.update(term.pk for term in rng.sample(m.target_groups, rng.randint(0, 2)))
        term_rows.extend(terms_model(service_id=service.pk, taxonomyterm_id=pk) for pk in terms)
        count = min(len(org.location_ids), rng.choice((1, 1, 1, 2, 2, 3)))
        for location_id in rng.sample(org.location_ids, count):
            at_rows.append(ServiceAtLocation(service_id=service.pk, location_id=location_id))
    org_rows = [
        org_served_model(
            organisation_id=m.organisation_rows[owner].pk, municipality_id=m.places[i].pk
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


# --- Opening hours ------------------------------------------------------------------------

_SLOTS = ((clock(9), clock(12)), (clock(13), clock(16, 30)), (clock(17), clock(20)))


def _schedules(m: _Map) -> dict[str, int]:
    """Opening hours and office hours of services, then of the Sociaal Huis locations,
    then of some organisation locations."""
    from sociaalhuis.directory.models import Schedule, ScheduleException

    rows: list[Any] = []
    exceptions: list[Any] = []
    for service, plan in zip(m.service_rows, m.plans, strict=True):
        if m.rng.random() < m.sizes.schedule_share:
            _opening_hours(m.rng, service.pk, rows, exceptions)
        if m.rng.random() < m.sizes.office_hours_share:
            rows.append(_office_hours(m, service.pk, plan))
    for place in m.places:
        for weekday in range(1, 6):
            rows.append(
                Schedule(
                    location_id=m.social_houses[place.pk],
                    weekday=weekday,
                    opens_at=clock(8, 30),
                    closes_at=clock(16),
                )
            )
    for org in m.orgs:
        for location_id in org.location_ids:
            if m.rng.random() < 0.2:
                rows.extend(
                    Schedule(
                        location_id=location_id,
                        weekday=weekday,
                        opens_at=clock(9),
                        closes_at=clock(17),
                    )
                    for weekday in range(1, 6)
                )
    return {
        "schedules": len(_bulk(Schedule, rows)),
        "schedule_exceptions": len(_bulk(ScheduleException, exceptions)),
    }


def _opening_hours(
    rng: random.Random, service_id: int, rows: list[Any], exceptions: list[Any]
) -> None:
    """A service's weekly hours: two to five weekdays, sometimes an evening, sometimes
    closed on the national holiday."""
    from sociaalhuis.directory.models import Schedule, ScheduleException

    days = sorted(rng.sample(range(1, 6), rng.randint(2, 5)))
    for weekday in days:
        for opens, closes in rng.sample(_SLOTS[:2], rng.randint(1, 2)):
            rows.append(
                Schedule(service_id=service_id, weekday=weekday, opens_at=opens, closes_at=closes)
            )
    if rng.random() < 0.1:  # an evening
        rows.append(
            Schedule(
                service_id=service_id,
                weekday=rng.randint(1, 5),
                opens_at=_SLOTS[2][0],
                closes_at=_SLOTS[2][1],
            )
        )
    if rng.random() < 0.05:
        exceptions.append(
            ScheduleException(
                service_id=service_id,
                date=date(2026, 7, 21),
                closed=True,
                reason="Nationale feestdag",
            )
        )


def _office_hours(m: _Map, service_id: int, plan: _Plan) -> Any:
    """Office hours of the service in the Sociaal Huis of a municipality it serves."""
    from sociaalhuis.directory.models import Schedule

    rng = m.rng
    house = m.social_houses[m.places[rng.choice(plan.served)].pk]
    return Schedule(
        kind=Schedule.Kind.OFFICE_HOURS,
        service_id=service_id,
        location_id=house,
        weekday=rng.randint(1, 5),
        week_of_month=rng.choice((None, None, 1, 2, 3, -1)),
        opens_at=clock(9),
        closes_at=clock(12),
        by_appointment=rng.random() < 0.3,
    )


def _index_all(service_rows: list[Any]) -> None:
    from sociaalhuis.directory.search import index_services

    ids = [service.pk for service in service_rows]
    with transaction.atomic():
        index_services(ids)


def _vacuum_analyze() -> None:
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
