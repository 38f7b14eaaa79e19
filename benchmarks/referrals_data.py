"""Referrals of a large city, generated on top of the front-desk city.

Needs the city of ``benchmarks/frontdesk_data.py`` (its persons, help questions,
dossiers, cells and workers) and adds, by default (``Sizes()``):

* 40 partner organisations of the social map (directory rows, not tenant-scoped)
  serving the city, each with 1-6 published services: one big partner (the CAW, 6
  services, 60,000 referrals, so its inbox is large), the Huurdersbond (20,000) and 38
  others on a falling curve from ~18,000 down to ~100 referrals; 25 partner workers at
  the CAW, 8 at the Huurdersbond, 1-3 elsewhere (``partner_worker`` memberships);
* 300,000 referrals: ~73 % to partner services, the rest to the 8 cells and to
  colleagues (social workers, cell specialists); sent over three years, following the
  help questions and dossiers they come from (recent years busier); statuses by age
  (last fortnight mostly sent/received/accepted, older ones mostly closed, ~1.5 %
  never answered), 1 % drafts; urgency, response dates from the service's agreed
  response time (``ServiceResponseTime``) or the municipality's default;
* senders: one reception worker with 5,000 referrals (the big worklist), the other
  229 current workers on a skewed curve, and 400 former or temporary workers
  (inactive memberships) with a few each;
* a consent (purpose "referral") for each referral to a partner sent on the
  person's consent; the ``shared_data`` snapshot of the fields the sender shared;
* the history: one ``ReferralUpdate`` per status step (2-5, receiver steps by the
  partner worker, cell member or colleague who handled it, some through the API) and
  now and then a message: about 3.3 per referral.

Rows are computed in Python (deterministic for a seed) and go in with ``COPY`` as the
connection's own role (the table owner: no row-level security), outside any
``tenancy.activate``; ``ANALYZE`` at the end. PostgreSQL only.

Why one module past ~400 lines: it is one generator whose stages draw from one random
stream in a fixed order (so a seed gives the same rows), and much of its length is the
words, names and statements its stages write; each stage is its own short function.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection
from django.utils import timezone

from benchmarks import frontdesk_names as names
from benchmarks.frontdesk_data import Report, _copy, _execute, _next_id, _rows, _sync_sequence

YEARS = 3
DEFAULT_RESPONSE_DAYS = 10


@dataclass(frozen=True)
class Sizes:
    referrals: int = 300_000
    big_partner: int = 60_000  # the CAW
    second_partner: int = 20_000  # the Huurdersbond
    other_partners: int = 38
    other_partner_top: int = 18_000  # the biggest of the others; they fall by 13 % a rank
    cell_share: float = 0.6  # of what is not for a partner: cells, the rest colleagues
    big_sender: int = 5_000
    former_senders: int = 400
    big_partner_workers: int = 25
    second_partner_workers: int = 8
    draft_share: float = 0.01

    @classmethod
    def named(cls, scale: str) -> Sizes:
        if scale == "large":
            return cls()
        if scale == "small":  # a try-out
            return cls(
                referrals=20_000,
                big_partner=4_000,
                second_partner=1_300,
                other_partners=12,
                other_partner_top=1_500,
                big_sender=1_500,
                former_senders=30,
                big_partner_workers=6,
                second_partner_workers=3,
            )
        if scale == "tiny":  # the test suite
            return cls(
                referrals=600,
                big_partner=150,
                second_partner=50,
                other_partners=4,
                other_partner_top=40,
                big_sender=60,
                former_senders=4,
                big_partner_workers=2,
                second_partner_workers=2,
            )
        raise ValueError(f"Unknown scale {scale!r}: large, small or tiny")

    def partner_counts(self) -> list[int]:
        """Referrals per partner organisation, biggest first."""
        others = [round(self.other_partner_top * 0.87**rank) for rank in range(self.other_partners)]
        return [self.big_partner, self.second_partner, *others]


# --- The partners ----------------------------------------------------------------------

BIG_PARTNER = "CAW Oost-Vlaanderen"
SECOND_PARTNER = "Huurdersbond Oost-Vlaanderen"
BIG_PARTNER_SERVICES = (
    "Onthaal CAW: vragen over welzijn",
    "Woonbegeleiding en thuislozenzorg",
    "Schuldhulpverlening CAW",
    "Jongerenaanspreekpunt (JAC)",
    "Slachtofferhulp",
    "Relatie- en gezinsbegeleiding",
)
SECOND_PARTNER_SERVICES = ("Juridisch advies voor huurders", "Huurprijs en huurcontract nakijken")
# (organisation, service names); the city's name is appended to local ones.
OTHER_PARTNERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Centrum Geestelijke Gezondheidszorg", ("Ambulante begeleiding", "Kinder- en jeugdteam")),
    ("Sociaal Verhuurkantoor", ("Kandidaat-huurder inschrijven",)),
    ("Schuldbemiddeling vzw", ("Collectieve schuldenregeling voorbereiden", "Budgetcursus")),
    ("Voedselbank", ("Voedselpakket",)),
    ("Familiehulp", ("Gezinszorg", "Poetsdienst")),
    ("VDAB Werkwinkel", ("Begeleiding naar werk",)),
    ("Agentschap Integratie en Inburgering", ("Inburgeringstraject", "Sociaal tolken")),
    ("Vluchtelingenwerk", ("Juridisch advies asiel en verblijf",)),
    ("Wijkgezondheidscentrum De Brug", ("Huisarts en verpleging", "Sociaal werker")),
    ("Kind en Gezin", ("Consultatiebureau", "Kinderopvang zoeken")),
    ("Huis van het Kind", ("Opvoedingsondersteuning", "Speel-o-theek")),
    ("Ziekenfonds Solidaris", ("Dienst maatschappelijk werk",)),
    ("Christelijke Mutualiteit", ("Dienst maatschappelijk werk",)),
    ("Thuiszorgcentrum", ("Thuisverpleging", "Warme maaltijden")),
    ("Samenlevingsopbouw", ("Buurtwerk", "Collectief renoveren")),
    ("Energiesnoeiers", ("Energiescan", "Kleine energiebesparende ingrepen")),
    ("Straathoekwerk", ("Straathoekwerker",)),
    ("Nachtopvang De Schuilplaats", ("Nachtopvang",)),
    ("Vertrouwenscentrum Kindermishandeling", ("Advies en melding",)),
    ("Centrum voor Leerlingenbegeleiding", ("Leerlingbegeleiding",)),
    ("Jongerenwelzijn", ("Toegangspoort",)),
    ("Justitiehuis", ("Slachtofferonthaal",)),
    ("Rechtsbijstand Bureau voor Juridische Bijstand", ("Eerstelijnsadvies", "Pro-Deo-advocaat")),
    ("Vzw Leren Ondernemen", ("Armoedebestrijding: vrijwilligers", "Budgetgroepen")),
    ("Kringwinkel", ("Tweedehands meubelen met korting",)),
    ("Sociale Huisvestingsmaatschappij", ("Inschrijving sociale woning", "Huurdersbegeleiding")),
    ("Dienst Ondersteuningsplan", ("Ondersteuningsplan handicap",)),
    ("Vlaams Agentschap voor Personen met een Handicap", ("Aanvraag budget",)),
    ("Psychiatrisch Zorgcircuit", ("Mobiel crisisteam",)),
    ("Drugpunt", ("Verslavingszorg ambulant",)),
    ("Kinderarmoedefonds", ("Schoolkosten",)),
    ("Opvoedingswinkel", ("Opvoedingsvragen",)),
    ("Basiseducatie", ("Nederlands voor anderstaligen", "Digitale vaardigheden")),
    ("Centrum voor Basiseducatie Open School", ("Leren lezen en schrijven",)),
    ("Mobiliteitscentrale", ("Minder mobielen vervoer",)),
    ("Sociaal Restaurant", ("Maaltijd aan sociaal tarief",)),
    ("Buddywerking", ("Buddy na een psychiatrische opname",)),
    ("Woonwinkel", ("Premies en renovatieadvies",)),
)  # fmt: skip

PURPOSES: tuple[str, ...] = (
    "Huurachterstal van drie maanden; de huisbaas dreigt met een opzeg. Graag begeleiding.",
    "Schulden bij verschillende schuldeisers; vraagt hulp bij een afbetalingsplan.",
    "Alleenstaande moeder zonder netwerk, zoekt ondersteuning bij de opvoeding.",
    "Woont in een woning met vocht en schimmel; vraagt advies over de huurovereenkomst.",
    "Dakloos na een scheiding, slaapt bij vrienden. Zoekt opvang en woonbegeleiding.",
    "Energiefactuur niet betaald, budgetmeter geplaatst. Vraag naar een energiescan.",
    "Psychisch kwetsbaar, wacht op een plaats bij de huisarts; graag een eerste gesprek.",
    "Zoekt werk na een lange ziekte; vraagt begeleiding naar een opleiding.",
    "Kent de weg niet naar de rechten (verhoogde tegemoetkoming, groeipakket).",
    "Nieuwkomer met verblijfsvragen; heeft een tolk nodig.",
    "Oudere man, alleen, kan de woning niet meer onderhouden. Vraag naar thuiszorg.",
    "Jongere van 19 die het huis uit moest; zoekt een plek en begeleiding.",
)
OUTCOMES: tuple[str, ...] = (
    "Afbetalingsplan afgesproken met de huisbaas; opvolging afgerond.",
    "Begeleiding gestart en afgerond; de persoon weet de weg nu zelf.",
    "Aanvraag ingediend en goedgekeurd.",
    "Drie gesprekken gehad, doorverwezen naar langdurige begeleiding.",
)
MESSAGES: tuple[str, ...] = (
    "Eerste afspraak gepland volgende week.",
    "Persoon niet bereikt op het gegeven nummer; we proberen opnieuw.",
    "Kunnen jullie het huurcontract meegeven?",
    "Dank voor de snelle opvolging.",
)
REASON_TEXTS: dict[str, str] = {
    "no_capacity": "Wachtlijst van drie maanden.",
    "not_eligible": "Valt buiten onze doelgroep.",
    "not_reached": "Drie keer gebeld, geen antwoord.",
    "person_declined": "De persoon wil geen begeleiding.",
    "no_longer_interested": "De vraag is intussen opgelost.",
    "referred_elsewhere": "Beter geholpen bij een andere dienst.",
    "other": "Zie gesprek.",
}
SHARED_CHOICES: tuple[tuple[float, tuple[str, ...]], ...] = (
    (30, ("name",)),
    (45, ("name", "phone")),
    (20, ("name", "phone", "question")),
    (5, ("name", "phone", "address", "question")),
)

# Final status by how long ago the referral was sent (days): (until, weights).
STATUS_BY_AGE: tuple[tuple[int, dict[str, float]], ...] = (
    (14, {"sent": 30, "received": 20, "accepted": 20, "in_progress": 15, "declined": 5,
          "cancelled": 2, "completed": 5, "on_hold": 1, "not_completed": 2}),
    (90, {"sent": 4, "received": 4, "accepted": 8, "in_progress": 25, "on_hold": 5,
          "completed": 32, "not_completed": 8, "declined": 9, "cancelled": 5}),
    (10**6, {"sent": 0.8, "received": 0.7, "accepted": 1, "in_progress": 3, "on_hold": 1.5,
             "completed": 63, "not_completed": 13, "declined": 11, "cancelled": 6}),
)  # fmt: skip
# Mean days of each step (exponentially distributed, squeezed into the age).
STEP_DAYS: dict[str, float] = {
    "received": 1,
    "accepted": 3,
    "in_progress": 5,
    "on_hold": 20,
    "completed": 45,
    "not_completed": 40,
    "declined": 3,
    "cancelled": 10,
}
REASONS_FOR: dict[str, tuple[str, ...]] = {
    "declined": ("no_capacity", "no_capacity", "not_eligible", "referred_elsewhere"),
    "not_completed": ("not_reached", "person_declined", "no_longer_interested", "other"),
    "cancelled": ("no_longer_interested", "referred_elsewhere", "other"),
    "on_hold": ("no_capacity", "not_reached", "other"),
}


def _kbo(number: int) -> str:
    """A valid-looking KBO number (0 + 7 digits + mod-97 check), apart from social_map's."""
    base = 4_400_000 + number
    return f"{base:08d}{97 - base % 97:02d}"


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    point = rng.random() * sum(weights.values())
    for key, weight in weights.items():
        point -= weight
        if point < 0:
            return key
    return key


