"""Proposed changes to ``directory.search``, tried by monkeypatching in the benchmark.

``directory/search.py`` and the migrations belong to the lead engineer; these are
measured proposals, not the application's code. ``--experiment NAME`` applies one
before the search measurements (in-process only: the HTTP part is skipped);
``baseline`` changes nothing, for a comparison made the same way.

* ``single-pass``: the page and the total in one query (``COUNT(*) OVER ()`` around
  the ranked query) instead of ``count()`` + slice. Django's ``count()`` of the
  grouped, ordered queryset computes every rank and sorts them just to count.
* ``vocabulary``: ``single-pass`` plus a typo path that corrects the words instead of
  comparing the query with every whole text: a table of the distinct words of
  ``search_text`` with a trigram index; each query word is replaced by its (up to 3)
  nearest words and the full-text path runs on those. ``word_similarity`` over long
  texts costs ~90 µs a row, and a big municipality has thousands of rows to check.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime
from typing import Any

WORDS_TABLE = "directory_searchword"


def _page(ranked: Any, page: int, page_size: int) -> tuple[list[int], int, int]:
    """(ids of the page, total, page) with one query: the window counts the groups."""
    from django.db import connection

    sql, params = ranked.query.sql_with_params()
    paged = (
        f"SELECT ranked.service_id, COUNT(*) OVER () FROM ({sql}) ranked "  # noqa: S608 (Django's SQL)
        "ORDER BY ranked.rank DESC, ranked.service_id LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(paged, [*params, page_size, (page - 1) * page_size])
        rows = cursor.fetchall()
        if not rows and page > 1:  # past the last page: show the last one
            cursor.execute(paged, [*params, page_size, 0])
            rows = cursor.fetchall()
            page = 1
    total = rows[0][1] if rows else 0
    return [row[0] for row in rows], total, page


def _corrections(words: list[str]) -> dict[str, list[str]]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT q.word, c.word FROM unnest(%s::text[]) AS q(word) "  # noqa: S608 (constant)
            f"CROSS JOIN LATERAL (SELECT word FROM {WORDS_TABLE} WHERE word %% q.word "
            "ORDER BY similarity(word, q.word) DESC, word LIMIT 3) c",
            [words],
        )
        found: dict[str, list[str]] = {}
        for word, correction in cursor.fetchall():
            found.setdefault(word, []).append(correction)
    return found


def _ranked_raw(services: Any, raw: str) -> Any:
    from django.contrib.postgres.search import SearchQuery, SearchRank
    from django.db.models import Case, F, Max, Q, When

    from sociaalhuis.directory.models import ServiceText
    from sociaalhuis.directory.search import TEXT_SEARCH_CONFIGURATIONS

    match = Q()
    rank = []
    for language, configuration in TEXT_SEARCH_CONFIGURATIONS.items():
        query = SearchQuery(raw, search_type="raw", config=configuration)
        match |= Q(language=language, search_vector=query)
        rank.append(When(language=language, then=SearchRank(F("search_vector"), query)))
    return (
        ServiceText.objects.filter(match, service__in=services.values("pk"))
        .values("service_id")
        .annotate(rank=Max(Case(*rank)))
        .order_by("-rank", "service_id")
    )


def _make_search(vocabulary: bool) -> Callable[..., Any]:
    from sociaalhuis.directory import search as module

    original = module.search

    def search(
        municipality: Any,
        filters: Any,
        *,
        page: int = 1,
        page_size: int = module.PAGE_SIZE,
        at: datetime | None = None,
    ) -> Any:
        words = module.query_words(filters.text)
        if not words:
            return original(municipality, filters, page=page, page_size=page_size, at=at)
        services = module.filtered_services(municipality, filters, at)
        page = max(page, 1)
        ids, total, page = _page(module._ranked_postgresql(services, words), page, page_size)
        fuzzy = False
        if total == 0:
            fuzzy = True
            corrections = _corrections(words) if vocabulary else {}
            if corrections:
                raw = " & ".join(
                    "(" + " | ".join(f"{word}:*" for word in corrections[word]) + ")"
                    for word in words
                    if word in corrections
                )
                ranked = _ranked_raw(services, raw)
            else:
                ranked = module._ranked_postgresql_fuzzy(services, " ".join(words))
            ids, total, page = _page(ranked, page, page_size)
        pages = max(1, math.ceil(total / page_size))
        return module.SearchResults(module._load(ids), total, page, pages, fuzzy=fuzzy, words=words)

    return search


def build_vocabulary() -> None:
    """The word table (what ``index_services`` would maintain, per changed text)."""
    from django.conf import settings
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {WORDS_TABLE} (word text PRIMARY KEY)")
        cursor.execute(
            f"INSERT INTO {WORDS_TABLE} (word) SELECT DISTINCT w FROM directory_servicetext, "  # noqa: S608
            "regexp_split_to_table(search_text, ' ') AS w WHERE length(w) >= 3 "
            "ON CONFLICT DO NOTHING"
        )
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {WORDS_TABLE}_trgm ON {WORDS_TABLE} "
            "USING gin (word gin_trgm_ops)"
        )
        # What core.rls.sync grants on every table after migrate.
        role = connection.ops.quote_name(settings.DB_APP_ROLE)
        cursor.execute(f"GRANT SELECT ON {WORDS_TABLE} TO {role}")
        cursor.execute(f"ANALYZE {WORDS_TABLE}")
        cursor.execute(f"SELECT count(*) FROM {WORDS_TABLE}")  # noqa: S608
        print(f"  {WORDS_TABLE}: {cursor.fetchone()[0]} distinct words", flush=True)


def single_pass() -> None:
    from sociaalhuis.directory import search as module

    module.search = _make_search(vocabulary=False)


def vocabulary() -> None:
    from sociaalhuis.directory import search as module

    build_vocabulary()
    module.search = _make_search(vocabulary=True)


def baseline() -> None:
    """The application's search as is, measured the same way (for comparison)."""


EXPERIMENTS: dict[str, Callable[[], None]] = {
    "baseline": baseline,
    "single-pass": single_pass,
    "vocabulary": vocabulary,
}
