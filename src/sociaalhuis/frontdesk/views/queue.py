"""The waiting queue: the board, adding a ticket, calling, done and left."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sociaalhuis.accounts.queries import acting_user
from sociaalhuis.clients.queries import chosen_person
from sociaalhuis.frontdesk import queries, services
from sociaalhuis.frontdesk.forms.queue import CallForm, QueueEntryForm


def _queue_context() -> dict[str, Any]:
    today = queries.queue_today()
    return {"queue": today, "now": timezone.now(), "call_form": CallForm()}


def queue(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "frontdesk/queue.html",
        {**_queue_context(), "entry_form": QueueEntryForm(), "polling": True},
    )


def queue_list(request: HttpRequest) -> HttpResponse:
    """The fragment the queue page polls every 10 seconds."""
    return render(request, "frontdesk/_queue_list.html", {**_queue_context(), "polling": True})


def queue_add(request: HttpRequest) -> HttpResponse:
    form = QueueEntryForm(request.POST or None)
    person = chosen_person(request, request.POST.get("person") or request.GET.get("person"))
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.queue_add(
                actor=acting_user(request),
                person=person,
                label=form.cleaned_data["label"],
                reason=form.cleaned_data["reason"],
                life_domain=form.cleaned_data["life_domain"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Number %(ticket)s was added to the queue.") % {"ticket": entry.ticket}
            )
            return redirect("frontdesk:queue")
    return render(
        request,
        "frontdesk/queue_add.html",
        {"entry_form": form, "person": person},
        status=400 if form.errors else 200,
    )


def _queue_action_failed(request: HttpRequest, error: ValidationError) -> HttpResponse:
    messages.error(request, " ".join(error.messages))
    return redirect("frontdesk:queue")


@require_POST
def queue_call(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = queries.queue_entry(entry_id)
    form = CallForm(request.POST)
    desk = form.cleaned_data["desk"] if form.is_valid() else ""
    try:
        called = services.queue_call(actor=acting_user(request), entry=entry, desk=desk)
    except ValidationError as error:
        return _queue_action_failed(request, error)
    messages.success(request, _("You are helping number %(ticket)s.") % {"ticket": called.ticket})
    return redirect("frontdesk:queue")


@require_POST
def queue_call_next(request: HttpRequest) -> HttpResponse:
    form = CallForm(request.POST)
    desk = form.cleaned_data["desk"] if form.is_valid() else ""
    called = services.queue_call_next(actor=acting_user(request), desk=desk)
    if called is None:
        messages.warning(request, _("Nobody is waiting."))
    else:
        messages.success(
            request, _("You are helping number %(ticket)s.") % {"ticket": called.ticket}
        )
    return redirect("frontdesk:queue")


@require_POST
def queue_done(request: HttpRequest, entry_id: int) -> HttpResponse:
    """Helped: go on to register the contact, with the person and the entry filled in."""
    entry = queries.queue_entry(entry_id)
    try:
        services.queue_done(actor=acting_user(request), entry=entry)
    except ValidationError as error:
        return _queue_action_failed(request, error)
    target = reverse("frontdesk:register") + f"?queue={entry.pk}"
    if entry.person_id is not None:
        target += f"&person={entry.person_id}"
    return redirect(target)


@require_POST
def queue_left(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = queries.queue_entry(entry_id)
    try:
        services.queue_left(actor=acting_user(request), entry=entry)
    except ValidationError as error:
        return _queue_action_failed(request, error)
    messages.success(request, _("Number %(ticket)s left without help.") % {"ticket": entry.ticket})
    return redirect("frontdesk:queue")
