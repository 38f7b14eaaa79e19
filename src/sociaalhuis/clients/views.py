"""Screens for persons and households: search, the person page, registering and
correcting (with the duplicate check), contact wishes, households and merging.

Route access is decided by the authorization matrix before these run. Persons and
households are read only through ``clients.queries`` (the door), which is tenant-
scoped (another municipality's id is a 404) and records every read in the access
log. The national register number never travels in a URL: searches on it go by POST.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sociaalhuis.accounts.authorization import ROUTES
from sociaalhuis.accounts.middleware import is_allowed
from sociaalhuis.accounts.queries import acting_user
from sociaalhuis.clients import services
from sociaalhuis.clients.forms import (
    HouseholdForm,
    MemberAddForm,
    MemberLeaveForm,
    MergeForm,
    PersonForm,
    PersonSearchForm,
    RestrictionForm,
    RevealNumberForm,
)
from sociaalhuis.clients.models import Identity, Person
from sociaalhuis.clients.queries import (
    active_restrictions,
    duplicate_candidates,
    household_for,
    household_with_members,
    looks_like_national_number,
    member_for,
    merge_for,
    person_for,
    person_households,
    persons_found,
    persons_looked_up,
    record_counts,
    record_number_shown,
    restriction_for,
)
from sociaalhuis.clients.sections import person_sections
from sociaalhuis.core.concurrency import EditConflictError
from sociaalhuis.core.http import page_number, query_without_page

PAGE_SIZE = 25


def _can(request: HttpRequest, route_name: str) -> bool:
    return is_allowed(request, ROUTES[route_name])


def _refuse_if_merged(request: HttpRequest, person: Person) -> HttpResponse | None:
    if person.is_merged:
        messages.error(
            request, _("This record was merged into another one and can no longer be changed.")
        )
        return redirect("clients:person", person_id=person.pk)
    return None


# --- Search ----------------------------------------------------------------------


@never_cache
def search(request: HttpRequest) -> HttpResponse:
    """Names and dates are searched by GET (pages can be linked); a national register
    number only by POST, so it never lands in an address bar, history or log.
    """
    text = ""
    status = 200
    if request.method == "POST":
        form = PersonSearchForm(request.POST)
        if form.is_valid():
            text = form.cleaned_data["q"].strip()
            if not looks_like_national_number(text):
                return redirect(f"{reverse('clients:search')}?{urlencode({'q': text})}")
        else:
            status = 400
    elif "q" in request.GET:
        if looks_like_national_number(request.GET["q"]):
            # Not searched and not echoed back (not even in the language switch's
            # return address): back to the empty page, asking to use the search box.
            messages.error(
                request,
                _(
                    "Search on a national register number with the search box on this "
                    "page: the number may not appear in a web address."
                ),
            )
            return redirect("clients:search")
        else:
            form = PersonSearchForm(request.GET)
            if form.is_valid():
                text = form.cleaned_data["q"].strip()
            else:
                status = 400
    else:
        form = PersonSearchForm()
    page = None
    if text:
        page = Paginator(persons_found(request, text), PAGE_SIZE).get_page(page_number(request))
    return render(
        request,
        "clients/search.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "can_register": _can(request, "clients:register"),
        },
        status=status,
    )


# --- The person page ---------------------------------------------------------------


def _person_page(
    request: HttpRequest,
    found: Person,
    *,
    revealed: bool = False,
    restriction_form: RestrictionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The person page for a person loaded (and so recorded) through ``person_for``."""
    editable = not found.is_merged and _can(request, "clients:edit")
    response = render(
        request,
        "clients/person.html",
        {
            "person": found,
            "identity": found.identity,
            "revealed": revealed,
            "restrictions": list(active_restrictions(found).select_related("created_by")),
            "households": person_households(found),
            "merged_records": list(found.merged_records.select_related("identity")),
            "sections": person_sections(found, acting_user(request)),
            "editable": editable,
            "can_merge": not found.is_merged and _can(request, "clients:merge_pick"),
            "restriction_form": restriction_form or RestrictionForm(),
            "reveal_form": RevealNumberForm(),
        },
        status=status,
    )
    return response