def _path(rng: random.Random, final: str) -> list[str]:
    """The statuses after "sent", ending in ``final``, along the lifecycle's arrows."""
    if final == "sent":
        return []
    if final == "received":
        return ["received"]
    head = ["received"] if rng.random() < 0.6 else []
    if final in ("accepted", "declined"):
        return [*head, final]
    if final == "cancelled":
        return [*rng.choice(([], head, [*head, "accepted"])), "cancelled"]
    work = [*head, "accepted"]
    if final == "in_progress":
        return [*work, "in_progress"]
    if final == "on_hold":
        return [*work, "in_progress", "on_hold"]
    return [*work, *(["in_progress"] if rng.random() < 0.5 else []), final]


@dataclass
class Target:
    kind: str  # colleague | cell | service
    user: int | None = None
    cell: int | None = None
    service: int | None = None
    organisation: int | None = None
    label: str = ""
    handlers: Sequence[int] = ()
    response_days: int = DEFAULT_RESPONSE_DAYS
    api: bool = False


@contextmanager
def _foreign_keys_checked_afterwards(tables: Sequence[str], report: Report) -> Iterator[None]:
    """Drop the foreign keys of ``tables`` and add them back, unchanged, afterwards.

    Adding a constraint back validates every row in one set-based query per key, and
    fails loudly if a generated row points nowhere. Checks still pending in an
    enclosing transaction (the test suite) run first: PostgreSQL alters no table
    with pending trigger events. (Django's keys are all ``INITIALLY DEFERRED``, as
    they are again at the end.)
    """
    _execute("SET CONSTRAINTS ALL IMMEDIATE")
    keys = _rows(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype = 'f' AND conrelid::regclass::text = ANY(%(tables)s) ORDER BY 1, 2",
        {"tables": list(tables)},
    )
    for table, name, _definition in keys:
        _execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    try:
        yield
    finally:

        def restore() -> None:
            for table, name, definition in keys:
                _execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')

        report.timed("foreign keys checked", restore)
        _execute("SET CONSTRAINTS ALL DEFERRED")


