"""Screens of referrals: refer, check what is shared and send, follow the feedback;
the receiver's inbox and the steps they take.

The authorization matrix lets the roles in; ``queries`` decides per referral and per
side (404 for another municipality, 403 when it is not the user's). The receiver's
pages show only the snapshot of shared data. Every page that shows a referral records
the read in the access log.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sociaalhuis.accounts.queries import acting_user, workspace_of
from sociaalhuis.clients.models import Person
from sociaalhuis.core.concurrency import EditConflictError
from sociaalhuis.core.forms import add_service_errors
from sociaalhuis.core.http import page_number, query_without_page
from sociaalhuis.dossiers import queries as dossier_queries
from sociaalhuis.dossiers.models import Dossier
from sociaalhuis.frontdesk.appointments.queries import Owner, free_slots
from sociaalhuis.frontdesk.models import HelpQuestion
from sociaalhuis.referrals import lifecycle, notifications, queries, services, sharing
from sociaalhuis.referrals.forms import (
    ListFilterForm,
    MessageForm,
    ReferralForm,
    SlotForm,
    StepForm,
    VersionForm,
)
from sociaalhuis.referrals.models import Referral, ReferralStatus, Side, TargetKind
from sociaalhuis.referrals.queries import ReferralFilter, StatusGroup

OFFICE_DAY_WEEKS = 4


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


# --- Where a referral comes from --------------------------------------------------------


def _origin(request: HttpRequest) -> tuple[Person, Dossier | None, HelpQuestion | None]:
    """The person and the dossier or help question a new referral starts from."""
    source = request.POST if request.method == "POST" else request.GET
    dossier_id, question_id = source.get("dossier", ""), source.get("question", "")
    if dossier_id.isdigit():
        try:
            # The page shows the dossier's person: the door records the read.
            view = dossier_queries.dossier_for(request, int(dossier_id))
        except dossier_queries.DossierAccessDenied as denied:
            raise PermissionDenied from denied
        if not view.can_work or view.dossier.person is None:
            raise PermissionDenied
        return view.dossier.person, view.dossier, None
    if question_id.isdigit():
        question = queries.question_to_refer(int(question_id))
        assert question.person is not None  # the door returns only questions about a person
        return question.person, question.dossier, question
    raise Http404


def create(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    person, dossier, question = _origin(request)
    municipality = workspace_of(request).municipality
    assert municipality is not None  # the matrix requires a municipality
    initial: dict[str, Any] = {}
    if question is not None:
        initial["life_domain"] = question.life_domain
        initial["purpose"] = question.description
        if question.service_id:
            initial.update(target_kind=TargetKind.SERVICE, to_service=question.service_id)
    if request.GET.get("service", "").isdigit():
        initial.update(target_kind=TargetKind.SERVICE, to_service=int(request.GET["service"]))
    form = ReferralForm(
        request.POST or None,
        person=person,
        municipality=municipality,
        actor=user,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            referral, created = services.referral_create(
                form.to_input(dossier=dossier, question=question),
                actor=user,
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if created:
                messages.info(
                    request,
                    _("Check what will be shared, then send the referral."),
                )
            return redirect("referrals:detail", referral_id=referral.pk)
    queries.record_person_read(request, person)
    return render(
        request,
        "referrals/form.html",
        {"form": form, "person": person, "dossier": dossier, "question": question},
    )


def edit(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = acting_user(request)
    referral = queries.referral_for_sender(user, referral_id)
    if referral.status != ReferralStatus.DRAFT:
        messages.info(request, _("This referral was already sent; it can no longer be changed."))
        return redirect("referrals:detail", referral_id=referral.pk)
    municipality = workspace_of(request).municipality
    assert municipality is not None
    initial = {
        "target_kind": referral.target_kind,
        "to_service": referral.to_service_id,
        "to_cell": referral.to_cell_id,
        "to_user": referral.to_user_id,
        "purpose": referral.purpose,
        "life_domain": referral.life_domain_id,
        "urgency": referral.urgency,
        "response_due_on": referral.response_due_on,
        "shared_fields": referral.shared_fields,
        "legal_basis": referral.legal_basis,
        "consent": referral.consent_id,
        "legal_basis_note": referral.legal_basis_note,
        "idempotency_key": referral.idempotency_key,
    }
    form = ReferralForm(
        request.POST or None,
        person=referral.person,
        municipality=municipality,
        actor=user,
        initial=initial,
    )
    version_form = VersionForm(request.POST or None, initial={"version": referral.version})
    conflict = None
    if request.method == "POST" and form.is_valid() and version_form.is_valid():
        try:
            services.referral_edit_draft(
                referral,
                form.to_input(dossier=referral.dossier, question=referral.question),
                actor=user,
                based_on_version=version_form.cleaned_data["version"],
            )
        except EditConflictError as clash:
            conflict = clash.current
            form.add_error(
                None,
                _(
                    "Someone changed this draft while you were editing it. What you typed "
                    "is kept below; check it against the saved draft and save again."
                ),
            )
            version_form = VersionForm(initial={"version": getattr(conflict, "version", 1)})
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("referrals:detail", referral_id=referral.pk)
    queries.record_read(request, referral)
    return render(
        request,
        "referrals/form.html",
        {
            "form": form,
            "version_form": version_form,
            "referral": referral,
            "conflict": conflict,
            "person": referral.person,
            "dossier": referral.dossier,
            "question": referral.question,
        },
    )


@require_POST
def send(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = acting_user(request)
    referral = queries.referral_for_sender(user, referral_id)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The page was out of date; check the referral and try again."))
        return redirect("referrals:detail", referral_id=referral.pk)
    try:
        sent = services.referral_send(
            referral, actor=user, based_on_version=form.cleaned_data["version"]
        )
    except EditConflictError:
        messages.error(
            request,
            _("The draft changed since you opened it. Check what will be shared and send again."),
        )
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(
            request,
            _("Referral %(reference)s was sent to %(target)s.")
            % {"reference": sent.reference, "target": services.target_label(sent)},
        )
    return redirect("referrals:detail", referral_id=referral.pk)


# --- One referral -----------------------------------------------------------------------


def _side_transitions(referral: Referral, side: str) -> list[lifecycle.Transition]:
    # "Send" has its own button on the draft (after the preview); "received" is
    # recorded when the receiver opens the referral.
    hidden = {lifecycle.ReferralAction.SEND, lifecycle.ReferralAction.RECEIVE}
    return [t for t in lifecycle.actions_for(referral.status, side) if t.action not in hidden]


def _office_day_slots(referral: Referral) -> list[Any]:
    if (
        referral.target_kind != TargetKind.SERVICE
        or referral.to_service is None
        or referral.status == ReferralStatus.DRAFT
        or referral.is_final
        or referral.appointment_id is not None
    ):
        return []
    today = timezone.localdate()
    return free_slots(
        Owner(service=referral.to_service), today, today + timedelta(weeks=OFFICE_DAY_WEEKS)
    )


def _detail_context(
    referral: Referral,
    side: str,
    *,
    step_form: StepForm | None = None,
    message_form: MessageForm | None = None,
) -> dict[str, Any]:
    transitions = _side_transitions(referral, side)
    is_draft = referral.status == ReferralStatus.DRAFT
    shared = services.preview(referral) if is_draft else referral.shared_data
    slots = _office_day_slots(referral)
    return {
        "referral": referral,
        "side": side,
        "is_sender": side == Side.SENDER,
        "target": services.target_label(referral),
        "shared": [(sharing.LABELS.get(code, code), value) for code, value in shared.items()],
        "not_shared": [
            label for code, label in sharing.LABELS.items() if code not in referral.shared_fields
        ],
        "updates": list(queries.updates_of(referral, side).select_related("by")),
        "step_form": step_form or (StepForm(transitions=transitions) if transitions else None),
        "message_form": message_form or MessageForm(),
        "can_message": not is_draft and not referral.is_final,
        "version_form": VersionForm(initial={"version": referral.version}),
        "slot_form": SlotForm(slots=slots) if slots else None,
        "dossier": services.dossier_of(referral) if side == Side.SENDER else None,
    }


def _elsewhere(request: HttpRequest) -> HttpResponse | None:
    """A link that names another of the user's municipalities (from an e-mail): offer
    the switch. The referral itself is not read: it is not visible from here."""
    workspace = workspace_of(request)
    named = request.GET.get(notifications.MUNICIPALITY_PARAMETER, "")
    if not named.isdigit() or workspace.municipality is None:
        return None
    if int(named) == workspace.municipality.pk:
        return None
    there = next((m for m in workspace.municipalities if m.pk == int(named)), None)
    if there is None:
        return None  # not one of theirs: the page answers as it would without the link
    return render(
        request,
        "referrals/elsewhere.html",
        {"there": there, "next": request.path},
    )


def detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = acting_user(request)
    if (switch := _elsewhere(request)) is not None:
        return switch
    referral, side = queries.referral_for(user, referral_id)
    if side == Side.RECEIVER and referral.status == ReferralStatus.SENT:
        referral = services.referral_mark_received(referral, actor=user)
    if side == Side.SENDER:
        services.referral_mark_read(referral, actor=user)
    queries.record_read(request, referral)
    return render(request, "referrals/detail.html", _detail_context(referral, side))


@require_POST
def transition(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = acting_user(request)
    referral, side = queries.referral_for(user, referral_id)
    form = StepForm(request.POST, transitions=_side_transitions(referral, side))
    if form.is_valid():
        try:
            services.referral_transition(
                referral,
                actor=user,
                action=form.chosen_action,
                reason_code=form.cleaned_data.get("reason_code", ""),
                reason_text=form.cleaned_data.get("reason_text", ""),
                note=form.cleaned_data["note"],
                got_help=form.cleaned_data.get("got_help"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The referral was updated."))
            return redirect("referrals:detail", referral_id=referral.pk)
    elif "action" in form.errors and referral.is_final:
        form.errors["action"] = form.error_class(
            [_("This referral is closed; it cannot change any more.")]
        )
    queries.record_read(request, referral)
    return render(
        request,
        "referrals/detail.html",
        _detail_context(referral, side, step_form=form),
        status=400,
    )


@require_POST
def message(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = acting_user(request)
    referral, side = queries.referral_for(user, referral_id)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.referral_message(referral, actor=user, note=form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your message was added."))
            return redirect("referrals:detail", referral_id=referral.pk)
    queries.record_read(request, referral)
    return render(
        request,
        "referrals/detail.html",
        _detail_context(referral, side, message_form=form),
        status=400,
    )


def book(request: HttpRequest, referral_id: int) -> HttpResponse:
    """Free times at the partner's office day, and booking one."""
    user = acting_user(request)
    referral, side = queries.referral_for(user, referral_id)
    slots = _office_day_slots(referral)
    form = SlotForm(request.POST or None, slots=slots)
    if request.method == "POST" and form.is_valid():
        slot = form.chosen
        try:
            services.referral_book_office_day(
                referral,
                actor=user,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                location=slot.location,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The appointment on %(when)s is in the calendar.")
                % {"when": f"{timezone.localtime(slot.starts_at):%d/%m/%Y %H:%M}"},
            )
            return redirect("referrals:detail", referral_id=referral.pk)
    queries.record_read(request, referral)
    return render(
        request,
        "referrals/book.html",
        {"referral": referral, "form": form, "slots": slots, "side": side},
        status=400 if request.method == "POST" else 200,
    )


# --- Lists --------------------------------------------------------------------------------


def _filters(request: HttpRequest, *, sender: bool) -> tuple[ListFilterForm, ReferralFilter]:
    form = ListFilterForm(request.GET or None, sender=sender)
    if form.is_valid():
        group = form.cleaned_data["group"] or StatusGroup.OPEN.value
        return form, ReferralFilter(StatusGroup(group), form.cleaned_data["status"])
    return form, ReferralFilter()


def _list(request: HttpRequest, *, sender: bool) -> HttpResponse:
    user = acting_user(request)
    form, referral_filter = _filters(request, sender=sender)
    rows = (
        queries.sent_by(user, referral_filter) if sender else queries.inbox(user, referral_filter)
    )
    page = queries.page_of(rows, page_number(request))
    queries.record_list_read(request, "sent" if sender else "inbox")
    return render(
        request,
        "referrals/sent.html" if sender else "referrals/inbox.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "today": timezone.localdate(),
            "group": referral_filter.group,
        },
    )


def sent(request: HttpRequest) -> HttpResponse:
    return _list(request, sender=True)


def inbox(request: HttpRequest) -> HttpResponse:
    return _list(request, sender=False)
