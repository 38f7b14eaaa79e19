"""The dossiers' part of the person page: which help dossiers the person has.

Only the number, status and dossier manager: never the contents. Reception sees it
too, so the desk knows whom to call; opening a dossier checks the dossier rules.
"""

from __future__ import annotations

from django.db.models import Q

from sociaalhuis.accounts.models import User
from sociaalhuis.clients.models import Person
from sociaalhuis.clients.sections import PersonSection
from sociaalhuis.dossiers.models import Dossier


def dossiers_section(person: Person, user: User) -> PersonSection:
    dossiers = (
        Dossier.objects.filter(Q(person=person) | Q(household__members__person=person))
        .select_related("manager")
        .only("reference", "status", "opened_at", "manager__full_name")
        .distinct()
        .order_by("-opened_at")[:20]
    )
    return PersonSection("dossiers/person_section.html", {"dossiers": list(dossiers)})
