"""Searching the social map in the citizen's own words.

Two paths with one result shape:

* **PostgreSQL**: full text with the ``sh_dutch``/``sh_french``/``sh_english``
  configurations (unaccent + stemmer, migration 0003) on each text in its own
  language, every query word as a prefix so that "schuld" finds
  "schuldhulpverlening"; when that finds nothing, a typo-tolerant path: each query
  word is replaced by its nearest known words (``pg_trgm`` on ``SearchWord``, the
  vocabulary of the map) and the full-text search runs again on those
  ("huurachterstall" → huurachterstal, "kinderopfang" → kinderopvang). All paths use
  GIN indexes and one query per page for ids and total.
* **SQLite** (demo, single desk): substring matching of crudely stemmed words on
  the normalised text, ranked in Python, and ``difflib`` for typos. Correct and
  simple; fast enough for a municipality's own map.

Every page of results takes a fixed number of queries whatever the number of
matches (tests assert it). ``index_services`` must run after any write to a
service, its texts, its organisation or its terms; the services in
``directory.services`` do that.

Kept as one module (past the usual ~400 lines): one search with two engines that
must give the same result shape; they are easiest to keep in step side by side.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, time
from typing import Any

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import get_language

from sociaalhuis.directory.models import (
    LifeDomainTerm,
    PublicationStatus,
    Schedule,
    ScheduleException,
    SearchWord,
    Service,
    ServiceNeighbourhood,
    ServiceText,
    TaxonomyTerm,
)
from sociaalhuis.directory.models.schedules import WeekOfMonth, in_last_week, week_of_month
from sociaalhuis.tenants.models import LifeDomain, Municipality, Neighbourhood

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 20
EVENING = time(18, 0)
TEXT_SEARCH_CONFIGURATIONS = {"nl": "sh_dutch", "fr": "sh_french", "en": "sh_english"}
_WORD = re.compile(r"[a-z0-9]+")
# Words too common to narrow a search down (the stemmer drops most stop words; on
# SQLite this short list does).
_DUTCH_STOP_WORDS = "de het een en of van voor in op met bij aan te is ik mijn wij u"
_FRENCH_STOP_WORDS = "le la les un une des du et ou pour dans sur avec je mon ma mes"
_ENGLISH_STOP_WORDS = "the a an and or of for in on with to my"
_STOP_WORDS = frozenset(
    " ".join((_DUTCH_STOP_WORDS, _FRENCH_STOP_WORDS, _ENGLISH_STOP_WORDS)).split()
)


def normalise(text: str) -> str:
    """Lower case, without accents, words separated by single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_WORD.findall(stripped))


def query_words(text: str) -> list[str]:
    words = [word for word in normalise(text).split() if word not in _STOP_WORDS]
    return list(dict.fromkeys(words))[:12]


def _stem(word: str) -> str:
    """A deliberately crude stemmer for the SQLite path: strip plural endings."""
    for suffix in ("en", "es", "s", "x", "e"):
        if len(word) > 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


# --- Indexing ------------------------------------------------------------------


def index_services(service_ids: Iterable[int]) -> None:
    """Recompute the search text (and on PostgreSQL the vector) of these services."""
    ids = list(service_ids)
    for start in range(0, len(ids), 1000):
        _index_batch(ids[start : start + 1000])