def _pool(weights: Sequence[float], size: int) -> list[int]:
    """Indexes repeated in proportion to ``weights`` (a pool to draw from uniformly)."""
    total = sum(weights)
    pool: list[int] = []
    for index, weight in enumerate(weights):
        pool.extend([index] * max(1, round(size * weight / total)))
    return pool


# --- The generator -------------------------------------------------------------------
#
# One function per stage, each timed on its own by ``generate``. They share one
# ``_Run`` (the city, who sends and receives, where referrals come from, and the one
# random stream) and draw from the stream in a fixed order, so a seed gives the same
# referrals.


@dataclass
class _Run:
    """What the stages share while the referrals of one city are generated."""

    sizes: Sizes
    rng: random.Random
    report: Report
    now: datetime
    city: Any  # the front-desk city (a Municipality)
    # Receivers: per partner its services as targets; the cells; the colleagues.
    targets_by_partner: list[list[Target]] = field(default_factory=list)
    internal: list[Target] = field(default_factory=list)
    colleagues: list[int] = field(default_factory=list)
    staff: dict[str, list[int]] = field(default_factory=dict)
    former: list[int] = field(default_factory=list)
    # Senders: the big one first, the others drawn from a weighted pool.
    big_sender: int = 0
    senders: list[int] = field(default_factory=list)
    sender_pool: list[int] = field(default_factory=list)
    reception: set[int] = field(default_factory=set)
    # Where referrals come from.
    since: datetime | None = None
    questions: list[tuple[Any, ...]] = field(default_factory=list)
    dossiers: list[tuple[Any, ...]] = field(default_factory=list)
    managed: dict[int, list[tuple[Any, ...]]] = field(default_factory=dict)
    identities: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    domains: list[int] = field(default_factory=list)
    # Per referral: an index into targets_by_partner, or -1 a cell, -2 a colleague.
    plan: list[int] = field(default_factory=list)
    built: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)

    @property
    def m(self) -> int:
        return int(self.city.pk)


def generate(sizes: Sizes, seed: int = 20260514, quiet: bool = False) -> Report:
    from sociaalhuis.tenants.models import Municipality

    if connection.vendor != "postgresql":
        raise RuntimeError("The referrals generator runs on PostgreSQL only.")
    rng = random.Random(seed + 1)  # noqa: S311 (reproducible test data, not secrets)
    report = Report(quiet=quiet)
    city = Municipality.objects.get(nis_code=names.CITY[2])
    run = _Run(sizes, rng, report, timezone.now(), city)

    report.counts.update(report.timed("partners", lambda: _partners(run)))
    _staff_and_cells(run)
    report.counts["former_senders"] = report.timed("former staff", lambda: _former_staff(run))
    _senders(run)
    _sources(run)
    _target_plan(run)
    report.counts.update(report.timed("referrals (Python)", lambda: _referrals(run)))

    # A foreign key checks each copied row on its own (13 for a referral); checked
    # once per table when the constraints come back, the COPYs take half the time.
    tables = ("clients_consent", "referrals_referral", "referrals_referralupdate")
    with _foreign_keys_checked_afterwards(tables, report):
        report.timed("COPY consents", lambda: _copy_consents(run.built.pop("consents")))
        report.timed("COPY referrals", lambda: _copy_referrals(run.built.pop("referrals")))
        report.timed("COPY updates", lambda: _copy_updates(run.built.pop("updates")))
    report.timed("analyze", _analyze)
    return report


