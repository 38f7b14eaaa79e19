"""Finding a person at the desk (by name, birth date or number; never in the URL)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sociaalhuis.clients.forms import PersonSearchForm
from sociaalhuis.clients.queries import looks_like_national_number, persons_found
from sociaalhuis.clients.views.guards import can
from sociaalhuis.core.http import page_number, query_without_page

PAGE_SIZE = 25


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
            "can_register": can(request, "clients:register"),
        },
        status=status,
    )
