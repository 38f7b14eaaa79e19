"""Registering a contact with its questions: the form, the person look-up and card, the
service search, and the contact afterwards."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sociaalhuis.accounts.queries import acting_user
from sociaalhuis.clients.models import Person
from sociaalhuis.clients.queries import active_restrictions, chosen_person
from sociaalhuis.clients.services import DuplicateSuspectedError
from sociaalhuis.core.forms import add_service_errors
from sociaalhuis.frontdesk import queries, services
from sociaalhuis.frontdesk.forms.contacts import ContactForm
from sociaalhuis.frontdesk.forms.questions import QUESTION_FORMS, QuestionFormSet, dossier_choices
from sociaalhuis.frontdesk.models import Outcome
from sociaalhuis.frontdesk.views.page import link, municipality_here, phone_warnings
from sociaalhuis.tenants.models import Municipality


def _formset(data: Any, person: Person | None, has_person: bool, municipality: Municipality) -> Any:
    return QuestionFormSet(
        data,
        prefix="q",
        form_kwargs={"person": person, "has_person": has_person, "municipality": municipality},
    )


def _with_one_more_question(data: QueryDict) -> QueryDict:
    copied = data.copy()
    total = copied.get("q-TOTAL_FORMS", str(QUESTION_FORMS))
    copied["q-TOTAL_FORMS"] = str(min(int(total) + 1 if total.isdigit() else QUESTION_FORMS, 10))
    return copied


def register(request: HttpRequest) -> HttpResponse:
    """The contact registration screen, built for the keyboard and for speed."""
    municipality = municipality_here()
    context: dict[str, Any] = {"matches": None, "candidates": [], "service_results": {}}
    status = 200
    if request.method == "POST":
        data: QueryDict = request.POST
        action = data.get("action", "save")
        if action == "add_question":
            data = _with_one_more_question(data)
        person = chosen_person(request, data.get("person"))
        form = ContactForm(data, chosen_person=person)
        has_person = person is not None or form.wants_new_person
        formset = _formset(data, person, has_person, municipality)
        searching = (
            action == "save"
            and data.get("person_query", "").strip()
            and person is None
            and not data.get("anonymous")
            and not form.wants_new_person
        )
        if action == "find_person" or searching:
            context["matches"] = queries.lookup_matches(request, data.get("person_query", ""))
        elif action.startswith("find_service-"):
            prefix = action.removeprefix("find_service-")
            text = data.get(f"{prefix}-service_query", "")
            context["service_results"][prefix] = queries.service_matches(municipality, text)
        elif action == "save":
            response = _save(request, form, formset, context)
            if response is not None:
                return response
            status = 400
    else:
        person = chosen_person(request, request.GET.get("person"))
        queue_id = request.GET.get("queue", "")
        form = ContactForm(
            initial={
                "idempotency_key": ContactForm.fresh_key(),
                "person": person.pk if person else None,
                "queue": int(queue_id) if queue_id.isdigit() else None,
            }
        )
        formset = _formset(None, person, person is not None, municipality)
    if person is not None:
        restrictions = list(active_restrictions(person))
        context["chosen"] = queries.LookupMatch(person.identity, restrictions)
        context["phone_warnings"] = phone_warnings(restrictions)
        context["open_dossiers"] = queries.open_dossiers_of(person)
    context.update({"form": form, "formset": formset, "person": person})
    return render(request, "frontdesk/register.html", context, status=status)


def _save(
    request: HttpRequest, form: ContactForm, formset: Any, context: dict[str, Any]
) -> HttpResponse | None:
    existing = queries.contact_registered_with(request.POST.get("idempotency_key", ""))
    if existing is not None:
        # A second submit of the same form: show the contact saved the first time.
        return redirect("frontdesk:contact", contact_id=existing)
    forms_valid = form.is_valid() & formset.is_valid()
    filled = formset.filled_forms() if forms_valid else []
    if forms_valid and not filled:
        form.add_error(None, _("Register at least one question: its life domain and outcome."))
        return None
    if not forms_valid:
        return None
    queue_entry = None
    if form.cleaned_data.get("queue"):
        queue_entry = queries.waiting_entry(form.cleaned_data["queue"])
    contact_input = services.ContactInput(
        channel=form.cleaned_data["channel"],
        idempotency_key=form.cleaned_data["idempotency_key"],
        person=form.chosen_person,
        neighbourhood=form.cleaned_data.get("neighbourhood"),
        language=form.cleaned_data["language"],
        note=form.cleaned_data.get("note", ""),
        questions=[question_form.question_input() for question_form in filled],
        queue_entry=queue_entry,
    )
    try:
        contact = services.contact_register(
            actor=acting_user(request),
            data=contact_input,
            new_person=form.new_person(),
            confirmed_new=form.cleaned_data.get("confirmed_new", False),
        )
    except DuplicateSuspectedError as suspected:
        context["candidates"] = suspected.candidates
        form.add_error(
            None,
            _(
                "A person like this is already registered. Choose them if it is the same "
                "person, or tick that it is someone else."
            ),
        )
        return None
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    except PermissionDenied:
        form.add_error(None, _("Your role cannot do this (for example open a help dossier)."))
        return None
    messages.success(request, _("The contact was registered."))
    return redirect("frontdesk:contact", contact_id=contact.pk)


def person_lookup(request: HttpRequest) -> HttpResponse:
    """Look-up as you type (htmx POST, so a national register number is never in a URL)."""
    text = request.POST.get("person_query", "") if request.method == "POST" else ""
    matches = queries.lookup_matches(request, text) if len(text.strip()) >= 2 else []
    return render(
        request, "frontdesk/_person_matches.html", {"matches": matches, "searched": bool(text)}
    )


def person_card(request: HttpRequest) -> HttpResponse:
    """The chosen person's contact wishes and open dossiers (htmx), with the dossier
    choices of each question form refreshed out of band."""
    person = (
        chosen_person(request, request.POST.get("person")) if request.method == "POST" else None
    )
    if person is None:
        return render(request, "frontdesk/_person_card.html", {"person": None})
    restrictions = list(active_restrictions(person))
    dossiers = queries.open_dossiers_of(person)
    total = request.POST.get("q-TOTAL_FORMS", str(QUESTION_FORMS))
    prefixes = [f"q-{index}" for index in range(min(int(total) if total.isdigit() else 3, 10))]
    return render(
        request,
        "frontdesk/_person_card.html",
        {
            "person": person,
            "chosen": queries.LookupMatch(person.identity, restrictions),
            "phone_warnings": phone_warnings(restrictions),
            "open_dossiers": dossiers,
            "dossier_choices": dossier_choices(dossiers),
            "prefixes": prefixes,
            "oob": True,
        },
    )


def service_search(request: HttpRequest) -> HttpResponse:
    """Social-map services for a question answered at the desk (htmx GET)."""
    prefix = request.GET.get("prefix", "")
    if not prefix.startswith("q-") or not prefix[2:].isdigit():
        prefix = "q-0"
    text = request.GET.get(f"{prefix}-service_query", "")
    return render(
        request,
        "frontdesk/_service_matches.html",
        {
            "services": queries.service_matches(municipality_here(), text),
            "prefix": prefix,
            "searched": bool(text.strip()),
        },
    )


def contact(request: HttpRequest, contact_id: int) -> HttpResponse:
    """The summary after saving, with the next steps."""
    found = queries.contact_for(request, contact_id)
    person = found.person
    questions = sorted(found.questions.all(), key=lambda question: question.pk)
    for question in questions:
        question.dossier_url = (  # type: ignore[attr-defined]  # for the template only
            link("dossiers:detail", "dossiers:dossier", dossier_id=question.dossier_id)
            if question.dossier_id
            else ""
        )
        question.service_url = (  # type: ignore[attr-defined]  # for the template only
            link("directory:service", service_id=question.service_id) if question.service_id else ""
        )
    book_url = link("appointments:book")
    if book_url and person is not None:
        book_url = f"{book_url}?person={person.pk}"
    return render(
        request,
        "frontdesk/contact.html",
        {
            "contact": found,
            "person": person,
            "questions": questions,
            "person_url": link("clients:person", person_id=person.pk) if person else "",
            "book_url": book_url if person is not None else "",
            "callback_outcome": Outcome.CALLBACK,
        },
    )
