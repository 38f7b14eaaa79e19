"""Reference numbers: consecutive, integers, never the same one twice."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, transaction

from sociaalhuis.core import tenancy
from sociaalhuis.tenants import numbering
from sociaalhuis.tenants.models import Municipality, ReferenceCounter
from sociaalhuis.testing import Cast


def test_the_first_number_of_a_year_follows_the_records_made_before_counters() -> None:
    existing = ["V2026-0007", "V2026-9999", "V2026-10000", "V2025-12000", "V2026-draft"]
    assert numbering.highest_number(existing, "V2026-") == 10000
    assert numbering.highest_number([], "V2026-") == 0


def test_numbers_are_consecutive_per_municipality_kind_and_year(cast: Cast) -> None:
    with tenancy.for_municipality(cast.ronse.pk):
        first = numbering.next_number("referral", 2026, existing=lambda: 9999)
        second = numbering.next_number("referral", 2026, existing=lambda: 0)
        other_kind = numbering.next_number("dossier", 2026, existing=lambda: 0)
        next_year = numbering.next_number("referral", 2027, existing=lambda: 0)
    with tenancy.for_municipality(cast.kortrijk.pk):
        elsewhere = numbering.next_number("referral", 2026, existing=lambda: 0)
    # The 10,000th follows the 9,999th (references compared as text would not).
    assert (first, second, other_kind, next_year, elsewhere) == (10000, 10001, 1, 1, 1)


def _save_and_fail() -> None:
    with transaction.atomic():
        numbering.next_number("referral", 2026, existing=lambda: 0)
        raise RuntimeError("the record could not be saved")


def test_a_rolled_back_record_gives_its_number_back(cast: Cast) -> None:
    with tenancy.for_municipality(cast.ronse.pk):
        numbering.next_number("referral", 2026, existing=lambda: 0)
        with pytest.raises(RuntimeError):
            _save_and_fail()
        assert numbering.next_number("referral", 2026, existing=lambda: 0) == 2


@pytest.mark.django_db(transaction=True)
def test_records_made_at_the_same_moment_wait_for_each_other(postgresql_only: None) -> None:
    """Two transactions: the second waits for the first's lock and gets the next number."""
    # Its own municipality: a transactional test starts from an emptied database.
    municipality_id = Municipality.objects.create(
        nis_code="99001", name="Gelijktijdig", slug="gelijktijdig"
    ).pk
    with tenancy.for_municipality(municipality_id):
        numbering.next_number("referral", 2026, existing=lambda: 0)  # the counter exists
    taken: list[int] = []
    first_holds_the_lock = threading.Event()

    def second() -> None:
        first_holds_the_lock.wait(5)
        try:
            with tenancy.for_municipality(municipality_id):
                taken.append(numbering.next_number("referral", 2026, existing=lambda: 0))
        finally:
            connection.close()

    other = threading.Thread(target=second)
    other.start()
    with tenancy.for_municipality(municipality_id):
        taken.append(numbering.next_number("referral", 2026, existing=lambda: 0))
        first_holds_the_lock.set()
        time.sleep(0.5)  # the other transaction is now waiting for this one
        assert len(taken) == 1
    other.join(10)
    assert taken == [2, 3]
    assert ReferenceCounter.unscoped.get(municipality_id=municipality_id, kind="referral").last == 3
