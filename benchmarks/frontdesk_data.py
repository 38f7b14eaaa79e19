"""A large city's front desk and help dossiers, generated straight into PostgreSQL.

Full size (``Sizes()``): 150,000 persons with an identity each, 60,000 households,
2,000,000 contacts, 500,000 help questions, 20,000 help dossiers with care teams, step
plans, journal notes and timelines (most 1-40 lines, one in 50 exactly 50, one in 200
over 500), callbacks and appointments; 24 neighbourhoods with their streets, 10 life
domains with 40 topics, 8 cells, about 230 workers.

How: reference rows (municipality, users, neighbourhoods, ...) through the ORM; persons,
identities and households with ``COPY`` from rows computed in Python (the folded
``search_name`` comes from the application's own ``clients.identity.search_name_for``,
the national register numbers carry valid python-stdnum ``be.nn`` check digits); every
big table with one set-based ``INSERT ... SELECT`` over ``generate_series``. It runs as
the connection's own role (the table owner, so no row-level security), outside any
``tenancy.activate``, and ends with ``ANALYZE``.

Deterministic for a given seed (Python ``random`` and PostgreSQL ``setseed`` with
parallel query switched off for the session). Call only with Django set up on
PostgreSQL.

Why one module past ~400 lines: it is one generator whose stages draw from one random
stream in a fixed order (so a seed gives the same rows), and much of its length is the
words, names and statements its stages write; each stage is its own short function.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from django.db import connection
from django.utils import timezone

from benchmarks import frontdesk_names as names

T = TypeVar("T")


@dataclass(frozen=True)
class Sizes:
    persons: int = 150_000
    households: int = 60_000
    contacts: int = 2_000_000
    questions: int = 500_000
    dossiers: int = 20_000
    callbacks: int = 20_000
    appointments: int = 50_000
    reception_workers: int = 40
    social_workers: int = 150
    cell_specialists: int = 40

    @classmethod
    def named(cls, scale: str) -> Sizes:
        if scale == "large":
            return cls()
        if scale == "small":  # a try-out in well under a minute
            return cls(1_500, 600, 20_000, 5_000, 400, 200, 500, 6, 20, 6)
        if scale == "tiny":  # the test suite
            return cls(120, 50, 600, 200, 60, 20, 40, 2, 4, 2)
        raise ValueError(f"Unknown scale {scale!r}: large, small or tiny")


@dataclass
class Report:
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    quiet: bool = False

    def timed(self, stage: str, work: Callable[[], T]) -> T:
        started = time.perf_counter()
        result = work()
        self.seconds[stage] = round(time.perf_counter() - started, 2)
        if not self.quiet:
            print(f"  {stage:<28} {self.seconds[stage]:>7.1f} s", flush=True)
        return result


# --- Helpers ---------------------------------------------------------------------------


def national_number(birth: date, serial: int) -> str:
    """A valid Belgian national register number: YYMMDD, a serial (odd for men, even
    for women), and 97 minus the remainder mod 97 (with a leading 2 from 2000 on)."""
    base = f"{birth:%y%m%d}{serial:03d}"
    value = int(("2" if birth.year >= 2000 else "") + base)
    return f"{base}{97 - value % 97:02d}"


def _execute(sql: str, params: dict[str, Any] | None = None) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params or {})
        return int(cursor.rowcount)


def _copy(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    count = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor under Django's wrapper
        with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
    return count


def _next_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608
        return int(cursor.fetchone()[0])


def _sync_sequence(table: str) -> None:
    _execute(
        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
        f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
    )


def _ids(sql: str, params: dict[str, Any]) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [int(row[0]) for row in cursor.fetchall()]


def _pick(rng: random.Random, shares: Sequence[float]) -> int:
    point = rng.random() * sum(shares)
    for index, share in enumerate(shares):
        point -= share
        if point < 0:
            return index
    return len(shares) - 1


# --- The generator -------------------------------------------------------------------
#
# One function per stage, each timed on its own by ``generate``. They share one
# ``_City``: the municipality, its staff, the clock and the one random stream, which
# they draw from in a fixed order (reference data, persons, households), so a seed
# gives the same data.


@dataclass
class _City:
    """What the stages share while one city is generated."""

    sizes: Sizes
    rng: random.Random
    now: datetime
    today: date
    pk: int
    name: str
    slug: str
    staff: dict[str, list[int]] = field(default_factory=dict)
    # (street, postcode, neighbourhood id) for every street, to give persons an address.
    street_plan: list[tuple[str, str, int]] = field(default_factory=list)
    person_base: int = 0  # the first person id of this run


def generate(sizes: Sizes, seed: int = 20260514, quiet: bool = False) -> Report:
    from sociaalhuis.tenants.models import Municipality

    if connection.vendor != "postgresql":
        raise RuntimeError("The front-desk generator runs on PostgreSQL only.")
    rng = random.Random(seed)  # noqa: S311 (reproducible test data, not secrets)
    report = Report(quiet=quiet)
    now = timezone.now()
    today = timezone.localdate()
    _execute("SET max_parallel_workers_per_gather = 0")
    _execute("SELECT setseed(%(seed)s)", {"seed": (seed % 1000) / 1000})

    city_name, city_slug, city_nis = names.CITY
    municipality = Municipality.objects.create(
        nis_code=city_nis, name=city_name, slug=city_slug, languages=["nl", "fr"]
    )
    city = _City(sizes, rng, now, today, municipality.pk, city_name, city_slug)
    report.timed("reference data", lambda: _reference(city, municipality))

    city.person_base = _next_id("clients_person")
    report.counts["persons"] = report.timed("persons + identities", lambda: _persons(city))
    report.counts.update(report.timed("households", lambda: _households(city)))

    # Everything else, set-based.
    params = _sql_params(city)
    report.counts.update(report.timed("dossiers", lambda: _dossiers(params, sizes)))
    report.counts["contacts"] = report.timed(
        "contacts", lambda: _execute(SQL_CONTACTS, {**params, "n": sizes.contacts})
    )
    report.counts["help_questions"] = report.timed(
        "help questions", lambda: _execute(SQL_QUESTIONS, {**params, "n": sizes.questions})
    )
    report.counts.update(
        report.timed("callbacks, appointments", lambda: _callbacks_and_appointments(params, sizes))
    )
    report.timed("analyze", lambda: _execute("ANALYZE"))
    return report


# --- Reference rows (ORM) -------------------------------------------------------------


def _reference(city: _City, municipality: Any) -> None:
    from sociaalhuis.dossiers.models import Right

    _staff(city, municipality)
    streets = _neighbourhoods_and_streets(city, municipality)
    domains = _life_domains_and_topics(municipality)
    _cells(city, municipality, domains)
    Right.unscoped.bulk_create(
        Right(municipality=municipality, code=code, name_nl=name, position=position)
        for position, (code, name) in enumerate(names.RIGHTS)
    )
    city.street_plan.extend((row.street, row.postcode, row.neighbourhood_id) for row in streets)


def _staff(city: _City, municipality: Any) -> None:
    """The reception workers, social workers and cell specialists, with their memberships."""
    from sociaalhuis.accounts.models import Membership, User
    from sociaalhuis.accounts.roles import Role

    for role, count in (
        (Role.RECEPTION, city.sizes.reception_workers),
        (Role.SOCIAL_WORKER, city.sizes.social_workers),
        (Role.CELL_SPECIALIST, city.sizes.cell_specialists),
    ):
        users = []
        for number in range(1, count + 1):
            user = User(
                email=f"{role.replace('_', '-')}-{number}@{city.slug}.bench.example",
                full_name=f"{role.label} {number}",
            )
            user.set_unusable_password()
            users.append(user)
        created = User.objects.bulk_create(users)
        Membership.objects.bulk_create(
            Membership(user=user, municipality=municipality, role=role) for user in created
        )
        city.staff[role] = [user.pk for user in created]


def _neighbourhoods_and_streets(city: _City, municipality: Any) -> list[Any]:
    """The neighbourhoods, and the made-up streets shuffled over them; returns the streets."""
    from sociaalhuis.core.text import fold
    from sociaalhuis.tenants.models import Neighbourhood, NeighbourhoodStreet

    hoods = Neighbourhood.unscoped.bulk_create(
        Neighbourhood(
            municipality=municipality,
            name=name,
            is_attention_area=name in names.ATTENTION_NEIGHBOURHOODS,
        )
        for name in names.NEIGHBOURHOODS
    )
    streets = [f"{stem}{end}" for stem in names.STREET_STEMS for end in names.STREET_ENDINGS]
    city.rng.shuffle(streets)
    per = len(streets) // len(hoods)
    rows = []
    for index, hood in enumerate(hoods):
        postcode = names.POSTCODES[index % len(names.POSTCODES)]
        for street in streets[index * per : (index + 1) * per]:
            rows.append(
                NeighbourhoodStreet(
                    municipality=municipality,
                    neighbourhood=hood,
                    street=street,
                    street_key=fold(street),
                    postcode=postcode,
                )
            )
    NeighbourhoodStreet.unscoped.bulk_create(rows)
    return rows


def _life_domains_and_topics(municipality: Any) -> dict[str, Any]:
    """The life domains with their topics; returns the domains by code."""
    from sociaalhuis.frontdesk.models import Topic
    from sociaalhuis.tenants.models import LifeDomain

    domains = {}
    for position, (code, name, topic_codes) in enumerate(names.LIFE_DOMAINS):
        domain = LifeDomain.unscoped.create(
            municipality=municipality, code=code, name_nl=name, position=position
        )
        domains[code] = domain
        Topic.unscoped.bulk_create(
            Topic(
                municipality=municipality,
                life_domain=domain,
                code=topic,
                name_nl=topic.replace("-", " ").capitalize(),
            )
            for topic in topic_codes
        )
    return domains


def _cells(city: _City, municipality: Any, domains: dict[str, Any]) -> None:
    """The cells, the cell specialists spread over them (at least one in each)."""
    from sociaalhuis.accounts.models import Cell, CellMember
    from sociaalhuis.accounts.roles import Role

    specialists = city.staff[Role.CELL_SPECIALIST]
    for index, (code, name, domain_code) in enumerate(names.CELLS):
        cell = Cell.unscoped.create(
            municipality=municipality, code=code, name_nl=name, life_domain=domains[domain_code]
        )
        CellMember.unscoped.bulk_create(
            CellMember(municipality=municipality, cell=cell, user_id=user_id)
            for user_id in specialists[index :: len(names.CELLS)] or specialists[:1]
        )


# --- Persons, identities and households (COPY) ------------------------------------------


def _persons(city: _City) -> int:
    serials: dict[date, int] = {}
    person_rows = []
    identity_rows = []
    shares = [origin[0] for origin in names.ORIGINS]
    for index in range(city.sizes.persons):
        person_row, identity_row = _person(city, index, shares, serials)
        person_rows.append(person_row)
        identity_rows.append(identity_row)
    _copy(
        "clients_person",
        (
            "id", "municipality_id", "preferred_language", "other_language",
            "interpreter_needed", "neighbourhood_id", "created_at", "updated_at", "version",
        ),
        person_rows,
    )  # fmt: skip
    _copy(
        "clients_identity",
        (
            "person_id", "municipality_id", "given_name", "family_name", "birth_date",
            "gender", "gender_description", "national_number", "street", "house_number",
            "box", "postcode", "city", "no_fixed_address", "phone", "email", "search_name",
        ),
        identity_rows,
    )  # fmt: skip
    _sync_sequence("clients_person")
    # The look-up's word index, as clients.services.name_words_save keeps it.
    _execute(
        "INSERT INTO clients_nameword (municipality_id, person_id, word) "
        "SELECT DISTINCT i.municipality_id, i.person_id, w.word "
        "FROM clients_identity i, regexp_split_to_table(i.search_name, ' ') AS w(word) "
        "WHERE i.municipality_id = %(m)s AND w.word <> ''",
        {"m": city.pk},
    )
    return len(person_rows)


_FIRST_BIRTH_DAY = date(1930, 1, 1).toordinal()


def _person(
    city: _City, index: int, shares: Sequence[float], serials: dict[date, int]
) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """One person's row and identity row (the random draws in a fixed order)."""
    from sociaalhuis.clients.identity import search_name_for
    from sociaalhuis.core.text import fold

    rng, m = city.rng, city.pk
    pid = city.person_base + index
    _share, families, givens, languages = names.ORIGINS[_pick(rng, shares)]
    family = rng.choice(families)
    given, gender = rng.choice(givens)
    if rng.random() < 0.03:
        gender = rng.choice(("x", ""))
    # Ages skewed to adults: most clients were born 1950-2005.
    span = date(2025, 12, 31).toordinal() - _FIRST_BIRTH_DAY
    birth = date.fromordinal(_FIRST_BIRTH_DAY + int(span * rng.betavariate(3.2, 2.4)))
    number = _national_number_for(rng, serials, birth, gender)
    language = rng.choice(languages)
    homeless = rng.random() < 0.01
    street, postcode, hood = rng.choice(city.street_plan)
    created = city.now - timedelta(days=rng.randrange(8 * 365), minutes=rng.randrange(1440))
    person_row = (
        pid, m, language,
        rng.choice(names.OTHER_LANGUAGES) if language == "other" else "",
        language == "other" and rng.random() < 0.4,
        None if homeless else hood,
        created, created, 1,
    )  # fmt: skip
    identity_row = (
        pid, m, given, family, birth, gender, "", number,
        "" if homeless else street,
        "" if homeless else str(rng.randint(1, 180)),
        "" if homeless or rng.random() < 0.85 else str(rng.randint(1, 30)),
        "" if homeless else postcode,
        city.name, homeless,
        f"04{rng.randint(70, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
        f"{rng.randint(10, 99)}" if rng.random() < 0.7 else "",
        f"{fold(given)}.{fold(family).replace(' ', '')}{index}@example.org"
        if rng.random() < 0.4 else "",
        search_name_for(given, family),
    )  # fmt: skip
    return person_row, identity_row


