"""The standard Flemish list of rights for the rights check-list (rechten-verkennend onderzoek).

The list is data, in ``data/rights.csv``: a code, the names in nl/fr/en and a short
hint on how the right is obtained. Not loaded into a municipality by a migration:
the administrator loads it with a button on the casework settings (and the demo
loader does), then keeps the list as the municipality wants it. Loading again adds
only what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from sociaalhuis.core import datafiles


@dataclass(frozen=True)
class RightSeed:
    code: str
    name_nl: str
    name_fr: str
    name_en: str
    description: str = ""


def default_rights() -> list[RightSeed]:
    """The list in ``data/rights.csv``, in its order."""
    return [RightSeed(**row) for row in datafiles.rows("sociaalhuis.dossiers.plan", "rights.csv")]
