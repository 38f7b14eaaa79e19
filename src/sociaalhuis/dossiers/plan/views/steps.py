"""The step plan: the plan, late steps, its review date, goals and steps."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sociaalhuis.accounts.queries import acting_user
from sociaalhuis.core.concurrency import EditConflictError
from sociaalhuis.core.forms import add_service_errors
from sociaalhuis.dossiers.plan import queries as plan_queries
from sociaalhuis.dossiers.plan import services as plan_services
from sociaalhuis.dossiers.plan.forms import (
    GoalEditForm,
    GoalForm,
    PlanForm,
    ReviewForm,
    StepEditForm,
    StepForm,
)
from sociaalhuis.dossiers.plan.views.page import may_work, plan_page, with_version


def plan(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = plan_queries.dossier_for_plan(request, dossier_id, shows="dossiers.stepplan")
    current = plan_queries.plan_of(dossier)
    return plan_page(
        request,
        "plan.html",
        dossier,
        {
            "plan": current,
            "today": timezone.localdate(),
            "late": plan_queries.late_overview(dossier),
            "can_work": may_work(request, dossier),
            "create_form": PlanForm(),
            "review_form": ReviewForm(
                initial={"review_on": current.review_on, "version": current.version}
            )
            if current is not None
            else None,
        },
        200,
    )


def late(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = plan_queries.dossier_for_plan(request, dossier_id, shows="dossiers.stepplan")
    return plan_page(
        request,
        "late.html",
        dossier,
        {"late": plan_queries.late_overview(dossier), "today": timezone.localdate()},
        200,
    )


@require_POST
def plan_create(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = plan_queries.dossier_for_plan(request, dossier_id, shows=None, write=True)
    form = PlanForm(request.POST)
    if form.is_valid():
        try:
            plan_services.plan_create(
                dossier, actor=acting_user(request), review_on=form.cleaned_data["review_on"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The step plan is drawn up. Add the first goal."))
    else:
        messages.error(request, _("The review date is not a valid date."))
    return redirect("dossierplan:plan", dossier_id=dossier.pk)


def plan_review(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = plan_queries.dossier_for_plan(
        request, dossier_id, shows="dossiers.stepplan", write=True
    )
    current = plan_queries.plan_for(dossier)
    form = ReviewForm(
        request.POST or None, initial={"review_on": current.review_on, "version": current.version}
    )
    conflict: Any = None
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.plan_set_review(
                current,
                actor=acting_user(request),
                version=form.cleaned_data["version"],
                review_on=form.cleaned_data["review_on"],
                reviewed=request.POST.get("action") == "reviewed",
            )
        except EditConflictError as error:
            conflict = error.current
            form = ReviewForm(with_version(request.POST, "version", conflict.version))
            form.is_valid()
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The step plan is saved."))
            return redirect("dossierplan:plan", dossier_id=dossier.pk)
    return plan_page(
        request,
        "review_form.html",
        dossier,
        {"form": form, "plan": current, "conflict": conflict},
        409 if conflict else 400 if form.errors else 200,
    )


def goal_add(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = plan_queries.dossier_for_plan(
        request, dossier_id, shows="dossiers.stepplan", write=True
    )
    current = plan_queries.plan_for(dossier)
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.goal_add(
                current,
                actor=acting_user(request),
                life_domain=form.cleaned_data["life_domain"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The goal is added."))
            return redirect("dossierplan:plan", dossier_id=dossier.pk)
    return plan_page(
        request,
        "form.html",
        dossier,
        {"form": form, "title": _("New goal")},
        400 if form.errors else 200,
    )


def goal_edit(request: HttpRequest, dossier_id: int, goal_id: int) -> HttpResponse:
    dossier = plan_queries.dossier_for_plan(
        request, dossier_id, shows="dossiers.stepplan", write=True
    )
    goal = plan_queries.goal_for(dossier, goal_id)
    initial = {
        "life_domain": goal.life_domain_id,
        "description": goal.description,
        "status": goal.status,
        "plan_version": goal.plan.version,
    }
    form = GoalEditForm(request.POST or None, initial=initial)
    conflict: Any = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan_services.goal_edit(
                goal,
                actor=acting_user(request),
                plan_version=data["plan_version"],
                life_domain=data["life_domain"],
                description=data["description"],
                status=data["status"],
            )
        except EditConflictError as error:
            conflict = plan_queries.goal_as_saved(goal)
            saved_plan: Any = error.current
            form = GoalEditForm(with_version(request.POST, "plan_version", saved_plan.version))
            form.is_valid()
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The goal is saved."))
            return redirect("dossierplan:plan", dossier_id=dossier.pk)
    return plan_page(
        request,
        "form.html",
        dossier,
        {"form": form, "title": _("Change the goal"), "conflict_goal": conflict},
        409 if conflict else 400 if form.errors else 200,
    )


def _step_input(data: dict[str, Any]) -> plan_services.StepInput:
    return plan_services.StepInput(
        description=data["description"],
        owner=data["owner"],
        owner_name=data["owner_name"],
        due_on=data["due_on"],
    )


def step_add(request: HttpRequest, dossier_id: int, goal_id: int) -> HttpResponse:
    dossier = plan_queries.dossier_for_plan(
        request, dossier_id, shows="dossiers.stepplan", write=True
    )
    goal = plan_queries.goal_for(dossier, goal_id)
    form = StepForm(request.POST or None, initial={"owner": acting_user(request).pk})
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.step_add(
                goal, actor=acting_user(request), data=_step_input(form.cleaned_data)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The step is added."))
            return redirect("dossierplan:plan", dossier_id=dossier.pk)
    return plan_page(
        request,
        "form.html",
        dossier,
        {"form": form, "title": _("New step"), "goal": goal},
        400 if form.errors else 200,
    )


def step_edit(request: HttpRequest, dossier_id: int, step_id: int) -> HttpResponse:
    dossier = plan_queries.dossier_for_plan(
        request, dossier_id, shows="dossiers.stepplan", write=True
    )
    step = plan_queries.step_for(dossier, step_id)
    initial = {
        "description": step.description,
        "owner": step.owner_id,
        "owner_name": step.owner_name,
        "due_on": step.due_on,
        "status": step.status,
        "version": step.version,
    }
    form = StepEditForm(request.POST or None, initial=initial)
    conflict: Any = None
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.step_edit(
                step,
                actor=acting_user(request),
                version=form.cleaned_data["version"],
                data=_step_input(form.cleaned_data),
                status=form.cleaned_data["status"],
            )
        except EditConflictError as error:
            conflict = error.current
            form = StepEditForm(with_version(request.POST, "version", conflict.version))
            form.is_valid()
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The step is saved."))
            return redirect("dossierplan:plan", dossier_id=dossier.pk)
    return plan_page(
        request,
        "form.html",
        dossier,
        {"form": form, "title": _("Change the step"), "conflict_step": conflict},
        409 if conflict else 400 if form.errors else 200,
    )


@require_POST
def step_done(request: HttpRequest, dossier_id: int, step_id: int) -> HttpResponse:
    dossier = plan_queries.dossier_for_plan(request, dossier_id, shows=None, write=True)
    step = plan_queries.step_for(dossier, step_id)
    version = request.POST.get("version", "")
    try:
        plan_services.step_done(
            step, actor=acting_user(request), version=int(version) if version.isdigit() else -1
        )
    except EditConflictError:
        messages.error(
            request,
            _("Someone changed this step in the meantime. Check it below and try again."),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The step is marked done."))
    return redirect("dossierplan:plan", dossier_id=dossier.pk)