def _national_number_for(
    rng: random.Random, serials: dict[date, int], birth: date, gender: str
) -> str:
    """Most persons have a national number: the next free serial of their birth day."""
    if rng.random() >= 0.88:
        return ""
    taken = serials.get(birth, 0)
    serials[birth] = taken + 1
    serial = 1 + 2 * taken + (1 if gender == "woman" else 0)
    return national_number(birth, serial) if serial <= 997 else ""


def _households(city: _City) -> dict[str, int]:
    rng, m, person_base = city.rng, city.pk, city.person_base
    base = _next_id("clients_household")
    order = list(range(city.sizes.persons))
    rng.shuffle(order)
    families = dict(
        _rows(
            "SELECT person_id, family_name FROM clients_identity WHERE municipality_id = %(m)s",
            {"m": m},
        )
    )
    household_rows = []
    member_rows = []
    position = 0
    relations = ("partner", "child", "child", "child", "parent", "other_family")
    for number in range(city.sizes.households):
        size = 1 + _pick(rng, (35, 30, 15, 12, 8))
        members = order[position : position + size]
        if not members:
            break
        position += size
        hid = base + number
        reference_pid = person_base + members[0]
        created = city.now - timedelta(days=rng.randrange(6 * 365))
        household_rows.append((hid, m, f"Gezin {families[reference_pid]}", "", created, created, 1))
        for rank, member in enumerate(members):
            relation = "reference" if rank == 0 else relations[min(rank - 1, 5)]
            joined = (created - timedelta(days=rng.randrange(3000))).date()
            member_rows.append((m, hid, person_base + member, relation, joined))
    _copy(
        "clients_household",
        ("id", "municipality_id", "name", "note", "created_at", "updated_at", "version"),
        household_rows,
    )
    _copy(
        "clients_householdmember",
        ("municipality_id", "household_id", "person_id", "relation", "joined_on"),
        member_rows,
    )
    _sync_sequence("clients_household")
    return {"households": len(household_rows), "household_members": len(member_rows)}


