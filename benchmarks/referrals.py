"""Benchmark: referral inboxes and worklists of a large city.

    python -m benchmarks referrals [--scale large|small|tiny] [--keep]
    python -m benchmarks referrals --database-url URL --reuse      (a kept database)

1. A database of its own (``sociaalhuis_bench_referrals``), as ``frontdesk`` does it: a
   throwaway PostgreSQL cluster, or a new database on the server of ``DATABASE_URL`` /
   ``--database-url``; SQLite is refused.
2. ``migrate``; the front-desk city (``benchmarks/frontdesk_data.py``: 150,000 persons,
   2,000,000 contacts, 500,000 help questions, 20,000 dossiers, ~230 workers), then
   ``benchmarks/referrals_data.py``: 40 partner organisations with their services and
   workers, 300,000 referrals over three years (the CAW 60,000, the Huurdersbond
   20,000; one sender with 5,000) with ~1,000,000 updates; ``ANALYZE``.
3. Measurements, each as count / p50 / p95 / max after an untimed warm-up, with the
   number of SQL statements of each:

   * **queries**: ``referrals.queries.inbox`` / ``sent_by`` with ``page_of`` (25 a
     page: the paginator's count and the page), every row's related objects touched,
     inside ``tenancy.activate`` with the context the middleware would build (one
     transaction as the application role, row-level security on); and ``counts_for``;
   * **pages**: ``GET referrals:inbox`` (first page, ``?group=overdue``, ``?page=50``,
     ``?group=all``) as a worker of the biggest partner, of the smallest, and as a
     cell specialist of the busiest cell, and ``GET referrals:sent`` (first page,
     ``?group=all``) as the biggest sender and a median one, through Django's test
     client against the real views and middleware (``force_login`` plus the second
     factor, as ``frontdesk`` does). Skipped, with the reason, while the views answer
     404.

   The slowest list query is run again under ``EXPLAIN (ANALYZE, BUFFERS)`` as the
   application role. Target: p95 ≤ 100 ms for each page, and the same number of
   queries for a big and a small inbox.

Results: ``benchmarks/results/referrals-<date>.json`` (git-ignored) and the chart
``docs/performance/referrals-latency.svg`` (``--no-write`` to skip both).
"""

from __future__ import annotations

import argparse
import json
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from benchmarks.frontdesk import MissingCodeError, _city
from benchmarks.social_map import (
    ROOT,
    _setup_django,
    database,
    latency_chart_svg,
    machine,
    summary,
    write_results,
)

DATABASE_NAME = "sociaalhuis_bench_referrals"
CHART_PATH = ROOT / "docs" / "performance" / "referrals-latency.svg"
TARGET_PAGE_P95_MS = 100.0


# --- Who ---------------------------------------------------------------------------------


def _context(user: Any) -> Any:
    """The tenant context ``TenantMiddleware`` builds for this user's request."""
    from django.contrib.sessions.backends.base import SessionBase

    from sociaalhuis.accounts.queries import workspace_for

    return workspace_for(user, SessionBase()).context(user.pk)


# Which list, as whom, which filter and page. (label, list, who, group, page)
SCENARIOS: tuple[tuple[str, str, str, str, int], ...] = (
    ("Inbox, big partner", "inbox", "big_partner_worker", "", 1),
    ("Inbox, big p., overdue", "inbox", "big_partner_worker", "overdue", 1),
    ("Inbox, big p., page 50", "inbox", "big_partner_worker", "", 50),
    ("Inbox, big p., all", "inbox", "big_partner_worker", "all", 1),
    ("Inbox, small partner", "inbox", "small_partner_worker", "", 1),
    ("Inbox, cell specialist", "inbox", "cell_worker", "", 1),
    ("Sent, big sender", "sent", "big_sender", "", 1),
    ("Sent, big sender, all", "sent", "big_sender", "all", 1),
    ("Sent, median sender", "sent", "small_sender", "", 1),
)


def _key(kind: str, who: str, group: str, page: int) -> str:
    return f"{kind}:{who}:{group or 'open'}:{page}"