@never_cache
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    return _person_page(request, person_for(request, person_id))


@never_cache
def reveal_number(request: HttpRequest, person_id: int) -> HttpResponse:
    """The full national register number, shown in answer to a POST (never a URL),
    with its own entry in the access log."""
    found = person_for(request, person_id)
    if request.method != "POST":
        return redirect("clients:person", person_id=found.pk)
    form = RevealNumberForm(request.POST)
    reason = form.cleaned_data["reason"].strip() if form.is_valid() else ""
    record_number_shown(
        request,
        found,
        reason=_("Full national register number shown. %(reason)s") % {"reason": reason},
    )
    return _person_page(request, found, revealed=True)


# --- Register and correct ------------------------------------------------------------


@never_cache
def register(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST or None)
    candidates: list[Any] = []
    if request.method == "POST" and form.is_valid():
        try:
            created = services.person_register(
                actor=acting_user(request),
                data=form.person_input(),
                confirmed_new=request.POST.get("confirmed_new") == "1",
            )
        except services.DuplicateSuspectedError as error:
            candidates = error.candidates
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The person was registered."))
            return redirect("clients:person", person_id=created.pk)
    return render(
        request,
        "clients/person_form.html",
        {
            "form": form,
            "title": _("Register a person"),
            "candidates": candidates,
            "same_number": any(candidate.same_number for candidate in candidates),
            "typed": form.cleaned_data if candidates else None,
        },
        status=400 if form.errors else 200,
    )


def _conflict_rows(form: PersonForm, current: Person) -> list[dict[str, Any]]:
    """The fields where the stored record (saved by a colleague meanwhile) and what
    this worker typed differ, as labels and display values."""
    stored = PersonForm.initial_for(current, current.identity)
    rows = []
    for name, field in form.fields.items():
        if name == "version" or field.widget.is_hidden:
            continue
        theirs, mine = stored.get(name), form.cleaned_data.get(name)
        if (theirs or "") == (mine or ""):
            continue
        choices = dict(getattr(field, "choices", []) or [])
        rows.append(
            {
                "label": field.label,
                "stored": choices.get(theirs, theirs),
                "typed": choices.get(mine, mine),
            }
        )
    return rows


