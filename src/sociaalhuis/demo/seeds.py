"""Demo data taken from the five seed documents in shared/seeds/ (Dutch).

000 Ronse's social covenants, 001 Ronse's Sociaal Huis vision, 002 community work in
Harelbeke, 003 Ronse's local social policy plan 2008-2013, 004 Kortrijk's interim
report. Only facts from those documents are used; what they do not state (KBO
numbers, websites) is left empty rather than invented. The organisations and their
services are in the demo social map (``social_map``, ``data/social-map-*.json``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MunicipalitySeed:
    nis_code: str
    name: str
    slug: str
    languages: tuple[str, ...]
    neighbourhoods: tuple[tuple[str, bool], ...] = ()  # (name, attention neighbourhood)
    life_domains: tuple[tuple[str, str, str, str], ...] = ()  # (code, nl, fr, en)


RONSE = MunicipalitySeed(
    nis_code="45041",
    name="Ronse",
    slug="ronse",
    # Ronse is a municipality with language facilities for French speakers (domain brief).
    languages=("nl", "fr"),
    # 000: "de aandachtsbuurten Prinskouter, Scheldekouter, Ninovestraat, Marijve en Stookt".
    neighbourhoods=(
        ("Marijve", True),
        ("Ninovestraat", True),
        ("Prinskouter", True),
        ("Scheldekouter", True),
        ("Stookt", True),
    ),
    # 003, chapter 3: the domains of the local social policy plan.
    life_domains=(
        (
            "algemeen-welzijnswerk",
            "Algemeen welzijnswerk",
            "Aide sociale générale",
            "General welfare work",
        ),
        ("zorg-gezondheid", "Zorg en gezondheid", "Soins et santé", "Care and health"),
        ("huisvesting", "Huisvesting", "Logement", "Housing"),
        ("onderwijs", "Onderwijs", "Enseignement", "Education"),
        (
            "kinderopvang-opvoeding",
            "Kinderopvang en opvoedingsondersteuning",
            "Accueil de l'enfance et soutien à la parentalité",
            "Childcare and parenting support",
        ),
        (
            "tewerkstelling-opleiding",
            "Tewerkstelling en opleiding",
            "Emploi et formation",
            "Employment and training",
        ),
        (
            "sociale-cohesie",
            "Sociale cohesie en beleidsparticipatie",
            "Cohésion sociale et participation",
            "Social cohesion and participation",
        ),
    ),
)

HARELBEKE = MunicipalitySeed(
    nis_code="34013",
    name="Harelbeke",
    slug="harelbeke",
    languages=("nl",),
    # 002: "Buurtopbouwwerk Centrum Harelbeke".
    neighbourhoods=(("Centrum", True),),
    # 002: the areas Samenlevingsopbouw works on with the Huis van Welzijn.
    life_domains=(
        ("wonen", "Wonen", "Logement", "Housing"),
        (
            "maatschappelijke-dienstverlening",
            "Maatschappelijke dienstverlening",
            "Services sociaux",
            "Social services",
        ),
        ("arbeid", "Arbeid", "Travail", "Work"),
    ),
)

KORTRIJK = MunicipalitySeed(
    nis_code="34022",
    name="Kortrijk",
    slug="kortrijk",
    languages=("nl",),
    # 004: the five priority fields of the strategic note; methodology is not a life domain.
    life_domains=(
        (
            "hulp-dienstverlening",
            "Hulp- en dienstverlening",
            "Aide et services",
            "Help and services",
        ),
        ("gezin", "Gezin", "Famille", "Family"),
        ("gezondheid", "Gezondheid", "Santé", "Health"),
        ("wonen", "Wonen", "Logement", "Housing"),
    ),
)

MUNICIPALITIES = (RONSE, HARELBEKE, KORTRIJK)


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