# --- Everything else, set-based ---------------------------------------------------------


def _sql_params(city: _City) -> dict[str, Any]:
    """The parameters every set-based statement draws from: staff, topics, domains."""
    from sociaalhuis.accounts.roles import Role

    m = city.pk
    topics = _rows(
        "SELECT t.id, t.life_domain_id, t.name_nl, "
        "COALESCE((SELECT c.id FROM accounts_cell c WHERE c.life_domain_id = t.life_domain_id "
        "ORDER BY c.id LIMIT 1), (SELECT MIN(id) FROM accounts_cell WHERE municipality_id = "
        "%(m)s)) FROM frontdesk_topic t WHERE t.municipality_id = %(m)s ORDER BY t.id",
        {"m": m},
    )
    return {
        "m": m,
        "now": city.now,
        "today": city.today,
        "reception": city.staff[Role.RECEPTION],
        "workers": city.staff[Role.SOCIAL_WORKER],
        "specialists": city.staff[Role.CELL_SPECIALIST],
        "topic_ids": [row[0] for row in topics],
        "topic_domains": [row[1] for row in topics],
        "topic_names": [row[2] for row in topics],
        "topic_cells": [row[3] for row in topics],
        "domains": _ids(
            "SELECT id FROM tenants_lifedomain WHERE municipality_id = %(m)s ORDER BY id", {"m": m}
        ),
        "person_base": city.person_base,
        "persons": city.sizes.persons,
    }


