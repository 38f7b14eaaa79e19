from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sociaalhuis.audit.forms import LogFilterForm
from sociaalhuis.audit.queries import LogFilter, access_log_for
from sociaalhuis.core.http import query_without_page

PAGE_SIZE = 50


def access_log(request: HttpRequest) -> HttpResponse:
    """The DPO's view of who read or changed which personal data."""
    form = LogFilterForm(request.GET or None)
    log_filter = form.to_filter() if form.is_bound and form.is_valid() else LogFilter()
    page = Paginator(access_log_for(request, log_filter), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "audit/access_log.html",
        {
            "form": form,
            "page": page,
            "query": query_without_page(request),
            "invalid": form.is_bound and not form.is_valid(),
        },
    )