def _index_batch(ids: list[int]) -> None:
    services = (
        Service.objects.filter(pk__in=ids)
        .select_related("organisation")
        .prefetch_related("texts", "terms", "municipalities")
    )
    changed: list[ServiceText] = []
    for service in services:
        organisation = service.organisation
        visible = service.status == PublicationStatus.PUBLISHED and organisation.active
        visible_in = sorted(m.pk for m in service.municipalities.all()) if visible else []
        for text in service.texts.all():
            text.visible_in = visible_in
            term_names = " ".join(
                (getattr(term, f"name_{text.language}", "") or term.name_nl)
                for term in service.terms.all()
            )
            text.search_text = normalise(
                " ".join(
                    (
                        text.name,
                        text.alternate_name,
                        text.keywords,
                        organisation.name,
                        organisation.alternate_name,
                        term_names,
                        text.description,
                        text.eligibility_description,
                        text.application_process,
                    )
                )
            )
            changed.append(text)
    ServiceText.objects.bulk_update(changed, ["search_text", "visible_in"], batch_size=500)
    words = {word for text in changed for word in text.search_text.split() if 3 <= len(word) <= 60}
    SearchWord.objects.bulk_create(
        [SearchWord(word=word) for word in sorted(words)], batch_size=1000, ignore_conflicts=True
    )
    if connection.vendor == "postgresql":
        for language, configuration in TEXT_SEARCH_CONFIGURATIONS.items():
            ServiceText.objects.filter(service_id__in=ids, language=language).update(
                search_vector=SearchVector(
                    "name", "alternate_name", "keywords", weight="A", config=configuration
                )
                + SearchVector("description", weight="B", config=configuration)
                + SearchVector("search_text", weight="C", config=configuration)
            )


# --- Searching -----------------------------------------------------------------


@dataclass(frozen=True)
class SearchFilters:
    text: str = ""
    life_domain: LifeDomain | None = None
    target_group: TaxonomyTerm | None = None
    neighbourhood: Neighbourhood | None = None
    open_now: bool = False
    free: bool = False
    wheelchair: bool = False
    evenings: bool = False
    spoken_language: str = ""

    @property
    def is_empty(self) -> bool:
        return self == SearchFilters()


@dataclass
class SearchResults:
    services: list[Service]
    total: int
    page: int
    pages: int
    fuzzy: bool = False
    words: list[str] = field(default_factory=list)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def published_services(municipality: Municipality) -> QuerySet[Service]:
    """What a municipality's portal shows: published, active, covering it."""
    return Service.objects.filter(
        status=PublicationStatus.PUBLISHED,
        organisation__active=True,
        municipalities=municipality,
    )


def filtered_services(
    municipality: Municipality, filters: SearchFilters, at: datetime | None = None
) -> QuerySet[Service]:
    services = published_services(municipality)
    if filters.life_domain is not None:
        rubric_ids = LifeDomainTerm.objects.filter(life_domain=filters.life_domain).values(
            "term_id"
        )
        services = services.filter(terms__in=rubric_ids)
    if filters.target_group is not None:
        services = services.filter(terms=filters.target_group)
    if filters.neighbourhood is not None:
        services = services.filter(
            Exists(
                ServiceNeighbourhood.objects.filter(
                    service=OuterRef("pk"), neighbourhood=filters.neighbourhood
                )
            )
        )
    if filters.free:
        services = services.filter(is_free=True)
    if filters.wheelchair:
        services = services.filter(locations__wheelchair_accessible=True)
    if filters.spoken_language:
        services = services.filter(languages__icontains=f'"{filters.spoken_language}"')
    if filters.evenings:
        services = services.filter(
            Exists(Schedule.objects.filter(service=OuterRef("pk"), closes_at__gt=EVENING))
        )
    if filters.open_now:
        services = services.filter(_open_at(timezone.localtime(at or timezone.now())))
    # Joins through locations or terms can repeat a service.
    return services.distinct() if filters.wheelchair or filters.life_domain else services


def _open_at(moment: datetime) -> Q:
    """Services with opening hours or office hours at this moment, unless closed today."""
    today = moment.date()
    weeks = Q(week_of_month__isnull=True) | Q(week_of_month=week_of_month(today))
    if in_last_week(today):
        weeks |= Q(week_of_month=WeekOfMonth.LAST)
    slots = Schedule.objects.filter(
        weeks,
        service=OuterRef("pk"),
        weekday=today.isoweekday(),
        opens_at__lte=moment.time(),
        closes_at__gt=moment.time(),
    ).filter(
        Q(valid_from__isnull=True) | Q(valid_from__lte=today),
        Q(valid_to__isnull=True) | Q(valid_to__gte=today),
    )
    closed_today = ScheduleException.objects.filter(service=OuterRef("pk"), date=today, closed=True)
    return Q(Exists(slots)) & ~Q(Exists(closed_today))


