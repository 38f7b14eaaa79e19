"""Loading a municipality's cells from a data file (see ``core.datafiles``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sociaalhuis.accounts.models import Cell
from sociaalhuis.core import datafiles
from sociaalhuis.tenants.models import LifeDomain, Municipality


def cells_ensure(municipality: Municipality, rows: Iterable[Mapping[str, str]]) -> int:
    """Add the cells (columns ``code``, ``name_nl``, ``name_fr``, ``name_en`` and
    ``life_domain``, a code, may be empty) whose code the municipality does not have
    yet; returns how many were added.

    A life domain the municipality does not have is left empty; an invalid value
    raises ``DataFileError``. For trusted loaders (the demo): no permission check.
    Run in the municipality's tenant context.
    """
    domains = {domain.code: domain for domain in LifeDomain.objects.all()}
    added = 0
    for row in rows:
        if Cell.objects.filter(code=row["code"]).exists():
            continue
        cell = Cell(
            code=row["code"],
            name_nl=row["name_nl"],
            name_fr=row["name_fr"],
            name_en=row["name_en"],
            life_domain=domains.get(row["life_domain"]),
            municipality=municipality,
        )
        datafiles.check(cell, row)
        cell.save()
        added += 1
    return added
