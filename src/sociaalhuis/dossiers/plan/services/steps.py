"""The step plan: its review date, goals per life domain, and steps with an owner."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.queries import is_colleague
from sociaalhuis.audit.models import Action
from sociaalhuis.core.concurrency import lock_for_edit, save_new_version
from sociaalhuis.dossiers.models import (
    Dossier,
    Goal,
    GoalStatus,
    Step,
    StepPlan,
    StepStatus,
    TimelineKind,
)
from sociaalhuis.dossiers.plan.services.trail import audit, require_work
from sociaalhuis.dossiers.services import timeline_add
from sociaalhuis.tenants.models import LifeDomain


def plan_create(dossier: Dossier, *, actor: User, review_on: date | None = None) -> StepPlan:
    """Draw up the dossier's step plan (one per dossier; a second request returns it)."""
    require_work(actor, dossier)
    _check_review_date(review_on)
    with transaction.atomic():
        Dossier.objects.select_for_update().filter(pk=dossier.pk).first()
        existing = StepPlan.objects.filter(dossier=dossier).first()
        if existing is not None:
            return existing  # a double submit: the plan that is there
        plan = StepPlan.objects.create(dossier=dossier, review_on=review_on)
        timeline_add(
            dossier, kind=TimelineKind.PLAN, summary=_("Step plan drawn up"), actor=actor, obj=plan
        )
        audit(actor, Action.CREATE, plan, dossier)
    return plan


def _check_review_date(review_on: date | None) -> None:
    if review_on is not None and review_on < timezone.localdate():
        raise ValidationError(
            {"review_on": ValidationError(_("A review date cannot lie in the past."), code="past")}
        )


def plan_set_review(
    plan: StepPlan, *, actor: User, version: int, review_on: date | None, reviewed: bool = False
) -> StepPlan:
    """Set the next review date; with ``reviewed``, also record that it was reviewed today."""
    dossier = plan.dossier
    require_work(actor, dossier)
    _check_review_date(review_on)
    with transaction.atomic():
        current = lock_for_edit(StepPlan, plan.pk, version)
        current.review_on = review_on
        fields = ["review_on"]
        if reviewed:
            current.reviewed_on = timezone.localdate()
            fields.append("reviewed_on")
        save_new_version(current, fields)
        summary = _("Step plan reviewed") if reviewed else _("Review date of the step plan set")
        if review_on is not None:
            summary += " " + _("(next review %(date)s)") % {"date": review_on.strftime("%d/%m/%Y")}
        timeline_add(dossier, kind=TimelineKind.PLAN, summary=summary, actor=actor, obj=current)
        audit(actor, Action.UPDATE, current, dossier)
    return current


def _goal_fields(life_domain: LifeDomain, description: str) -> str:
    if not description.strip():
        raise ValidationError(
            {"description": ValidationError(_("Describe the goal."), code="required")}
        )
    return description.strip()


def goal_add(plan: StepPlan, *, actor: User, life_domain: LifeDomain, description: str) -> Goal:
    dossier = plan.dossier
    require_work(actor, dossier)
    text = _goal_fields(life_domain, description)
    with transaction.atomic():
        position = Goal.objects.filter(plan=plan).count()
        goal = Goal.objects.create(
            plan=plan, life_domain=life_domain, description=text, position=position
        )
        timeline_add(
            dossier,
            kind=TimelineKind.PLAN,
            summary=_("Goal added (%(domain)s): %(goal)s")
            % {"domain": life_domain.name, "goal": text},
            actor=actor,
            obj=goal,
        )
        audit(actor, Action.CREATE, goal, dossier)
    return goal


def goal_edit(
    goal: Goal,
    *,
    actor: User,
    plan_version: int,
    life_domain: LifeDomain,
    description: str,
    status: str,
) -> Goal:
    """Change a goal. Goals are part of the plan: the edit is checked against its version."""
    plan = goal.plan
    dossier = plan.dossier
    require_work(actor, dossier)
    text = _goal_fields(life_domain, description)
    if status not in GoalStatus.values:
        raise ValidationError({"status": ValidationError(_("Choose a status."), code="invalid")})
    with transaction.atomic():
        locked = lock_for_edit(StepPlan, plan.pk, plan_version)
        Goal.objects.filter(pk=goal.pk).update(
            life_domain=life_domain, description=text, status=status
        )
        save_new_version(locked, [])
        goal.refresh_from_db()
        timeline_add(
            dossier,
            kind=TimelineKind.PLAN,
            summary=_("Goal changed (%(status)s): %(goal)s")
            % {"status": goal.get_status_display(), "goal": text},
            actor=actor,
            obj=goal,
        )
        audit(actor, Action.UPDATE, goal, dossier)
    return goal