# --- Partners, their services and workers (directory rows, memberships) --------------


def _partners(run: _Run) -> dict[str, int]:
    plan: list[tuple[str, tuple[str, ...], int]] = [
        (BIG_PARTNER, BIG_PARTNER_SERVICES, run.sizes.big_partner_workers),
        (SECOND_PARTNER, SECOND_PARTNER_SERVICES, run.sizes.second_partner_workers),
    ]
    for rank, (name, services) in enumerate(OTHER_PARTNERS[: run.sizes.other_partners]):
        plan.append((f"{name} {run.city.name}", services, 1 + rank % 3))
    organisations = _partner_organisations(run, plan)
    created, owners = _partner_services(run, organisations, plan)
    response = _response_times(run, organisations, created, owners)
    users, member_orgs = _partner_workers(run, organisations, plan)
    workers_of: dict[int, list[int]] = {}
    for user, org in zip(users, member_orgs, strict=True):
        workers_of.setdefault(org.pk, []).append(user.pk)
    for rank, org in enumerate(organisations):
        run.targets_by_partner.append(
            [
                Target(
                    kind="service",
                    service=service.pk,
                    organisation=org.pk,
                    label=org.name,
                    handlers=workers_of[org.pk],
                    response_days=response.get(service.pk, DEFAULT_RESPONSE_DAYS),
                    api=rank == 0,  # the CAW answers through its own system
                )
                for service, owner in zip(created, owners, strict=True)
                if owner.pk == org.pk
            ]
        )
    return {
        "partner_organisations": len(organisations),
        "partner_services": len(created),
        "partner_workers": len(users),
    }


def _partner_organisations(run: _Run, plan: list[tuple[str, tuple[str, ...], int]]) -> list[Any]:
    from sociaalhuis.directory.models import Organisation

    city_slug = run.city.slug
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=name,
            kbo_number=_kbo(number),
            website=f"https://partner{number}.{city_slug}.bench.example",
            email=f"info@partner{number}.{city_slug}.bench.example",
            phone=f"09 {200 + number} 10 10",
            last_modified=run.now,
        )
        for number, (name, _services, _workers) in enumerate(plan)
    )
    Organisation.municipalities.through.objects.bulk_create(
        Organisation.municipalities.through(organisation_id=org.pk, municipality_id=run.m)
        for org in organisations
    )
    return organisations


def _partner_services(
    run: _Run, organisations: list[Any], plan: list[tuple[str, tuple[str, ...], int]]
) -> tuple[list[Any], list[Any]]:
    """The partners' published services (with a Dutch text, serving the city, indexed
    for search); returns them and the organisation of each."""
    from sociaalhuis.directory.models import PublicationStatus, Service, ServiceText
    from sociaalhuis.directory.search import index_services

    service_rows = []
    owners = []
    for org, (_name, services, _workers) in zip(organisations, plan, strict=True):
        for _service in services:
            owners.append(org)
            service_rows.append(
                Service(
                    organisation=org,
                    status=PublicationStatus.PUBLISHED,
                    email=org.email,
                    phone=org.phone,
                    languages=["nl"],
                    created_at=run.now,
                    last_modified=run.now,
                )
            )
    created = Service.objects.bulk_create(service_rows)
    names_flat = [service for _n, services, _w in plan for service in services]
    ServiceText.objects.bulk_create(
        ServiceText(
            service=service,
            language="nl",
            name=name,
            description=f"{name}: voor inwoners van {run.city.name}. Verwijzing via het "
            "Sociaal Huis.",
        )
        for service, name in zip(created, names_flat, strict=True)
    )
    Service.municipalities.through.objects.bulk_create(
        Service.municipalities.through(service_id=service.pk, municipality_id=run.m)
        for service in created
    )
    index_services([service.pk for service in created])
    return created, owners


def _response_times(
    run: _Run, organisations: list[Any], created: list[Any], owners: list[Any]
) -> dict[int, int]:
    """Agreed response times: the CAW two weeks, the Huurdersbond one, a few others."""
    from sociaalhuis.referrals.models import ReferralSettings, ServiceResponseTime

    response: dict[int, int] = {}
    for service, owner in zip(created, owners, strict=True):
        if owner.pk == organisations[0].pk:
            response[service.pk] = 14
        elif owner.pk == organisations[1].pk:
            response[service.pk] = 7
        elif service.pk % 4 == 0:
            response[service.pk] = run.rng.choice((5, 14, 21))
    ReferralSettings.unscoped.create(municipality=run.city, default_response_days=10)
    ServiceResponseTime.unscoped.bulk_create(
        ServiceResponseTime(municipality=run.city, service_id=pk, response_days=days)
        for pk, days in response.items()
    )
    return response


def _partner_workers(
    run: _Run, organisations: list[Any], plan: list[tuple[str, tuple[str, ...], int]]
) -> tuple[list[Any], list[Any]]:
    """The partner workers with their memberships; returns them and their organisations."""
    from sociaalhuis.accounts.models import Membership, User
    from sociaalhuis.accounts.roles import Role

    users = []
    member_orgs = []
    for number, (org, (_name, _services, workers)) in enumerate(
        zip(organisations, plan, strict=True)
    ):
        for worker in range(1, workers + 1):
            user = User(
                email=f"partner-{number}-{worker}@{run.city.slug}.bench.example",
                full_name=f"{org.name} medewerker {worker}",
            )
            user.set_unusable_password()
            users.append(user)
            member_orgs.append(org)
    users = User.objects.bulk_create(users)
    Membership.objects.bulk_create(
        Membership(user=user, municipality=run.city, role=Role.PARTNER_WORKER, organisation=org)
        for user, org in zip(users, member_orgs, strict=True)
    )
    return users, member_orgs


