"""The door to a dossier records its own read: no view is needed for the log entry."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.test import Client, RequestFactory
from django.utils import timezone

from sociaalhuis.accounts.models import User
from sociaalhuis.audit.models import AccessLogEntry, Action, Result
from sociaalhuis.dossiers import queries, services
from sociaalhuis.dossiers.models import Dossier, EmergencyAccess
from sociaalhuis.dossiers.plan import queries as plan_queries
from sociaalhuis.testing import Cast, act_as
from sociaalhuis.testing.examples.dossiers import example_dossier


def _request(user: User, method: str = "get") -> HttpRequest:
    request: HttpRequest = getattr(RequestFactory(), method)("/somewhere/")
    request.user = user
    return request


def _entries(dossier: Dossier) -> list[AccessLogEntry]:
    return list(AccessLogEntry.unscoped.filter(person_id=dossier.person_id).order_by("pk"))


def test_the_door_records_exactly_one_read_of_the_dossier_outside_any_view(
    cast: Cast, dossier: Dossier, manager: User
) -> None:
    before = len(_entries(dossier))
    with act_as(manager, cast.ronse):
        view = queries.dossier_for(_request(manager), dossier.pk)
    assert view.dossier == dossier
    [entry] = _entries(dossier)[before:]
    assert (entry.action, entry.object_type, entry.object_id) == (
        Action.READ,
        "dossiers.dossier",
        str(dossier.pk),
    )
    assert (entry.actor_id, entry.break_glass, entry.reason) == (manager.pk, False, "")


def test_a_read_under_an_emergency_access_is_marked_with_its_reason(
    cast: Cast, dossier: Dossier, colleague: User
) -> None:
    reason = "Client in crisis at the desk; the manager is on leave."
    with act_as(colleague, cast.ronse):
        services.emergency_access_grant(dossier, actor=colleague, reason=reason)
        before = len(_entries(dossier))
        queries.dossier_for(_request(colleague), dossier.pk)
    [entry] = _entries(dossier)[before:]
    assert (entry.action, entry.break_glass, entry.reason) == (Action.READ, True, reason)


def test_the_door_records_a_refusal_and_no_read(
    cast: Cast, dossier: Dossier, colleague: User
) -> None:
    before = len(_entries(dossier))
    with act_as(colleague, cast.ronse), pytest.raises(queries.DossierAccessDenied) as refused:
        queries.dossier_for(_request(colleague), dossier.pk)
    assert refused.value.can_break_glass
    [entry] = _entries(dossier)[before:]
    assert (entry.action, entry.result) == (Action.ACCESS, Result.DENIED)


def test_another_municipalitys_dossier_is_not_found_and_nothing_is_recorded(
    cast: Cast, manager: User
) -> None:
    elsewhere = example_dossier(cast, "kortrijk")
    before = AccessLogEntry.unscoped.count()
    with act_as(manager, cast.ronse), pytest.raises(Http404):
        queries.dossier_for(_request(manager), elsewhere.pk)
    assert AccessLogEntry.unscoped.count() == before


def test_a_change_only_post_records_no_read(cast: Cast, dossier: Dossier, manager: User) -> None:
    before = len(_entries(dossier))
    with act_as(manager, cast.ronse):
        queries.dossier_to_change(_request(manager, "post"), dossier.pk)
    assert _entries(dossier)[before:] == []


def test_the_plan_door_records_the_part_the_page_shows(
    cast: Cast, dossier: Dossier, colleague: User
) -> None:
    EmergencyAccess.unscoped.create(
        municipality=cast.ronse,
        dossier=dossier,
        user=colleague,
        reason="Eviction tomorrow",
        expires_at=timezone.now() + timedelta(hours=4),
    )
    before = len(_entries(dossier))
    with act_as(colleague, cast.ronse):
        plan_queries.dossier_for_plan(_request(colleague), dossier.pk, shows="dossiers.stepplan")
    [entry] = _entries(dossier)[before:]
    assert (entry.object_type, entry.object_id, entry.break_glass, entry.reason) == (
        "dossiers.stepplan",
        str(dossier.pk),
        True,
        "Eviction tomorrow",
    )


def test_opening_a_note_page_records_one_read_of_that_note(
    cast: Cast, dossier: Dossier, manager: User, client_for: Callable[[User], Client]
) -> None:
    with act_as(manager, cast.ronse):
        note = services.note_add(dossier, actor=manager, text="Met the landlord today.")
    before = len(_entries(dossier))
    assert client_for(manager).get(f"/dossiers/{dossier.pk}/notes/{note.pk}/").status_code == 200
    [entry] = _entries(dossier)[before:]
    assert (entry.action, entry.object_type, entry.object_id) == (
        Action.READ,
        "dossiers.journalnote",
        str(note.pk),
    )


def _grant_emergency(cast: Cast, dossier: Dossier, colleague: User) -> None:
    with act_as(colleague, cast.ronse):
        services.emergency_access_grant(
            dossier, actor=colleague, reason="Client in crisis at the desk."
        )


def test_a_door_asked_for_work_refuses_an_emergency_reader_and_records_no_read(
    cast: Cast, dossier: Dossier, colleague: User
) -> None:
    _grant_emergency(cast, dossier, colleague)
    before = len(_entries(dossier))
    with act_as(colleague, cast.ronse), pytest.raises(PermissionDenied):
        queries.dossier_for(_request(colleague), dossier.pk, need=queries.can_work)
    [entry] = _entries(dossier)[before:]
    assert (entry.action, entry.result) == (Action.ACCESS, Result.DENIED)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/dossiers/{pk}/edit/"),
        ("get", "/dossiers/{pk}/close/"),
        ("post", "/dossiers/{pk}/notes/"),
        ("post", "/dossiers/{pk}/attachments/"),
        ("post", "/dossiers/{pk}/team/"),
        ("post", "/dossiers/{pk}/manager/"),
    ],
)
def test_a_refused_page_under_an_emergency_access_is_recorded_as_refused_not_read(
    cast: Cast,
    dossier: Dossier,
    colleague: User,
    client_for: Callable[[User], Client],
    method: str,
    path: str,
) -> None:
    _grant_emergency(cast, dossier, colleague)
    before = len(_entries(dossier))
    response = getattr(client_for(colleague), method)(path.format(pk=dossier.pk))
    assert response.status_code == 403
    added = _entries(dossier)[before:]
    assert [(e.action, e.result) for e in added] == [(Action.ACCESS, Result.DENIED)]


def test_reading_a_note_may_be_allowed_while_editing_it_is_refused_and_recorded(
    cast: Cast,
    dossier: Dossier,
    manager: User,
    colleague: User,
    client_for: Callable[[User], Client],
) -> None:
    with act_as(manager, cast.ronse):
        note = services.note_add(dossier, actor=manager, text="Eerste gesprek.")
    with act_as(manager, cast.ronse):
        services.care_team_add(dossier, actor=manager, role="social_worker", user=colleague)
    before = len(_entries(dossier))
    url = f"/dossiers/{dossier.pk}/notes/{note.pk}/"
    assert client_for(colleague).get(url).status_code == 200
    assert client_for(colleague).post(url, {"text": "Overschreven."}).status_code == 403
    added = [(e.action, e.result, e.object_type) for e in _entries(dossier)[before:]]
    assert added == [
        (Action.READ, Result.ALLOWED, "dossiers.journalnote"),
        (Action.ACCESS, Result.DENIED, "dossiers.dossier"),
    ]
