"""Fixtures of the referral tests: act as someone, in English.

``acting(user, slug, role)`` runs a block as ``user`` with ``role`` in that
municipality (a partner worker acts for the cast's partner organisation there), the
way the middleware sets it up for a request.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.core import tenancy
from sociaalhuis.testing import Cast, log_in

Acting = Callable[..., AbstractContextManager[None]]


@pytest.fixture
def acting(cast: Cast) -> Acting:
    @contextmanager
    def run(user: User, slug: str = "ronse", role: str = Role.SOCIAL_WORKER) -> Iterator[None]:
        organisations = (
            frozenset({cast.organisations[slug].pk}) if role == Role.PARTNER_WORKER else frozenset()
        )
        context = tenancy.TenantContext(
            municipality_id=cast.municipalities[slug].pk,
            user_id=user.pk,
            roles=frozenset({role}),
            organisation_ids=organisations,
        )
        with tenancy.activate(context):
            yield

    return run


# These tests read the English texts (the source language); Dutch and French are
# checked by the translation tests.
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