# --- Who sends, and who receives inside the Sociaal Huis -----------------------------


def _staff_and_cells(run: _Run) -> None:
    from sociaalhuis.accounts.roles import Role

    for user_id, role in _rows(
        "SELECT user_id, role FROM accounts_membership WHERE municipality_id = %(m)s "
        "AND role IN ('reception', 'social_worker', 'cell_specialist') ORDER BY user_id",
        {"m": run.m},
    ):
        run.staff.setdefault(role, []).append(user_id)
    cell_members: dict[int, list[int]] = {}
    for cell_id, user_id in _rows(
        "SELECT c.id, cm.user_id FROM accounts_cell c JOIN accounts_cellmember cm "
        "ON cm.cell_id = c.id WHERE c.municipality_id = %(m)s ORDER BY c.id, cm.user_id",
        {"m": run.m},
    ):
        cell_members.setdefault(cell_id, []).append(user_id)
    run.internal = [
        Target(kind="cell", cell=cell, handlers=members) for cell, members in cell_members.items()
    ]
    run.colleagues = [*run.staff[Role.SOCIAL_WORKER], *run.staff[Role.CELL_SPECIALIST]]


def _former_staff(run: _Run) -> int:
    """Former or temporary workers (inactive memberships), who sent a few referrals each."""
    from sociaalhuis.accounts.models import Membership, User
    from sociaalhuis.accounts.roles import Role

    users = []
    for number in range(1, run.sizes.former_senders + 1):
        user = User(
            email=f"former-{number}@{run.city.slug}.bench.example",
            full_name=f"Voormalig medewerker {number}",
        )
        user.set_unusable_password()
        users.append(user)
    users = User.objects.bulk_create(users)
    Membership.objects.bulk_create(
        Membership(
            user=user,
            municipality=run.city,
            role=Role.RECEPTION if index % 3 == 0 else Role.SOCIAL_WORKER,
            active=False,
        )
        for index, user in enumerate(users)
    )
    run.former.extend(user.pk for user in users)
    return len(users)


def _senders(run: _Run) -> None:
    from sociaalhuis.accounts.roles import Role

    rng, staff = run.rng, run.staff
    run.big_sender = staff[Role.RECEPTION][0]
    senders = [user for user in (*staff[Role.RECEPTION], *run.colleagues) if user != run.big_sender]
    # Current workers: a log-normal spread, capped below the big sender; former ones: few.
    weights = [min(3.5, rng.lognormvariate(0, 0.9)) for _ in senders]
    weights += [0.08 * rng.random() for _ in run.former]
    run.senders = senders + run.former
    run.sender_pool = _pool(weights, 20_000)
    run.reception = set(staff[Role.RECEPTION]) | set(run.former[::3])


# --- Where referrals come from, and where they go ------------------------------------


def _sources(run: _Run) -> None:
    """The help questions and dossiers of the last years, the identities, the domains."""
    m, now = run.m, run.now
    since = run.since = now - timedelta(days=365 * YEARS)
    run.questions = _rows(
        "SELECT id, person_id, life_domain_id, created_at, description "
        "FROM frontdesk_helpquestion WHERE municipality_id = %(m)s AND person_id IS NOT NULL "
        "AND created_at >= %(since)s ORDER BY id",
        {"m": m, "since": since},
    )
    run.dossiers = _rows(
        "SELECT id, person_id, manager_id, opened_at, closed_at FROM dossiers_dossier "
        "WHERE municipality_id = %(m)s AND COALESCE(closed_at, %(now)s) > %(since)s ORDER BY id",
        {"m": m, "since": since, "now": now},
    )
    for row in run.dossiers:
        if row[2] is not None:
            run.managed.setdefault(row[2], []).append(row)
    run.identities = {
        row[0]: row[1:]
        for row in _rows(
            "SELECT person_id, given_name, family_name, phone, street, house_number, postcode, "
            "city FROM clients_identity WHERE municipality_id = %(m)s",
            {"m": m},
        )
    }
    run.domains = [
        row[0]
        for row in _rows(
            "SELECT id FROM tenants_lifedomain WHERE municipality_id = %(m)s ORDER BY id", {"m": m}
        )
    ]


def _target_plan(run: _Run) -> None:
    """Partners by their counts, the rest to cells and colleagues, shuffled."""
    sizes = run.sizes
    counts = sizes.partner_counts()
    inside = max(0, sizes.referrals - sum(counts))
    plan: list[int] = []
    for index, count in enumerate(counts):
        plan.extend([index] * count)
    cells = round(inside * sizes.cell_share)
    plan.extend([-1] * cells)
    plan.extend([-2] * (inside - cells))
    plan = plan[: sizes.referrals]
    run.rng.shuffle(plan)
    run.plan = plan


# --- The referrals, their consents and history (rows computed in Python) --------------


