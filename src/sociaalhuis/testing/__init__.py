"""What every test of the project shares: the fixed cast and the helpers around it.

This package sits on top of every app: it may import any of them, and nothing in an
app's own (non-test) code imports it. That is why the cast lives here and not in
``core``: building it needs accounts, directory and tenants, which sit above core.

Where test data comes from (one way, not three):

- **The cast** (``build_cast``, ``Cast``): two municipalities, Ronse and Kortrijk,
  one user per role in each plus an outsider with no role anywhere. Built once per
  test session by the root ``conftest.py``; reach it through the ``cast`` fixture.
- **Factories** (factory_boy, with traits for the common shapes): each app keeps its
  own in ``<app>/tests/factories.py``. A factory module imports only its own app and
  the apps below it, so the dependency order of the apps holds for test code too
  (``dossiers/tests/factories.py`` may use the clients factories, never the
  referrals ones). Tests import the factories of their own app and of lower apps.
  Traits name the common shapes: ``PersonFactory(with_national_number=True)``,
  ``DossierFactory(closed=True)``, ``ServiceFactory(draft=True)``,
  ``ReferralFactory(draft=True)``. A factory writes rows directly (no access-log
  entry, no number from the numbering service); where realism needs the application's
  own path, its ``_create`` takes it and its docstring says so (``ServiceFactory``
  stores a snapshot, as the editing pages do).
- **Examples** (``sociaalhuis.testing.examples.<app>``): named, idempotent objects on
  the cast (``example_dossier(cast, "ronse")``), built with the factories; the
  authorization matrix asks for one example of every object behind a route.
  ``examples.referrals.make_referral(cast, slug, ...)`` is ``ReferralFactory`` with
  the cast's example dossier, partner service, consent and reception worker.

Acting: ``act_as(user, municipality)`` runs a block of test code as that user there
(the tenant context a request would have); ``cast.acting("ronse", Role.RECEPTION)``
is the same for a member of the cast. Use these, never a hand-built ``TenantContext``
(only a test of tenancy itself needs one, or a block that works in a municipality as
trusted code without any user).

Helpers: ``log_in`` (a client signed in with the second factor done), ``queries_for``
(database queries of one GET), ``link_path_in_mail`` and ``ClientResponse`` (the type
of what the test client returns).
"""

from __future__ import annotations

from sociaalhuis.accounts.tests.factories import TEST_PASSWORD
from sociaalhuis.testing.acting import act_as
from sociaalhuis.testing.cast import KORTRIJK_ONLY_MARKERS, Cast, build_cast
from sociaalhuis.testing.web import ClientResponse, link_path_in_mail, log_in, queries_for

__all__ = [
    "KORTRIJK_ONLY_MARKERS",
    "TEST_PASSWORD",
    "Cast",
    "ClientResponse",
    "act_as",
    "build_cast",
    "link_path_in_mail",
    "log_in",
    "queries_for",
]
