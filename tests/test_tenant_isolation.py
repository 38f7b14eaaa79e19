"""A user of Ronse never sees a Kortrijk row through any page or API operation."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from io import BytesIO
from typing import Any

import pytest
from django.test import Client

from sociaalhuis.accounts.authorization import ROUTES
from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import AccessLogEntry, Result
from sociaalhuis.audit.services import access_record
from sociaalhuis.core import tenancy
from sociaalhuis.testing import KORTRIJK_ONLY_MARKERS, Cast
from tests.routes import url_for, walk
from tests.test_authorization_matrix import _allowed

GET_ROUTES = [route for route in walk() if route.name not in ("accounts:logout",)]


@pytest.fixture
def kortrijk_activity(cast: Cast) -> None:
    """Access-log rows that exist only in Kortrijk."""
    with tenancy.for_municipality(cast.kortrijk.pk):
        for role in Role.values:
            access_record(
                actor=cast.user("kortrijk", role),
                action="read",
                object_type="kortrijk.test",
                person_id=4242,
            )


@pytest.mark.usefixtures("kortrijk_activity")
@pytest.mark.parametrize("role", Role.values)
def test_no_ronse_page_shows_a_kortrijk_row(
    cast: Cast, client_for: Callable[[User], Client], role: str
) -> None:
    client = client_for(cast.user("ronse", role))
    visited = 0
    for route in GET_ROUTES:
        if not _allowed(ROUTES[route.name], {role}):
            continue
        response = client.get(url_for(route, cast, "ronse"), {"page": 1})
        if response.status_code != 200:
            continue
        visited += 1
        body = _text_of(response)
        for marker in KORTRIJK_ONLY_MARKERS:
            assert marker not in body, (
                f"{route.name} shows Kortrijk data ({marker}) to {role}@ronse"
            )
    assert visited >= 3


def test_the_url_of_a_kortrijk_user_is_not_found_for_a_ronse_administrator(
    cast: Cast, client_for: Callable[[User], Client]
) -> None:
    client = client_for(cast.user("ronse", Role.MUNICIPALITY_ADMIN))
    kortrijk_user = cast.user("kortrijk", Role.RECEPTION)
    response = client.get(f"/account/users/{kortrijk_user.pk}/")
    assert response.status_code == 404
    assert "andere gemeente" in response.content.decode()  # the translated page, not a trace


def test_revoking_a_kortrijk_role_from_ronse_is_not_found_and_changes_nothing(
    cast: Cast, client_for: Callable[[User], Client]
) -> None:
    client = client_for(cast.user("ronse", Role.MUNICIPALITY_ADMIN))
    membership = cast.user("kortrijk", Role.RECEPTION).memberships.get()
    assert client.post(f"/account/roles/{membership.pk}/revoke/").status_code == 404
    membership.refresh_from_db()
    assert membership.active


def test_a_forged_municipality_switch_is_refused_and_audited(
    cast: Cast, client_for: Callable[[User], Client]
) -> None:
    user = cast.user("ronse", Role.SOCIAL_WORKER)
    client = client_for(user)
    response = client.post("/account/municipality/", {"municipality": cast.kortrijk.pk})
    assert response.status_code == 403
    assert client.get("/municipality/").context["workspace"].municipality == cast.ronse
    denied = AccessLogEntry.unscoped.get(
        actor=user, result=Result.DENIED, object_type="tenants.municipality"
    )
    assert denied.object_id == str(cast.kortrijk.pk)
    assert denied.municipality_id == cast.ronse.pk


def test_the_api_lists_only_the_active_municipality(
    cast: Cast, client_for: Callable[[User], Client]
) -> None:
    client = client_for(cast.user("ronse", Role.POLICY_COORDINATOR))
    names = {item["name"] for item in client.get("/api/v1/municipality/neighbourhoods").json()}
    assert names == {"Prinskouter"}


def _text_of(response: Any) -> str:
    """The text of a response; a spreadsheet (XLSX) is read from inside its zip."""
    if response["Content-Type"].startswith("application/vnd.openxmlformats"):
        with zipfile.ZipFile(BytesIO(response.content)) as archive:
            return "".join(archive.read(name).decode() for name in archive.namelist())
    return response.content.decode()
