"""The dossiers' part of the person page: which help dossiers the person has.

Only the number, status and dossier manager: never the contents. Reception sees it
too, so the desk knows whom to call; opening a dossier checks the dossier rules.
"""

from __future__ import annotations

from sociaalhuis.accounts.models import User
from sociaalhuis.clients.models import Person
from sociaalhuis.clients.sections import PersonSection
from sociaalhuis.dossiers.queries import dossiers_of_person


def dossiers_section(person: Person, user: User) -> PersonSection:
    # The person page recorded the read of the person before asking for its sections.
    return PersonSection("dossiers/person_section.html", {"dossiers": dossiers_of_person(person)})
