"""The one way tests act as someone: the tenant context comes from the memberships."""

from __future__ import annotations

from sociaalhuis.accounts.roles import Role
from sociaalhuis.core import tenancy
from sociaalhuis.testing import Cast, act_as


def test_a_partner_worker_acts_with_the_role_and_organisation_of_the_membership(
    cast: Cast,
) -> None:
    with cast.acting("ronse", Role.PARTNER_WORKER) as partner:
        context = tenancy.current()
    assert partner == cast.user("ronse", Role.PARTNER_WORKER)
    assert context.municipality_id == cast.ronse.pk
    assert context.user_id == partner.pk
    assert context.roles == {Role.PARTNER_WORKER}
    assert context.organisation_ids == {cast.organisations["ronse"].pk}


def test_someone_acting_where_they_have_no_role_acts_with_none(cast: Cast) -> None:
    with act_as(cast.user("kortrijk", Role.SOCIAL_WORKER), cast.ronse):
        context = tenancy.current()
    assert context.municipality_id == cast.ronse.pk
    assert context.roles == frozenset()
    assert context.organisation_ids == frozenset()


def test_the_context_ends_with_the_block(cast: Cast) -> None:
    with cast.acting("kortrijk", Role.RECEPTION):
        assert tenancy.current_municipality_id() == cast.kortrijk.pk
    assert tenancy.current_municipality_id() is None