@dataclass(frozen=True)
class StepInput:
    description: str
    owner: User | None = None
    owner_name: str = ""
    due_on: date | None = None


def _check_step(data: StepInput) -> None:
    errors: dict[str, ValidationError] = {}
    if not data.description.strip():
        errors["description"] = ValidationError(_("Describe the step."), code="required")
    if data.owner is not None and data.owner_name.strip():
        errors["owner_name"] = ValidationError(
            _("Choose a colleague or type a name, not both."), code="two_owners"
        )
    elif data.owner is None and not data.owner_name.strip():
        errors["owner"] = ValidationError(
            _("Say who takes this step: a colleague, or the name of someone else."),
            code="no_owner",
        )
    elif data.owner is not None and not _is_colleague(data.owner):
        errors["owner"] = ValidationError(
            _("Choose a colleague of this municipality."), code="not_colleague"
        )
    if errors:
        raise ValidationError(errors)


def _is_colleague(user: User) -> bool:
    return is_colleague(user)


def step_add(goal: Goal, *, actor: User, data: StepInput) -> Step:
    dossier = goal.plan.dossier
    require_work(actor, dossier)
    _check_step(data)
    if data.due_on is not None and data.due_on < timezone.localdate():
        raise ValidationError(
            {"due_on": ValidationError(_("A new step cannot be due in the past."), code="past")}
        )
    with transaction.atomic():
        step = Step.objects.create(
            goal=goal,
            dossier=dossier,
            description=data.description.strip(),
            owner=data.owner,
            owner_name=data.owner_name.strip(),
            due_on=data.due_on,
            position=Step.objects.filter(goal=goal).count(),
        )
        timeline_add(
            dossier,
            kind=TimelineKind.STEP,
            summary=_("Step added: %(step)s") % {"step": step.description},
            actor=actor,
            obj=step,
        )
        audit(actor, Action.CREATE, step, dossier)
    return step


def step_edit(step: Step, *, actor: User, version: int, data: StepInput, status: str) -> Step:
    dossier = step.dossier
    require_work(actor, dossier)
    _check_step(data)
    if status not in StepStatus.values:
        raise ValidationError({"status": ValidationError(_("Choose a status."), code="invalid")})
    with transaction.atomic():
        current = lock_for_edit(Step, step.pk, version)
        was_done = current.status == StepStatus.DONE
        current.description = data.description.strip()
        current.owner = data.owner
        current.owner_name = data.owner_name.strip()
        current.due_on = data.due_on
        current.status = status
        if status == StepStatus.DONE and not was_done:
            current.done_on = timezone.localdate()
        elif status != StepStatus.DONE:
            current.done_on = None
        save_new_version(
            current, ["description", "owner", "owner_name", "due_on", "status", "done_on"]
        )
        timeline_add(
            dossier,
            kind=TimelineKind.STEP,
            summary=_("Step changed (%(status)s): %(step)s")
            % {"status": current.get_status_display(), "step": current.description},
            actor=actor,
            obj=current,
        )
        audit(actor, Action.UPDATE, current, dossier)
    return current


def step_done(step: Step, *, actor: User, version: int) -> Step:
    """Mark a step done today (a second click on a done step changes nothing)."""
    dossier = step.dossier
    require_work(actor, dossier)
    with transaction.atomic():
        current = lock_for_edit(Step, step.pk, version)
        if current.status == StepStatus.DONE:
            return current
        current.status = StepStatus.DONE
        current.done_on = timezone.localdate()
        save_new_version(current, ["status", "done_on"])
        timeline_add(
            dossier,
            kind=TimelineKind.STEP,
            summary=_("Step done: %(step)s") % {"step": current.description},
            actor=actor,
            obj=current,
        )
        audit(actor, Action.UPDATE, current, dossier)
    return current
