"""The reference lists the demo casework needs in every municipality: cells (with the
demo cell worker in two of them), topics, rights and the made-up streets.

Issue 5 names the cells of a Sociaal Huis (data/cells.csv); the life domain links
them to the plan. The topics (data/topics.csv) are per life domain of the plan, the
streets (data/streets.csv) made up ("voorbeeld") in the attention neighbourhoods.
Each ``*_ensure`` adds only what is missing, so a second run adds nothing.
"""

from __future__ import annotations

from sociaalhuis.accounts.models import Cell, CellMember
from sociaalhuis.accounts.reference import cells_ensure
from sociaalhuis.core import datafiles
from sociaalhuis.demo.casework import people
from sociaalhuis.demo.casework.people import DEMO
from sociaalhuis.dossiers.models import Right
from sociaalhuis.dossiers.plan.rights import default_rights
from sociaalhuis.frontdesk.configuration.reference import topics_ensure
from sociaalhuis.tenants.models import Municipality
from sociaalhuis.tenants.reference import streets_ensure


def reference_lists(municipality: Municipality) -> int:
    created = cells_ensure(municipality, datafiles.rows(DEMO, "cells.csv"))
    specialist = people.user(municipality, "celmedewerker")
    for cell in Cell.objects.filter(code__in=("financiele-hulp", "huisvesting")):
        CellMember.objects.get_or_create(
            cell=cell, user=specialist, defaults={"municipality": municipality}
        )
    created += topics_ensure(municipality, datafiles.rows(DEMO, "topics.csv"))
    for position, seed in enumerate(default_rights(), start=1):
        _right, made = Right.objects.get_or_create(
            code=seed.code,
            defaults={
                "name_nl": seed.name_nl,
                "name_fr": seed.name_fr,
                "name_en": seed.name_en,
                "description": seed.description,
                "position": position * 10,
                "municipality": municipality,
            },
        )
        created += int(made)
    streets = datafiles.rows(DEMO, "streets.csv")
    mine = [row for row in streets if row["municipality"] == municipality.slug]
    return created + streets_ensure(municipality, mine)