def _dossiers(params: dict[str, Any], sizes: Sizes) -> dict[str, int]:
    counts = {}
    counts["dossiers"] = _execute(SQL_DOSSIERS, {**params, "n": sizes.dossiers})
    counts["status_changes"] = _execute(SQL_STATUS_CHANGES, params)
    counts["care_team_members"] = _execute(SQL_CARE_TEAM, params)
    counts["timeline_entries"] = _execute(SQL_TIMELINE, params)
    counts["journal_notes"] = _execute(SQL_NOTES, params)
    counts["step_plans"] = _execute(SQL_PLANS, params)
    counts["goals"] = _execute(SQL_GOALS, params)
    counts["steps"] = _execute(SQL_STEPS, params)
    counts["housing_situations"] = _execute(SQL_HOUSING, params)
    return counts


def _callbacks_and_appointments(params: dict[str, Any], sizes: Sizes) -> dict[str, int]:
    return {
        "callbacks": _execute(SQL_CALLBACKS, {**params, "n": sizes.callbacks}),
        "appointments": _execute(SQL_APPOINTMENTS, {**params, "n": sizes.appointments}),
    }


def _rows(sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall()]


def _random_of(array: str) -> str:
    """SQL for a random element of an array parameter."""
    return f"(%({array})s::bigint[])[1 + floor(random() * cardinality(%({array})s::bigint[]))::int]"


