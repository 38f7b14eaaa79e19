"""Screens of the step plan, housing situation, rights check-list and consents of a dossier.

The authorization matrix lets social workers and cell specialists reach these routes;
``plan_queries.dossier_for_plan`` then applies the dossier rules (404 for another
municipality's dossier, 403 off the care team). Every page read is in the access
log, marked as emergency access when read under "break the glass".
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sociaalhuis.accounts.queries import acting_user
from sociaalhuis.clients.consents import queries as consent_queries
from sociaalhuis.clients.consents.services import ConsentInput
from sociaalhuis.clients.models import Consent
from sociaalhuis.core import predicates
from sociaalhuis.core.concurrency import EditConflictError
from sociaalhuis.core.forms import add_service_errors
from sociaalhuis.dossiers.models import Dossier, Ethos, RightStatus
from sociaalhuis.dossiers.plan import queries as plan_queries
from sociaalhuis.dossiers.plan import services as plan_services
from sociaalhuis.dossiers.plan.forms import (
    ConsentRecordForm,
    ConsentWithdrawForm,
    GoalEditForm,
    GoalForm,
    HousingForm,
    PlanForm,
    ReviewForm,
    RightsFormSet,
    StepEditForm,
    StepForm,
)

# The dossier page belongs to the dossier core; link to it when its route exists.
DOSSIER_PAGE_ROUTES = ("dossiers:detail", "dossiers:dossier")


def dossier_url(dossier: Dossier) -> str:
    for name in DOSSIER_PAGE_ROUTES:
        try:
            return reverse(name, kwargs={"dossier_id": dossier.pk})
        except NoReverseMatch:
            continue
    return reverse("dossierplan:plan", kwargs={"dossier_id": dossier.pk})


def _page(
    request: HttpRequest, template: str, dossier: Dossier, context: dict[str, Any], status: int
) -> HttpResponse:
    context = {"dossier": dossier, "dossier_url": dossier_url(dossier), **context}
    return render(request, f"dossiers/plan/{template}", context, status=status)


def _with_version(post: Any, name: str, version: int) -> Any:
    data = post.copy()
    data[name] = str(version)
    return data


# --- Step plan ---------------------------------------------------------------------------


def plan(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = plan_queries.dossier_for_plan(acting_user(request), dossier_id)
    plan_queries.record_read(request, dossier, "dossiers.stepplan")
    current = plan_queries.plan_of(dossier)
    return _page(
        request,
        "plan.html",
        dossier,
        {
            "plan": current,
            "today": timezone.localdate(),
            "late": plan_queries.late_overview(dossier),
            "can_work": _can_work(request, dossier),
            "create_form": PlanForm(),
            "review_form": ReviewForm(
                initial={"review_on": current.review_on, "version": current.version}
            )
            if current is not None
            else None,
        },
        200,
    )


def _can_work(request: HttpRequest, dossier: Dossier) -> bool:
    return dossier.is_open and predicates.test_rule(
        "dossiers.work_in", acting_user(request), dossier
    )


def late(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = plan_queries.dossier_for_plan(acting_user(request), dossier_id)
    plan_queries.record_read(request, dossier, "dossiers.stepplan")
    return _page(
        request,
        "late.html",
        dossier,
        {"late": plan_queries.late_overview(dossier), "today": timezone.localdate()},
        200,
    )


@require_POST
def plan_create(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = plan_queries.dossier_for_plan(acting_user(request), dossier_id, write=True)
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
    dossier = plan_queries.dossier_for_plan(acting_user(request), dossier_id, write=True)
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
            form = ReviewForm(_with_version(request.POST, "version", conflict.version))
            form.is_valid()
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The step plan is saved."))
            return redirect("dossierplan:plan", dossier_id=dossier.pk)
    return _page(
        request,
        "review_form.html",
        dossier,
        {"form": form, "plan": current, "conflict": conflict},
        409 if conflict else 400 if form.errors else 200,
    )


def goal_add(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = plan_queries.dossier_for_plan(acting_user(request), dossier_id, write=True)
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
    return _page(
        request,
        "form.html",
        dossier,
        {"form": form, "title": _("New goal")},
        400 if form.errors else 200,
    )


def goal_edit(request: HttpRequest, dossier_id: int, goal_id: int) -> HttpResponse:
    dossier = plan_queries.dossier_for_plan(acting_user(request), dossier_id, write=True)
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
            form = GoalEditForm(_with_version(request.POST, "plan_version", saved_plan.version))
            form.is_valid()
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The goal is saved."))
            return redirect("dossierplan:plan", dossier_id=dossier.pk)
    return _page(
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
    dossier = plan_queries.dossier_for_plan(acting_user(request), dossier_id, write=True)
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
    return _page(
        request,
        "form.html",
        dossier,
        {"form": form, "title": _("New step"), "goal": goal},
        400 if form.errors else 200,
    )


def step_edit(request: HttpRequest, dossier_id: int, step_id: int) -> HttpResponse:
    dossier = plan_queries.dossier_for_plan(acting_user(request), dossier_id, write=True)
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
            form = StepEditForm(_with_version(request.POST, "version", conflict.version))
            form.is_valid()
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The step is saved."))
            return redirect("dossierplan:plan", dossier_id=dossier.pk)
    return _page(
        request,
        "form.html",
        dossier,
        {"form": form, "title": _("Change the step"), "conflict_step": conflict},
        409 if conflict else 400 if form.errors else 200,
    )


@require_POST
def step_done(request: HttpRequest, dossier_id: int, step_id: int) -> HttpResponse:
    dossier = plan_queries.dossier_for_plan(acting_user(request), dossier_id, write=True)
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


# --- Housing -------------------------------------------------------------------------------


def housing(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = plan_queries.dossier_for_plan(acting_user(request), dossier_id)
    can_work = _can_work(request, dossier)
    form = HousingForm(request.POST or None, initial={"since": timezone.localdate()})
    if request.method == "POST":
        dossier = plan_queries.dossier_for_plan(acting_user(request), dossier_id, write=True)
        if form.is_valid():
            data = form.cleaned_data
            try:
                plan_services.housing_record(
                    dossier,
                    actor=acting_user(request),
                    category=data["category"],
                    since=data["since"],
                    description=data["description"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The housing situation is recorded."))
                return redirect("dossierplan:housing", dossier_id=dossier.pk)
    else:
        plan_queries.record_read(request, dossier, "dossiers.housingsituation")
    history = list(plan_queries.housing_history(dossier))
    return _page(
        request,
        "housing.html",
        dossier,
        {"form": form, "history": history, "can_work": can_work, "categories": Ethos.choices},
        400 if form.errors else 200,
    )


# --- Rights check-list ---------------------------------------------------------------------


def rights(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = plan_queries.dossier_for_plan(acting_user(request), dossier_id)
    rows = plan_queries.rights_checklist(dossier)
    today = timezone.localdate()
    initial = [
        {
            "right": row.right.pk,
            "version": row.version,
            "status": row.status,
            "status_on": row.check.status_on if row.check else today,
            "note": row.check.note if row.check else "",
        }
        for row in rows
    ]
    conflicts: dict[int, Any] = {}
    if request.method == "POST":
        dossier = plan_queries.dossier_for_plan(acting_user(request), dossier_id, write=True)
        formset = RightsFormSet(request.POST, initial=initial)
        if formset.is_valid():
            changes = [
                plan_services.RightChange(
                    right_id=data["right"],
                    status=data["status"],
                    status_on=data["status_on"],
                    note=data["note"],
                    version=data["version"],
                )
                for data in formset.cleaned_data
            ]
            try:
                saved = plan_services.rights_save(
                    dossier, actor=acting_user(request), changes=changes
                )
            except plan_services.RightsConflictError as error:
                conflicts = error.current
                formset = RightsFormSet(_rights_with_versions(request.POST, formset, conflicts))
                formset.is_valid()
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                if saved:
                    messages.success(request, _("The rights check-list is saved."))
                else:
                    messages.info(request, _("Nothing was changed."))
                return redirect("dossierplan:rights", dossier_id=dossier.pk)
    else:
        plan_queries.record_read(request, dossier, "dossiers.rightcheck")
        formset = RightsFormSet(initial=initial)
    by_right = {row.right.pk: row for row in rows}
    lines = []
    for form in formset.forms:
        row = by_right.get(_right_of(form) or 0)
        if row is not None:
            lines.append((row, form, conflicts.get(row.right.pk)))
    return _page(
        request,
        "rights.html",
        dossier,
        {
            "formset": formset,
            "lines": lines,
            "conflicts": conflicts,
            "can_work": _can_work(request, dossier),
            "statuses": RightStatus.choices,
        },
        409 if conflicts else 400 if formset.total_error_count() else 200,
    )


def _right_of(form: Any) -> int | None:
    """The right a row of the check-list is about (as posted, or as offered)."""
    if not form.is_bound:
        offered: int | None = form.initial.get("right")  # the view offers a Right's pk
        return offered
    value = form.data.get(form.add_prefix("right"), "")
    return int(value) if str(value).isdigit() else None


def _rights_with_versions(post: Any, formset: Any, conflicts: dict[int, Any]) -> Any:
    """The posted rows with the conflicting rows' versions moved on: saving again wins."""
    data = post.copy()
    for form in formset.forms:
        right_id = form.cleaned_data["right"]
        if right_id in conflicts:
            data[form.add_prefix("version")] = str(conflicts[right_id].version)
    return data


