"""Callback requests: the ones I sent, asking a colleague or cell to call back, one request."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.queries import acting_user
from sociaalhuis.clients.models import ContactRestriction
from sociaalhuis.clients.queries import active_restrictions, chosen_person
from sociaalhuis.core.forms import add_service_errors
from sociaalhuis.core.http import page_number
from sociaalhuis.frontdesk import queries, services
from sociaalhuis.frontdesk.forms.callbacks import CallbackActionForm, CallbackForm
from sociaalhuis.frontdesk.views.page import link, phone_warnings


def callbacks_sent(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "frontdesk/callbacks_sent.html",
        {
            "page": queries.callbacks_sent(acting_user(request), page_number(request)),
            "now": timezone.now(),
        },
    )


def callback_create(request: HttpRequest) -> HttpResponse:
    person = chosen_person(request, request.POST.get("person") or request.GET.get("person"))
    restrictions: list[ContactRestriction] = []
    if person is not None:
        restrictions = list(active_restrictions(person))
    initial = {"phone": person.identity.phone} if person is not None else {}
    form = CallbackForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            callback = services.callback_create(
                actor=acting_user(request),
                person=person,
                caller_name=data["caller_name"],
                phone=data["phone"],
                message=data["message"],
                to_user=data["to_user"],
                to_cell=data["to_cell"],
                due_at=data["due_at"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The callback request was sent."))
            return redirect("frontdesk:callback", callback_id=callback.pk)
    return render(
        request,
        "frontdesk/callback_form.html",
        {
            "form": form,
            "person": person,
            "restrictions": restrictions,
            "phone_warnings": phone_warnings(restrictions),
        },
        status=400 if form.errors else 200,
    )


def callback(request: HttpRequest, callback_id: int) -> HttpResponse:
    """A callback request: its recipient marks it done, not reached or cancelled."""
    found = queries.callback_for(request, callback_id)
    form = CallbackActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action", "")
        result = form.cleaned_data["result"]
        try:
            if action == "done":
                services.callback_done(actor=acting_user(request), callback=found, result=result)
                messages.success(request, _("The callback was marked as done."))
            elif action == "attempt":
                services.callback_attempt(actor=acting_user(request), callback=found)
                messages.success(request, _("The attempt was recorded."))
            elif action == "cancel":
                services.callback_cancel(actor=acting_user(request), callback=found, reason=result)
                messages.success(request, _("The callback request was cancelled."))
            else:
                raise ValidationError(_("Choose an action."), code="no_action")
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied:
            form.add_error(None, _("Only the colleague or cell it is for can do this."))
        else:
            return redirect("frontdesk:callback", callback_id=found.pk)
    restrictions: list[ContactRestriction] = []
    if found.person_id is not None:
        assert found.person is not None
        restrictions = list(active_restrictions(found.person))
    return render(
        request,
        "frontdesk/callback.html",
        {
            "callback": found,
            "form": form,
            "is_recipient": services.is_callback_recipient(acting_user(request), found),
            "is_sender": found.created_by_id == acting_user(request).pk,
            "restrictions": restrictions,
            "phone_warnings": phone_warnings(restrictions),
            "person_url": link("clients:person", person_id=found.person_id)
            if found.person_id
            else "",
        },
        status=400 if form.errors else 200,
    )