LABELS = {_key(*scenario[1:]): scenario[0] for scenario in SCENARIOS}


def _users(who: Any) -> dict[str, Any]:
    from sociaalhuis.accounts.models import User

    wanted = {
        "big_partner_worker": who.big_partner_worker,
        "small_partner_worker": who.small_partner_worker,
        "big_sender": who.big_sender,
        "small_sender": who.small_sender,
        "cell_worker": who.cell_worker,
    }
    found = User.objects.in_bulk(list(wanted.values()))
    return {name: found[pk] for name, pk in wanted.items()}


# --- 1. The queries, without the view ----------------------------------------------------


def _list_page(kind: str, user: Any, group: str, page: int) -> int:
    """Run one list page as its view would: the paginator's count, the page, its rows."""
    from django.core.paginator import Paginator

    from sociaalhuis.referrals import queries

    chosen = queries.ReferralFilter(group=queries.StatusGroup(group or "open"))
    rows = queries.inbox(user, chosen) if kind == "inbox" else queries.sent_by(user, chosen)
    # The page as list_page makes it, without the request whose read it records.
    shown = Paginator(rows, queries.PAGE_SIZE).get_page(page)
    touched = 0
    for referral in shown.object_list:
        # What a list row shows: the target, the sender (inbox) or the person (sent).
        if referral.to_service is not None:
            touched += bool(referral.to_service.display_name)
        names = ("to_organisation", "to_cell", "created_by", "life_domain")
        if kind == "sent":
            names = ("to_organisation", "to_cell", "to_user", "handled_by")
            touched += bool(referral.person.identity.family_name)
        for name in names:
            touched += getattr(referral, name) is not None
    return len(shown.object_list)


def measure_queries(users: dict[str, Any], rounds: int, warmup: int) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sociaalhuis.core import tenancy
    from sociaalhuis.referrals import queries

    contexts = {name: _context(user) for name, user in users.items()}
    results: dict[str, Any] = {}
    for label, kind, who, group, page in SCENARIOS:
        user, context = users[who], contexts[who]
        key = _key(kind, who, group, page)
        with tenancy.activate(context), CaptureQueriesContext(connection) as captured:
            shown = _list_page(kind, user, group, page)
        statements = [q["sql"] for q in captured.captured_queries]
        for _ in range(warmup):
            with tenancy.activate(context):
                _list_page(kind, user, group, page)
        timings = []
        for _ in range(rounds):
            started = time.perf_counter()
            with tenancy.activate(context):
                _list_page(kind, user, group, page)
            timings.append((time.perf_counter() - started) * 1000)
        results[key] = {
            "label": label,
            **summary(timings),
            "rows_on_page": shown,
            "sql_statements": len(statements),
            # Without BEGIN, SET LOCAL ROLE, set_config and their resets.
            "sql_queries": len([s for s in statements if _is_work(s)]),
            "statements": statements,
        }
    for who in ("big_partner_worker", "big_sender"):
        user, context = users[who], contexts[who]
        with tenancy.activate(context), CaptureQueriesContext(connection) as captured:
            counts = queries.counts_for(user)
        for _ in range(warmup):
            with tenancy.activate(context):
                queries.counts_for(user)
        timings = []
        for _ in range(rounds):
            started = time.perf_counter()
            with tenancy.activate(context):
                queries.counts_for(user)
            timings.append((time.perf_counter() - started) * 1000)
        results[f"counts_for:{who}"] = {
            "label": f"counts_for, {who.replace('_', ' ')}",
            **summary(timings),
            "counts": asdict(counts),
            "sql_queries": len([q for q in captured.captured_queries if _is_work(q["sql"])]),
            "statements": [q["sql"] for q in captured.captured_queries],
        }
    return results