@never_cache
def edit(request: HttpRequest, person_id: int) -> HttpResponse:
    found = person_for(request, person_id)
    refused = _refuse_if_merged(request, found)
    if refused is not None:
        return refused
    conflict: list[dict[str, Any]] | None = None
    candidates: list[Any] = []
    status = 200
    if request.method == "POST":
        form = PersonForm(request.POST)
        if form.is_valid():
            try:
                services.person_update(
                    actor=acting_user(request),
                    person=found,
                    based_on_version=form.cleaned_data["version"] or 0,
                    data=form.person_input(),
                )
            except EditConflictError:
                current = person_for(request, found.pk)
                conflict = _conflict_rows(form, current)
                # Keep what they typed; saving again is a deliberate choice over the
                # colleague's version, so the form now starts from the stored one.
                data = request.POST.copy()
                data["version"] = str(current.version)
                form = PersonForm(data)
                form.is_valid()
                status = 409
            except services.DuplicateSuspectedError as error:
                candidates = error.candidates
                form.add_error(
                    "national_number",
                    ValidationError(
                        _("This national register number belongs to another person."),
                        code="number_in_use",
                    ),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The changes were saved."))
                return redirect("clients:person", person_id=found.pk)
        if form.errors:
            status = 400
    else:
        form = PersonForm(initial=PersonForm.initial_for(found, found.identity))
    return render(
        request,
        "clients/person_form.html",
        {
            "form": form,
            "person": found,
            "title": _("Correct the data of %(name)s") % {"name": found.identity.full_name},
            "conflict": conflict,
            "candidates": candidates,
            "same_number": bool(candidates),
        },
        status=status,
    )


# --- Contact wishes -------------------------------------------------------------------


def restriction_add(request: HttpRequest, person_id: int) -> HttpResponse:
    found = person_for(request, person_id)
    refused = _refuse_if_merged(request, found)
    if refused is not None:
        return refused
    form = RestrictionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.restriction_add(
                actor=acting_user(request),
                person=found,
                channel=form.cleaned_data["channel"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error("channel", error)
        else:
            messages.success(request, _("The contact wish was recorded."))
            return redirect("clients:person", person_id=found.pk)
    return render(
        request,
        "clients/form_page.html",
        {
            "form": form,
            "person": found,
            "title": _("Contact wish of %(name)s") % {"name": found.identity.full_name},
            "submit": _("Record the wish"),
        },
        status=400 if form.errors else 200,
    )


def restriction_lift(request: HttpRequest, restriction_id: int) -> HttpResponse:
    restriction = restriction_for(request, restriction_id)
    if request.method == "POST":
        services.restriction_lift(actor=acting_user(request), restriction=restriction)
        messages.success(request, _("The contact wish was lifted."))
        return redirect("clients:person", person_id=restriction.person_id)
    return render(
        request,
        "clients/restriction_lift.html",
        {"restriction": restriction, "person": restriction.person},
    )


# --- Households ----------------------------------------------------------------------


def household_create(request: HttpRequest) -> HttpResponse:
    first: Person | None = None
    person_param = request.GET.get("person", "")
    if person_param.isdigit():
        first = person_for(request, person_param)
        refused = _refuse_if_merged(request, first)
        if refused is not None:
            return refused
    form = HouseholdForm(request.POST or None)
    if first is None:
        del form.fields["relation"]
    elif not request.POST:
        form.initial["name"] = _("Family %(name)s") % {"name": first.identity.family_name}
    if request.method == "POST" and form.is_valid():
        try:
            household = services.household_create(
                actor=acting_user(request),
                name=form.cleaned_data["name"],
                note=form.cleaned_data["note"],
            )
            if first is not None:
                services.household_member_add(
                    actor=acting_user(request),
                    household=household,
                    person=first,
                    relation=form.cleaned_data["relation"] or "reference",
                    joined_on=timezone.localdate(),
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The household was created."))
            return redirect("clients:household", household_id=household.pk)
    return render(
        request,
        "clients/form_page.html",
        {
            "form": form,
            "person": first,
            "title": _("New household"),
            "submit": _("Create the household"),
        },
        status=400 if form.errors else 200,
    )


def household(request: HttpRequest, household_id: int) -> HttpResponse:
    found, members = household_with_members(request, household_id)
    return render(
        request,
        "clients/household.html",
        {
            "household": found,
            "current": [member for member in members if member.left_on is None],
            "former": [member for member in members if member.left_on is not None],
            "can_change": _can(request, "clients:household_member_add"),
        },
    )


@never_cache
def household_member_add(request: HttpRequest, household_id: int) -> HttpResponse:
    """Search the person (by POST, so a number may be typed), then add them."""
    found = household_for(request, household_id)
    search_form = PersonSearchForm(request.POST if "q" in request.POST else None)
    add_form = MemberAddForm(request.POST if "person_id" in request.POST else None)
    results: list[Any] = []
    status = 200
    if search_form.is_bound:
        if search_form.is_valid():
            results = persons_looked_up(request, search_form.cleaned_data["q"])
        else:
            status = 400
    elif add_form.is_bound:
        if add_form.is_valid():
            try:
                try:
                    chosen = person_for(request, add_form.cleaned_data["person_id"])
                except Http404:
                    raise ValidationError(
                        _("This person was not found."), code="not_found"
                    ) from None
                services.household_member_add(
                    actor=acting_user(request),
                    household=found,
                    person=chosen,
                    relation=add_form.cleaned_data["relation"],
                    joined_on=add_form.cleaned_data["joined_on"],
                )
            except ValidationError as error:
                add_form.add_error(None, error)
            else:
                messages.success(request, _("The member was added."))
                return redirect("clients:household", household_id=found.pk)
        status = 400
    return render(
        request,
        "clients/member_add.html",
        {
            "household": found,
            "search_form": search_form,
            "add_form": add_form,
            "results": results,
            "relation_field": MemberAddForm()["relation"],
        },
        status=status,
    )


def member_leave(request: HttpRequest, member_id: int) -> HttpResponse:
    member = member_for(request, member_id)
    form = MemberLeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.household_member_leave(
                actor=acting_user(request), member=member, left_on=form.cleaned_data["left_on"]
            )
        except ValidationError as error:
            form.add_error("left_on", error)
        else:
            messages.success(request, _("The member left the household."))
            return redirect("clients:household", household_id=member.household_id)
    return render(
        request,
        "clients/form_page.html",
        {
            "form": form,
            "title": _("%(name)s leaves %(household)s")
            % {"name": member.person.identity.full_name, "household": member.household.name},
            "submit": _("Save"),
        },
        status=400 if form.errors else 200,
    )


# --- Merge -------------------------------------------------------------------------------


@never_cache
def merge_pick(request: HttpRequest, person_id: int) -> HttpResponse:
    found = person_for(request, person_id)
    refused = _refuse_if_merged(request, found)
    if refused is not None:
        return refused
    identity = found.identity
    suggestions = duplicate_candidates(
        given_name=identity.given_name,
        family_name=identity.family_name,
        birth_date=identity.birth_date,
        national_number=identity.national_number,
        exclude_id=found.pk,
    )
    form = PersonSearchForm(request.POST or None)
    results: list[Any] = []
    if request.method == "POST" and form.is_valid():
        found_rows = persons_looked_up(request, form.cleaned_data["q"])
        results = [row for row in found_rows if row.pk != found.pk]
    return render(
        request,
        "clients/merge_pick.html",
        {"person": found, "suggestions": suggestions, "form": form, "results": results},
        status=400 if form.errors else 200,
    )


COMPARED_FIELDS = (
    "given_name",
    "family_name",
    "birth_date",
    "gender",
    "street",
    "house_number",
    "box",
    "postcode",
    "city",
    "phone",
    "email",
)


def _display(identity: Identity, name: str) -> Any:
    display = getattr(identity, f"get_{name}_display", None)
    return display() if display is not None else getattr(identity, name)


@never_cache
def merge_compare(request: HttpRequest, person_id: int, other_id: int) -> HttpResponse:
    found = person_for(request, person_id)
    other = person_for(request, other_id)
    if found.pk == other.pk:
        raise Http404
    for record in (found, other):
        refused = _refuse_if_merged(request, record)
        if refused is not None:
            return refused
    pair = {str(found.pk): found, str(other.pk): other}
    form = MergeForm(
        request.POST or None,
        choices=[(key, f"{p.identity.full_name} (#{p.pk})") for key, p in pair.items()],
        initial={"keep": str(found.pk)},
    )
    if request.method == "POST" and form.is_valid():
        survivor = pair[form.cleaned_data["keep"]]
        duplicate = other if survivor is found else found
        try:
            merge = services.person_merge(
                actor=acting_user(request),
                survivor=survivor,
                duplicate=duplicate,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The records were merged."))
            return redirect("clients:merge_result", merge_id=merge.pk)
    rows = []
    for name in COMPARED_FIELDS:
        left, right = _display(found.identity, name), _display(other.identity, name)
        rows.append(
            {
                "label": getattr(Identity._meta.get_field(name), "verbose_name", name),
                "left": left,
                "right": right,
                "same": left == right,
            }
        )
    return render(
        request,
        "clients/merge_compare.html",
        {
            "person": found,
            "other": other,
            "rows": rows,
            "same_number": bool(found.identity.national_number)
            and found.identity.national_number == other.identity.national_number,
            "counts": {"left": record_counts(found), "right": record_counts(other)},
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def merge_result(request: HttpRequest, merge_id: int) -> HttpResponse:
    merge = merge_for(request, merge_id)
    moved = []
    for label, count in sorted(merge.moved.items()):
        try:
            name = str(apps.get_model(label)._meta.verbose_name_plural)
        except LookupError:
            name = label
        moved.append((name, count))
    return render(request, "clients/merge_result.html", {"merge": merge, "moved": moved})
