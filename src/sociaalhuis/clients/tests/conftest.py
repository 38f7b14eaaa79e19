"""Fixtures of the clients tests: acting as a role in a municipality."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import pytest

from sociaalhuis.core import tenancy
from sociaalhuis.core.testing import Cast

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