def _is_work(sql: str) -> bool:
    """A statement that reads or writes data (not transaction or tenant control)."""
    head = sql.lstrip().upper()
    if head.startswith(("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "SET ", "RESET")):
        return False
    return "SET_CONFIG(" not in head


# --- 2. The pages, through the request pipeline -------------------------------------------


def _url(kind: str, group: str, page: int) -> str:
    from django.urls import reverse

    url = reverse("referrals:inbox" if kind == "inbox" else "referrals:sent")
    params = [f"group={group}"] if group else []
    if page != 1:
        params.append(f"page={page}")
    return f"{url}?{'&'.join(params)}" if params else url


def measure_pages(users: dict[str, Any], rounds: int, warmup: int) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from sociaalhuis.testing import log_in

    clients = {name: log_in(Client(), user) for name, user in users.items()}
    probe = clients["big_partner_worker"].get(_url("inbox", "", 1), secure=True)
    if probe.status_code == 404:
        raise MissingCodeError("referrals:inbox answers 404 (the views are not there yet)")
    results: dict[str, Any] = {}
    for label, kind, who, group, page in SCENARIOS:
        client = clients[who]
        url = _url(kind, group, page)
        statuses: dict[int, int] = {}
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, secure=True)
        statuses[response.status_code] = 1
        statements = [q["sql"] for q in captured.captured_queries]
        for _ in range(warmup):
            client.get(url, secure=True)
        timings = []
        for _ in range(rounds):
            started = time.perf_counter()
            response = client.get(url, secure=True)
            timings.append((time.perf_counter() - started) * 1000)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        results[_key(kind, who, group, page)] = {
            "label": label,
            "url": url,
            **summary(timings),
            "sql_statements": len(statements),
            "sql_queries": len([s for s in statements if _is_work(s)]),
            "statuses": {str(code): count for code, count in sorted(statuses.items())},
            "statements": statements,
        }
    return results


# --- 3. EXPLAIN ---------------------------------------------------------------------------


def explain_slowest(users: dict[str, Any], measured: dict[str, Any]) -> dict[str, Any]:
    """EXPLAIN (ANALYZE, BUFFERS) each list statement of the slowest list; keep the slowest."""
    from django.db import connection

    from sociaalhuis.core import tenancy

    lists = {key: value for key, value in measured.items() if not key.startswith("counts_for")}
    key = max(lists, key=lambda name: lists[name]["p95_ms"])
    who = key.split(":")[1]
    context = _context(users[who])
    plans: list[tuple[float, str, str]] = []
    for sql in lists[key]["statements"]:
        if not sql.lstrip().upper().startswith("SELECT") or "set_config" in sql:
            continue
        with tenancy.activate(context), connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            plan = "\n".join(row[0] for row in cursor.fetchall())
        took = float(plan.rsplit("Execution Time:", 1)[-1].split("ms")[0])
        plans.append((took, sql, plan))
    if not plans:
        return {}
    took, sql, plan = max(plans)
    return {
        "list": key,
        "label": lists[key]["label"],
        "execution_ms": took,
        "sql": sql,
        "plan": plan,
    }


# --- Reporting ---------------------------------------------------------------------------


def print_table(results: dict[str, Any]) -> None:
    print("\n| Measurement | count | p50 ms | p95 ms | max ms | queries (all) | rows/status |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for part in ("queries", "pages"):
        figures = results.get(part, {})
        if "skipped" in figures:
            print(f"| {part} | skipped: {figures['skipped']} | | | | | |")
            continue
        for stats in figures.values():
            shown = stats.get("rows_on_page", stats.get("statuses", ""))
            print(
                f"| {part}: {stats['label']} | {stats['count']} | {stats['p50_ms']} | "
                f"{stats['p95_ms']} | {stats['max_ms']} | {stats['sql_queries']} "
                f"({stats.get('sql_statements', '')}) | {shown} |"
            )
    explained = results.get("explain") or {}
    if explained:
        print(f"\nSlowest list statement ({explained['label']}), {explained['execution_ms']} ms:")
        print(explained["plan"])


def chart_svg(results: dict[str, Any]) -> str:
    part = "pages" if "skipped" not in results.get("pages", {"skipped": ""}) else "queries"
    rows: list[tuple[str, dict[str, Any], float | None]] = [
        (LABELS.get(key, stats["label"]), stats, TARGET_PAGE_P95_MS)
        for key, stats in results[part].items()
        if not key.startswith("counts_for")
    ]
    what = "pages" if part == "pages" else "list queries"
    return latency_chart_svg(
        f"Referral inboxes and worklists, {what} (ms), {results['date']}", rows
    )


# --- Entry point ---------------------------------------------------------------------------


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks referrals", description=__doc__)
    parser.add_argument("--database-url", default="", help="a PostgreSQL server (or --reuse db)")
    parser.add_argument("--reuse", action="store_true", help="measure a kept database as is")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--scale", choices=("large", "small", "tiny"), default="large")
    parser.add_argument("--seed", type=int, default=20260514)
    parser.add_argument("--rounds", type=int, default=200, help="timed calls per measurement")
    parser.add_argument("--warmup", type=int, default=20, help="untimed calls before those")
    parser.add_argument("--no-write", action="store_true", help="write no JSON or chart")
    return parser.parse_args(argv)


def generate(args: argparse.Namespace, quiet: bool = False) -> dict[str, Any]:
    """migrate, the front-desk city, the referrals; on the database Django is set up on."""
    from django.core.management import call_command
    from django.db import connection

    from benchmarks import frontdesk_data, referrals_data

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrate_seconds = round(time.perf_counter() - started, 1)
    if not quiet:
        print(f"Generating the front-desk city ({args.scale}) ...", flush=True)
    city = frontdesk_data.generate(
        frontdesk_data.Sizes.named(args.scale), seed=args.seed, quiet=quiet
    )
    city_seconds = round(time.perf_counter() - started - migrate_seconds, 1)
    if not quiet:
        print(f"Generating the referrals ({args.scale}) ...", flush=True)
    referrals = referrals_data.generate(
        referrals_data.Sizes.named(args.scale), seed=args.seed, quiet=quiet
    )
    total = round(time.perf_counter() - started - migrate_seconds, 1)
    # Measure in a fresh session: the generators' SETs (no parallel query) end here.
    connection.close()
    if not quiet:
        print(f"Generated in {total} s", flush=True)
    return {
        "scale": args.scale,
        "migrate_seconds": migrate_seconds,
        "city_seconds": city_seconds,
        "referrals_seconds": round(total - city_seconds, 1),
        "seconds": total,
        "stages": {
            **{f"city: {stage}": seconds for stage, seconds in city.seconds.items()},
            **{f"referrals: {stage}": seconds for stage, seconds in referrals.seconds.items()},
        },
        "counts": {**city.counts, **referrals.counts},
    }


def run(args: argparse.Namespace, generated: bool, quiet: bool = False) -> dict[str, Any]:
    """Generate (unless ``generated``) and measure, on the database Django is set up on."""
    from django.utils import timezone

    from benchmarks import referrals_data

    generation = {} if generated else generate(args, quiet)
    city = _city()
    who = referrals_data.cast(city.pk)
    users = _users(who)
    results: dict[str, Any] = {
        "benchmark": "referrals",
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": machine(),
        "generation": generation,
        "data": referrals_data.distribution(city.pk),
        "cast": asdict(who),
        "list_sizes": referrals_data.group_sizes(city.pk, who, timezone.localdate()),
    }
    measurements: tuple[tuple[str, Callable[[], dict[str, Any]]], ...] = (
        ("queries", lambda: measure_queries(users, args.rounds, args.warmup)),
        ("pages", lambda: measure_pages(users, args.rounds, args.warmup)),
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
    measured = results["pages"] if "skipped" not in results["pages"] else results["queries"]
    if "skipped" not in measured:
        results["explain"] = explain_slowest(users, measured)
    return results


def main(argv: list[str]) -> int:
    args = parse(argv)
    with database(args, DATABASE_NAME, "referrals") as (url, generated):
        _setup_django(url)
        results = run(args, generated)
        print(json.dumps({k: results[k] for k in ("data", "cast", "list_sizes")}, indent=1))
        print_table(results)
        if not args.no_write:
            chart = None if "skipped" in results["queries"] else chart_svg(results)
            write_results("referrals", results, chart, CHART_PATH)
    return 0
