"""Numbers for references such as "2026-0042" (dossiers) and "V2026-0042" (referrals).

One counter row per municipality, kind and year, locked for the rest of the caller's
transaction: two records made at the same moment get consecutive numbers, never the
same one, and numbers are integers, so the 10,000th of a year follows the 9,999th.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import QuerySet

from sociaalhuis.core import tenancy
from sociaalhuis.tenants.models import ReferenceCounter


def highest_number(references: Iterable[str], prefix: str) -> int:
    """The highest number among existing references with ``prefix`` (0 when none).

    Seeds a year's counter from the records made before counters existed.
    """
    numbers = (
        int(reference[len(prefix) :])
        for reference in references
        if reference.startswith(prefix) and reference[len(prefix) :].isdigit()
    )
    return max(numbers, default=0)


def next_number(kind: str, year: int, *, existing: Callable[[], int]) -> int:
    """The next number of ``kind`` in ``year`` for the active municipality.

    Runs inside the transaction that saves the record (a request's or a command's
    tenant transaction at least): the counter stays locked until it commits, and a
    rollback gives the number back. ``existing`` gives the highest number already in
    use, read only when the year's counter is first made.
    """
    counters = ReferenceCounter.objects.select_for_update()
    counter = counters.filter(kind=kind, year=year).first()
    if counter is None:
        ReferenceCounter.objects.bulk_create(
            [
                ReferenceCounter(
                    municipality_id=tenancy.require_municipality_id(),
                    kind=kind,
                    year=year,
                    last=existing(),
                )
            ],
            ignore_conflicts=True,  # made by a transaction at the same moment: use that one
        )
        counter = counters.get(kind=kind, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def next_reference(kind: str, year: int, *, prefix: str, records: QuerySet[Any]) -> str:
    """The next reference of ``kind``, e.g. ``V2026-0042``: ``prefix`` and a number of
    at least four digits. ``records`` (with a ``reference`` field) seed a new year's
    counter from the references already in use."""

    def existing() -> int:
        in_use = records.filter(reference__startswith=prefix).values_list("reference", flat=True)
        return highest_number(in_use, prefix)

    return f"{prefix}{next_number(kind, year, existing=existing):04d}"
