"""Fixtures of the dossier tests: an example dossier in Ronse and a colleague outside its team."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.accounts.tests.factories import MembershipFactory, UserFactory
from sociaalhuis.dossiers.models import Dossier
from sociaalhuis.testing import Cast
from sociaalhuis.testing.examples.dossiers import example_dossier


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


# These tests read the English texts of pages and choices (the source language), so
# they run in English: signed-in clients send the language cookie (see client_for in
# the root conftest) and the code runs under English. Dutch and French are checked by
# the translation tests.
@pytest.fixture
def client_language() -> str:
    return "en"


@pytest.fixture(autouse=True)
def _in_english() -> Iterator[None]:
    with translation.override("en"):
        yield