# --- Consents ------------------------------------------------------------------------------


def consents(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = plan_queries.dossier_for_plan(acting_user(request), dossier_id)
    form = ConsentRecordForm(request.POST or None, initial={"given_on": timezone.localdate()})
    if request.method == "POST":
        dossier = plan_queries.dossier_for_plan(acting_user(request), dossier_id, write=True)
        if form.is_valid():
            data = form.cleaned_data
            try:
                plan_services.dossier_consent_record(
                    dossier,
                    actor=acting_user(request),
                    data=ConsentInput(
                        purpose=data["purpose"],
                        scope=data["scope"],
                        given_on=data["given_on"],
                        form=data["form"],
                        organisation=data["organisation"],
                        valid_until=data["valid_until"],
                    ),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The consent is recorded."))
                return redirect("dossierplan:consents", dossier_id=dossier.pk)
    else:
        plan_queries.record_read(request, dossier, "clients.consent")
    listed = list(consent_queries.consents_of(dossier.person)) if dossier.person else []
    today = timezone.localdate()
    return _page(
        request,
        "consents.html",
        dossier,
        {
            "form": form,
            "consents": [(consent, consent.is_active_on(today)) for consent in listed],
            "can_work": _can_work(request, dossier) and dossier.person is not None,
        },
        400 if form.errors else 200,
    )


def _consent(dossier: Dossier, consent_id: int) -> Consent:
    if dossier.person is None:
        raise Http404
    found = consent_queries.consents_of(dossier.person).filter(pk=consent_id).first()
    if found is None:
        raise Http404
    return found


def consent_withdraw(request: HttpRequest, dossier_id: int, consent_id: int) -> HttpResponse:
    dossier = plan_queries.dossier_for_plan(acting_user(request), dossier_id, write=True)
    consent = _consent(dossier, consent_id)
    form = ConsentWithdrawForm(request.POST or None, initial={"withdrawn_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.dossier_consent_withdraw(
                dossier,
                consent,
                actor=acting_user(request),
                withdrawn_on=form.cleaned_data["withdrawn_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The consent is withdrawn. It stays on record."))
            return redirect("dossierplan:consents", dossier_id=dossier.pk)
    return _page(
        request,
        "form.html",
        dossier,
        {"form": form, "title": _("Withdraw a consent"), "consent": consent},
        400 if form.errors else 200,
    )