def search(
    municipality: Municipality,
    filters: SearchFilters,
    *,
    page: int = 1,
    page_size: int = PAGE_SIZE,
    at: datetime | None = None,
) -> SearchResults:
    """One page of services for the portal or the desk, best match first."""
    services = filtered_services(municipality, filters, at)
    words = query_words(filters.text)
    fuzzy = False
    if not words:
        total = services.count()
        pages = max(1, math.ceil(total / page_size))
        page = min(max(page, 1), pages)
        ordered = services.annotate(sort_name=_name_in(_language())).order_by("sort_name", "pk")
        ids = list(ordered.values_list("pk", flat=True)[(page - 1) * page_size : page * page_size])
        return SearchResults(_load(ids), total, page, pages, words=words)
    if connection.vendor == "postgresql":
        page = max(page, 1)
        # Without filters, the denormalised visible_in alone says what this map shows.
        narrowed = services if replace(filters, text="") != SearchFilters() else None
        ranked = _ranked_postgresql(municipality, narrowed, _prefix_query(words))
        ids, total, page = _page_of(ranked, page, page_size)
        if total == 0:
            fuzzy = True
            alternatives = _nearest_words(words)
            if alternatives:
                raw = _alternatives_query(words, alternatives)
                ranked = _ranked_postgresql(municipality, narrowed, raw)
                ids, total, page = _page_of(ranked, page, page_size)
        pages = max(1, math.ceil(total / page_size))
        # The page itself is checked against the live tables (see ServiceText.visible_in).
        shown = set(services.filter(pk__in=ids).values_list("pk", flat=True))
        ids = [pk for pk in ids if pk in shown]
    else:
        ordered_ids, fuzzy = _ranked_sqlite(services, words)
        total = len(ordered_ids)
        pages = max(1, math.ceil(total / page_size))
        page = min(max(page, 1), pages)
        ids = ordered_ids[(page - 1) * page_size : page * page_size]
    return SearchResults(_load(ids), total, page, pages, fuzzy=fuzzy, words=words)


def _language() -> str:
    return (get_language() or "nl")[:2]


def _name_in(language: str) -> Subquery:
    preferred = Case(When(language=language, then=Value(0)), default=Value(1))
    return Subquery(
        ServiceText.objects.filter(service=OuterRef("pk"))
        .order_by(preferred, "language")
        .values("name")[:1]
    )


def _prefix_query(words: list[str]) -> str:
    # Each word as a prefix (schuld:* matches schuldhulpverlening); words are
    # [a-z0-9]+ after normalise(), so the raw tsquery cannot be malformed.
    return " & ".join(f"{word}:*" for word in words)


def _alternatives_query(words: list[str], alternatives: dict[str, list[str]]) -> str:
    """Every word that has near neighbours, as (near1:* | near2:* | ...), all required."""
    groups = [
        "(" + " | ".join(f"{near}:*" for near in alternatives[word]) + ")"
        for word in words
        if word in alternatives
    ]
    return " & ".join(groups)


