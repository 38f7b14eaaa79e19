"""Places where a later app adds to an earlier app's page, so dependencies stay one-way.

An earlier app names a *slot* in its template (``{% slot "dossier.aside" %}``) and a
later app fills it in its ``AppConfig.ready()``::

    register_slot("dossier.aside", "referrals", referrals_panel, order=10)

The builder gets the template context (a dict: ``request``, and whatever the page
passes, such as ``view`` on the dossier page) and returns a ``Snippet`` — a template
and its context — or ``None`` when it has nothing to show for this user. Keep each
builder to a fixed number of queries: pages assert their query counts.

Object links work the same way for lines that point at another app's object (the
dossier timeline points at referrals): ``register_object_link("referrals.referral",
lambda object_id: reverse(...))``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Snippet:
    template_name: str
    context: dict[str, Any] = field(default_factory=dict)


SlotBuilder = Callable[[Mapping[str, Any]], Snippet | None]


@dataclass(frozen=True)
class _Filler:
    key: str
    order: int
    build: SlotBuilder


_SLOTS: dict[str, dict[str, _Filler]] = {}
_LINKS: dict[str, Callable[[str], str]] = {}


def register_slot(slot: str, key: str, build: SlotBuilder, *, order: int = 50) -> None:
    """Fill ``slot`` with ``build`` (the same key replaces an earlier registration)."""
    _SLOTS.setdefault(slot, {})[key] = _Filler(key, order, build)


def snippets_for(slot: str, context: Mapping[str, Any]) -> list[Snippet]:
    fillers = sorted(_SLOTS.get(slot, {}).values(), key=lambda f: (f.order, f.key))
    return [s for s in (f.build(context) for f in fillers) if s is not None]


def register_object_link(object_type: str, url_for: Callable[[str], str]) -> None:
    _LINKS[object_type] = url_for


def object_link(object_type: str, object_id: str) -> str:
    """The page of an object another app registered, or "" when there is none."""
    url_for = _LINKS.get(object_type)
    return url_for(object_id) if url_for is not None and object_id else ""
