"""Optimistic locking: two people editing the same record never overwrite each other.

A record with a ``version`` field is saved with ``save_if_unchanged``: it locks the
row, compares the version the editor started from with the stored one, and raises
``EditConflictError`` (carrying the stored record) when someone saved in between. The view
then shows both versions and keeps what the second editor typed.
"""

from __future__ import annotations

from typing import Any

from django.db import models, transaction


class EditConflictError(Exception):
    """The record changed since the editor opened it."""

    def __init__(self, current: models.Model) -> None:
        super().__init__("The record changed since it was opened.")
        self.current = current


def lock_for_edit[M: models.Model](model: type[M], pk: Any, based_on_version: int) -> M:
    """The row, locked for this transaction, if it is still at ``based_on_version``."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock_for_edit must run inside a transaction.")
    current = model._default_manager.select_for_update().get(pk=pk)
    # Every model edited this way has a ``version`` field; Model itself has none.
    if current.version != based_on_version:  # type: ignore[attr-defined]
        raise EditConflictError(current)
    return current


def save_new_version(instance: models.Model, update_fields: list[str]) -> None:
    instance.version += 1  # type: ignore[attr-defined]  # a versioned model (see above)
    instance.save(update_fields=[*update_fields, "version"])
