"""The lists of referrals: the sender's sent referrals and the receiver's inbox, filtered."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sociaalhuis.accounts.queries import acting_user
from sociaalhuis.core.http import page_number, query_without_page
from sociaalhuis.referrals import queries
from sociaalhuis.referrals.forms import (
    ListFilterForm,
)
from sociaalhuis.referrals.queries import ReferralFilter, StatusGroup


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
    page = queries.list_page(
        request, rows, page_number(request), which="sent" if sender else "inbox"
    )
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
