"""Folding names for matching, and optimistic locking of edited records."""

from __future__ import annotations

import pytest
from django.db import transaction

from sociaalhuis.clients.models import Person
from sociaalhuis.core import tenancy
from sociaalhuis.core.concurrency import EditConflictError, lock_for_edit, save_new_version
from sociaalhuis.core.text import fold
from sociaalhuis.testing import Cast


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Dupont-Lefèvre,  Émile", "dupont lefevre emile"),
        ("  VAN DEN  BOSSCHE ", "van den bossche"),
        ("Çelik Ömer", "celik omer"),
        ("", ""),
    ],
)
def test_names_fold_to_one_key_however_they_were_typed(typed: str, key: str) -> None:
    assert fold(typed) == key


def test_a_save_based_on_the_current_version_goes_through(cast: Cast) -> None:
    with tenancy.for_municipality(cast.ronse.pk):
        person = Person.objects.create()
        with transaction.atomic():
            locked = lock_for_edit(Person, person.pk, based_on_version=1)
            locked.interpreter_needed = True
            save_new_version(locked, ["interpreter_needed"])
        person.refresh_from_db()
        assert (person.version, person.interpreter_needed) == (2, True)


def test_a_save_based_on_an_older_version_is_refused_with_the_stored_record(cast: Cast) -> None:
    with tenancy.for_municipality(cast.ronse.pk):
        person = Person.objects.create()
        Person.objects.filter(pk=person.pk).update(version=2, interpreter_needed=True)
        with pytest.raises(EditConflictError) as conflict, transaction.atomic():
            lock_for_edit(Person, person.pk, based_on_version=1)
        assert conflict.value.current.interpreter_needed is True  # type: ignore[attr-defined]