# Dossiers for distinct random persons, opened over six years, numbered per year.
SQL_DOSSIERS = f"""
WITH picked AS MATERIALIZED (
    SELECT id AS person_id, row_number() OVER (ORDER BY md5(id::text)) AS g
    FROM clients_person WHERE municipality_id = %(m)s ORDER BY md5(id::text) LIMIT %(n)s
), timed AS MATERIALIZED (
    SELECT person_id, g, %(now)s::timestamptz - random() * interval '2190 days' AS opened,
           random() AS r_status, random() AS r_close, random() AS r_manager,
           {_random_of("workers")} AS worker
    FROM picked
)
INSERT INTO dossiers_dossier (municipality_id, created_at, updated_at, reference, person_id,
    reason, status, manager_id, opened_at, opened_by_id, closed_at, version)
SELECT %(m)s, opened, opened,
       extract(year FROM opened)::int || '-' || lpad((row_number() OVER (
           PARTITION BY extract(year FROM opened) ORDER BY opened, g))::text, 4, '0'),
       person_id,
       (ARRAY['Huurachterstal en dreigende uithuiszetting',
              'Schulden, vraag naar budgetbegeleiding', 'Energiefactuur niet betaald, budgetmeter',
              'Alleenstaande ouder zonder inkomen',
              'Dakloos na scheiding', 'Meervoudige problemen, aangemeld door de school'])
           [1 + floor(random() * 6)::int],
       CASE WHEN r_status < 0.25 THEN 'closed' ELSE 'open' END,
       CASE WHEN r_manager < 0.92 THEN worker END,
       opened, worker,
       CASE WHEN r_status < 0.25 THEN opened + r_close * (%(now)s::timestamptz - opened) END,
       1
FROM timed
"""  # noqa: S608 (no input: constants and bound parameters)

SQL_STATUS_CHANGES = """
INSERT INTO dossiers_statuschange (municipality_id, dossier_id, kind, reason, at, by_id)
SELECT municipality_id, id, 'opened', reason, opened_at, opened_by_id
FROM dossiers_dossier WHERE municipality_id = %(m)s
UNION ALL
SELECT municipality_id, id, 'closed', 'Doelen bereikt', closed_at, opened_by_id
FROM dossiers_dossier WHERE municipality_id = %(m)s AND closed_at IS NOT NULL
"""

# The manager plus one to three other social workers; a buddy without an account for
# one dossier in ten.
SQL_CARE_TEAM = """
WITH team AS (
    SELECT d.id, d.opened_at, d.opened_by_id, d.manager_id, k,
           (%(workers)s::bigint[])
               [1 + ((d.id * 7919 + k * 13) %% cardinality(%(workers)s::bigint[]))] AS member
    FROM dossiers_dossier d
    CROSS JOIN LATERAL generate_series(1, 1 + (d.id %% 3)::int) AS k
    WHERE d.municipality_id = %(m)s
)
INSERT INTO dossiers_careteammember (municipality_id, dossier_id, user_id, name,
    organisation_name, role, joined_at, added_by_id)
SELECT %(m)s, id, manager_id, '', '', 'manager', opened_at, opened_by_id
FROM dossiers_dossier WHERE municipality_id = %(m)s AND manager_id IS NOT NULL
UNION ALL
SELECT %(m)s, id, member, '', '', 'social_worker', opened_at + interval '2 days', opened_by_id
FROM team WHERE member IS DISTINCT FROM manager_id
UNION ALL
SELECT %(m)s, id, NULL, 'Buddy ' || id, 'Vrijwilligerswerking', 'buddy', opened_at,
       opened_by_id
FROM dossiers_dossier WHERE municipality_id = %(m)s AND id %% 10 = 0
"""

