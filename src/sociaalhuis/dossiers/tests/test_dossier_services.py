"""Dossier services: manager, care team, status, notes. Nothing is deleted or overwritten."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import AccessLogEntry, Action
from sociaalhuis.core.concurrency import EditConflictError
from sociaalhuis.dossiers import services
from sociaalhuis.dossiers.models import (
    CareTeamMember,
    Confidentiality,
    Dossier,
    DossierStatus,
    JournalNote,
    JournalNoteVersion,
    StatusChange,
    TeamRole,
    TimelineEntry,
)
from sociaalhuis.dossiers.tests.factories import DossierFactory
from sociaalhuis.tenants.models import LifeDomain
from sociaalhuis.testing import Cast, act_as


def _code(error: pytest.ExceptionInfo[ValidationError]) -> str | None:
    return error.value.code


def test_close_and_reopen_need_a_reason_and_keep_every_status_change(
    cast: Cast, dossier: Dossier, manager: User
) -> None:
    with act_as(manager, cast.ronse):
        with pytest.raises(ValidationError) as refused:
            services.dossier_close(dossier, actor=manager, reason="   ")
        assert _code(refused) == "no_reason"
        assert Dossier.objects.get(pk=dossier.pk).status == DossierStatus.OPEN

        services.dossier_close(dossier, actor=manager, reason="Help finished, rent paid.")
        with pytest.raises(ValidationError) as twice:
            services.dossier_close(dossier, actor=manager, reason="Double click")
        assert _code(twice) == "status"
        with pytest.raises(ValidationError):
            services.dossier_reopen(dossier, actor=manager, reason="")
        reopened = services.dossier_reopen(dossier, actor=manager, reason="New eviction notice.")

        assert reopened.status == DossierStatus.OPEN
        assert reopened.closed_at is None
        kinds = list(StatusChange.objects.filter(dossier=dossier).values_list("kind", "reason"))
        assert kinds[-2:] == [
            (StatusChange.Kind.CLOSED, "Help finished, rent paid."),
            (StatusChange.Kind.REOPENED, "New eviction notice."),
        ]
        summaries = TimelineEntry.objects.filter(dossier=dossier).values_list("summary", flat=True)
        assert any("New eviction notice." in summary for summary in summaries)
        assert (
            AccessLogEntry.objects.filter(
                object_id=str(dossier.pk), action=Action.UPDATE, person_id=dossier.person_id
            ).count()
            == 2
        )


def test_someone_outside_the_care_team_cannot_close_the_dossier(
    cast: Cast, dossier: Dossier, colleague: User
) -> None:
    with act_as(colleague, cast.ronse), pytest.raises(PermissionDenied):
        services.dossier_close(dossier, actor=colleague, reason="Not mine")


def test_a_member_leaves_the_care_team_with_a_date_and_the_row_stays(
    cast: Cast, dossier: Dossier, manager: User, colleague: User
) -> None:
    with act_as(manager, cast.ronse):
        member = services.care_team_add(
            dossier, actor=manager, role=TeamRole.SOCIAL_WORKER, user=colleague
        )
        with pytest.raises(ValidationError) as again:
            services.care_team_add(
                dossier, actor=manager, role=TeamRole.SOCIAL_WORKER, user=colleague
            )
        assert _code(again) == "already_member"
        services.care_team_remove(member, actor=manager)
        with pytest.raises(ValidationError):
            services.care_team_remove(member, actor=manager)
        manager_row = CareTeamMember.objects.get(dossier=dossier, role=TeamRole.MANAGER)
        with pytest.raises(ValidationError) as manager_leaves:
            services.care_team_remove(manager_row, actor=manager)
        assert _code(manager_leaves) == "manager"

        member.refresh_from_db()
        assert member.left_at is not None
        assert CareTeamMember.objects.filter(dossier=dossier, user=colleague).count() == 1


def test_reception_and_partners_cannot_join_a_care_team_with_access(
    cast: Cast, dossier: Dossier, manager: User
) -> None:
    with act_as(manager, cast.ronse):
        for role in (Role.RECEPTION, Role.PARTNER_WORKER):
            with pytest.raises(ValidationError) as refused:
                services.care_team_add(
                    dossier, actor=manager, role=TeamRole.OTHER, user=cast.user("ronse", role)
                )
            assert _code(refused) == "not_casework"
        buddy = services.care_team_add(
            dossier, actor=manager, role=TeamRole.BUDDY, name="Bram Buddy"
        )
        assert buddy.user_id is None


def test_a_social_worker_takes_on_a_dossier_without_manager_once(
    cast: Cast, manager: User, colleague: User
) -> None:
    reception = cast.user("ronse", Role.RECEPTION)
    waiting = DossierFactory.create(
        municipality=cast.ronse, reference="2000-0100", manager=None, opened_by=reception
    )
    with act_as(colleague, cast.ronse):
        services.dossier_take_on(waiting, actor=colleague)
    with act_as(manager, cast.ronse), pytest.raises(ValidationError) as late:
        services.dossier_take_on(waiting, actor=manager)
    assert _code(late) == "has_manager"
    waiting.refresh_from_db()
    assert waiting.manager == colleague


def test_the_manager_hands_over_and_stays_on_the_team(
    cast: Cast, dossier: Dossier, manager: User, colleague: User
) -> None:
    with act_as(manager, cast.ronse):
        services.manager_change(dossier, actor=manager, new_manager=colleague)
        dossier.refresh_from_db()
        assert dossier.manager == colleague
        active = CareTeamMember.objects.filter(dossier=dossier, left_at__isnull=True)
        assert set(active.values_list("user", "role")) >= {
            (colleague.pk, TeamRole.MANAGER),
            (manager.pk, TeamRole.SOCIAL_WORKER),
        }
        with pytest.raises(PermissionDenied):
            services.manager_change(dossier, actor=manager, new_manager=manager)


def test_a_note_of_one_megabyte_is_refused_with_a_clear_message(
    cast: Cast, dossier: Dossier, manager: User
) -> None:
    with act_as(manager, cast.ronse), pytest.raises(ValidationError) as refused:
        services.note_add(dossier, actor=manager, text="x" * 1_000_000)
    assert _code(refused) == "too_long"
    assert "1,000,000" in refused.value.messages[0]


def test_editing_a_note_keeps_the_former_text_as_a_version(
    cast: Cast, dossier: Dossier, manager: User
) -> None:
    with act_as(manager, cast.ronse):
        note = services.note_add(dossier, actor=manager, text="First words.")
        services.note_edit(
            note.pk,
            actor=manager,
            based_on_version=1,
            text="Better words.",
            confidentiality=Confidentiality.MANAGER,
        )
        note.refresh_from_db()
        assert (note.text, note.version, note.confidentiality) == (
            "Better words.",
            2,
            Confidentiality.MANAGER,
        )
        kept = JournalNoteVersion.objects.get(note=note)
        assert (kept.version, kept.text) == (1, "First words.")


def test_a_second_edit_of_the_same_note_version_is_a_conflict(
    cast: Cast, dossier: Dossier, manager: User
) -> None:
    with act_as(manager, cast.ronse):
        note = services.note_add(dossier, actor=manager, text="Start.")
        services.note_edit(
            note.pk, actor=manager, based_on_version=1, text="Mine.", confidentiality="care_team"
        )
        with pytest.raises(EditConflictError):
            services.note_edit(
                note.pk,
                actor=manager,
                based_on_version=1,
                text="Theirs.",
                confidentiality="care_team",
            )
        assert JournalNote.objects.get(pk=note.pk).text == "Mine."


def test_only_the_author_edits_a_note(cast: Cast, dossier: Dossier, manager: User) -> None:
    specialist = cast.user("ronse", Role.CELL_SPECIALIST)
    with act_as(manager, cast.ronse):
        note = services.note_add(dossier, actor=manager, text="Mine.")
    with act_as(specialist, cast.ronse), pytest.raises(PermissionDenied):
        services.note_edit(
            note.pk, actor=specialist, based_on_version=1, text="No.", confidentiality="care_team"
        )


def test_dossier_update_refuses_a_stale_version(
    cast: Cast, dossier: Dossier, manager: User
) -> None:
    with act_as(manager, cast.ronse):
        housing = LifeDomain.objects.get(code="huisvesting")
        services.dossier_update(
            dossier.pk, actor=manager, based_on_version=1, reason="New.", life_domains=[housing]
        )
        with pytest.raises(EditConflictError):
            services.dossier_update(
                dossier.pk, actor=manager, based_on_version=1, reason="Stale.", life_domains=[]
            )
        dossier.refresh_from_db()
        assert (dossier.reason, dossier.version) == ("New.", 2)
        assert list(dossier.life_domains.all()) == [housing]


def test_break_the_glass_needs_a_reason_and_a_social_worker_outside_the_team(
    cast: Cast, dossier: Dossier, manager: User, colleague: User
) -> None:
    with act_as(colleague, cast.ronse):
        with pytest.raises(ValidationError) as no_reason:
            services.emergency_access_grant(dossier, actor=colleague, reason=" ")
        assert _code(no_reason) == "no_reason"
        access = services.emergency_access_grant(
            dossier, actor=colleague, reason="Client in crisis at the desk, manager absent."
        )
        assert access.expires_at > access.granted_at
        entry = AccessLogEntry.objects.get(actor=colleague, break_glass=True)
        assert entry.reason == "Client in crisis at the desk, manager absent."
        assert entry.person_id == dossier.person_id
    with act_as(manager, cast.ronse), pytest.raises(PermissionDenied):
        services.emergency_access_grant(dossier, actor=manager, reason="Already on the team")
    specialist = cast.user("ronse", Role.CELL_SPECIALIST)
    with act_as(specialist, cast.ronse), pytest.raises(PermissionDenied):
        services.emergency_access_grant(dossier, actor=specialist, reason="Not a social worker")
