"""What every dossier screen shares: the dossier through its door (``with_dossier``:
``queries.dossier_for`` loads it and records the read, 404 for another municipality,
403 with the offer to break the glass), the page context, and the message and rebased
form of an edit conflict."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sociaalhuis.dossiers import queries
from sociaalhuis.dossiers.queries import DossierView

DossierHandler = Callable[..., HttpResponseBase]


def no_access(request: HttpRequest, denied: queries.DossierAccessDenied) -> HttpResponse:
    """The 403 page (the door recorded the refusal)."""
    return render(
        request,
        "dossiers/no_access.html",
        {"dossier_id": denied.dossier.pk, "can_break_glass": denied.can_break_glass},
        status=403,
    )


def refusing(handler: DossierHandler) -> DossierHandler:
    """Answer a door's refusal with the 403 page that offers to break the glass."""

    @wraps(handler)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            return handler(request, *args, **kwargs)
        except queries.DossierAccessDenied as denied:
            return no_access(request, denied)

    return wrapper


def _through(door: Callable[[HttpRequest, int], DossierView]) -> Callable[..., DossierHandler]:
    def decorator(handler: DossierHandler) -> DossierHandler:
        @refusing
        @wraps(handler)
        def wrapper(request: HttpRequest, dossier_id: int, **kwargs: Any) -> HttpResponseBase:
            return handler(request, door(request, dossier_id), **kwargs)

        return wrapper

    return decorator


def _needing(need: queries.Need, *, on_post: bool) -> Callable[[HttpRequest, int], DossierView]:
    """The door asked for what the request needs (always, or for a POST only), so a
    refused request is recorded as refused, never as a read."""

    def door(request: HttpRequest, pk: int) -> DossierView:
        needed = need if request.method == "POST" or not on_post else None
        return queries.dossier_for(request, pk, need=needed)

    return door


# The handler gets the dossier from its door, recorded as read.
with_dossier = _through(queries.dossier_for)
# ... for a page of someone who works in the dossier (on every request, or on a POST).
to_work_in_dossier = _through(_needing(queries.can_work, on_post=False))
to_work_in_dossier_on_post = _through(_needing(queries.can_work, on_post=True))
# ... for a page whose POST only the dossier manager may send.
to_manage_dossier_on_post = _through(_needing(queries.manages, on_post=True))
# For a POST that only changes the dossier and shows nothing: the service records it.
to_change_dossier = _through(queries.dossier_to_change)


def page_context(view: DossierView, **extra: Any) -> dict[str, Any]:
    return {"view": view, "dossier": view.dossier, **extra}


def detail_page(view: DossierView) -> HttpResponse:
    return redirect("dossiers:detail", dossier_id=view.dossier.pk)


def conflict_message() -> str:
    return _(
        "A colleague saved this in the meantime. Their version is shown below; your text is "
        "kept in the form. Check both and save again to keep yours."
    )


def rebased[F: Any](form_class: type[F], request: HttpRequest, version: int, **kwargs: Any) -> F:
    """The submitted form again, now based on the stored version (so a second save wins)."""
    data = request.POST.copy()
    data["version"] = str(version)
    form: F = form_class(data, **kwargs)
    form.is_valid()
    return form
