"""Fixtures of the dossier tests: an example dossier in Ronse and a colleague outside its team."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.accounts.tests.factories import MembershipFactory, UserFactory
from sociaalhuis.core import tenancy
from sociaalhuis.dossiers.models import Dossier
from sociaalhuis.dossiers.testing import example_dossier
from sociaalhuis.testing import Cast, log_in

Acting = Callable[[User, str], AbstractContextManager[None]]


@pytest.fixture
def dossier(cast: Cast) -> Dossier:
    """Ronse: managed by the social worker, the cell specialist on the care team."""
    return example_dossier(cast, "ronse")


@pytest.fixture
def manager(cast: Cast) -> User:
    return cast.user("ronse", Role.SOCIAL_WORKER)


@pytest.fixture
def colleague(cast: Cast) -> User:
    """A second social worker of Ronse, not on the example dossier's care team."""
    user = UserFactory.create(email="second-social-worker@ronse.test", full_name="Sam Second")
    MembershipFactory.create(user=user, municipality=cast.ronse, role=Role.SOCIAL_WORKER)
    return user


@pytest.fixture
def acting(cast: Cast) -> Acting:
    """``with acting(user, role):`` runs the block as that user in Ronse."""

    @contextmanager
    def run(user: User, role: str = Role.SOCIAL_WORKER) -> Iterator[None]:
        context = tenancy.TenantContext(
            municipality_id=cast.ronse.pk, user_id=user.pk, roles=frozenset({role})
        )
        with tenancy.activate(context):
            yield

    return run


# These tests read the English texts of pages and choices (the source language), so
# they run in English: signed-in clients send the language cookie and the code runs
# under English. Dutch and French are checked by the translation tests.
@pytest.fixture(autouse=True)
def _in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def client_for() -> Callable[..., Client]:
    def make(user: User, *, second_factor: bool = True) -> Client:
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return log_in(client, user, second_factor=second_factor)

    return make
