"""Benchmark: the front desk and help dossiers of a large city.

    python -m benchmarks frontdesk [--scale large|small] [--keep]
    python -m benchmarks frontdesk --database-url URL --reuse      (a kept database)

1. A database of its own (``sociaalhuis_bench_frontdesk``), as ``social-map`` does it:
   a throwaway PostgreSQL cluster, or a new database on the server of ``DATABASE_URL``
   / ``--database-url``; SQLite is refused (the look-up under test uses pg_trgm).
2. ``migrate``, then ``benchmarks/frontdesk_data.py``: 150,000 persons, 60,000
   households, 2,000,000 contacts, 500,000 help questions, 20,000 dossiers with their
   timelines (``--scale small`` for a try-out), ``ANALYZE``.
3. Measurements, each as count / p50 / p95 / max, every call in its own
   ``tenancy.activate`` (one transaction as the application role, row-level security
   on, as in a request):

   * **look-up as you type**: ``clients.queries.person_lookup`` with prefixes of 2-6
     letters of existing names, two-word prefixes, birth dates and national register
     numbers; the SQL query alone is what the target is about (p95 ≤ 50 ms);
   * **registering a contact with two questions**: ``frontdesk.services.
     contact_register`` (with its access-log record), one after another and with
     ``--threads`` concurrent workers (p95 ≤ 150 ms, ≥ 20 per second);
   * **the dossier page**: ``GET dossiers:detail`` through Django's test client against
     the real view and middleware, logged in as the dossier manager, for dossiers with
     a 50-line timeline and with 500+ lines; SQL queries per page (≤ 15, p95 ≤ 100 ms).

   A part whose application code does not exist (yet) is reported as skipped.

Results: ``benchmarks/results/frontdesk-<date>.json`` (git-ignored) and the chart
``docs/performance/frontdesk-latency.svg`` (``--no-write`` to skip both).
"""

from __future__ import annotations

import argparse
import random
import threading
import time
import traceback
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from benchmarks.social_map import (
    ROOT,
    _setup_django,
    database,
    latency_chart_svg,
    machine,
    summary,
    write_results,
)

DATABASE_NAME = "sociaalhuis_bench_frontdesk"
CHART_PATH = ROOT / "docs" / "performance" / "frontdesk-latency.svg"

TARGET_LOOKUP_P95_MS = 50.0
TARGET_REGISTER_P95_MS = 150.0
TARGET_REGISTER_PER_SECOND = 20.0
TARGET_PAGE_P95_MS = 100.0
TARGET_PAGE_QUERIES = 15


class MissingCodeError(Exception):
    """The application code a measurement calls is not there (yet)."""


# --- Context ---------------------------------------------------------------------------


def _city() -> Any:
    from benchmarks.frontdesk_names import CITY
    from sociaalhuis.tenants.models import Municipality

    return Municipality.objects.get(nis_code=CITY[2])


def _context(city: Any, user: Any, role: str) -> Any:
    from sociaalhuis.core.tenancy import TenantContext

    return TenantContext(municipality_id=city.pk, user_id=user.pk, roles=frozenset({role}))


def _staff(city: Any, role: str) -> list[Any]:
    from sociaalhuis.accounts.models import User

    return list(
        User.objects.filter(memberships__municipality=city, memberships__role=role).order_by("pk")
    )


# --- 1. Look-up as you type ------------------------------------------------------------


def lookup_texts(city: Any, rng: random.Random, count: int) -> list[tuple[str, str]]:
    """(category, text) pairs: what a desk worker types, from existing persons."""
    from sociaalhuis.clients.models import Identity
    from sociaalhuis.core import tenancy

    with tenancy.for_municipality(city.pk):
        sample = list(
            Identity.objects.order_by("?").values_list(
                "given_name", "family_name", "birth_date", "national_number"
            )[: max(200, count)]
        )
    texts: list[tuple[str, str]] = []
    for index in range(count):
        given, family, birth, number = sample[index % len(sample)]
        roll = rng.random()
        if roll < 0.55:
            name = family if rng.random() < 0.7 else given
            length = rng.randint(2, 6)
            category = "1 word, 2 letters" if length == 2 else "1 word, 3-6 letters"
            texts.append((category, name[:length]))
        elif roll < 0.80:
            texts.append(("2 words", f"{family[: rng.randint(3, 5)]} {given[: rng.randint(2, 3)]}"))
        elif roll < 0.90 and birth is not None:
            texts.append(("birth date", birth.strftime("%d/%m/%Y")))
        elif number:
            texts.append(("national number", f"{number[:6]}-{number[6:9]}.{number[9:]}"))
        else:
            texts.append(("1 word, 3-6 letters", family[:4]))
    return texts


