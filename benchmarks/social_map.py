"""Benchmark: the social map at the size of Flanders.

    python -m benchmarks social-map [--scale 0.1] [--http-seconds 30] [--keep]
    make bench                                   (every benchmark, default options)

1. A database of its own: a throwaway PostgreSQL cluster (``scripts/pg-throwaway``),
   or, when ``DATABASE_URL`` (or ``--database-url``) names a PostgreSQL server, a new
   database ``sociaalhuis_bench_social_map`` on it (dropped and recreated; removed at
   the end unless ``--keep``). SQLite is refused: the search under test is the
   PostgreSQL one.
2. ``migrate``, then the generator in ``benchmarks/social_map_data.py`` (60,000
   services, 100,000 locations, 8,000 organisations, ~300 municipalities), the
   application's ``index_services`` over every service, ``VACUUM ANALYZE``.
3. Measurements, each as count / p50 / p95 / max:

   * ``directory.search.search`` for realistic queries over many municipalities,
     split by the path that actually answered: full text, or the trigram fallback
     (typos that make full text find nothing);
   * the number of SQL queries per search call, per path (must not vary);
   * ``GET /<slug>/?q=...`` through gunicorn (already a dependency) with 16
     concurrent client threads for ``--http-seconds`` seconds: throughput, latency.

Results: a JSON file under ``benchmarks/results/`` and an SVG chart under
``docs/performance/`` (``--no-write`` to skip both). ``--reuse`` with the URL of a
database kept by ``--keep`` skips the generation.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import platform
import random
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "benchmarks" / "results"
CHART_PATH = ROOT / "docs" / "performance" / "social-map-latency.svg"
DATABASE_NAME = "sociaalhuis_bench_social_map"

TARGET_QUERY_P95_MS = 30.0
TARGET_TYPO_P95_MS = 80.0

# What people type: single words (with compounds and prefixes), French, several words.
QUERIES = (
    "huurachterstal",
    "schuldhulpverlening",
    "kinderopvang",
    "budgetbegeleiding",
    "thuiszorg",
    "leefloon",
    "OCMW",
    "energie",
    "huur",
    "schuld",
    "opvoeding",
    "werk",
    "voedselbank",
    "psycholoog",
    "mantelzorg",
    "uithuiszetting",
    "loyer",
    "dettes",
    "expulsion",
    "garde d'enfants",
    "aide sociale",
    "logement",
    "CPAS",
    "hulp bij huurachterstal",
    "energiefactuur betalen",
    "werk zoeken",
    "schulden deurwaarder",
    "kinderopvang baby",
    "ocmw leefloon",
    "warme maaltijd aan huis",
    "loyer impayé expulsion",
    "médiation de dettes",
)
# Typos that leave full text empty-handed, so the trigram path answers.
TYPOS = (
    "huurachterstall",
    "kinderopfang",
    "schuldhulpverleening",
    "budgetbegeleidng",
    "thuizorg",
    "leeflon",
    "uithuiszeting",
    "opvoedingsondersteunig",
    "schuldbemidelling",
    "voedselbnak",
    "expultion",
    "loyr impayé",
)
SAMPLE_MUNICIPALITIES = 40
COUNTED_MUNICIPALITIES = 5


# --- Statistics -----------------------------------------------------------------


def summary(values_ms: list[float]) -> dict[str, float]:
    if not values_ms:
        return {"count": 0, "p50_ms": 0.0, "p95_ms": 0.0, "max_ms": 0.0}
    ordered = sorted(values_ms)

    def rank(p: float) -> float:  # nearest rank
        return ordered[max(0, math.ceil(len(ordered) * p / 100) - 1)]

    return {
        "count": len(ordered),
        "p50_ms": round(rank(50), 2),
        "p95_ms": round(rank(95), 2),
        "max_ms": round(ordered[-1], 2),
    }


# --- The database -----------------------------------------------------------------


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin_execute(server_url: str, statements: list[str]) -> None:
    import psycopg

    with psycopg.connect(_libpq(server_url), autocommit=True) as admin:
        for statement in statements:
            admin.execute(statement)


def _libpq(url: str) -> str:
    """dj-database-url reads a percent-encoded socket directory as the host; so does
    libpq, except that psycopg wants the URL scheme ``postgresql``."""
    return "postgresql" + url[url.index(":") :]


@contextmanager
def database(
    args: argparse.Namespace, name: str = DATABASE_NAME, benchmark: str = "social-map"
) -> Iterator[tuple[str, bool]]:
    """Yields (database URL, whether it already holds generated data)."""
    given = args.database_url or os.environ.get("DATABASE_URL", "")
    if given and not given.startswith(("postgres://", "postgresql://")):
        sys.exit(
            f"The {benchmark} benchmark runs on PostgreSQL only (full text and pg_trgm); "
            f"DATABASE_URL is {given.split(':', 1)[0]}. Unset it to use a throwaway "
            "cluster, or give a PostgreSQL URL."
        )
    if args.reuse:
        if not given:
            sys.exit("--reuse needs --database-url (the URL printed by a --keep run).")
        yield given, True
        return
    cluster = ""
    if not given:
        started = subprocess.run(  # noqa: S603 (our own script)
            [str(ROOT / "scripts" / "pg-throwaway"), "start"],
            check=True,
            capture_output=True,
            text=True,
        )
        given = started.stdout.strip()
        cluster = subprocess.run(  # noqa: S603
            [str(ROOT / "scripts" / "pg-throwaway"), "dir", given],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        print(f"Throwaway PostgreSQL cluster in {cluster}", flush=True)
    url = _with_database(given, name)
    try:
        _admin_execute(given, [f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"])
        yield url, False
    finally:
        if args.keep:
            print(f"Kept the database: --database-url '{url}' --reuse", flush=True)
            if cluster:
                print(f"Stop the cluster with: scripts/pg-throwaway stop {cluster}", flush=True)
        else:
            from django.db import connections

            connections.close_all()
            if cluster:
                stop = [str(ROOT / "scripts" / "pg-throwaway"), "stop", cluster]
                subprocess.run(stop, check=False)  # noqa: S603
            else:
                _admin_execute(given, [f"DROP DATABASE IF EXISTS {name}"])


def _setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "sociaalhuis.settings"
    os.environ["DEBUG"] = "false"
    os.environ["SOCIAALHUIS_DEMO"] = "false"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    if str(ROOT / "src") not in sys.path:
        sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


# --- Measuring the search ----------------------------------------------------------


def _sample_municipalities(count: int) -> list[Any]:
    """The biggest maps (most published services) and a spread of the rest."""
    from django.db.models import Count, Q

    from sociaalhuis.directory.models import PublicationStatus
    from sociaalhuis.tenants.models import Municipality

    ranked = list(
        Municipality.objects.annotate(
            published=Count("services", filter=Q(services__status=PublicationStatus.PUBLISHED))
        ).order_by("-published", "nis_code")
    )
    big = ranked[: count // 4]
    rest = ranked[count // 4 :]
    step = max(1, len(rest) // max(1, count - len(big)))
    return big + rest[::step][: count - len(big)]


def measure_search(
    municipalities: list[Any], queries: tuple[str, ...], rounds: int
) -> dict[str, Any]:
    """Time each search call and classify it by the path that answered (full text or
    trigram); first, untimed, warm up and count the SQL queries of each call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from sociaalhuis.core import tenancy
    from sociaalhuis.directory.search import SearchFilters, search

    timings: dict[str, list[float]] = {"fulltext": [], "trigram": []}
    per_query: dict[str, dict[str, Any]] = {}
    query_counts: dict[str, set[int]] = {"fulltext": set(), "trigram": set()}
    with translation.override("nl"):
        # Untimed: warm the caches up and count the SQL queries of each call.
        for place in municipalities[:COUNTED_MUNICIPALITIES]:
            with tenancy.for_municipality(place.pk):
                for text in queries:
                    with CaptureQueriesContext(connection) as captured:
                        results = search(place, SearchFilters(text=text))
                    path = "trigram" if results.fuzzy else "fulltext"
                    query_counts[path].add(len(captured))
                    connection.queries_log.clear()
        for _round in range(rounds):
            for place in municipalities:
                with tenancy.for_municipality(place.pk):
                    for text in queries:
                        filters = SearchFilters(text=text)
                        started = time.perf_counter()
                        results = search(place, filters)
                        elapsed = (time.perf_counter() - started) * 1000
                        path = "trigram" if results.fuzzy else "fulltext"
                        entry = per_query.setdefault(
                            text, {"paths": set(), "timings": [], "totals": []}
                        )
                        timings[path].append(elapsed)
                        entry["paths"].add(path)
                        entry["timings"].append(elapsed)
                        entry["totals"].append(results.total)
    return {
        "paths": {path: summary(values) for path, values in timings.items()},
        "sql_queries_per_call": {path: sorted(counts) for path, counts in query_counts.items()},
        "per_query": {
            text: {
                "paths": sorted(entry["paths"]),
                **summary(entry["timings"]),
                "median_results": sorted(entry["totals"])[len(entry["totals"]) // 2],
            }
            for text, entry in per_query.items()
        },
    }


def explain(place: Any, text: str) -> str:
    """EXPLAIN ANALYZE of the ranked query of one search (for the report)."""
    from django.db import connection

    from sociaalhuis.core import tenancy
    from sociaalhuis.directory import search as module

    with tenancy.for_municipality(place.pk):
        words = module.query_words(text)
        ranked = module._ranked_postgresql(place, None, module._prefix_query(words))
        if not ranked.exists():
            alternatives = module._nearest_words(words)
            ranked = module._ranked_postgresql(
                place, None, module._alternatives_query(words, alternatives)
            )
        sql, params = ranked[:20].query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            return "\n".join(row[0] for row in cursor.fetchall())


# --- Over HTTP -----------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def gunicorn(url: str, workers: int, threads: int) -> Iterator[int]:
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SOCIAALHUIS_DEMO": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT / "src"),
    }
    command = [
        shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn",
        "sociaalhuis.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, env=env, cwd=ROOT)  # noqa: S603 (our own argv)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start listening within 30 s")
        yield port
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def measure_http(
    port: int, paths: list[str], clients: int, seconds: float, warmup: float = 5.0
) -> dict[str, Any]:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors: list[str] = []
    lock = threading.Lock()

    def client(number: int, until: float, record: bool) -> None:
        rng = random.Random(number)  # noqa: S311 (load mix, not secrets)
        while time.monotonic() < until:
            path = rng.choice(paths)
            started = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                conn.close()
            except OSError as error:
                with lock:
                    errors.append(f"{type(error).__name__}: {error}")
                continue
            elapsed = (time.perf_counter() - started) * 1000
            if record:
                with lock:
                    latencies.append(elapsed)
                    statuses[response.status] = statuses.get(response.status, 0) + 1

    def phase(duration: float, record: bool) -> float:
        until = time.monotonic() + duration
        threads = [threading.Thread(target=client, args=(n, until, record)) for n in range(clients)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return time.perf_counter() - started

    phase(warmup, record=False)
    wall = phase(seconds, record=True)
    return {
        "clients": clients,
        "seconds": round(wall, 1),
        "requests": len(latencies),
        "throughput_rps": round(len(latencies) / wall, 1),
        "statuses": {str(code): count for code, count in sorted(statuses.items())},
        "errors": len(errors),
        "first_errors": errors[:3],
        **summary(latencies),
    }


# --- Machine and reporting -------------------------------------------------------------


def machine() -> dict[str, Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        server_version = cursor.fetchone()[0]
        cursor.execute("SHOW shared_buffers")
        shared_buffers = cursor.fetchone()[0]
    memory_kb = 0
    cpu = platform.processor()
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_kb = int(line.split()[1])
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu,
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "postgresql": server_version,
        "shared_buffers": shared_buffers,
        "python": platform.python_version(),
        # Other work on the machine skews the figures; the load average tells.
        "load_average_1_5_15": [round(value, 2) for value in os.getloadavg()],
        "system": platform.platform(),
    }


def chart_svg(results: dict[str, Any]) -> str:
    """Bars for p50 and p95 per path, with the targets marked."""
    rows = [
        ("Search: full text", results["search"]["paths"]["fulltext"], TARGET_QUERY_P95_MS),
        ("Search: typo (trigram)", results["search"]["paths"]["trigram"], TARGET_TYPO_P95_MS),
        (f"HTTP, {results['http']['clients']} clients", results["http"], None),
    ]
    return latency_chart_svg(f"Social map search latency (ms), {results['date']}", rows)


def latency_chart_svg(title: str, rows: list[tuple[str, dict[str, Any], float | None]]) -> str:
    """Bars for p50 and p95 of each (label, figures, p95 target); hand-written SVG."""
    top = max(max(row[1]["p95_ms"], row[2] or 0) for row in rows) * 1.15 or 1.0
    width, left, bar, gap = 760, 200, 18, 22
    plot = width - left - 30
    height = 60 + len(rows) * (2 * bar + gap) + 40

    def x(value: float) -> float:
        return left + plot * value / top

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="13">',
        '<rect width="100%" height="100%" fill="#fff"/>',
        f'<text x="{left}" y="24" font-size="15" font-weight="bold">{title}</text>',
        f'<rect x="{left}" y="34" width="12" height="12" fill="#4c78a8"/>'
        f'<text x="{left + 16}" y="45">p50</text>'
        f'<rect x="{left + 60}" y="34" width="12" height="12" fill="#f58518"/>'
        f'<text x="{left + 76}" y="45">p95</text>'
        f'<line x1="{left + 130}" y1="40" x2="{left + 150}" y2="40" stroke="#c00" '
        f'stroke-dasharray="4 3" stroke-width="2"/><text x="{left + 156}" y="45">p95 target</text>',
    ]
    y = 60
    for label, stats, target in rows:
        parts.append(f'<text x="{left - 8}" y="{y + bar + 4}" text-anchor="end">{label}</text>')
        for offset, key, colour in ((0, "p50_ms", "#4c78a8"), (bar, "p95_ms", "#f58518")):
            value = stats[key]
            parts.append(
                f'<rect x="{left}" y="{y + offset}" width="{x(value) - left:.1f}" '
                f'height="{bar - 2}" fill="{colour}"/>'
                f'<text x="{x(value) + 4:.1f}" y="{y + offset + bar - 5}">{value:g}</text>'
            )
        if target is not None:
            parts.append(
                f'<line x1="{x(target):.1f}" y1="{y - 3}" x2="{x(target):.1f}" '
                f'y2="{y + 2 * bar + 1}" stroke="#c00" stroke-dasharray="4 3" stroke-width="2"/>'
            )
        y += 2 * bar + gap
    parts.append(
        f'<line x1="{left}" y1="{y - gap + 6}" x2="{left + plot}" y2="{y - gap + 6}" '
        'stroke="#999"/>'
    )
    parts.append(f'<text x="{left}" y="{y + 8}" fill="#555">0</text>')
    parts.append(
        f'<text x="{left + plot}" y="{y + 8}" fill="#555" text-anchor="end">{top:.0f} ms</text>'
    )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def print_table(results: dict[str, Any]) -> None:
    print("\n| Path | count | p50 ms | p95 ms | max ms | target p95 |")
    print("|---|---:|---:|---:|---:|---:|")
    search_paths = results["search"]["paths"]
    for label, stats, target in (
        ("search(), full text", search_paths["fulltext"], f"{TARGET_QUERY_P95_MS:g}"),
        ("search(), typo → trigram", search_paths["trigram"], f"{TARGET_TYPO_P95_MS:g}"),
        ("GET /<slug>/?q=…, 16 clients", results["http"], "-"),
    ):
        print(
            f"| {label} | {stats['count']} | {stats['p50_ms']} | {stats['p95_ms']} | "
            f"{stats['max_ms']} | {target} |"
        )
    http = results["http"]
    if "throughput_rps" in http:
        print(
            f"\nHTTP: {http['throughput_rps']} requests/s, statuses {http['statuses']}, "
            f"errors {http['errors']}"
        )
    print(f"SQL queries per search call: {results['search']['sql_queries_per_call']}")