# Timeline lengths: one dossier in 50 exactly 50 lines (the page benchmark), one in 200
# 500+ lines, the rest 1-40.
SQL_TIMELINE = """
INSERT INTO dossiers_timelineentry (municipality_id, dossier_id, at, kind, summary, actor_id,
    confidentiality, object_type, object_id)
SELECT %(m)s, d.id,
       d.opened_at
           + (k::float / lines) * (COALESCE(d.closed_at, %(now)s::timestamptz) - d.opened_at),
       kinds.kind, kinds.summary || ' (' || k || ')',
       COALESCE(d.manager_id, d.opened_by_id),
       CASE WHEN k %% 23 = 0 THEN 'manager' ELSE 'care_team' END, '', ''
FROM dossiers_dossier d
CROSS JOIN LATERAL (SELECT CASE WHEN d.id %% 200 = 0 THEN 500 + (d.id %% 197)::int
                                WHEN d.id %% 50 = 1 THEN 50
                                ELSE 1 + ((d.id * 31) %% 40)::int END AS lines) AS n
CROSS JOIN LATERAL generate_series(1, n.lines) AS k
CROSS JOIN LATERAL (
    SELECT (ARRAY['contact', 'question', 'note', 'step', 'appointment', 'housing', 'right',
                  'team'])[1 + (k + d.id)::int %% 8] AS kind,
           (ARRAY['Contact aan de balie', 'Hulpvraag geregistreerd', 'Journaalnota',
                  'Stap afgewerkt', 'Afspraak gepland', 'Woonsituatie bijgewerkt',
                  'Recht nagekeken', 'Lid van het zorgteam toegevoegd'])[1 + (k + d.id)::int %% 8]
               AS summary
) AS kinds
WHERE d.municipality_id = %(m)s
"""

SQL_NOTES = """
INSERT INTO dossiers_journalnote (municipality_id, dossier_id, text, confidentiality, author_id,
    written_at, version)
SELECT %(m)s, d.id,
       'Gesprek met cliënt over ' || lower(d.reason) || '. Afspraken gemaakt; volgende stap '
           || 'besproken met het zorgteam. Nota ' || k || '.',
       CASE WHEN k = 3 THEN 'manager' ELSE 'care_team' END,
       COALESCE(d.manager_id, d.opened_by_id), d.opened_at + k * interval '9 days', 1
FROM dossiers_dossier d CROSS JOIN LATERAL generate_series(1, 1 + (d.id %% 3)::int) AS k
WHERE d.municipality_id = %(m)s
"""

SQL_PLANS = """
INSERT INTO dossiers_stepplan (municipality_id, dossier_id, drawn_up_on, review_on, version)
SELECT %(m)s, id, (opened_at + interval '14 days')::date,
       (%(today)s::date + ((id %% 90) - 30)::int), 1
FROM dossiers_dossier WHERE municipality_id = %(m)s AND status = 'open' AND id %% 5 <> 0
"""

SQL_GOALS = """
INSERT INTO dossiers_goal (municipality_id, plan_id, life_domain_id, description, status,
    position, created_at)
SELECT %(m)s, p.id,
       (%(domains)s::bigint[])[1 + ((p.id + k * 3) %% cardinality(%(domains)s::bigint[]))],
       (ARRAY['Huur opnieuw op tijd betalen', 'Schulden in kaart brengen',
              'Een vast inkomen hebben', 'Kinderopvang vinden'])[1 + ((p.id + k) %% 4)::int],
       CASE WHEN k = 1 AND p.id %% 4 = 0 THEN 'achieved' ELSE 'active' END, k,
       p.drawn_up_on::timestamptz
FROM dossiers_stepplan p CROSS JOIN LATERAL generate_series(1, 1 + (p.id %% 3)::int) AS k
WHERE p.municipality_id = %(m)s
"""

