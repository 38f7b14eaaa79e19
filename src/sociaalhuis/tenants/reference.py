"""Loading a municipality's reference lists from data files (see ``core.datafiles``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sociaalhuis.core import datafiles
from sociaalhuis.core.text import fold
from sociaalhuis.tenants.models import Municipality, Neighbourhood, NeighbourhoodStreet


def streets_ensure(municipality: Municipality, rows: Iterable[Mapping[str, str]]) -> int:
    """Add the streets (columns ``neighbourhood``, ``street``, ``postcode``) that the
    municipality's neighbourhoods do not have yet; returns how many were added.

    Rows of a neighbourhood the municipality does not have are skipped; an invalid
    value raises ``DataFileError``. For trusted loaders (the demo): no permission
    check. Run in the municipality's tenant context.
    """
    neighbourhoods = {n.name: n for n in Neighbourhood.objects.all()}
    added = 0
    for row in rows:
        neighbourhood = neighbourhoods.get(row["neighbourhood"])
        if neighbourhood is None:
            continue
        known = NeighbourhoodStreet.objects.filter(street=row["street"])
        if known.filter(neighbourhood=neighbourhood).exists():
            continue
        street = NeighbourhoodStreet(
            street=row["street"],
            neighbourhood=neighbourhood,
            street_key=fold(row["street"]),
            postcode=row["postcode"],
            municipality=municipality,
        )
        datafiles.check(street, row)
        street.save()
        added += 1
    return added
