"""Writes to persons, their identity, households and contact wishes.

Every write checks the input, refuses a likely duplicate unless the worker confirms
it is someone else, and records the access in the same transaction.

This package is the app's write API, so callers keep writing
``services.person_register(...)``; the work lives in one module per concern:
``persons`` (register, correct), ``restrictions`` (contact wishes), ``households``,
``merge`` and ``trail`` (the role check before a write).
"""

from sociaalhuis.clients.services.households import (
    household_create,
    household_member_add,
    household_member_leave,
)
from sociaalhuis.clients.services.merge import person_merge
from sociaalhuis.clients.services.persons import (
    DuplicateSuspectedError,
    PersonInput,
    name_words_save,
    neighbourhood_for_address,
    person_register,
    person_update,
)
from sociaalhuis.clients.services.restrictions import restriction_add, restriction_lift

__all__ = [
    "DuplicateSuspectedError",
    "PersonInput",
    "household_create",
    "household_member_add",
    "household_member_leave",
    "name_words_save",
    "neighbourhood_for_address",
    "person_merge",
    "person_register",
    "person_update",
    "restriction_add",
    "restriction_lift",
]