def _referrals(run: _Run) -> dict[str, int]:
    """Compute every row in Python (the inserts are the next stages)."""
    base_id = _next_id("referrals_referral")
    consent_base = _next_id("clients_consent")
    shared_pool = _pool([share for share, _codes in SHARED_CHOICES], 100)
    rows = [_referral_draft(run, number, slot, shared_pool) for number, slot in enumerate(run.plan)]
    rows.sort(key=lambda row: row["created"])
    referral_rows: list[tuple[Any, ...]] = []
    update_rows: list[tuple[Any, ...]] = []
    consent_rows: list[tuple[Any, ...]] = []
    per_year: dict[int, int] = {}
    for offset, row in enumerate(rows):
        year = timezone.localtime(row["created"]).year
        per_year[year] = per_year.get(year, 0) + 1
        reference = f"V{year}-{per_year[year]:04d}"
        rows_of = _referral_rows(
            run, row, base_id + offset, reference, consent_base + len(consent_rows)
        )
        referral_rows.append(rows_of.referral)
        update_rows.extend(rows_of.updates)
        consent_rows.extend(rows_of.consents)
    run.built.update(consents=consent_rows, referrals=referral_rows, updates=update_rows)
    return {
        "referrals": len(referral_rows),
        "referral_updates": len(update_rows),
        "consents": len(consent_rows),
    }


def _referral_draft(run: _Run, number: int, slot: int, shared_pool: list[int]) -> dict[str, Any]:
    """Who sends one referral to whom, about whom, from what, when (before sorting)."""
    rng = run.rng
    if slot >= 0:
        target = rng.choice(run.targets_by_partner[slot])
    elif slot == -1:
        target = rng.choice(run.internal)
    else:
        colleague = rng.choice(run.colleagues)
        target = Target(kind="colleague", user=colleague, handlers=(colleague,))
    sender = (
        run.big_sender
        if number < run.sizes.big_sender
        else run.senders[rng.choice(run.sender_pool)]
    )
    if target.kind == "colleague" and target.user == sender:
        target = rng.choice(run.internal)
    return {
        "target": target,
        "sender": sender,
        **_origin(run, sender),
        "draft": rng.random() < run.sizes.draft_share,
        "shared": SHARED_CHOICES[rng.choice(shared_pool)][1],
    }


def _origin(run: _Run, sender: int) -> dict[str, Any]:
    """From a help question (the desk) or from one of the sender's dossiers."""
    rng, now = run.rng, run.now
    assert run.since is not None
    dossier = None
    own = run.managed.get(sender)
    if sender not in run.reception and rng.random() < 0.75:
        candidates = own if own and rng.random() < 0.8 else run.dossiers
        dossier = rng.choice(candidates)
    if dossier is not None:
        start = max(dossier[3], run.since)
        end = dossier[4] or now
        created = start + (end - start) * rng.random()
        question = None
        person = dossier[1]
        domain = rng.choice(run.domains)
    else:
        question = rng.choice(run.questions)
        created = question[3] + timedelta(minutes=rng.randint(2, 40))
        person = question[1]
        domain = question[2]
    return {
        "dossier": dossier[0] if dossier else None,
        "question": question,
        "person": person,
        "domain": domain,
        "created": min(created, now - timedelta(minutes=5)),
    }


@dataclass
class _Rows:
    """The rows one referral adds: itself, its history, and its consent if any."""

    referral: tuple[Any, ...]
    updates: list[tuple[Any, ...]]
    consents: list[tuple[Any, ...]]


_GOT_HELP = {"completed": True, "not_completed": False}
_FINAL = ("declined", "completed", "not_completed", "cancelled")


def _referral_rows(
    run: _Run, row: dict[str, Any], rid: int, reference: str, consent_id_next: int
) -> _Rows:
    rng, m, now = run.rng, run.m, run.now
    target = row["target"]
    created = row["created"]
    urgency = _weighted(rng, {"routine": 85, "urgent": 12, "asap": 3})
    days = {"routine": target.response_days, "urgent": 3, "asap": 1}[urgency]
    question = row["question"]
    shared = _shared_data(run, row)
    external = target.kind == "service"
    legal_basis = "internal"
    consent_id = None
    if external:
        legal_basis = "consent" if rng.random() < 0.8 else "shared_secrecy"
    sent = None if row["draft"] else created + timedelta(minutes=rng.randint(1, 30))
    consents = []
    if legal_basis == "consent":
        consent_id = consent_id_next
        consents.append(
            (
                consent_id, m, row["person"], "referral",
                f"Naam en telefoon voor een verwijzing naar {target.label}.",
                target.organisation, row["dossier"], rng.choice(("oral", "written")),
                timezone.localdate(created), None, None, "", row["sender"], created,
            )
        )  # fmt: skip
    history = _history(run, sent) if sent is not None else []
    status = history[-1][1] if history else "draft"
    handler = rng.choice(target.handlers) if target.handlers else None
    reason = ""
    if status in REASONS_FOR:
        reason = rng.choice(REASONS_FOR[status])
    times = {to: at for _from, to, at, _receiver in history}
    last_at = history[-1][2] if history else created
    last_receiver = bool(history) and history[-1][3]
    recent = (now - last_at).days < 60
    unread = last_receiver and rng.random() < (0.5 if recent else 0.03)
    handled = any(receiver for *_rest, receiver in history) and status not in (
        "sent",
        "cancelled",
    )
    due = timezone.localdate(sent or created) + timedelta(days=days)
    referral = (
        rid, m, reference, uuid.UUID(int=rng.getrandbits(128), version=4),
        row["person"], row["dossier"], question[0] if question else None,
        row["domain"], target.kind, target.user, target.cell, target.service,
        target.organisation,
        rng.choice(PURPOSES), urgency, due,
        json.dumps(list(row["shared"])), json.dumps(shared, ensure_ascii=False),
        legal_basis, consent_id,
        "Gedeeld beroepsgeheim: beide hulpverleners werken aan dezelfde vraag."
        if legal_basis == "shared_secrecy" else "",
        status, reason, REASON_TEXTS[reason] if reason else "",
        _GOT_HELP.get(status),
        rng.choice(OUTCOMES) if status == "completed" else "",
        handler if handled else None, None, row["sender"], created, sent,
        times.get("received"),
        times.get("accepted"),
        last_at if status in _FINAL else None,
        last_at, unread, max(1, len(history)),
    )  # fmt: skip
    updates = _updates(run, row, rid, history, handler, status, reason)
    return _Rows(referral, updates, consents)


