"""Writes to the step plan, housing situation, rights check-list and consents of a dossier.

Every function checks that the actor may work in the dossier (care team), refuses
writes to a closed dossier, and records a timeline line and the access in the same
transaction. Records with a version field are saved with ``core.concurrency``: a
second editor gets ``EditConflictError`` and nothing is overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import Membership, User
from sociaalhuis.audit.models import Action
from sociaalhuis.audit.services import access_record
from sociaalhuis.clients.consents import services as consent_services
from sociaalhuis.clients.models import Consent
from sociaalhuis.core import predicates, tenancy
from sociaalhuis.core.concurrency import EditConflictError, lock_for_edit, save_new_version
from sociaalhuis.dossiers.models import (
    Dossier,
    Ethos,
    Goal,
    GoalStatus,
    HousingSituation,
    Right,
    RightCheck,
    RightCheckChange,
    RightStatus,
    Step,
    StepPlan,
    StepStatus,
    TimelineKind,
)
from sociaalhuis.dossiers.services import timeline_add
from sociaalhuis.tenants.models import LifeDomain


def _require_work(actor: User, dossier: Dossier) -> None:
    if not predicates.test_rule("dossiers.work_in", actor, dossier):
        raise PermissionDenied
    if not dossier.is_open:
        raise ValidationError(
            _("The dossier is closed. Reopen it before you change it."), code="closed"
        )


def _audit(actor: User, action: str, obj: Any, dossier: Dossier) -> None:
    access_record(actor=actor, action=action, obj=obj, person_id=dossier.person_id)


def _not_in_future(day: date | None, field: str, message: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: ValidationError(message, code="future")})


# --- Step plan -------------------------------------------------------------------------


def plan_create(dossier: Dossier, *, actor: User, review_on: date | None = None) -> StepPlan:
    """Draw up the dossier's step plan (one per dossier; a second request returns it)."""
    _require_work(actor, dossier)
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
        _audit(actor, Action.CREATE, plan, dossier)
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
    _require_work(actor, dossier)
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
        _audit(actor, Action.UPDATE, current, dossier)
    return current


def _goal_fields(life_domain: LifeDomain, description: str) -> str:
    if not description.strip():
        raise ValidationError(
            {"description": ValidationError(_("Describe the goal."), code="required")}
        )
    return description.strip()


def goal_add(plan: StepPlan, *, actor: User, life_domain: LifeDomain, description: str) -> Goal:
    dossier = plan.dossier
    _require_work(actor, dossier)
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
        _audit(actor, Action.CREATE, goal, dossier)
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
    _require_work(actor, dossier)
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
        _audit(actor, Action.UPDATE, goal, dossier)
    return goal


@dataclass(frozen=True)
class StepInput:
    description: str
    owner: Any = None
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
    return Membership.objects.filter(
        user=user, municipality_id=tenancy.require_municipality_id(), active=True
    ).exists()


def step_add(goal: Goal, *, actor: User, data: StepInput) -> Step:
    dossier = goal.plan.dossier
    _require_work(actor, dossier)
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
        _audit(actor, Action.CREATE, step, dossier)
    return step


def step_edit(step: Step, *, actor: User, version: int, data: StepInput, status: str) -> Step:
    dossier = step.dossier
    _require_work(actor, dossier)
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
        _audit(actor, Action.UPDATE, current, dossier)
    return current


def step_done(step: Step, *, actor: User, version: int) -> Step:
    """Mark a step done today (a second click on a done step changes nothing)."""
    dossier = step.dossier
    _require_work(actor, dossier)
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
        _audit(actor, Action.UPDATE, current, dossier)
    return current


# --- Housing situation -------------------------------------------------------------------


def housing_record(
    dossier: Dossier, *, actor: User, category: str, since: date, description: str = ""
) -> HousingSituation:
    """Record the housing situation from ``since`` on (the history is kept as it was)."""
    _require_work(actor, dossier)
    if category not in Ethos.values:
        raise ValidationError(
            {"category": ValidationError(_("Choose a housing situation."), code="invalid")}
        )
    _not_in_future(since, "since", _("The date cannot lie in the future."))
    with transaction.atomic():
        situation = HousingSituation.objects.create(
            dossier=dossier,
            category=category,
            since=since,
            description=description.strip(),
            recorded_by=actor,
        )
        timeline_add(
            dossier,
            kind=TimelineKind.HOUSING,
            summary=_("Housing situation since %(date)s: %(situation)s")
            % {"date": since.strftime("%d/%m/%Y"), "situation": situation.get_category_display()},
            actor=actor,
            obj=situation,
        )
        _audit(actor, Action.CREATE, situation, dossier)
    return situation


# --- Rights check-list -------------------------------------------------------------------


@dataclass(frozen=True)
class RightChange:
    right_id: int
    status: str
    status_on: date
    note: str
    # The version of the check the editor saw (0: there was none yet).
    version: int


