"""Acting as a demo user: their account, the tenant context their memberships give
them, the demo people by name, and the fixed idempotency keys of the demo records.

The demo loads through the same services a request would use, so every step is taken
as the user the plan names, with only the roles that user really holds.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sociaalhuis.accounts.models import Membership, User
from sociaalhuis.clients.models import Identity, Person
from sociaalhuis.core import tenancy
from sociaalhuis.demo import seeds
from sociaalhuis.demo.referrals.plans import REGIONAL
from sociaalhuis.tenants.models import Municipality

# The idempotency keys of the demo referrals and contacts: uuid5 of this and a name.
NAMESPACE = uuid.UUID("e892017f-2640-4b56-ade6-be12533860a8")


def demo_key(slug: str, name: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{slug}/{name}")


def login(local: str, municipality: Municipality) -> User:
    """The demo user with this local part (``plans.WORKER`` ...) in the municipality."""
    if local == REGIONAL:
        return User.objects.get(email=f"{REGIONAL}@{seeds.DEMO_EMAIL_DOMAIN}")
    return User.objects.get(email=f"{local}.{municipality.slug}@{seeds.DEMO_EMAIL_DOMAIN}")


@contextmanager
def acting(user: User, municipality: Municipality) -> Iterator[None]:
    """The tenant context the user's own memberships give them, as a request would."""
    memberships = list(Membership.objects.filter(user=user, municipality=municipality, active=True))
    context = tenancy.TenantContext(
        municipality_id=municipality.pk,
        user_id=user.pk,
        roles=frozenset(m.role for m in memberships),
        organisation_ids=frozenset(m.organisation_id for m in memberships if m.organisation_id),
    )
    with tenancy.activate(context):
        yield


def find_person(name: tuple[str, str]) -> Person | None:
    """The (unmerged) demo person with this given and family name, if loaded."""
    identity = (
        Identity.objects.select_related("person")
        .filter(given_name=name[0], family_name=name[1], person__merged_into__isnull=True)
        .first()
    )
    return identity.person if identity is not None else None
