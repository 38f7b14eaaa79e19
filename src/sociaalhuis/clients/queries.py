"""Reads of persons: look-up as you type, duplicate candidates, the person card.

This module is the door to persons and households. The functions that take the
``request`` (``person_for``, ``persons_found``, ``household_for``, ...) are the ones
views call: each loads what a page shows and writes its access-log entry itself, so
a page cannot show a person without the read being recorded. The others fetch the
parts of a record that such a door already recorded (a person's households, wishes)
and serve other apps' queries.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Lower
from django.http import Http404, HttpRequest

from sociaalhuis.audit.models import Action
from sociaalhuis.audit.services import access_record_for_request
from sociaalhuis.clients.identity import national_number_clean, search_name_for
from sociaalhuis.clients.merging import person_references
from sociaalhuis.clients.models import (
    ContactRestriction,
    Household,
    HouseholdMember,
    Identity,
    NameWord,
    Person,
    PersonMerge,
)
from sociaalhuis.core.text import fold

LOOKUP_LIMIT = 20
# Words that begin many family names in Flanders and Brussels: never the one to search
# the index by when another word was typed.
PARTICLES = frozenset(
    {"d", "da", "de", "del", "den", "der", "des", "di", "du", "el", "la", "le", "op", "t",
     "ten", "ter", "van", "vande", "vanden", "vander", "von"}
)  # fmt: skip
# Two names this alike (difflib ratio on the folded names) with the same birth date
# are offered as the same person: catches "Mohamed/Mohammed", "Vandamme/Van Damme".
SIMILAR_NAME_RATIO = 0.82


def _as_date(text: str) -> date | None:
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def looks_like_national_number(text: str) -> bool:
    """Whether the text holds (part of) a national register number rather than names
    and dates: such text must never travel in a URL, so GET forms refuse it.
    """
    digits = sum(ch.isdigit() for token in text.split() if _as_date(token) is None for ch in token)
    return digits >= 6


def person_lookup(text: str, limit: int = LOOKUP_LIMIT) -> list[Identity]:
    """The first ``limit`` persons matching what the desk types, for look-up as you type.

    Matches as ``person_search`` does, but ordered by the matching name word (then
    the person) rather than by full name: the longest typed word is read from the
    word index in index order and the scan stops after ``limit`` persons, so a short
    prefix that matches thousands of people costs no more than a rare one. Three
    queries: the ids, the identities, their persons and neighbourhoods.
    """
    words, dates, _digits = _split(text)
    if not words:
        return list(person_search(text)[:limit])
    # The index is read for one word; the others only filter. The longest word that
    # is not a name particle ("de", "van", "le") finds the fewest people.
    driver, *others = sorted(
        words, key=lambda word: (word not in PARTICLES, len(word)), reverse=True
    )
    matches = _words_starting(driver)
    for other in others:
        matches = matches.filter(person_id__in=_persons_with_a_word_starting(other))
    for day in dates:
        matches = matches.filter(person__identity__birth_date=day)
    ids: list[int] = []
    for person_id in matches.order_by("word", "person_id").values_list("person_id", flat=True)[
        : limit * 4
    ]:
        if person_id not in ids:
            ids.append(person_id)
        if len(ids) == limit:
            break
    found = {
        identity.person_id: identity
        for identity in Identity.objects.filter(
            person_id__in=ids, person__merged_into__isnull=True
        ).prefetch_related("person__neighbourhood")
    }
    return [found[person_id] for person_id in ids if person_id in found]


def _split(text: str) -> tuple[list[str], list[date], str]:
    """The folded name words, the dates and the digits in what was typed."""
    words: list[str] = []
    dates: list[date] = []
    for token in text.strip().split():
        as_date = _as_date(token)
        if as_date is not None:
            dates.append(as_date)
        else:
            words.append(token)
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) == 11 and not any(ch.isalpha() for ch in text):
        return [], dates, digits
    return fold(" ".join(words)).split(), dates, digits


def person_search(text: str) -> QuerySet[Identity]:
    """Persons matching what the desk types: name words, a birth date, or the number.

    Every typed word must start a word of the folded name (so "jan pe" finds
    "Peeters Jan"), matched through the ``NameWord`` index by a range; a
    date (dd/mm/yyyy) matches the birth date exactly; eleven digits match the
    national register number exactly. Merged records are left out. Ordered by name,
    not sliced (the search page paginates it).
    """
    # The person and neighbourhood come in two small queries of their own: joining
    # them here made the planner scan every person for the join.
    base = Identity.objects.prefetch_related("person__neighbourhood")
    not_merged = Q(person__merged_into__isnull=True)
    text = text.strip()
    digits = "".join(ch for ch in text if ch.isdigit())
    condition = Q()
    words: list[str] = []
    for token in text.split():
        as_date = _as_date(token)
        if as_date is not None:
            condition &= Q(birth_date=as_date) & not_merged
        else:
            words.append(token)
    if len(digits) == 11 and not any(ch.isalpha() for ch in text):
        try:
            return base.filter(not_merged, national_number=national_number_clean(digits)).order_by(
                "person_id"
            )
        except ValidationError:  # an invalid number simply finds nobody
            return base.none()
    # Merged records have no name words, so this path needs no merged filter (which
    # would make the planner scan every person to join on it).
    for word in fold(" ".join(words)).split():
        condition &= Q(person_id__in=_persons_with_a_word_starting(word))
    if not condition:
        return base.none()
    # Ordered by an expression the name index cannot serve, on purpose: otherwise the
    # planner walks that index in order and probes the name words row by row (230 ms
    # for "mer" among 150,000 persons) instead of collecting the matches from the
    # word index first and sorting the few it finds (see docs/performance.md).
    return base.filter(condition).order_by(Lower("search_name"), "person_id")


def _words_starting(prefix: str) -> QuerySet[NameWord]:
    # "mer" <= word < "mes": a range, which row-level security lets PostgreSQL answer
    # from the index (LIKE 'mer%' it would not: LIKE is not a leakproof operator).
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return NameWord.objects.filter(word__gte=prefix, word__lt=upper)


def _persons_with_a_word_starting(prefix: str) -> QuerySet[NameWord, Any]:
    return _words_starting(prefix).values("person_id")


@dataclass(frozen=True)
class DuplicateCandidate:
    person: Person
    identity: Identity
    same_number: bool
    similarity: float


def duplicate_candidates(
    *,
    given_name: str,
    family_name: str,
    birth_date: date | None,
    national_number: str,
    exclude_id: int | None = None,
) -> list[DuplicateCandidate]:
    """Registered persons that may be the same: the same national register number, or
    the same birth date and a name alike apart from accents, order and typos.
    """
    condition = Q()
    if national_number:
        condition |= Q(national_number=national_number)
    if birth_date is not None:
        condition |= Q(birth_date=birth_date)
    if not condition:
        return []
    wanted = search_name_for(given_name, family_name)
    wanted_reversed = fold(f"{given_name} {family_name}")
    found: list[DuplicateCandidate] = []
    rows = Identity.objects.filter(condition, person__merged_into__isnull=True).select_related(
        "person"
    )
    if exclude_id is not None:
        rows = rows.exclude(person_id=exclude_id)
    for identity in rows[:50]:
        same_number = bool(national_number) and identity.national_number == national_number
        similarity = max(
            difflib.SequenceMatcher(None, wanted, identity.search_name).ratio(),
            difflib.SequenceMatcher(None, wanted_reversed, identity.search_name).ratio(),
            difflib.SequenceMatcher(
                None, wanted.replace(" ", ""), identity.search_name.replace(" ", "")
            ).ratio(),
        )
        if same_number or similarity >= SIMILAR_NAME_RATIO:
            found.append(DuplicateCandidate(identity.person, identity, same_number, similarity))
    found.sort(key=lambda candidate: (not candidate.same_number, -candidate.similarity))
    return found


def active_restrictions(person: Person) -> QuerySet[ContactRestriction]:
    return ContactRestriction.objects.filter(person=person, lifted_at__isnull=True)


def restricted_channels(person: Person | None) -> set[str]:
    """The channels the person asked not to be used (empty for an anonymous contact)."""
    if person is None:
        return set()
    return set(active_restrictions(person).values_list("channel", flat=True))


def _record_read(
    request: HttpRequest, obj: models.Model | None, person_id: int | None, reason: str = ""
) -> None:
    access_record_for_request(
        request, action=Action.READ, obj=obj, person_id=person_id, reason=reason
    )


def person_for(request: HttpRequest, person_id: int | str, *, current_only: bool = False) -> Person:
    """The person with their identity, recorded as read: the one way to load a person
    by id. 404 for an unknown id, another municipality's (tenant-scoped) and, with
    ``current_only``, a record merged into another.
    """
    if not str(person_id).isdigit():
        raise Http404
    rows = Person.objects.select_related("identity", "neighbourhood", "merged_into__identity")
    if current_only:
        rows = rows.filter(merged_into__isnull=True)
    try:
        person = rows.get(pk=int(person_id))
    except Person.DoesNotExist as missing:
        raise Http404 from missing
    _record_read(request, person, person.pk)
    return person


def chosen_person(request: HttpRequest, person_id: object) -> Person | None:
    """The person picked from a list (the id as posted), recorded as read; None for no
    id, an unknown one or a record merged into another (pick the kept record).
    """
    if not str(person_id or "").isdigit():
        return None
    try:
        return person_for(request, str(person_id), current_only=True)
    except Http404:
        return None


def record_number_shown(request: HttpRequest, person: Person, reason: str) -> None:
    """Showing the full national register number is a read of its own, with its reason."""
    _record_read(request, person, person.pk, reason)


def persons_found(request: HttpRequest, text: str) -> QuerySet[Identity]:
    """``person_search`` for the search page, recorded: one entry per search, not one
    per person listed (the list shows names only)."""
    access_record_for_request(request, action=Action.READ, object_type="clients.person")
    return person_search(text)


def persons_looked_up(request: HttpRequest, text: str) -> list[Identity]:
    """``person_lookup`` for a pick list, recorded like ``persons_found``."""
    access_record_for_request(request, action=Action.READ, object_type="clients.person")
    return person_lookup(text)


def restriction_for(request: HttpRequest, restriction_id: int) -> ContactRestriction:
    """A contact wish with its person, recorded as a read of that person."""
    try:
        restriction = ContactRestriction.objects.select_related("person__identity").get(
            pk=restriction_id
        )
    except ContactRestriction.DoesNotExist as missing:
        raise Http404 from missing
    _record_read(request, restriction, restriction.person_id)
    return restriction


def household_for(request: HttpRequest, household_id: int) -> Household:
    """A household (its name, no members), recorded as read."""
    try:
        household = Household.objects.get(pk=household_id)
    except Household.DoesNotExist as missing:
        raise Http404 from missing
    _record_read(request, household, None)
    return household


def household_with_members(
    request: HttpRequest, household_id: int
) -> tuple[Household, list[HouseholdMember]]:
    """A household and all its members, recorded as a read of each member."""
    try:
        household = Household.objects.get(pk=household_id)
    except Household.DoesNotExist as missing:
        raise Http404 from missing
    members = household_members(household)
    for member in members:
        _record_read(request, household, member.person_id)
    return household, members


def member_for(request: HttpRequest, member_id: int) -> HouseholdMember:
    """One membership of a household with its person, recorded as a read of that person."""
    try:
        member = HouseholdMember.objects.select_related("household", "person__identity").get(
            pk=member_id
        )
    except HouseholdMember.DoesNotExist as missing:
        raise Http404 from missing
    _record_read(request, member.household, member.person_id)
    return member


def merge_for(request: HttpRequest, merge_id: int) -> PersonMerge:
    """A merge with both persons, recorded as a read of each."""
    try:
        merge = PersonMerge.objects.select_related(
            "survivor__identity", "duplicate__identity", "merged_by"
        ).get(pk=merge_id)
    except PersonMerge.DoesNotExist as missing:
        raise Http404 from missing
    for record in (merge.survivor, merge.duplicate):
        _record_read(request, record, record.pk)
    return merge


def record_counts(person: Person) -> list[tuple[str, int]]:
    """How many records of each kind point at the person (what a merge would move)."""
    counts = []
    for model, field_name in person_references():
        count = model._default_manager.filter(**{field_name: person}).count()
        if count:
            counts.append((str(model._meta.verbose_name_plural), count))
    return counts


@dataclass(frozen=True)
class HouseholdLink:
    """One of a person's households: their membership and the other current members."""

    membership: HouseholdMember
    others: list[HouseholdMember]


def person_households(person: Person) -> list[HouseholdLink]:
    """The households a person is or was in, current first, each with its other
    current members (two queries however many households and members).
    """
    memberships = list(
        HouseholdMember.objects.filter(person=person)
        .select_related("household")
        .order_by(F("left_on").desc(nulls_first=True), "-pk")
    )
    others: dict[int, list[HouseholdMember]] = {m.household_id: [] for m in memberships}
    if memberships:
        for member in (
            HouseholdMember.objects.filter(household_id__in=others, left_on__isnull=True)
            .exclude(person=person)
            .select_related("person__identity")
            .order_by("pk")
        ):
            others[member.household_id].append(member)
    return [HouseholdLink(m, others[m.household_id]) for m in memberships]


def household_members(household: Household) -> list[HouseholdMember]:
    """Current members first (in the order they joined), then those who left."""
    return list(
        HouseholdMember.objects.filter(household=household)
        .select_related("person__identity", "person__neighbourhood")
        .order_by(F("left_on").desc(nulls_first=True), "pk")
    )