# --- Entry point -------------------------------------------------------------------------


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks social-map", description=__doc__)
    parser.add_argument("--database-url", default="", help="a PostgreSQL server (or --reuse db)")
    parser.add_argument("--reuse", action="store_true", help="measure a kept database as is")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full size")
    parser.add_argument("--seed", type=int, default=20260514)
    parser.add_argument("--rounds", type=int, default=1, help="timed rounds of the query sets")
    parser.add_argument("--municipalities", type=int, default=SAMPLE_MUNICIPALITIES)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--http-seconds", type=float, default=30.0)
    parser.add_argument(
        "--http-workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn"
    )
    parser.add_argument("--http-threads", type=int, default=1, help="gunicorn threads/worker")
    parser.add_argument("--no-write", action="store_true", help="write no JSON or chart")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse(argv)
    with database(args) as (url, generated):
        _setup_django(url)
        from django.core.management import call_command

        from benchmarks.social_map_data import Sizes, generate

        started = time.perf_counter()
        generation: dict[str, Any] = {}
        if not generated:
            print("migrate ...", flush=True)
            call_command("migrate", verbosity=0)
            migrate_seconds = round(time.perf_counter() - started, 1)
            sizes = Sizes().scaled(args.scale) if args.scale != 1.0 else Sizes()
            print(f"Generating {sizes} ...", flush=True)
            report = generate(sizes, seed=args.seed)
            generation = {
                "migrate_seconds": migrate_seconds,
                "seconds": round(time.perf_counter() - started - migrate_seconds, 1),
                "stages": report.seconds,
                "counts": report.counts,
            }
            print(f"Generated in {generation['seconds']} s", flush=True)
        counts = _counts()
        places = _sample_municipalities(args.municipalities)
        print(f"Searching in {len(places)} municipalities ...", flush=True)
        search_results = measure_search(places, QUERIES + TYPOS, args.rounds)
        explains = {text: explain(places[0], text) for text in ("hulp", "huurachterstall")}
        rng = random.Random(args.seed)  # noqa: S311
        http_paths = [
            f"/{place.slug}/?q={quote_plus(text)}" for place in places for text in QUERIES + TYPOS
        ]
        rng.shuffle(http_paths)
        print(f"HTTP: {args.clients} clients for {args.http_seconds:g} s ...", flush=True)
        with gunicorn(url, args.http_workers, args.http_threads) as port:
            http: dict[str, Any] = measure_http(port, http_paths, args.clients, args.http_seconds)
        http["gunicorn"] = {"workers": args.http_workers, "threads": args.http_threads}
        results = {
            "benchmark": "social-map",
            "date": datetime.now(UTC).strftime("%Y-%m-%d"),
            "machine": machine(),
            "sizes": counts,
            "generation": generation,
            "search": search_results,
            "http": http,
            "explain": explains,
        }
        print_table(results)
        if not args.no_write:
            write_results("social-map", results, chart_svg(results), CHART_PATH)
    return 0


def write_results(name: str, results: dict[str, Any], chart: str | None, chart_path: Path) -> None:
    """``benchmarks/results/<name>-<date>.json`` and, when there is one, the chart."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = RESULTS_DIR / f"{name}-{results['date']}.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n")
    print(f"Results: {out.relative_to(ROOT)}")
    if chart is not None:
        chart_path.parent.mkdir(parents=True, exist_ok=True)
        chart_path.write_text(chart)
        print(f"Chart: {chart_path.relative_to(ROOT)}")


def _counts() -> dict[str, int]:
    from sociaalhuis.directory.models import (
        Location,
        Organisation,
        Schedule,
        Service,
        ServiceText,
    )
    from sociaalhuis.tenants.models import Municipality

    return {
        "municipalities": Municipality.objects.count(),
        "organisations": Organisation.objects.count(),
        "services": Service.objects.count(),
        "service_texts_nl": ServiceText.objects.filter(language="nl").count(),
        "service_texts_fr": ServiceText.objects.filter(language="fr").count(),
        "locations": Location.objects.count(),
        "service_municipality_links": Service.municipalities.through.objects.count(),
        "schedules": Schedule.objects.count(),
    }
