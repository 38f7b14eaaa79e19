"""Acting as someone in a municipality: the one way tests call services and queries.

Services and queries read who is working, where and with which roles from the tenant
context that ``TenantMiddleware`` sets for a request. ``act_as`` sets the same context
for a block of test code, from the same place the middleware takes it: the user's
active memberships in that municipality.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sociaalhuis.accounts.models import Membership, User
from sociaalhuis.core import tenancy
from sociaalhuis.tenants.models import Municipality


@contextmanager
def act_as(user: User, municipality: Municipality) -> Iterator[User]:
    """Run the block as ``user`` working in ``municipality``; yields the user.

    The roles and partner organisations are those of the user's active memberships
    there, so a test never acts with permissions nobody has (someone without a role
    there acts with none, and the rules refuse them as they would a request).
    """
    memberships = list(Membership.objects.filter(user=user, municipality=municipality, active=True))
    context = tenancy.TenantContext(
        municipality_id=municipality.pk,
        user_id=user.pk,
        roles=frozenset(membership.role for membership in memberships),
        organisation_ids=frozenset(
            membership.organisation_id for membership in memberships if membership.organisation_id
        ),
    )
    with tenancy.activate(context):
        yield user