SQL_STEPS = """
INSERT INTO dossiers_step (municipality_id, goal_id, dossier_id, description, owner_id,
    owner_name, due_on, status, done_on, position, version)
SELECT %(m)s, g.id, p.dossier_id,
       (ARRAY['Afspraak met de huisbaas maken', 'Afbetalingsplan opstellen',
              'Aanvraag indienen', 'Documenten verzamelen'])[1 + ((g.id + k) %% 4)::int],
       CASE WHEN k = 2 THEN NULL ELSE COALESCE(d.manager_id, d.opened_by_id) END,
       CASE WHEN k = 2 THEN 'Cliënt' ELSE '' END,
       %(today)s::date + ((g.id * 7 + k * 11) %% 120 - 60)::int,
       CASE WHEN (g.id + k) %% 3 = 0 THEN 'done' WHEN (g.id + k) %% 5 = 0 THEN 'in_progress'
            ELSE 'planned' END,
       CASE WHEN (g.id + k) %% 3 = 0 THEN %(today)s::date - ((g.id + k) %% 60)::int END,
       k, 1
FROM dossiers_goal g JOIN dossiers_stepplan p ON p.id = g.plan_id
JOIN dossiers_dossier d ON d.id = p.dossier_id
CROSS JOIN LATERAL generate_series(1, 1 + (g.id %% 4)::int) AS k
WHERE g.municipality_id = %(m)s
"""

SQL_HOUSING = """
INSERT INTO dossiers_housingsituation (municipality_id, dossier_id, category, description,
    since, recorded_by_id, recorded_at)
SELECT %(m)s, id,
       (ARRAY['roofless', 'houseless', 'insecure', 'inadequate', 'adequate'])[1 + (id %% 5)::int],
       '', opened_at::date, opened_by_id, opened_at
FROM dossiers_dossier WHERE municipality_id = %(m)s AND id %% 2 = 0
"""

# Contacts over five years, recent ones more often; a few persons come very often
# (power law), 8 % anonymous.
SQL_CONTACTS = f"""
WITH planned AS MATERIALIZED (
    SELECT g,
           CASE WHEN random() < 0.08 THEN NULL
                ELSE %(person_base)s + floor(%(persons)s * power(random(), 1.7))::bigint END
               AS person_id,
           %(now)s::timestamptz - power(random(), 1.3) * interval '1826 days' AS at,
           random() AS r_channel, random() AS r_language,
           {_random_of("reception")} AS worker
    FROM generate_series(1, %(n)s) AS g
)
INSERT INTO frontdesk_contact (municipality_id, channel, person_id, language, neighbourhood_id,
    note, occurred_at, registered_by_id, registered_at, idempotency_key)
SELECT %(m)s,
       (ARRAY['desk', 'desk', 'desk', 'desk', 'phone', 'phone', 'phone', 'email', 'letter',
              'home_visit', 'appointment', 'outreach'])[1 + floor(r_channel * 12)::int],
       planned.person_id,
       CASE WHEN p.preferred_language IN ('nl', 'fr', 'en', 'other') THEN p.preferred_language
            WHEN r_language < 0.8 THEN 'nl' ELSE 'fr' END,
       p.neighbourhood_id, '', at, worker, at, gen_random_uuid()
FROM planned LEFT JOIN clients_person p ON p.id = planned.person_id
"""  # noqa: S608 (no input: constants and bound parameters)

# One question on each of n evenly spread contacts; the outcome "dossier" only for a
# person with a dossier, linked to it.
SQL_QUESTIONS = f"""
WITH chosen AS MATERIALIZED (
    SELECT c.id, c.person_id, c.occurred_at, c.registered_by_id,
           1 + floor(random() * cardinality(%(topic_ids)s::bigint[]))::int AS t,
           random() AS r_outcome, random() AS r_status, random() AS r_assign,
           {_random_of("specialists")} AS specialist
    FROM (SELECT id, person_id, occurred_at, registered_by_id,
                 row_number() OVER (ORDER BY id) AS rn, count(*) OVER () AS total
          FROM frontdesk_contact WHERE municipality_id = %(m)s) AS c
    WHERE c.rn %% GREATEST(1, c.total / %(n)s) = 0
    LIMIT %(n)s
), decided AS (
    SELECT chosen.*, d.id AS dossier_id,
           CASE WHEN d.id IS NOT NULL AND r_outcome < 0.5 THEN 'dossier'
                WHEN r_outcome < 0.60 THEN 'answered'
                WHEN r_outcome < 0.75 THEN 'referred'
                WHEN r_outcome < 0.88 THEN 'callback'
                ELSE 'open' END AS outcome
    FROM chosen LEFT JOIN dossiers_dossier d ON d.person_id = chosen.person_id
)
INSERT INTO frontdesk_helpquestion (municipality_id, contact_id, person_id, life_domain_id,
    topic_id, description, outcome, status, answer, referred_to, dossier_id, cell_id,
    assigned_to_id, created_at, created_by_id, closed_at)
SELECT %(m)s, id, person_id, (%(topic_domains)s::bigint[])[t], (%(topic_ids)s::bigint[])[t],
       'Vraag over ' || lower((%(topic_names)s::text[])[t]),
       outcome,
       CASE WHEN outcome IN ('open', 'callback') AND r_status < 0.3 THEN 'open' ELSE 'done' END,
       CASE WHEN outcome = 'answered' THEN 'Informatie meegegeven' ELSE '' END,
       CASE WHEN outcome = 'referred' THEN 'CAW' ELSE '' END,
       CASE WHEN outcome = 'dossier' THEN dossier_id END,
       CASE WHEN outcome IN ('open', 'callback') THEN (%(topic_cells)s::bigint[])[t] END,
       CASE WHEN outcome = 'open' AND r_assign < 0.5 THEN specialist END,
       occurred_at, registered_by_id,
       CASE WHEN outcome IN ('open', 'callback') AND r_status < 0.3 THEN NULL
            WHEN outcome = 'answered' THEN occurred_at
            ELSE occurred_at + interval '1 day' END
FROM decided
"""  # noqa: S608 (no input: constants and bound parameters)

