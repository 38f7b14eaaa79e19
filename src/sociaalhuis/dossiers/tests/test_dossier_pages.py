"""The dossier pages: who sees what, break the glass, conflicts that keep the typed text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import AccessLogEntry, Action, Result
from sociaalhuis.dossiers import services
from sociaalhuis.dossiers.models import (
    CareTeamMember,
    Confidentiality,
    Dossier,
    DossierStatus,
    EmergencyAccess,
    JournalNote,
    TimelineEntry,
    TimelineKind,
)
from sociaalhuis.dossiers.tests.factories import DossierFactory
from sociaalhuis.testing import Cast, act_as, queries_for
from sociaalhuis.testing.examples.dossiers import example_dossier, example_person

ClientFor = Callable[[User], Client]


def _url(dossier: Dossier, part: str = "") -> str:
    return f"/dossiers/{dossier.pk}/{part}"


def test_the_care_team_reads_the_dossier_page_and_the_read_is_audited(
    cast: Cast, dossier: Dossier, manager: User, client_for: ClientFor
) -> None:
    specialist = cast.user("ronse", Role.CELL_SPECIALIST)
    for user in (manager, specialist):
        response = client_for(user).get(_url(dossier))
        assert response.status_code == 200
        assert dossier.reference in response.text
        assert "Mira Example" in response.text
    reads = AccessLogEntry.unscoped.filter(
        object_type="dossiers.dossier", object_id=str(dossier.pk), action=Action.READ
    )
    assert {entry.actor_id for entry in reads} == {manager.pk, specialist.pk}
    assert {entry.person_id for entry in reads} == {dossier.person_id}
    assert not any(entry.break_glass for entry in reads)


def test_a_social_worker_outside_the_care_team_gets_403_with_the_emergency_offer(
    dossier: Dossier, colleague: User, client_for: ClientFor
) -> None:
    client = client_for(colleague)
    for part in ("", "notes/", "attachments/", "team/", "edit/", "close/"):
        response = client.get(_url(dossier, part))
        assert response.status_code == 403, part
        assert "Mira Example" not in response.text
        assert _url(dossier, "emergency-access/") in response.text
    assert AccessLogEntry.unscoped.filter(
        actor=colleague, result=Result.DENIED, person_id=dossier.person_id
    ).exists()


def test_a_dossier_of_another_municipality_does_not_exist_here(
    cast: Cast, manager: User, client_for: ClientFor
) -> None:
    elsewhere = example_dossier(cast, "kortrijk")
    client = client_for(manager)
    for part in ("", "notes/", "attachments/", "team/", "emergency-access/"):
        assert client.get(_url(elsewhere, part)).status_code == 404, part
    assert client.post(_url(elsewhere, "emergency-access/"), {"reason": "x"}).status_code == 404
    assert not EmergencyAccess.unscoped.filter(dossier=elsewhere).exists()


@pytest.mark.parametrize("role", [Role.RECEPTION, Role.PARTNER_WORKER, Role.DPO])
def test_reception_and_other_roles_never_reach_dossier_pages(
    cast: Cast, dossier: Dossier, client_for: ClientFor, role: str
) -> None:
    client = client_for(cast.user("ronse", role))
    for part in ("", "notes/", "attachments/", "emergency-access/"):
        response = client.get(_url(dossier, part))
        assert response.status_code == 403, part
        assert "Mira Example" not in response.text


def test_manager_only_notes_are_hidden_from_the_rest_of_the_team(
    cast: Cast, dossier: Dossier, manager: User, client_for: ClientFor
) -> None:
    with act_as(manager, cast.ronse):
        secret = services.note_add(
            dossier,
            actor=manager,
            text="Mentions a disclosed addiction.",
            confidentiality=Confidentiality.MANAGER,
        )
        services.note_add(dossier, actor=manager, text="Met the landlord today.")
    specialist = client_for(cast.user("ronse", Role.CELL_SPECIALIST))
    for part in ("", "notes/"):
        page = specialist.get(_url(dossier, part)).text
        assert "Met the landlord today." in page
        assert "disclosed addiction" not in page
    assert specialist.get(_url(dossier, f"notes/{secret.pk}/")).status_code == 403
    own = client_for(manager).get(_url(dossier, "notes/")).text
    assert "disclosed addiction" in own


def test_break_the_glass_without_a_reason_is_refused_and_with_one_every_read_is_marked(
    dossier: Dossier, colleague: User, client_for: ClientFor
) -> None:
    client = client_for(colleague)
    refused = client.post(_url(dossier, "emergency-access/"), {"reason": "  "})
    assert refused.status_code == 400
    assert not EmergencyAccess.unscoped.filter(dossier=dossier, user=colleague).exists()

    reason = "Client in crisis at the desk; the dossier manager is on leave."
    granted = client.post(_url(dossier, "emergency-access/"), {"reason": reason})
    assert granted.status_code == 302
    page = client.get(_url(dossier))
    assert page.status_code == 200
    assert "Emergency access until" in page.text
    marked = AccessLogEntry.unscoped.filter(actor=colleague, break_glass=True)
    assert {entry.action for entry in marked} == {Action.ACCESS, Action.READ}
    assert all(entry.reason == reason and entry.person_id == dossier.person_id for entry in marked)
    # Reading, not writing: an emergency access does not put them on the team.
    assert (
        client.post(
            _url(dossier, "notes/"), {"text": "x", "confidentiality": "care_team"}
        ).status_code
        == 403
    )


def test_an_expired_emergency_access_no_longer_opens_the_dossier(
    dossier: Dossier, colleague: User, client_for: ClientFor
) -> None:
    EmergencyAccess.unscoped.create(
        municipality_id=dossier.municipality_id,
        dossier=dossier,
        user=colleague,
        reason="Yesterday's crisis",
        granted_at=timezone.now() - timedelta(days=1),
        expires_at=timezone.now() - timedelta(hours=12),
    )
    assert client_for(colleague).get(_url(dossier)).status_code == 403


def test_the_dpo_log_highlights_emergency_reads(
    cast: Cast, dossier: Dossier, colleague: User, client_for: ClientFor
) -> None:
    granted = client_for(colleague).post(
        _url(dossier, "emergency-access/"), {"reason": "Urgent eviction"}
    )
    assert granted.status_code == 302, granted.text[-3000:]
    log = client_for(cast.user("ronse", Role.DPO)).get("/audit/").text
    assert "break-glass" in log
    assert "Urgent eviction" in log
    only = client_for(cast.user("ronse", Role.DPO)).get("/audit/?break_glass=on").text
    assert "Urgent eviction" in only


def test_a_one_megabyte_note_is_refused_and_the_text_stays_in_the_form(
    dossier: Dossier, manager: User, client_for: ClientFor
) -> None:
    text = "Pasted by mistake. " + "y" * 1_000_000
    response = client_for(manager).post(
        _url(dossier, "notes/"), {"text": text, "confidentiality": "care_team"}
    )
    assert response.status_code == 400
    assert "too long" in response.text
    assert text in response.text
    assert not JournalNote.unscoped.filter(dossier=dossier).exists()


def test_a_conflicting_note_edit_shows_both_versions_and_keeps_the_typed_text(
    cast: Cast, dossier: Dossier, manager: User, client_for: ClientFor
) -> None:
    with act_as(manager, cast.ronse):
        note = services.note_add(dossier, actor=manager, text="Original text.")
        services.note_edit(
            note.pk,
            actor=manager,
            based_on_version=1,
            text="Saved in another tab.",
            confidentiality="care_team",
        )
    response = client_for(manager).post(
        _url(dossier, f"notes/{note.pk}/"),
        {"text": "Typed in this tab.", "confidentiality": "care_team", "version": "1"},
    )
    assert response.status_code == 409
    assert "Saved in another tab." in response.text
    assert "Typed in this tab." in response.text
    assert 'name="version" value="2"' in response.text
    assert JournalNote.unscoped.get(pk=note.pk).text == "Saved in another tab."


def test_a_conflicting_dossier_edit_keeps_the_typed_reason(
    cast: Cast, dossier: Dossier, manager: User, client_for: ClientFor
) -> None:
    with act_as(manager, cast.ronse):
        services.dossier_update(
            dossier.pk,
            actor=manager,
            based_on_version=1,
            reason="Colleague's reason.",
            life_domains=[],
        )
    response = client_for(manager).post(
        _url(dossier, "edit/"), {"reason": "My reason.", "version": "1"}
    )
    assert response.status_code == 409
    assert "Colleague&#x27;s reason." in response.text
    assert "My reason." in response.text


def test_closing_without_a_reason_is_refused_and_nothing_is_deleted(
    dossier: Dossier, manager: User, client_for: ClientFor
) -> None:
    client = client_for(manager)
    assert client.post(_url(dossier, "close/"), {"reason": ""}).status_code == 400
    assert Dossier.unscoped.get(pk=dossier.pk).status == DossierStatus.OPEN
    assert client.post(_url(dossier, "close/"), {"reason": "Goals reached."}).status_code == 302
    assert Dossier.unscoped.get(pk=dossier.pk).status == DossierStatus.CLOSED
    assert client.post(_url(dossier, "reopen/"), {"reason": "Back again."}).status_code == 302
    assert Dossier.unscoped.get(pk=dossier.pk).status == DossierStatus.OPEN


def test_a_social_worker_opens_a_dossier_for_a_person_and_manages_it(
    cast: Cast, manager: User, client_for: ClientFor
) -> None:
    person = example_person(cast.ronse, "Noor", "Fictief")
    client = client_for(manager)
    form = client.get(f"/dossiers/open/?person={person.pk}")
    assert form.status_code == 200
    assert "Noor Fictief" in form.text
    assert client.post(f"/dossiers/open/?person={person.pk}", {"reason": ""}).status_code == 400
    response = client.post(f"/dossiers/open/?person={person.pk}", {"reason": "Energy debts."})
    opened = Dossier.unscoped.get(person=person)
    assert response.status_code == 302
    assert response["Location"] == _url(opened)
    assert opened.manager == manager


def test_a_person_of_another_municipality_gets_no_dossier_here(
    cast: Cast, manager: User, client_for: ClientFor
) -> None:
    person = example_person(cast.kortrijk, "Kees", "Elders")
    client = client_for(manager)
    assert client.get(f"/dossiers/open/?person={person.pk}").status_code == 404
    assert client.post(f"/dossiers/open/?person={person.pk}", {"reason": "x"}).status_code == 404


def test_the_team_page_adds_and_removes_members(
    dossier: Dossier, manager: User, colleague: User, client_for: ClientFor
) -> None:
    client = client_for(manager)
    added = client.post(_url(dossier, "team/"), {"user": colleague.pk, "role": "social_worker"})
    assert added.status_code == 302
    member = CareTeamMember.unscoped.get(dossier=dossier, user=colleague)
    assert client_for(colleague).get(_url(dossier)).status_code == 200
    client.post(_url(dossier, f"team/{member.pk}/leave/"))
    assert client_for(colleague).get(_url(dossier)).status_code == 403
    # Someone without an account is named on the pages (and gets no access).
    client.post(_url(dossier, "team/"), {"name": "Bram Buddy", "role": "buddy"})
    for part in ("", "team/"):
        page = client.get(_url(dossier, part))
        assert page.status_code == 200
        assert "Bram Buddy" in page.text


def _fill_timeline(dossier: Dossier, count: int, actor: User) -> None:
    now = timezone.now()
    TimelineEntry.unscoped.bulk_create(
        TimelineEntry(
            municipality_id=dossier.municipality_id,
            dossier=dossier,
            at=now - timedelta(minutes=index),
            kind=TimelineKind.NOTE,
            summary=f"Entry {index}",
            actor=actor,
        )
        for index in range(count)
    )


# Not data queries: savepoints of the test's transaction around the request, and on
# PostgreSQL the statements that set and reset the tenant context (SET LOCAL ROLE,
# set_config) of every request.
_NOT_DATA = ("SAVEPOINT", "SET LOCAL ROLE", "RESET ROLE", "set_config(")


def _is_data_query(query: dict[str, str]) -> bool:
    return not any(marker in query["sql"] for marker in _NOT_DATA)


def test_the_dossier_page_runs_a_fixed_small_number_of_queries(
    cast: Cast, manager: User, client_for: ClientFor
) -> None:
    client = client_for(manager)
    counts = []
    for number, size in enumerate((50, 500)):
        dossier = DossierFactory.create(
            municipality=cast.ronse,
            reference=f"2000-09{number}",
            manager=manager,
            opened_by=manager,
        )
        _fill_timeline(dossier, size, manager)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(_url(dossier))
        assert response.status_code == 200
        assert "Entry 49" in response.text
        counts.append(sum(1 for query in captured.captured_queries if _is_data_query(query)))
    assert counts[0] == counts[1]
    assert counts[0] <= 15


def test_my_dossiers_lists_mine_with_filters_at_a_fixed_query_count(
    cast: Cast, manager: User, colleague: User, client_for: ClientFor
) -> None:
    client = client_for(manager)
    example_dossier(cast, "ronse")
    DossierFactory.create(
        municipality=cast.ronse, reference="2000-0200", manager=colleague, opened_by=colleague
    )
    few = queries_for(client, "/dossiers/")
    page = client.get("/dossiers/").text
    assert "2000-0001" in page
    assert "2000-0200" not in page
    for number in range(30):
        DossierFactory.create(
            municipality=cast.ronse,
            reference=f"2000-03{number:02d}",
            manager=manager,
            opened_by=manager,
        )
    assert queries_for(client, "/dossiers/") == few
    DossierFactory.create(
        municipality=cast.ronse, reference="2000-0400", manager=manager, closed=True
    )
    closed = client.get("/dossiers/?status=closed").text
    assert "2000-0001" not in closed
    assert "2000-0400" in closed
    assert client.get("/dossiers/?life_domain=999999").status_code == 400