def _nearest_words(words: list[str]) -> dict[str, list[str]]:
    """Up to three known words per query word that look alike (pg_trgm), one query."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT q.word, near.word FROM unnest(%s::text[]) AS q(word) "
            "CROSS JOIN LATERAL (SELECT word FROM directory_searchword WHERE word %% q.word "
            "ORDER BY similarity(word, q.word) DESC, word LIMIT 3) AS near",
            [words],
        )
        found: dict[str, list[str]] = {}
        for word, near in cursor.fetchall():
            if _WORD.fullmatch(near):
                found.setdefault(word, []).append(near)
    return found


def _page_of(
    ranked: QuerySet[ServiceText, Any], page: int, page_size: int
) -> tuple[list[int], int, int]:
    """(ids of the page, total, page) in one query: a window function counts the groups.

    ``count()`` on the grouped, ranked queryset would compute and sort every rank
    once more just to count them. Past the last page, the last page is shown.
    """
    sql, params = ranked.query.sql_with_params()
    paged = (
        f"SELECT ranked.service_id, COUNT(*) OVER () FROM ({sql}) AS ranked "  # noqa: S608 (Django's SQL)
        "ORDER BY ranked.rank DESC, ranked.service_id LIMIT %s OFFSET %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(paged, [*params, page_size, (page - 1) * page_size])
        rows = cursor.fetchall()
        if not rows and page > 1:
            cursor.execute(f"SELECT COUNT(*) FROM ({sql}) AS ranked", params)  # noqa: S608
            total = cursor.fetchone()[0]
            last = max(1, math.ceil(total / page_size))
            cursor.execute(paged, [*params, page_size, (last - 1) * page_size])
            rows, page = cursor.fetchall(), last
    total = rows[0][1] if rows else 0
    return [row[0] for row in rows], total, page


def _ranked_postgresql(
    municipality: Municipality, narrowed: QuerySet[Service] | None, raw: str
) -> QuerySet[ServiceText, Any]:
    match = Q()
    rank = []
    for language, configuration in TEXT_SEARCH_CONFIGURATIONS.items():
        query = SearchQuery(raw, search_type="raw", config=configuration)
        match |= Q(language=language, search_vector=query)
        rank.append(When(language=language, then=SearchRank(F("search_vector"), query)))
    texts = ServiceText.objects.filter(match, visible_in__contains=[municipality.pk])
    if narrowed is not None:
        texts = texts.filter(service__in=narrowed.values("pk"))
    return (
        texts.values("service_id").annotate(rank=Max(Case(*rank))).order_by("-rank", "service_id")
    )


def _ranked_sqlite(services: QuerySet[Service], words: list[str]) -> tuple[list[int], bool]:
    rows = list(
        ServiceText.objects.filter(service__in=services.values("pk")).values_list(
            "service_id", "name", "keywords", "search_text"
        )
    )
    stems = [_stem(word) for word in words]
    scores = _score(rows, stems)
    fuzzy = False
    if not scores:
        vocabulary = {word for row in rows for word in row[3].split()}
        alternatives = [
            difflib.get_close_matches(stem, vocabulary, n=3, cutoff=0.75) or [stem]
            for stem in stems
        ]
        scores = _score(rows, [word for group in alternatives for word in group], require_all=False)
        fuzzy = True
    ordered = sorted(scores, key=lambda service_id: (-scores[service_id], service_id))
    return ordered, fuzzy


def _score(
    rows: list[tuple[int, str, str, str]], stems: list[str], require_all: bool = True
) -> dict[int, float]:
    scores: dict[int, float] = {}
    for service_id, name, keywords, text in rows:
        hits = [stem for stem in stems if stem in text]
        if not hits or (require_all and len(hits) < len(stems)):
            continue
        head = normalise(f"{name} {keywords}")
        score = sum(_weight(stem, head, text) for stem in hits)
        scores[service_id] = max(scores.get(service_id, 0.0), score)
    return scores


def _weight(stem: str, head: str, text: str) -> float:
    """A word that starts a word of the name or keywords counts most; inside a
    compound ("huurschuld" for "schuld") less; in the body text least."""
    if f" {stem}" in f" {head}":
        return 4.0
    if stem in head:
        return 2.0
    return 1.5 if f" {stem}" in f" {text}" else 1.0


def _load(ids: list[int]) -> list[Service]:
    """The services of one page, in the given order, with what a result card shows."""
    services = (
        Service.objects.filter(pk__in=ids)
        .select_related("organisation")
        .prefetch_related(
            "texts",
            Prefetch("terms", queryset=TaxonomyTerm.objects.select_related("taxonomy")),
            "locations",
        )
    )
    by_id = {service.pk: service for service in services}
    return [by_id[pk] for pk in ids if pk in by_id]