SQL_CALLBACKS = """
INSERT INTO frontdesk_callback (municipality_id, question_id, person_id, caller_name, phone,
    message, to_user_id, to_cell_id, due_at, status, attempts, result, created_at,
    created_by_id, done_at, version)
SELECT %(m)s, q.id, q.person_id, CASE WHEN q.person_id IS NULL THEN 'Beller' ELSE '' END,
       COALESCE(NULLIF(i.phone, ''), '09 210 10 10'), 'Graag terugbellen: ' || q.description,
       CASE WHEN q.id %% 3 = 0 THEN q.assigned_to_id END,
       CASE WHEN q.id %% 3 = 0 AND q.assigned_to_id IS NOT NULL THEN NULL ELSE q.cell_id END,
       q.created_at + ((1 + q.id %% 3)::int * interval '1 day'),
       CASE WHEN q.status = 'open' THEN 'open' ELSE 'done' END, (q.id %% 2)::int,
       CASE WHEN q.status = 'open' THEN '' ELSE 'Teruggebeld, geholpen' END,
       q.created_at, q.created_by_id,
       CASE WHEN q.status = 'open' THEN NULL ELSE q.closed_at END, 1
FROM frontdesk_helpquestion q LEFT JOIN clients_identity i ON i.person_id = q.person_id
WHERE q.municipality_id = %(m)s AND q.outcome = 'callback'
ORDER BY q.created_at DESC LIMIT %(n)s
"""

# Four slots a working day per social worker, no overlaps, from about four months ago
# to a month ahead; past ones took place, some no-shows.
SQL_APPOINTMENTS = """
WITH slots AS (
    SELECT g, (g %% cardinality(%(workers)s::bigint[])) AS w,
           (g / cardinality(%(workers)s::bigint[])) AS s
    FROM generate_series(0, %(n)s - 1) AS g
), timed AS (
    SELECT g, (%(workers)s::bigint[])[1 + w::int] AS worker,
           (date_trunc('week', %(today)s::date - 126)
               + ((s / 4) / 5) * interval '7 days' + ((s / 4) %% 5) * interval '1 day'
               + (ARRAY[interval '9 hours', interval '10 hours 30 minutes',
                        interval '13 hours 30 minutes', interval '15 hours'])[1 + (s %% 4)::int])
               ::timestamp AT TIME ZONE 'Europe/Brussels' AS starts,
           %(person_base)s + floor(random() * %(persons)s)::bigint AS person_id,
           random() AS r_kind, random() AS r_status
    FROM slots
)
INSERT INTO frontdesk_appointment (municipality_id, uuid, kind, person_id, worker_id, starts_at,
    ends_at, location, address, purpose, status, status_note, created_by_id, created_at,
    version)
SELECT %(m)s, gen_random_uuid(),
       CASE WHEN r_kind < 0.1 THEN 'home_visit' WHEN r_kind < 0.2 THEN 'phone' ELSE 'office' END,
       timed.person_id, worker, starts, starts + interval '45 minutes',
       CASE WHEN r_kind < 0.2 THEN '' ELSE 'Sociaal Huis, spreekkamer ' || (1 + g %% 6) END,
       CASE WHEN r_kind < 0.1 THEN i.street || ' ' || i.house_number ELSE '' END,
       'Opvolging hulpvraag',
       CASE WHEN starts > %(now)s::timestamptz THEN 'planned'
            WHEN r_status < 0.1 THEN 'no_show' WHEN r_status < 0.15 THEN 'cancelled'
            ELSE 'done' END,
       '', worker, starts - interval '10 days', 1
FROM timed LEFT JOIN clients_identity i ON i.person_id = timed.person_id
"""
