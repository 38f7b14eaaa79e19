"""Sections that other apps add to the person page (contact history, appointments,
dossiers), so the clients app never imports them: the dependency stays one-way.

An app registers a section in its AppConfig.ready()::

    from sociaalhuis.clients.sections import PersonSection, register_person_section

    def contact_history_section(person, user):
        contacts = contact_history(person)        # the app's own query
        return PersonSection("frontdesk/person_contacts.html", {"contacts": contacts})

    register_person_section("contacts", contact_history_section, order=10)

The callable gets the person (never a merged record's survivor: the page shows the
record asked for) and the signed-in user, runs inside the request's tenant context,
and returns a ``PersonSection`` (a template name and its context) or ``None`` when the
user may not see it (reception never sees dossier notes: the dossiers section returns
``None`` or leaves the notes out for them). Each section decides what it shows and
audits any reads beyond the person's identity itself (the page records that read).
Sections render in ascending ``order``; the page already holds identity, contact
wishes and households. Suggested orders: contact history 10, appointments 20,
help dossiers 30.

Keep each section to a fixed number of queries: the person page's query count is
asserted in tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sociaalhuis.accounts.models import User
    from sociaalhuis.clients.models import Person


@dataclass(frozen=True)
class PersonSection:
    """What a section shows: the template to include and its context."""

    template_name: str
    context: dict[str, Any] = field(default_factory=dict)


SectionBuilder = Callable[["Person", Any], PersonSection | None]


@dataclass(frozen=True)
class _Registration:
    key: str
    order: int
    build: SectionBuilder


_SECTIONS: dict[str, _Registration] = {}


def register_person_section(key: str, build: SectionBuilder, *, order: int = 50) -> None:
    """Add (or, for the same key, replace) a section of the person page."""
    _SECTIONS[key] = _Registration(key, order, build)


def unregister_person_section(key: str) -> None:
    _SECTIONS.pop(key, None)


def registered_sections() -> list[tuple[str, int]]:
    """The registered sections as (key, order), in the order they render."""
    return [(entry.key, entry.order) for entry in _ordered()]


def _ordered() -> list[_Registration]:
    return sorted(_SECTIONS.values(), key=lambda entry: (entry.order, entry.key))


def person_sections(person: Person, user: User) -> list[PersonSection]:
    """The sections this user sees on this person's page, in order."""
    shown = []
    for entry in _ordered():
        section = entry.build(person, user)
        if section is not None:
            shown.append(section)
    return shown