def _lookup_function() -> Callable[[str], Any]:
    try:
        from sociaalhuis.clients.queries import person_lookup
    except ImportError as error:
        raise MissingCodeError("clients.queries.person_lookup does not exist") from error
    return person_lookup


def measure_lookup(city: Any, rounds: int, seed: int) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sociaalhuis.core import tenancy

    lookup = _lookup_function()
    rng = random.Random(seed)  # noqa: S311 (load mix, not secrets)
    worker = _staff(city, "reception")[0]
    context = _context(city, worker, "reception")
    texts = lookup_texts(city, rng, rounds)
    query_counts: set[int] = set()
    for _category, text in texts[:30]:  # untimed warm-up; count the SQL of each call
        with tenancy.activate(context), CaptureQueriesContext(connection) as captured:
            list(lookup(text))
        query_counts.add(len(captured))
    timings: dict[str, list[float]] = {}
    found: dict[str, list[int]] = {}
    slowest: tuple[float, str] = (0.0, "")
    for category, text in texts:
        with tenancy.activate(context):
            started = time.perf_counter()
            rows = list(lookup(text))
            elapsed = (time.perf_counter() - started) * 1000
        timings.setdefault(category, []).append(elapsed)
        timings.setdefault("all", []).append(elapsed)
        found.setdefault(category, []).append(len(rows))
        slowest = max(slowest, (elapsed, text))
    categories = {
        name: {
            **summary(values),
            "median_found": sorted(found.get(name, [0]))[len(found.get(name, [0])) // 2],
        }
        for name, values in timings.items()
    }
    return {
        "categories": categories,
        "sql_queries_per_call": sorted(query_counts),
        "slowest_text": slowest[1],
        "explain": {
            text: explain_lookup(context, lookup, text)
            for text in dict.fromkeys((slowest[1], "pe", "ma", "peet jan"))
        },
    }


def explain_lookup(context: Any, lookup: Callable[[str], Any], text: str) -> str:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sociaalhuis.core import tenancy

    # The look-up runs a few queries; the first (finding the matching ids) is the one
    # that meets the data size, so that is the one explained.
    with tenancy.activate(context):
        with CaptureQueriesContext(connection) as captured:
            list(lookup(text))
        statements = [
            query["sql"]
            for query in captured.captured_queries
            if query["sql"].lstrip().upper().startswith("SELECT")
            and "set_config" not in query["sql"]
        ]
        if not statements:
            return ""
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {statements[0]}")
            return "\n".join(row[0] for row in cursor.fetchall())


# --- 2. Registering a contact with two questions -------------------------------------------


class Registration:
    """Builds and registers a desk contact with two questions, the way the desk form does.

    Calls ``frontdesk.services.contact_register`` (imported at run time); the person is
    read inside the same transaction, as the view does.
    """

    def __init__(self, city: Any) -> None:
        try:
            from sociaalhuis.frontdesk import services
        except ImportError as error:
            raise MissingCodeError("frontdesk.services does not exist") from error
        if not hasattr(services, "contact_register"):
            raise MissingCodeError("frontdesk.services.contact_register does not exist")
        from sociaalhuis.accounts.models import Cell
        from sociaalhuis.clients.models import Person
        from sociaalhuis.core import tenancy
        from sociaalhuis.frontdesk.models import Topic

        self.services = services
        self.city = city
        self.workers = _staff(city, "reception")
        with tenancy.for_municipality(city.pk):
            self.topics = list(Topic.objects.select_related("life_domain").order_by("pk"))
            self.cells = list(Cell.objects.order_by("pk"))
            self.person_ids = list(
                Person.objects.filter(merged_into__isnull=True)
                .order_by("?")
                .values_list("pk", flat=True)[:5000]
            )

    def register(self, rng: random.Random, worker_index: int) -> float:
        from sociaalhuis.clients.models import Person
        from sociaalhuis.core import tenancy

        services = self.services
        worker = self.workers[worker_index % len(self.workers)]
        first, second = rng.sample(self.topics, 2)
        started = time.perf_counter()
        with tenancy.activate(_context(self.city, worker, "reception")):
            person = Person.objects.select_related("neighbourhood").get(
                pk=rng.choice(self.person_ids)
            )
            second_outcome = rng.choice(("open", "callback", "referred"))
            data = services.ContactInput(
                channel=rng.choice(("desk", "desk", "phone")),
                idempotency_key=uuid.uuid4(),
                person=person,
                neighbourhood=person.neighbourhood,
                language="nl",
                questions=[
                    services.QuestionInput(
                        life_domain=first.life_domain,
                        topic=first,
                        outcome="answered",
                        description="Vraag naar de premie",
                        answer="Folder meegegeven en uitgelegd hoe aan te vragen.",
                    ),
                    services.QuestionInput(
                        life_domain=second.life_domain,
                        topic=second,
                        outcome=second_outcome,
                        description="Heeft hulp nodig bij de aanvraag",
                        referred_to="CAW" if second_outcome == "referred" else "",
                        cell=rng.choice(self.cells) if second_outcome != "referred" else None,
                        due_at=datetime.now(UTC) + timedelta(days=2),
                        phone="0470 12 34 56",
                    ),
                ],
            )
            services.contact_register(actor=worker, data=data)
        return (time.perf_counter() - started) * 1000


def measure_register(city: Any, rounds: int, threads: int, seed: int) -> dict[str, Any]:
    from django.db import connection, connections
    from django.test.utils import CaptureQueriesContext

    registration = Registration(city)
    rng = random.Random(seed)  # noqa: S311
    with CaptureQueriesContext(connection) as captured:
        registration.register(rng, 0)
    queries = len(captured)
    for _ in range(10):  # warm-up
        registration.register(rng, 0)
    timings = [registration.register(rng, index) for index in range(rounds)]
    sequential = {
        **summary(timings),
        "per_second": round(1000 * len(timings) / sum(timings), 1),
    }
    result: dict[str, Any] = {"sql_queries_per_registration": queries, "sequential": sequential}
    if threads < 1:
        return result
    concurrent: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    per_thread = max(1, rounds // threads)

    def work(number: int) -> None:
        local = random.Random(seed + number)  # noqa: S311
        try:
            for index in range(per_thread):
                elapsed = registration.register(local, number * per_thread + index)
                with lock:
                    concurrent.append(elapsed)
        except Exception as error:
            with lock:
                errors.append(f"{type(error).__name__}: {error}")
        finally:
            connections.close_all()

    workers = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    started = time.perf_counter()
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    wall = time.perf_counter() - started
    return {
        **result,
        "concurrent": {
            "threads": threads,
            **summary(concurrent),
            "per_second": round(len(concurrent) / wall, 1),
            "errors": len(errors),
            "first_errors": errors[:3],
        },
    }


# --- 3. The dossier page --------------------------------------------------------------------


def measure_dossier_page(city: Any, rounds: int, seed: int) -> dict[str, Any]:
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse

    from sociaalhuis.core import tenancy
    from sociaalhuis.dossiers.models import Dossier
    from sociaalhuis.testing import log_in

    try:
        reverse("dossiers:detail", args=[1])
    except NoReverseMatch as error:
        raise MissingCodeError("the URL dossiers:detail does not exist") from error
    rng = random.Random(seed)  # noqa: S311
    with tenancy.for_municipality(city.pk):
        annotated = Dossier.objects.filter(manager__isnull=False).annotate(lines=Count("timeline"))
        groups = {
            "50-line timeline": list(
                annotated.filter(lines=50).select_related("manager").order_by("pk")[:60]
            ),
            "500+-line timeline": list(
                annotated.filter(lines__gte=500).select_related("manager").order_by("pk")[:20]
            ),
        }
    clients: dict[int, Client] = {}

    def client_for(user: Any) -> Client:
        if user.pk not in clients:
            clients[user.pk] = log_in(Client(), user)
        return clients[user.pk]

    results: dict[str, Any] = {}
    for name, dossiers in groups.items():
        if not dossiers:
            continue
        counts: set[int] = set()
        statuses: dict[int, int] = {}
        timings: list[float] = []
        for dossier in dossiers[:5]:  # warm-up, and count the queries
            client = client_for(dossier.manager)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(reverse("dossiers:detail", args=[dossier.pk]), secure=True)
            counts.add(len(captured))
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        share = rounds if name.startswith("50") else max(20, rounds // 4)
        for _ in range(share):
            dossier = rng.choice(dossiers)
            client = client_for(dossier.manager)
            url = reverse("dossiers:detail", args=[dossier.pk])
            started = time.perf_counter()
            response = client.get(url, secure=True)
            timings.append((time.perf_counter() - started) * 1000)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        results[name] = {
            **summary(timings),
            "sql_queries_per_page": sorted(counts),
            "statuses": {str(code): count for code, count in sorted(statuses.items())},
        }
    return results


# --- Reporting -----------------------------------------------------------------------------


def _row(label: str, stats: dict[str, Any], target: str) -> str:
    return (
        f"| {label} | {stats['count']} | {stats['p50_ms']} | {stats['p95_ms']} | "
        f"{stats['max_ms']} | {target} |"
    )


def print_table(results: dict[str, Any]) -> None:
    print("\n| Measurement | count | p50 ms | p95 ms | max ms | target |")
    print("|---|---:|---:|---:|---:|---:|")
    lookup = results["lookup"]
    if "skipped" in lookup:
        print(f"| person look-up | skipped: {lookup['skipped']} | | | | |")
    else:
        for name, stats in lookup["categories"].items():
            target = f"p95 ≤ {TARGET_LOOKUP_P95_MS:g}" if name == "all" else ""
            print(_row(f"look-up: {name}", stats, target))
    register = results["register"]
    if "skipped" in register:
        print(f"| contact + 2 questions | skipped: {register['skipped']} | | | | |")
    else:
        print(
            _row(
                f"contact + 2 questions, 1 at a time ({register['sequential']['per_second']}/s)",
                register["sequential"],
                f"p95 ≤ {TARGET_REGISTER_P95_MS:g}",
            )
        )
        concurrent = register.get("concurrent", {"threads": 0, "per_second": 0, **summary([])})
        print(
            _row(
                f"contact + 2 questions, {concurrent['threads']} threads "
                f"({concurrent['per_second']}/s)",
                concurrent,
                f"≥ {TARGET_REGISTER_PER_SECOND:g}/s",
            )
        )
    page = results["dossier_page"]
    if "skipped" in page:
        print(f"| dossier page | skipped: {page['skipped']} | | | | |")
    else:
        for name, stats in page.items():
            print(
                _row(
                    f"dossier page, {name} ({stats['sql_queries_per_page']} queries)",
                    stats,
                    f"p95 ≤ {TARGET_PAGE_P95_MS:g}, ≤ {TARGET_PAGE_QUERIES} queries",
                )
            )
    if "sql_queries_per_call" in lookup:
        print(f"\nSQL queries per look-up: {lookup['sql_queries_per_call']}")
    if "sql_queries_per_registration" in register:
        print(f"SQL queries per registration: {register['sql_queries_per_registration']}")


def chart_svg(results: dict[str, Any]) -> str:
    rows: list[tuple[str, dict[str, Any], float | None]] = []
    lookup = results["lookup"]
    for name in ("1 word, 2 letters", "1 word, 3-6 letters", "2 words", "all"):
        if name in lookup.get("categories", {}):
            rows.append((f"Look-up: {name}", lookup["categories"][name], TARGET_LOOKUP_P95_MS))
    register = results["register"]
    if "sequential" in register:
        rows.append(("Contact + 2 questions", register["sequential"], TARGET_REGISTER_P95_MS))
    if "concurrent" in register:
        rows.append(
            (
                f"… {register['concurrent']['threads']} threads",
                register["concurrent"],
                TARGET_REGISTER_P95_MS,
            )
        )
    for name, stats in results["dossier_page"].items():
        if isinstance(stats, dict):
            rows.append((f"Dossier page, {name.split('-')[0]} lines", stats, TARGET_PAGE_P95_MS))
    title = f"Front desk and dossiers (ms), {results['date']}"
    return latency_chart_svg(title, rows)


# --- Entry point ---------------------------------------------------------------------------


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks frontdesk", description=__doc__)
    parser.add_argument("--database-url", default="", help="a PostgreSQL server (or --reuse db)")
    parser.add_argument("--reuse", action="store_true", help="measure a kept database as is")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--scale", choices=("large", "small", "tiny"), default="large")
    parser.add_argument("--seed", type=int, default=20260514)
    parser.add_argument("--lookups", type=int, default=600, help="timed look-ups")
    parser.add_argument("--registrations", type=int, default=300, help="timed, each way")
    parser.add_argument("--threads", type=int, default=4, help="concurrent registrations")
    parser.add_argument("--pages", type=int, default=300, help="timed dossier pages")
    parser.add_argument("--no-write", action="store_true", help="write no JSON or chart")
    return parser.parse_args(argv)


def run(args: argparse.Namespace, generated: bool, quiet: bool = False) -> dict[str, Any]:
    """Generate (unless ``generated``) and measure, on the database Django is set up on."""
    from django.core.management import call_command

    from benchmarks.frontdesk_data import Sizes, generate

    generation: dict[str, Any] = {}
    if not generated:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        migrate_seconds = round(time.perf_counter() - started, 1)
        sizes = Sizes.named(args.scale)
        if not quiet:
            print(f"Generating {sizes} ...", flush=True)
        report = generate(sizes, seed=args.seed, quiet=quiet)
        generation = {
            "scale": args.scale,
            "migrate_seconds": migrate_seconds,
            "seconds": round(time.perf_counter() - started - migrate_seconds, 1),
            "stages": report.seconds,
            "counts": report.counts,
        }
        if not quiet:
            print(f"Generated in {generation['seconds']} s", flush=True)
    city = _city()
    results: dict[str, Any] = {
        "benchmark": "frontdesk",
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": machine(),
        "sizes": counts(city),
        "generation": generation,
    }
    measurements: tuple[tuple[str, Callable[[], dict[str, Any]]], ...] = (
        ("lookup", lambda: measure_lookup(city, args.lookups, args.seed)),
        (
            "register",
            lambda: measure_register(city, args.registrations, args.threads, args.seed),
        ),
        ("dossier_page", lambda: measure_dossier_page(city, args.pages, args.seed)),
    )
    for name, measure in measurements:
        if not quiet:
            print(f"Measuring {name} ...", flush=True)
        try:
            results[name] = measure()
        except MissingCodeError as reason:
            results[name] = {"skipped": str(reason)}
        except Exception as error:
            # Half-built application code: report it and go on with the other parts.
            from django.db import connection

            connection.close()
            results[name] = {"skipped": f"failed: {type(error).__name__}: {error}"}
            if not quiet:
                traceback.print_exc()
    return results


def counts(city: Any) -> dict[str, int]:
    from sociaalhuis.clients.models import Household, Identity, Person
    from sociaalhuis.core import tenancy
    from sociaalhuis.dossiers.models import Dossier, TimelineEntry
    from sociaalhuis.frontdesk.models import Appointment, Callback, Contact, HelpQuestion

    with tenancy.for_municipality(city.pk):
        return {
            "persons": Person.objects.count(),
            "identities": Identity.objects.count(),
            "households": Household.objects.count(),
            "contacts": Contact.objects.count(),
            "help_questions": HelpQuestion.objects.count(),
            "dossiers": Dossier.objects.count(),
            "timeline_entries": TimelineEntry.objects.count(),
            "callbacks": Callback.objects.count(),
            "appointments": Appointment.objects.count(),
        }


def main(argv: list[str]) -> int:
    args = parse(argv)
    with database(args, DATABASE_NAME, "frontdesk") as (url, generated):
        _setup_django(url)
        results = run(args, generated)
        print_table(results)
        if not args.no_write:
            chart = chart_svg(results) if "categories" in results["lookup"] else None
            write_results("frontdesk", results, chart, CHART_PATH)
    return 0
