"""The two taxonomies shared by the whole map, as data.

* ``Taxonomy.RUBRICS``: the main rubrics of de Sociale Kaart (Flanders' social map),
  the questions people come with, one level deep.
* ``Taxonomy.TARGET_GROUPS``: for whom a service is meant.

Codes are stable slugs: HSDS exports, life-domain mappings and saved searches refer
to them, so a code is never renamed; names and descriptions may be improved.
Production installs get these rows from migration ``0004_taxonomies`` (which holds
its own copy of this data, as migrations must); ``ensure_taxonomies()`` brings an
existing database up to date with this module (demo loader, after an edit here).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TermSeed:
    code: str
    name_nl: str
    name_fr: str
    name_en: str
    description: str = ""


@dataclass(frozen=True)
class TaxonomySeed:
    code: str
    name: str
    description: str
    uri: str
    version: str
    terms: tuple[TermSeed, ...]


RUBRICS = TaxonomySeed(
    code="sociale-kaart-rubrieken",
    name="Rubrieken van de Sociale Kaart",
    description=(
        "De hoofdrubrieken van de Sociale Kaart (Vlaanderen en Brussel): de vragen "
        "waarmee mensen komen. Een dienst kan onder meer dan een rubriek staan."
    ),
    uri="https://www.desocialekaart.be",
    version="2026.1",
    terms=(
        TermSeed(
            "algemeen-welzijn",
            "Algemeen welzijn",
            "Aide sociale générale",
            "General welfare",
            "Onthaal, informatie en begeleiding bij vragen over welzijn en rechten.",
        ),
        TermSeed(
            "wonen",
            "Wonen",
            "Logement",
            "Housing",
            "Een woning zoeken of houden: huren, sociale huisvesting, huurachterstal, "
            "uithuiszetting, energie, woningkwaliteit.",
        ),
        TermSeed(
            "werk",
            "Werk en opleiding",
            "Emploi et formation",
            "Work and training",
            "Werk zoeken, sociale tewerkstelling, activering en opleiding naar werk.",
        ),
        TermSeed(
            "financien",
            "Financiën: inkomen en schulden",
            "Finances : revenus et dettes",
            "Money: income and debts",
            "Leefloon, financiële steun, budgetbegeleiding en schuldbemiddeling.",
        ),
        TermSeed(
            "gezondheid-zorg",
            "Gezondheid en zorg",
            "Santé et soins",
            "Health and care",
            "Gezondheidszorg, thuiszorg, geestelijke gezondheid, ouderenzorg.",
        ),
        TermSeed(
            "gezin-opvoeding",
            "Gezin, opvoeding en kinderopvang",
            "Famille, éducation des enfants et garde d'enfants",
            "Family, parenting and childcare",
            "Kinderopvang, opvoedingsondersteuning, hulp aan (aanstaande) ouders.",
        ),
        TermSeed(
            "onderwijs-vorming",
            "Onderwijs en vorming",
            "Enseignement et formation continue",
            "Education and learning",
            "School, huiswerk- en studiebegeleiding, Nederlands leren, digitale vaardigheden.",
        ),
        TermSeed(
            "juridische-hulp",
            "Juridische hulp",
            "Aide juridique",
            "Legal help",
            "Eerstelijnsrechtshulp: uitleg over rechten, procedures en documenten.",
        ),
        TermSeed(
            "vrije-tijd-ontmoeting",
            "Vrije tijd en ontmoeting",
            "Loisirs et rencontre",
            "Leisure and meeting people",
            "Ontmoeting, buurtwerk, sport, cultuur en vakantie voor wie het moeilijker heeft.",
        ),
        TermSeed(
            "mobiliteit",
            "Mobiliteit",
            "Mobilité",
            "Transport and mobility",
            "Vervoer voor wie minder mobiel is, goedkoper openbaar vervoer.",
        ),
        TermSeed(
            "migratie-integratie",
            "Migratie en integratie",
            "Migration et intégration",
            "Migration and integration",
            "Inburgering, verblijf, Nederlands oefenen, wegwijs in de gemeente.",
        ),
        TermSeed(
            "armoede-basisvoorzieningen",
            "Armoede en basisvoorzieningen",
            "Pauvreté et besoins de base",
            "Poverty and basic needs",
            "Voedsel, kleding, een warme maaltijd, materiële hulp.",
        ),
    ),
)

TARGET_GROUPS = TaxonomySeed(
    code="doelgroepen",
    name="Doelgroepen",
    description="Voor wie een dienst in de eerste plaats bedoeld is.",
    uri="",
    version="2026.1",
    terms=(
        TermSeed("iedereen", "Alle inwoners", "Tous les habitants", "All residents"),
        TermSeed(
            "gezinnen-met-kinderen",
            "Gezinnen met kinderen",
            "Familles avec enfants",
            "Families with children",
        ),
        TermSeed(
            "aanstaande-en-jonge-ouders",
            "Aanstaande ouders en gezinnen met een kind van 0 tot 3 jaar",
            "Futurs parents et familles avec un enfant de 0 à 3 ans",
            "Parents-to-be and families with a child aged 0 to 3",
        ),
        TermSeed(
            "eenoudergezinnen", "Eenoudergezinnen", "Familles monoparentales", "Single parents"
        ),
        TermSeed("kinderen", "Kinderen", "Enfants", "Children"),
        TermSeed("jongeren", "Jongeren", "Jeunes", "Young people"),
        TermSeed("ouderen", "Ouderen", "Personnes âgées", "Older people"),
        TermSeed(
            "mensen-in-armoede",
            "Mensen in armoede",
            "Personnes en situation de pauvreté",
            "People in poverty",
        ),
        TermSeed("huurders", "Huurders", "Locataires", "Tenants"),
        TermSeed(
            "personen-met-een-handicap",
            "Personen met een handicap",
            "Personnes handicapées",
            "People with a disability",
        ),
        TermSeed(
            "nieuwkomers",
            "Nieuwkomers en mensen van vreemde herkomst",
            "Primo-arrivants et personnes d'origine étrangère",
            "Newcomers and people of foreign origin",
        ),
        TermSeed(
            "dak-en-thuislozen",
            "Dak- en thuisloze mensen",
            "Personnes sans abri et sans logement",
            "Homeless people",
        ),
        TermSeed("werkzoekenden", "Werkzoekenden", "Demandeurs d'emploi", "Job seekers"),
        TermSeed(
            "mensen-met-schulden",
            "Mensen met schulden",
            "Personnes endettées",
            "People in debt",
        ),
    ),
)

TAXONOMIES: tuple[TaxonomySeed, ...] = (RUBRICS, TARGET_GROUPS)


def as_data(taxonomies: tuple[TaxonomySeed, ...] = TAXONOMIES) -> list[dict[str, Any]]:
    """The taxonomies as plain dictionaries: the shape a migration keeps a copy of."""
    return [
        {
            "code": taxonomy.code,
            "name": taxonomy.name,
            "description": taxonomy.description,
            "uri": taxonomy.uri,
            "version": taxonomy.version,
            "terms": [
                {
                    "code": term.code,
                    "name_nl": term.name_nl,
                    "name_fr": term.name_fr,
                    "name_en": term.name_en,
                    "description": term.description,
                }
                for term in taxonomy.terms
            ],
        }
        for taxonomy in taxonomies
    ]


def write_taxonomies(
    taxonomy_model: Any, term_model: Any, data: list[dict[str, Any]]
) -> tuple[int, int]:
    """Create or update taxonomies and their terms, matched by code.

    Takes the model classes so that a migration can pass its historical models
    (``apps.get_model``). Terms that are no longer listed are left alone: services
    may still use them. Returns (created, updated) rows.
    """
    created = updated = 0
    for item in data:
        fields = {key: item[key] for key in ("name", "description", "uri", "version")}
        taxonomy, was_created = taxonomy_model.objects.get_or_create(
            code=item["code"], defaults=fields
        )
        created += int(was_created)
        if not was_created and _differs(taxonomy, fields):
            _assign(taxonomy, fields)
            taxonomy.save(update_fields=list(fields))
            updated += 1
        for position, term_item in enumerate(item["terms"], start=1):
            term_fields = {
                key: term_item.get(key, "")
                for key in ("name_nl", "name_fr", "name_en", "description")
            }
            term_fields["position"] = position
            term, was_created = term_model.objects.get_or_create(
                taxonomy=taxonomy, code=term_item["code"], defaults=term_fields
            )
            created += int(was_created)
            if not was_created and _differs(term, term_fields):
                _assign(term, term_fields)
                term.save(update_fields=list(term_fields))
                updated += 1
    return created, updated


def _differs(obj: Any, fields: dict[str, Any]) -> bool:
    return any(getattr(obj, key) != value for key, value in fields.items())


def _assign(obj: Any, fields: dict[str, Any]) -> None:
    for key, value in fields.items():
        setattr(obj, key, value)


def ensure_taxonomies() -> tuple[int, int]:
    """Bring the shared taxonomies in the database up to date with this module."""
    from sociaalhuis.directory.models import Taxonomy, TaxonomyTerm

    return write_taxonomies(Taxonomy, TaxonomyTerm, as_data())