class RightsConflictError(Exception):
    """Other people changed some rights since the list was opened; nothing was saved."""

    def __init__(self, current: dict[int, RightCheck]) -> None:
        super().__init__("Rights changed since the list was opened.")
        self.current = current


def rights_save(dossier: Dossier, *, actor: User, changes: list[RightChange]) -> int:
    """Save the rows of the check-list that changed, all or none. Returns how many changed.

    A row whose check moved on since the editor opened the list is a conflict: the
    whole save is refused with every conflicting check, so the screen can show them
    and keep what was typed.
    """
    _require_work(actor, dossier)
    for change in changes:
        if change.status not in RightStatus.values:
            raise ValidationError(_("Choose a status for every right."), code="invalid")
        _not_in_future(change.status_on, "status_on", _("A date cannot lie in the future."))
    rights = Right.objects.in_bulk([change.right_id for change in changes])
    if len(rights) != len({change.right_id for change in changes}):
        raise ValidationError(_("This right is not on the list."), code="unknown_right")
    with transaction.atomic():
        checks = {
            check.right_id: check
            for check in RightCheck.objects.select_for_update().filter(
                dossier=dossier, right_id__in=list(rights)
            )
        }
        conflicts = {
            change.right_id: checks[change.right_id]
            for change in changes
            if (checks[change.right_id].version if change.right_id in checks else 0)
            != change.version
        }
        if conflicts:
            raise RightsConflictError(conflicts)
        saved: list[str] = []
        for change in changes:
            check = checks.get(change.right_id)
            if _unchanged(check, change):
                continue
            check = _apply_right_change(dossier, actor, check, change)
            RightCheckChange.objects.create(
                right_check=check,
                status=check.status,
                status_on=check.status_on,
                note=check.note,
                by=actor,
            )
            saved.append(f"{rights[change.right_id].name}: {check.get_status_display()}")
        if saved:
            timeline_add(
                dossier,
                kind=TimelineKind.RIGHT,
                summary=_("Rights: %(changes)s") % {"changes": "; ".join(saved)},
                actor=actor,
            )
            access_record(
                actor=actor,
                action=Action.UPDATE,
                object_type="dossiers.rightcheck",
                object_id=str(dossier.pk),
                person_id=dossier.person_id,
            )
    return len(saved)


def _unchanged(check: RightCheck | None, change: RightChange) -> bool:
    if check is None:
        return change.status == RightStatus.NOT_CHECKED and not change.note.strip()
    return (check.status, check.status_on, check.note) == (
        change.status,
        change.status_on,
        change.note.strip(),
    )


def _apply_right_change(
    dossier: Dossier, actor: User, check: RightCheck | None, change: RightChange
) -> RightCheck:
    if check is None:
        return RightCheck.objects.create(
            dossier=dossier,
            right_id=change.right_id,
            status=change.status,
            status_on=change.status_on,
            note=change.note.strip(),
            updated_by=actor,
        )
    check.status = change.status
    check.status_on = change.status_on
    check.note = change.note.strip()
    check.updated_by = actor
    check.updated_at = timezone.now()
    save_new_version(check, ["status", "status_on", "note", "updated_by", "updated_at"])
    return check


# --- Consents ----------------------------------------------------------------------------


def dossier_consent_record(
    dossier: Dossier, *, actor: User, data: consent_services.ConsentInput
) -> Consent:
    """Record a consent of the dossier's person, from within the dossier."""
    _require_work(actor, dossier)
    if dossier.person is None:
        raise ValidationError(
            _("This dossier is for a household: record consents with each person."),
            code="no_person",
        )
    with transaction.atomic():
        consent = consent_services.consent_record(
            dossier.person, actor=actor, data=data, dossier_id=dossier.pk
        )
        timeline_add(
            dossier,
            kind=TimelineKind.CONSENT,
            summary=_("Consent recorded: %(purpose)s") % {"purpose": consent.get_purpose_display()},
            actor=actor,
            obj=consent,
        )
    return consent


def dossier_consent_withdraw(
    dossier: Dossier, consent: Consent, *, actor: User, withdrawn_on: date, note: str
) -> Consent:
    _require_work(actor, dossier)
    if consent.person_id != dossier.person_id:
        raise PermissionDenied
    with transaction.atomic():
        consent = consent_services.consent_withdraw(
            consent, actor=actor, withdrawn_on=withdrawn_on, note=note
        )
        timeline_add(
            dossier,
            kind=TimelineKind.CONSENT,
            summary=_("Consent withdrawn: %(purpose)s")
            % {"purpose": consent.get_purpose_display()},
            actor=actor,
            obj=consent,
        )
    return consent


__all__ = [
    "EditConflictError",
    "RightChange",
    "RightsConflictError",
    "StepInput",
    "dossier_consent_record",
    "dossier_consent_withdraw",
    "goal_add",
    "goal_edit",
    "housing_record",
    "plan_create",
    "plan_set_review",
    "rights_save",
    "step_add",
    "step_done",
    "step_edit",
]
