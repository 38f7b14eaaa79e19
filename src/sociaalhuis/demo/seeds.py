"""Demo data taken from the five seed documents in shared/seeds/ (Dutch).

000 Ronse's social covenants, 001 Ronse's Sociaal Huis vision, 002 community work in
Harelbeke, 003 Ronse's local social policy plan 2008-2013, 004 Kortrijk's interim
report. Only facts from those documents are used; what they do not state (KBO
numbers, websites) is left empty rather than invented. The municipalities, their
neighbourhoods and life domains are in ``data/municipalities.json``; the
organisations and their services in the demo social map (``social_map``,
``data/social-map-*.json``). What stays here is how the demo logs people in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sociaalhuis.core import datafiles


@dataclass(frozen=True)
class MunicipalitySeed:
    nis_code: str
    name: str
    slug: str
    languages: tuple[str, ...]
    neighbourhoods: tuple[tuple[str, bool], ...] = ()  # (name, attention neighbourhood)
    life_domains: tuple[tuple[str, str, str, str], ...] = ()  # (code, nl, fr, en)


def _municipalities() -> tuple[MunicipalitySeed, ...]:
    """The demo municipalities in ``data/municipalities.json`` (each says its sources)."""
    return tuple(
        MunicipalitySeed(
            nis_code=item["nis_code"],
            name=item["name"],
            slug=item["slug"],
            languages=tuple(item["languages"]),
            neighbourhoods=tuple(
                (entry["name"], entry["attention_area"]) for entry in item["neighbourhoods"]
            ),
            life_domains=tuple(
                (entry["code"], entry["name_nl"], entry["name_fr"], entry["name_en"])
                for entry in item["life_domains"]
            ),
        )
        for item in json.loads(datafiles.text("sociaalhuis.demo", "municipalities.json"))
    )


MUNICIPALITIES = _municipalities()

# The organisation each municipality's demo partner worker works for.
DEMO_PARTNER_ORGANISATION = {
    "ronse": "Huurdersbond Oost-Vlaanderen vzw",
    "harelbeke": "Samenlevingsopbouw West-Vlaanderen vzw",
    "kortrijk": "Samenlevingsopbouw West-Vlaanderen vzw",
}
# More partner workers, so every side of the demo referrals can log in and answer:
# (municipality slug, e-mail local part, first name, organisation).
DEMO_EXTRA_PARTNER_LOGINS = (
    ("ronse", "partner-caw", "Carla", "CAW Oost-Vlaanderen vzw"),
    ("ronse", "partner-uilenspel", "Ulla", "Uilenspel vzw"),
)

# Per role: the e-mail local part (Dutch, as the users would say it) and a first name.
# Every demo person is called "<first name> Demo <municipality>": obviously fictitious.
DEMO_ROLE_LOGINS = {
    "reception": ("onthaal", "Olivia"),
    "social_worker": ("maatschappelijk-werker", "Mehdi"),
    "cell_specialist": ("celmedewerker", "Chloé"),
    "partner_worker": ("partner", "Pieter"),
    "neighbourhood_worker": ("buurtwerker", "Bram"),
    "policy_coordinator": ("beleid", "Lotte"),
    "municipality_admin": ("beheerder", "Fien"),
    "dpo": ("dpo", "Daan"),
}
DEMO_EMAIL_DOMAIN = "demo.sociaalhuis.example"
# Printed by the demo command; only ever set on accounts the loader itself creates.
DEMO_PASSWORD = "demo-sociaalhuis-2026"  # noqa: S105
