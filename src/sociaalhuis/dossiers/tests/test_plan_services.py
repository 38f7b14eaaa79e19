"""Step plans, housing and the rights check-list: the rules of the services."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import AccessLogEntry
from sociaalhuis.core.concurrency import EditConflictError
from sociaalhuis.dossiers.models import (
    Dossier,
    DossierStatus,
    Ethos,
    Right,
    RightCheckChange,
    RightStatus,
    StepPlan,
    StepStatus,
    TimelineEntry,
    TimelineKind,
)
from sociaalhuis.dossiers.plan import queries as plan_queries
from sociaalhuis.dossiers.plan import services as plan_services
from sociaalhuis.dossiers.plan.services import RightChange, StepInput
from sociaalhuis.dossiers.tests.factories import DossierFactory
from sociaalhuis.tenants.models import LifeDomain
from sociaalhuis.testing import Cast

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _plan_with_goal(cast: Cast, dossier: Dossier) -> tuple[StepPlan, object]:
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        plan = plan_services.plan_create(dossier, actor=worker)
        goal = plan_services.goal_add(
            plan,
            actor=worker,
            life_domain=LifeDomain.objects.get(code="huisvesting"),
            description="A home of her own",
        )
    return plan, goal


def test_the_care_team_draws_up_a_plan_once_with_a_timeline_line_and_an_audit_record(
    cast: Cast,
) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        first = plan_services.plan_create(dossier, actor=worker)
        again = plan_services.plan_create(dossier, actor=worker)
        assert first.pk == again.pk
        assert TimelineEntry.objects.filter(dossier=dossier, kind=TimelineKind.PLAN).count() == 1
        assert AccessLogEntry.objects.filter(
            object_type="dossiers.stepplan", person_id=dossier.person_id
        ).exists()


def test_someone_outside_the_care_team_cannot_write_in_the_plan(cast: Cast) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    with cast.acting("ronse", Role.CELL_SPECIALIST) as outsider, pytest.raises(PermissionDenied):
        plan_services.plan_create(dossier, actor=outsider)


def test_a_closed_dossier_takes_no_new_steps(cast: Cast) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    _plan, goal = _plan_with_goal(cast, dossier)
    Dossier.unscoped.filter(pk=dossier.pk).update(status=DossierStatus.CLOSED)
    dossier.refresh_from_db()
    goal.plan.dossier = dossier  # type: ignore[attr-defined]
    with (
        cast.acting("ronse", Role.SOCIAL_WORKER) as worker,
        pytest.raises(ValidationError) as refused,
    ):
        plan_services.step_add(goal, actor=worker, data=StepInput("Call", owner=worker))  # type: ignore[arg-type]
    assert refused.value.code == "closed"


@pytest.mark.parametrize(
    ("owner", "owner_name", "due_in", "code"),
    [
        (False, "", 3, "no_owner"),
        (True, "Buddy Bart", 3, "two_owners"),
        (True, "", -1, "past"),
    ],
)
def test_a_step_needs_one_owner_and_no_past_due_date(
    cast: Cast, owner: bool, owner_name: str, due_in: int, code: str
) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    _plan, goal = _plan_with_goal(cast, dossier)
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        data = StepInput(
            "Call the landlord",
            owner=worker if owner else None,
            owner_name=owner_name,
            due_on=TODAY() + timedelta(days=due_in),
        )
        with pytest.raises(ValidationError) as refused:
            plan_services.step_add(goal, actor=worker, data=data)  # type: ignore[arg-type]
    codes = [e.code for errors in refused.value.error_dict.values() for e in errors]
    assert codes == [code]


def test_a_step_owner_must_be_a_colleague_of_this_municipality(cast: Cast) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    _plan, goal = _plan_with_goal(cast, dossier)
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        data = StepInput("Call", owner=cast.user("kortrijk", Role.SOCIAL_WORKER))
        with pytest.raises(ValidationError) as refused:
            plan_services.step_add(goal, actor=worker, data=data)  # type: ignore[arg-type]
    assert refused.value.error_dict["owner"][0].code == "not_colleague"


def test_the_second_editor_of_a_step_gets_a_conflict_and_nothing_is_overwritten(
    cast: Cast,
) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    _plan, goal = _plan_with_goal(cast, dossier)
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        step = plan_services.step_add(goal, actor=worker, data=StepInput("Call", owner=worker))  # type: ignore[arg-type]
        plan_services.step_edit(
            step,
            actor=worker,
            version=1,
            data=StepInput("Call the landlord", owner=worker),
            status=StepStatus.IN_PROGRESS,
        )
        with pytest.raises(EditConflictError):
            plan_services.step_edit(
                step,
                actor=worker,
                version=1,
                data=StepInput("Write to the landlord", owner=worker),
                status=StepStatus.PLANNED,
            )
        step.refresh_from_db()
    assert (step.description, step.version) == ("Call the landlord", 2)


def test_marking_a_step_done_twice_records_it_once(cast: Cast) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    _plan, goal = _plan_with_goal(cast, dossier)
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        step = plan_services.step_add(goal, actor=worker, data=StepInput("Call", owner=worker))  # type: ignore[arg-type]
        done = plan_services.step_done(step, actor=worker, version=1)
        again = plan_services.step_done(step, actor=worker, version=2)
        lines = TimelineEntry.objects.filter(dossier=dossier, kind=TimelineKind.STEP).count()
    assert (done.status, done.done_on, again.version) == (StepStatus.DONE, TODAY(), 2)
    assert lines == 2  # added, done


def test_late_steps_and_an_overdue_review_show_per_dossier_and_per_owner(cast: Cast) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    plan, goal = _plan_with_goal(cast, dossier)
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        late = plan_services.step_add(goal, actor=worker, data=StepInput("Late", owner=worker))  # type: ignore[arg-type]
        soon = plan_services.step_add(
            goal,  # type: ignore[arg-type]
            actor=worker,
            data=StepInput("Soon", owner=worker, due_on=TODAY() + timedelta(days=2)),
        )
        plan_services.step_add(
            goal,  # type: ignore[arg-type]
            actor=worker,
            data=StepInput("Later", owner=worker, due_on=TODAY() + timedelta(days=30)),
        )
        late.__class__.objects.filter(pk=late.pk).update(due_on=TODAY() - timedelta(days=3))
        StepPlan.objects.filter(pk=plan.pk).update(review_on=TODAY() - timedelta(days=1))
        overview = plan_queries.late_overview(dossier)
        assert [step.pk for step in overview.steps] == [late.pk]
        assert overview.plan_review_late
        assert overview.count == 2
        assert plan_queries.late_count(dossier) == 2
        assert [s.pk for s in plan_queries.late_steps_for(worker)] == [late.pk]
        due = plan_queries.steps_due_for(worker, TODAY() + timedelta(days=7))
        assert [s.pk for s in due] == [late.pk, soon.pk]
        assert [p.pk for p in plan_queries.plans_to_review_for(worker)] == [plan.pk]


def test_a_review_records_the_date_and_refuses_a_past_next_review(cast: Cast) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    plan, _goal = _plan_with_goal(cast, dossier)
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        with pytest.raises(ValidationError):
            plan_services.plan_set_review(
                plan, actor=worker, version=1, review_on=TODAY() - timedelta(days=1)
            )
        reviewed = plan_services.plan_set_review(
            plan, actor=worker, version=1, review_on=TODAY() + timedelta(days=90), reviewed=True
        )
        with pytest.raises(EditConflictError):
            plan_services.plan_set_review(plan, actor=worker, version=1, review_on=None)
    assert (reviewed.reviewed_on, reviewed.version) == (TODAY(), 2)


def test_housing_cannot_start_in_the_future_and_the_newest_is_current(cast: Cast) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        with pytest.raises(ValidationError) as refused:
            plan_services.housing_record(
                dossier, actor=worker, category=Ethos.ROOFLESS, since=TODAY() + timedelta(days=1)
            )
        assert refused.value.error_dict["since"][0].code == "future"
        plan_services.housing_record(
            dossier, actor=worker, category=Ethos.ROOFLESS, since=TODAY() - timedelta(days=90)
        )
        plan_services.housing_record(
            dossier, actor=worker, category=Ethos.INSECURE, since=TODAY() - timedelta(days=10)
        )
        history = [s.category for s in plan_queries.housing_history(dossier)]
        current = plan_queries.current_housing(dossier)
    assert history == [Ethos.INSECURE, Ethos.ROOFLESS]
    assert current is not None
    assert current.category == Ethos.INSECURE


def _rights(cast: Cast) -> list[Right]:
    with cast.acting("ronse", Role.SOCIAL_WORKER):
        return [
            Right.objects.create(code=f"r{number}", name_nl=f"Recht {number}", position=number)
            for number in range(3)
        ]


def test_the_rights_list_saves_together_and_keeps_every_change(cast: Cast) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    first, second, third = _rights(cast)
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        saved = plan_services.rights_save(
            dossier,
            actor=worker,
            changes=[
                RightChange(first.pk, RightStatus.MAY_APPLY, TODAY(), "", 0),
                RightChange(second.pk, RightStatus.APPLIED, TODAY(), "sent", 0),
                RightChange(third.pk, RightStatus.NOT_CHECKED, TODAY(), "", 0),
            ],
        )
        assert saved == 2
        plan_services.rights_save(
            dossier,
            actor=worker,
            changes=[RightChange(second.pk, RightStatus.GRANTED, TODAY(), "", 1)],
        )
        history = list(
            RightCheckChange.objects.filter(right_check__right=second).values_list(
                "status", flat=True
            )
        )
        summary = plan_queries.rights_summary(dossier)
    assert history == [RightStatus.APPLIED, RightStatus.GRANTED]
    assert summary == {RightStatus.MAY_APPLY: 1, RightStatus.GRANTED: 1}


def test_a_rights_conflict_saves_nothing_and_names_the_changed_rows(cast: Cast) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    first, second, _third = _rights(cast)
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        plan_services.rights_save(
            dossier,
            actor=worker,
            changes=[RightChange(first.pk, RightStatus.APPLIED, TODAY(), "", 0)],
        )
        with pytest.raises(plan_services.RightsConflictError) as conflict:
            plan_services.rights_save(
                dossier,
                actor=worker,
                changes=[
                    RightChange(first.pk, RightStatus.REFUSED, TODAY(), "", 0),
                    RightChange(second.pk, RightStatus.MAY_APPLY, TODAY(), "", 0),
                ],
            )
        assert list(conflict.value.current) == [first.pk]
        assert plan_queries.rights_summary(dossier) == {RightStatus.APPLIED: 1}


def test_a_right_of_another_municipality_is_not_on_the_list(cast: Cast) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    with cast.acting("kortrijk", Role.SOCIAL_WORKER):
        foreign = Right.objects.create(code="k", name_nl="Kortrijk")
    with (
        cast.acting("ronse", Role.SOCIAL_WORKER) as worker,
        pytest.raises(ValidationError) as refused,
    ):
        plan_services.rights_save(
            dossier,
            actor=worker,
            changes=[RightChange(foreign.pk, RightStatus.APPLIED, TODAY(), "", 0)],
        )
    assert refused.value.code == "unknown_right"
