"""Every route of the project is in the authorization matrix, and the matrix holds.

Walks every URL pattern (API operations included) for every role in two
municipalities, plus an anonymous visitor and an outsider without any role. A route
missing from ``accounts.authorization.ROUTES`` fails here and is refused at runtime.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from sociaalhuis.accounts.authorization import PERMISSIONS, ROUTES, Access, Rule
from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import AccessLogEntry, Result
from sociaalhuis.testing import Cast
from tests.routes import EXAMPLE_ARGUMENTS, Route, url_for, walk

ROUTES_OF_PROJECT = sorted(walk(), key=lambda route: route.name)


def test_every_route_has_a_name_and_an_entry_in_the_matrix() -> None:
    unnamed = [route.pattern for route in ROUTES_OF_PROJECT if not route.name]
    missing = [route.name for route in ROUTES_OF_PROJECT if route.name and route.name not in ROUTES]
    assert not unnamed, f"Name these URL patterns so the matrix can cover them: {unnamed}"
    assert not missing, f"Add these routes to accounts/authorization.py ROUTES: {missing}"


def test_the_matrix_names_no_route_that_does_not_exist() -> None:
    existing = {route.name for route in ROUTES_OF_PROJECT}
    assert set(ROUTES) - existing == set()


def test_every_route_with_arguments_has_an_example() -> None:
    missing = [
        r.name for r in ROUTES_OF_PROJECT if r.takes_arguments and r.name not in EXAMPLE_ARGUMENTS
    ]
    assert not missing, f"Add example arguments for {missing} in tests/routes.py"


def test_every_permission_is_used_by_some_route() -> None:
    used = {rule.permission for rule in ROUTES.values()}
    assert set(PERMISSIONS) <= used


def _allowed(rule: Rule, roles: set[str]) -> bool:
    if rule.access in (Access.PUBLIC, Access.SIGNED_IN, Access.VERIFIED):
        return True
    if not roles:
        return False
    return rule.permission is None or bool(PERMISSIONS[rule.permission] & roles)


def _is_refusal(status: int, location: str) -> bool:
    return status == 403 or (status in (301, 302) and "/account/login/" in location)


def _check(client: Client, route: Route, url: str, allowed: bool, who: str) -> None:
    response = client.get(url)
    refused = _is_refusal(response.status_code, response.headers.get("Location", ""))
    if allowed:
        assert not refused, (
            f"{who} should reach {route.name} ({url}) but got {response.status_code}"
        )
        assert response.status_code < 500, f"{route.name} failed for {who}: {response.status_code}"
    else:
        assert refused or response.status_code == 401, (
            f"{who} must be refused {route.name} ({url}) but got {response.status_code}"
        )


@pytest.mark.parametrize("slug", ["ronse", "kortrijk"])
@pytest.mark.parametrize("role", Role.values)
def test_each_role_reaches_exactly_what_the_matrix_allows(
    cast: Cast, client_for: Callable[[User], Client], slug: str, role: str
) -> None:
    client = client_for(cast.user(slug, role))
    for route in ROUTES_OF_PROJECT:
        if route.name in ("accounts:logout",):
            continue  # logging out would end the walk
        _check(
            client,
            route,
            url_for(route, cast, slug),
            _allowed(ROUTES[route.name], {role}),
            f"{role}@{slug}",
        )


def test_anonymous_visitor_reaches_only_public_routes(cast: Cast, client: Client) -> None:
    for route in ROUTES_OF_PROJECT:
        allowed = ROUTES[route.name].access == Access.PUBLIC
        _check(client, route, url_for(route, cast, "ronse"), allowed, "anonymous")


def test_outsider_without_any_role_reaches_no_workspace_route(
    cast: Cast, client_for: Callable[[User], Client]
) -> None:
    client = client_for(cast.outsider)
    for route in ROUTES_OF_PROJECT:
        if route.name == "accounts:logout":
            continue
        _check(
            client,
            route,
            url_for(route, cast, "ronse"),
            _allowed(ROUTES[route.name], set()),
            "outsider",
        )


def test_a_refused_route_is_recorded_in_the_access_log(
    cast: Cast, client_for: Callable[[User], Client]
) -> None:
    client = client_for(cast.user("ronse", Role.RECEPTION))
    assert client.get("/audit/").status_code == 403
    entry = AccessLogEntry.unscoped.get(
        actor=cast.user("ronse", Role.RECEPTION), result=Result.DENIED
    )
    assert (entry.object_type, entry.object_id, entry.municipality_id) == (
        "route",
        "audit:log",
        cast.ronse.pk,
    )


def test_a_route_missing_from_the_matrix_is_refused(
    cast: Cast, client_for: Callable[[User], Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(ROUTES, "tenants:reference_data")
    response = client_for(cast.user("ronse", Role.MUNICIPALITY_ADMIN)).get("/municipality/")
    assert response.status_code == 403
