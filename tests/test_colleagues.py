"""Whom a worker may choose: ``accounts.queries.colleagues`` is the one list of users
with an active role here, and a switched-off account is in none of the pick lists
(three copies of that list used to offer it)."""

from __future__ import annotations

import pytest
from django import forms

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.queries import colleagues, is_colleague
from sociaalhuis.accounts.roles import Role
from sociaalhuis.accounts.tests.factories import MembershipFactory, UserFactory
from sociaalhuis.core import tenancy
from sociaalhuis.dossiers.plan.forms import StepForm
from sociaalhuis.frontdesk.configuration.forms import CellForm
from sociaalhuis.referrals.forms import ReferralForm
from sociaalhuis.testing import Cast
from sociaalhuis.testing.examples.clients import example_person


@pytest.fixture
def switched_off(cast: Cast) -> User:
    """A social worker of Ronse whose account was switched off; the role stays."""
    user = UserFactory.create(
        email="gone@ronse.test", full_name="Ronse Former Worker", is_active=False
    )
    MembershipFactory.create(user=user, municipality=cast.ronse, role=Role.SOCIAL_WORKER)
    return user


@pytest.fixture
def role_ended(cast: Cast) -> User:
    """A cell specialist of Ronse whose role here has ended."""
    user = UserFactory.create(email="ended@ronse.test", full_name="Ronse Ended Role")
    MembershipFactory.create(
        user=user, municipality=cast.ronse, role=Role.CELL_SPECIALIST, active=False
    )
    return user


def _offered(form: forms.BaseForm, name: str) -> set[User]:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    return set(field.queryset)  # type: ignore[arg-type]


def test_colleagues_are_active_users_with_an_active_role_here(
    cast: Cast, switched_off: User, role_ended: User
) -> None:
    with tenancy.for_municipality(cast.ronse.pk):
        workers = set(colleagues(Role.SOCIAL_WORKER, Role.CELL_SPECIALIST))
        everyone = set(colleagues())
        assert cast.user("ronse", Role.SOCIAL_WORKER) in workers
        assert cast.user("ronse", Role.CELL_SPECIALIST) in workers
        assert cast.user("ronse", Role.RECEPTION) not in workers
        assert cast.user("ronse", Role.RECEPTION) in everyone
        assert cast.user("kortrijk", Role.SOCIAL_WORKER) not in everyone
        assert switched_off not in everyone
        assert role_ended not in everyone
        assert not is_colleague(switched_off, Role.SOCIAL_WORKER)
        assert is_colleague(cast.user("ronse", Role.SOCIAL_WORKER), Role.SOCIAL_WORKER)


def test_a_switched_off_account_is_offered_as_no_step_owner_cell_member_or_receiver(
    cast: Cast, switched_off: User
) -> None:
    worker = cast.user("ronse", Role.SOCIAL_WORKER)
    with tenancy.for_municipality(cast.ronse.pk):
        owners = _offered(StepForm(), "owner")
        members = _offered(CellForm(), "members")
        referral_form = ReferralForm(
            person=example_person(cast.ronse), municipality=cast.ronse, actor=worker
        )
        receivers = _offered(referral_form, "to_user")
        for offered in (owners, members, receivers):
            assert switched_off not in offered
        assert worker in owners
        assert worker in members
        assert cast.user("ronse", Role.CELL_SPECIALIST) in receivers
