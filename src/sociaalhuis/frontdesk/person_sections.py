"""The front desk's parts of the person page: contact history and coming appointments.

Registered in ``FrontdeskConfig.ready()`` through ``clients.sections`` so that the
clients app does not import the front desk. Reception sees these, never dossier notes.
"""

from __future__ import annotations

from sociaalhuis.accounts.models import User
from sociaalhuis.clients.models import Person
from sociaalhuis.clients.sections import PersonSection
from sociaalhuis.frontdesk.appointments.queries import upcoming_of_person
from sociaalhuis.frontdesk.queries import contact_history


def contacts_section(person: Person, user: User) -> PersonSection:
    return PersonSection(
        "frontdesk/person_section_contacts.html", {"contacts": contact_history(person, 1)}
    )


def appointments_section(person: Person, user: User) -> PersonSection:
    return PersonSection(
        "frontdesk/person_section_appointments.html",
        {"appointments": upcoming_of_person(person.pk)},
    )
