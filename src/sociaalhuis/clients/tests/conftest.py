"""Fixtures of the clients tests: acting as a role in a municipality."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from sociaalhuis.accounts.models import User
from sociaalhuis.core import tenancy
from sociaalhuis.testing import Cast, log_in

ActAs = Callable[..., AbstractContextManager[None]]


@pytest.fixture
def act_as(cast: Cast) -> ActAs:
    """``with act_as("ronse", "reception"):`` runs the block as that worker."""

    @contextmanager
    def activate(slug: str = "ronse", role: str = "reception") -> Iterator[None]:
        context = tenancy.TenantContext(
            municipality_id=cast.municipalities[slug].pk,
            user_id=cast.user(slug, role).pk,
            roles=frozenset({role}),
        )
        with tenancy.activate(context):
            yield

    return activate


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
