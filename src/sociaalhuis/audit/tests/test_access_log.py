"""The access log: written on every read of personal data, fail-closed, DPO only."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit import services
from sociaalhuis.audit.models import AccessLogEntry, Action
from sociaalhuis.core import tenancy
from sociaalhuis.testing import Cast, queries_for


@pytest.fixture
def ronse_entries(cast: Cast) -> None:
    worker = cast.user("ronse", Role.SOCIAL_WORKER)
    reception = cast.user("ronse", Role.RECEPTION)
    with tenancy.for_municipality(cast.ronse.pk):
        services.access_record(
            actor=worker,
            action=Action.READ,
            object_type="dossiers.dossier",
            object_id="7",
            person_id=101,
        )
        services.access_record(
            actor=worker,
            action=Action.UPDATE,
            object_type="dossiers.dossier",
            object_id="7",
            person_id=101,
        )
        services.access_record(
            actor=reception,
            action=Action.READ,
            object_type="frontdesk.contact",
            object_id="3",
            person_id=202,
        )
    # Written directly with an old timestamp: the log itself refuses any later UPDATE.
    AccessLogEntry.unscoped.create(
        municipality=cast.ronse,
        at=timezone.now() - timedelta(days=40),
        actor=reception,
        actor_email=reception.email,
        action=Action.EXPORT,
        object_type="reporting",
        person_id=202,
    )


def _dpo(cast: Cast, client_for: Callable[[User], Client]) -> Client:
    return client_for(cast.user("ronse", Role.DPO))


def _rows(response: object) -> list[AccessLogEntry]:
    return list(response.context["page"].object_list)  # type: ignore[attr-defined]


@pytest.mark.usefixtures("ronse_entries")
def test_the_dpo_filters_by_person(cast: Cast, client_for: Callable[[User], Client]) -> None:
    rows = _rows(_dpo(cast, client_for).get("/audit/", {"person": 101}))
    assert {(row.action, row.person_id) for row in rows} == {("read", 101), ("update", 101)}


@pytest.mark.usefixtures("ronse_entries")
def test_the_dpo_filters_by_user_and_action(
    cast: Cast, client_for: Callable[[User], Client]
) -> None:
    reception = cast.user("ronse", Role.RECEPTION)
    rows = _rows(
        _dpo(cast, client_for).get("/audit/", {"user": str(reception.pk), "action": "export"})
    )
    assert [(row.actor_id, row.action) for row in rows] == [(reception.pk, "export")]


@pytest.mark.usefixtures("ronse_entries")
def test_the_dpo_filters_by_period(cast: Cast, client_for: Callable[[User], Client]) -> None:
    day = (timezone.localdate() - timedelta(days=40)).strftime("%d/%m/%Y")
    rows = _rows(_dpo(cast, client_for).get("/audit/", {"date_from": day, "date_to": day}))
    assert [row.action for row in rows] == ["export"]


def test_an_impossible_period_gets_a_message_and_no_results_are_hidden(
    cast: Cast, client_for: Callable[[User], Client]
) -> None:
    response = _dpo(cast, client_for).get(
        "/audit/", {"date_from": "10/01/2026", "date_to": "01/01/2026"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["date_to"]


def test_a_user_of_another_municipality_cannot_be_chosen_as_filter(
    cast: Cast, client_for: Callable[[User], Client]
) -> None:
    response = _dpo(cast, client_for).get("/audit/", {"user": cast.user("kortrijk", Role.DPO).pk})
    assert "user" in response.context["form"].errors


def test_reading_the_log_is_itself_recorded(
    cast: Cast, client_for: Callable[[User], Client]
) -> None:
    dpo = cast.user("ronse", Role.DPO)
    _dpo(cast, client_for).get("/audit/", {"person": 101})
    entry = AccessLogEntry.unscoped.filter(actor=dpo).latest("at")
    assert (entry.object_type, entry.person_id, entry.action) == ("audit.accesslog", 101, "read")


def test_a_read_fails_when_its_audit_record_cannot_be_written(
    cast: Cast, client_for: Callable[[User], Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = cast.user("ronse", Role.MUNICIPALITY_ADMIN)
    worker = cast.user("ronse", Role.RECEPTION)

    def broken_audit(*args: object, **kwargs: object) -> None:
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr("sociaalhuis.accounts.queries.access_record_for_request", broken_audit)
    client = client_for(admin)
    client.raise_request_exception = False
    response = client.get(f"/account/users/{worker.pk}/")
    assert response.status_code == 500
    assert worker.email not in response.content.decode()


def test_an_access_outside_a_municipality_cannot_be_recorded(cast: Cast) -> None:
    with pytest.raises(tenancy.TenantContextError):
        services.access_record(actor=cast.outsider, action=Action.READ, object_type="x")


def test_emergency_access_needs_a_reason(cast: Cast) -> None:
    with tenancy.for_municipality(cast.ronse.pk), pytest.raises(ValueError, match="reason"):
        services.access_record(
            actor=cast.user("ronse", Role.SOCIAL_WORKER),
            action=Action.READ,
            object_type="x",
            break_glass=True,
        )


def test_the_log_page_runs_a_fixed_number_of_queries(
    cast: Cast, client_for: Callable[[User], Client]
) -> None:
    client = _dpo(cast, client_for)
    client.get("/audit/")  # warm up: session, second factor
    few = queries_for(client, "/audit/")
    with tenancy.for_municipality(cast.ronse.pk):
        for index in range(120):
            services.access_record(
                actor=cast.user("ronse", Role.RECEPTION),
                action=Action.READ,
                object_type="t",
                person_id=index,
            )
    assert queries_for(client, "/audit/") == few
    assert queries_for(client, "/audit/?page=2") == few