def _shared_data(run: _Run, row: dict[str, Any]) -> dict[str, str]:
    """The snapshot of the fields the sender shared, from the person's identity."""
    identity = run.identities.get(row["person"], ("", "", "", "", "", "", ""))
    given, family, phone, street, house, postcode, town = identity
    question = row["question"]
    shared: dict[str, str] = {}
    for code in row["shared"]:
        if code == "name":
            shared[code] = f"{given} {family}"
        elif code == "phone":
            shared[code] = phone
        elif code == "address":
            shared[code] = f"{street} {house}, {postcode} {town}".strip(" ,")
        elif code == "question":
            shared[code] = question[4] if question else run.rng.choice(PURPOSES)
    return shared


def _history(run: _Run, sent: datetime) -> list[tuple[str, str, datetime, bool]]:
    """The status steps of a sent referral: (from, to, at, by the receiver), its final
    status drawn by its age, the steps spread over that age."""
    rng, now = run.rng, run.now
    age_days = (now - sent).total_seconds() / 86400
    final = _weighted(rng, next(weights for until, weights in STATUS_BY_AGE if age_days < until))
    steps = _path(rng, final)
    gaps = [rng.expovariate(1 / STEP_DAYS[step]) for step in steps]
    room = max(0.0, age_days - 0.01) * 0.95
    if sum(gaps) > room:
        gaps = [gap * room / sum(gaps) for gap in gaps]
    history = [("draft", "sent", sent, False)]
    at = sent
    previous = "sent"
    for step, gap in zip(steps, gaps, strict=True):
        at = at + timedelta(days=gap, minutes=rng.randint(1, 120))
        at = min(at, now - timedelta(minutes=1))
        history.append((previous, step, at, step != "cancelled"))
        previous = step
    return history


def _updates(
    run: _Run,
    row: dict[str, Any],
    rid: int,
    history: list[tuple[str, str, datetime, bool]],
    handler: int | None,
    status: str,
    reason: str,
) -> list[tuple[Any, ...]]:
    """One history line per status step, and now and then a message."""
    rng, m, target = run.rng, run.m, row["target"]
    external = target.kind == "service"
    updates = []
    for from_status, to_status, at, receiver in history:
        by = handler if receiver else row["sender"]
        step_reason = reason if to_status == status and reason else ""
        updates.append(
            (
                m, rid, at, by, target.label if receiver and external else "",
                "receiver" if receiver else "sender", from_status, to_status,
                step_reason, REASON_TEXTS[step_reason] if step_reason else "",
                _GOT_HELP.get(to_status),
                "", receiver and target.api and rng.random() < 0.7,
            )
        )  # fmt: skip
    if history and rng.random() < 0.12:
        receiver = rng.random() < 0.6
        updates.append(
            (
                m, rid, min(run.now, history[-1][2] + timedelta(hours=rng.randint(1, 72))),
                handler if receiver else row["sender"],
                target.label if receiver and external else "",
                "receiver" if receiver else "sender", "", "", "", "", None,
                rng.choice(MESSAGES), False,
            )
        )  # fmt: skip
    return updates


# --- Into the database (COPY) ---------------------------------------------------------


def _copy_consents(rows: list[tuple[Any, ...]]) -> None:
    _copy(
        "clients_consent",
        (
            "id", "municipality_id", "person_id", "purpose", "scope", "organisation_id",
            "dossier_id", "form", "given_on", "valid_until", "withdrawn_on",
            "withdrawal_note", "recorded_by_id", "recorded_at",
        ),
        rows,
    )  # fmt: skip
    _sync_sequence("clients_consent")


def _copy_referrals(rows: list[tuple[Any, ...]]) -> None:
    _copy(
        "referrals_referral",
        (
            "id", "municipality_id", "reference", "idempotency_key", "person_id",
            "dossier_id", "question_id", "life_domain_id", "target_kind", "to_user_id",
            "to_cell_id", "to_service_id", "to_organisation_id", "purpose", "urgency",
            "response_due_on", "shared_fields", "shared_data", "legal_basis", "consent_id",
            "legal_basis_note", "status", "reason_code", "reason_text", "got_help",
            "outcome", "handled_by_id", "appointment_id", "created_by_id", "created_at",
            "sent_at", "received_at", "accepted_at", "closed_at", "status_changed_at",
            "unread_by_sender", "version",
        ),
        rows,
    )  # fmt: skip
    _sync_sequence("referrals_referral")


def _copy_updates(rows: list[tuple[Any, ...]]) -> None:
    _copy(
        "referrals_referralupdate",
        (
            "municipality_id", "referral_id", "at", "by_id", "by_label", "side",
            "from_status", "to_status", "reason_code", "reason_text", "got_help", "note",
            "via_api",
        ),
        rows,
    )  # fmt: skip


def _analyze() -> None:
    for table in (
        "referrals_referral",
        "referrals_referralupdate",
        "clients_consent",
        "accounts_membership",
        "accounts_user",
        "directory_organisation",
        "directory_service",
    ):
        _execute(f"ANALYZE {table}")


# --- Who to measure as -------------------------------------------------------------------


@dataclass(frozen=True)
class Cast:
    """The users the benchmark acts as, with the sizes of what they see."""

    big_partner: int  # organisation id
    big_partner_worker: int  # user id
    small_partner: int
    small_partner_worker: int
    big_sender: int
    small_sender: int
    cell_worker: int  # a member of the cell with the most referrals


