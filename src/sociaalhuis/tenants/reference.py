"""Loading a municipality's reference lists from data files (see ``core.datafiles``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sociaalhuis.core.text import fold
from sociaalhuis.tenants.models import Municipality, Neighbourhood, NeighbourhoodStreet


def streets_ensure(municipality: Municipality, rows: Iterable[Mapping[str, str]]) -> int:
    """Add the streets (columns ``neighbourhood``, ``street``, ``postcode``) that the
    municipality's neighbourhoods do not have yet; returns how many were added.

    Rows of a neighbourhood the municipality does not have are skipped. For trusted
    loaders (the demo): no permission check. Run in the municipality's tenant context.
    """
    neighbourhoods = {n.name: n for n in Neighbourhood.objects.all()}
    added = 0
    for row in rows:
        neighbourhood = neighbourhoods.get(row["neighbourhood"])
        if neighbourhood is None:
            continue
        _street, created = NeighbourhoodStreet.objects.get_or_create(
            street=row["street"],
            neighbourhood=neighbourhood,
            defaults={
                "street_key": fold(row["street"]),
                "postcode": row["postcode"],
                "municipality": municipality,
            },
        )
        added += int(created)
    return added