def cast(municipality_id: int) -> Cast:
    """Found in the data (so a kept database can be measured again)."""
    by_size = _rows(
        "SELECT to_organisation_id, count(*) FROM referrals_referral "
        "WHERE municipality_id = %(m)s AND to_organisation_id IS NOT NULL "
        "GROUP BY to_organisation_id ORDER BY count(*) DESC, to_organisation_id",
        {"m": municipality_id},
    )
    big, small = by_size[0][0], by_size[-1][0]

    def worker(organisation: int) -> int:
        return int(
            _rows(
                "SELECT user_id FROM accounts_membership WHERE municipality_id = %(m)s "
                "AND role = 'partner_worker' AND organisation_id = %(o)s AND active "
                "ORDER BY user_id LIMIT 1",
                {"m": municipality_id, "o": organisation},
            )[0][0]
        )

    senders = _rows(
        "SELECT r.created_by_id, count(*) FROM referrals_referral r "
        "JOIN accounts_membership ms ON ms.user_id = r.created_by_id "
        "AND ms.municipality_id = r.municipality_id AND ms.active "
        "WHERE r.municipality_id = %(m)s GROUP BY r.created_by_id "
        "ORDER BY count(*) DESC, r.created_by_id",
        {"m": municipality_id},
    )
    median = senders[len(senders) // 2]
    cell = _rows(
        "SELECT cm.user_id FROM referrals_referral r JOIN accounts_cellmember cm "
        "ON cm.cell_id = r.to_cell_id WHERE r.municipality_id = %(m)s "
        "GROUP BY cm.user_id ORDER BY count(*) DESC, cm.user_id LIMIT 1",
        {"m": municipality_id},
    )
    return Cast(
        big_partner=int(big),
        big_partner_worker=worker(big),
        small_partner=int(small),
        small_partner_worker=worker(small),
        big_sender=int(senders[0][0]),
        small_sender=int(median[0]),
        cell_worker=int(cell[0][0]),
    )


def distribution(municipality_id: int) -> dict[str, Any]:
    """What the generated data looks like (for the report)."""
    params = {"m": municipality_id}

    def table(sql: str) -> dict[str, int]:
        return {str(key): int(value) for key, value in _rows(sql, params)}

    per_sender = [
        int(row[0])
        for row in _rows(
            "SELECT count(*) FROM referrals_referral WHERE municipality_id = %(m)s "
            "GROUP BY created_by_id ORDER BY 1 DESC",
            params,
        )
    ]
    per_partner = [
        int(row[0])
        for row in _rows(
            "SELECT count(*) FROM referrals_referral WHERE municipality_id = %(m)s "
            "AND to_organisation_id IS NOT NULL GROUP BY to_organisation_id ORDER BY 1 DESC",
            params,
        )
    ]
    years = table(
        "SELECT extract(year FROM sent_at)::int, count(*) FROM referrals_referral "
        "WHERE municipality_id = %(m)s AND sent_at IS NOT NULL GROUP BY 1 ORDER BY 1"
    )
    return {
        "by_target": table(
            "SELECT target_kind, count(*) FROM referrals_referral WHERE municipality_id = %(m)s "
            "GROUP BY 1 ORDER BY 2 DESC"
        ),
        "by_status": table(
            "SELECT status, count(*) FROM referrals_referral WHERE municipality_id = %(m)s "
            "GROUP BY 1 ORDER BY 2 DESC"
        ),
        "sent_per_year": years,
        "senders": len(per_sender),
        "per_sender_max_median_min": [
            per_sender[0],
            per_sender[len(per_sender) // 2],
            per_sender[-1],
        ],
        "senders_under_100": sum(1 for count in per_sender if count < 100),
        "partners": len(per_partner),
        "per_partner": per_partner,
        "updates_per_referral": round(
            _rows(
                "SELECT count(*)::float / GREATEST(1, (SELECT count(*) FROM referrals_referral "
                "WHERE municipality_id = %(m)s)) FROM referrals_referralupdate "
                "WHERE municipality_id = %(m)s",
                params,
            )[0][0],
            2,
        ),
    }


def group_sizes(municipality_id: int, who: Cast, today: date) -> dict[str, int]:
    """Rows in the lists the benchmark opens (as the owner, for the report)."""
    open_statuses = "('sent', 'received', 'accepted', 'in_progress', 'on_hold')"
    params = {"m": municipality_id, "today": today}

    def one(sql: str, **extra: Any) -> int:
        return int(_rows(sql, {**params, **extra})[0][0])

    inbox = (
        "SELECT count(*) FROM referrals_referral WHERE municipality_id = %(m)s "
        "AND to_organisation_id = %(o)s AND status <> 'draft'"
    )
    sent = (
        "SELECT count(*) FROM referrals_referral WHERE municipality_id = %(m)s "
        "AND created_by_id = %(u)s"
    )
    cell_inbox = (
        "SELECT count(*) FROM referrals_referral WHERE municipality_id = %(m)s "
        "AND (to_user_id = %(u)s OR to_cell_id IN (SELECT cell_id "
        "FROM accounts_cellmember WHERE user_id = %(u)s))"
    )
    overdue = " AND status IN ('sent', 'received') AND response_due_on < %(today)s"
    return {
        "big_inbox_all": one(inbox, o=who.big_partner),
        "big_inbox_open": one(f"{inbox} AND status IN {open_statuses}", o=who.big_partner),
        "big_inbox_overdue": one(inbox + overdue, o=who.big_partner),
        "small_inbox_all": one(inbox, o=who.small_partner),
        "small_inbox_open": one(f"{inbox} AND status IN {open_statuses}", o=who.small_partner),
        "big_sender_all": one(sent, u=who.big_sender),
        "big_sender_open": one(f"{sent} AND status IN {open_statuses}", u=who.big_sender),
        "small_sender_all": one(sent, u=who.small_sender),
        "small_sender_open": one(f"{sent} AND status IN {open_statuses}", u=who.small_sender),
        "cell_worker_inbox_open": one(
            f"{cell_inbox} AND status IN {open_statuses}", u=who.cell_worker
        ),
    }
