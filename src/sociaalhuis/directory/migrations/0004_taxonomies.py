"""The two shared taxonomies: the rubrics of de Sociale Kaart and the target groups.

A frozen copy of ``directory/taxonomies.py`` as it was when this migration was
written (a migration must not depend on code that changes later). Later changes to
the taxonomies get their own data migration, or ``ensure_taxonomies()``.
Rows are matched by code, so running this on a database that has them already
(a demo loaded before this migration existed) only updates names.
"""

from typing import Any

from django.db import migrations

DATA = [
    {
        "code": "sociale-kaart-rubrieken",
        "name": "Rubrieken van de Sociale Kaart",
        "description": "De hoofdrubrieken van de Sociale Kaart (Vlaanderen en Brussel): de "
        "vragen waarmee mensen komen. Een dienst kan onder meer dan een rubriek "
        "staan.",
        "uri": "https://www.desocialekaart.be",
        "version": "2026.1",
        "terms": [
            {
                "code": "algemeen-welzijn",
                "name_nl": "Algemeen welzijn",
                "name_fr": "Aide sociale générale",
                "name_en": "General welfare",
                "description": "Onthaal, informatie en begeleiding bij vragen over welzijn en "
                "rechten.",
            },
            {
                "code": "wonen",
                "name_nl": "Wonen",
                "name_fr": "Logement",
                "name_en": "Housing",
                "description": "Een woning zoeken of houden: huren, sociale huisvesting, "
                "huurachterstal, uithuiszetting, energie, woningkwaliteit.",
            },
            {
                "code": "werk",
                "name_nl": "Werk en opleiding",
                "name_fr": "Emploi et formation",
                "name_en": "Work and training",
                "description": "Werk zoeken, sociale tewerkstelling, activering en opleiding "
                "naar werk.",
            },
            {
                "code": "financien",
                "name_nl": "Financiën: inkomen en schulden",
                "name_fr": "Finances : revenus et dettes",
                "name_en": "Money: income and debts",
                "description": "Leefloon, financiële steun, budgetbegeleiding en "
                "schuldbemiddeling.",
            },
            {
                "code": "gezondheid-zorg",
                "name_nl": "Gezondheid en zorg",
                "name_fr": "Santé et soins",
                "name_en": "Health and care",
                "description": "Gezondheidszorg, thuiszorg, geestelijke gezondheid, ouderenzorg.",
            },
            {
                "code": "gezin-opvoeding",
                "name_nl": "Gezin, opvoeding en kinderopvang",
                "name_fr": "Famille, éducation des enfants et garde d'enfants",
                "name_en": "Family, parenting and childcare",
                "description": "Kinderopvang, opvoedingsondersteuning, hulp aan (aanstaande) "
                "ouders.",
            },
            {
                "code": "onderwijs-vorming",
                "name_nl": "Onderwijs en vorming",
                "name_fr": "Enseignement et formation continue",
                "name_en": "Education and learning",
                "description": "School, huiswerk- en studiebegeleiding, Nederlands leren, "
                "digitale vaardigheden.",
            },
            {
                "code": "juridische-hulp",
                "name_nl": "Juridische hulp",
                "name_fr": "Aide juridique",
                "name_en": "Legal help",
                "description": "Eerstelijnsrechtshulp: uitleg over rechten, procedures en "
                "documenten.",
            },
            {
                "code": "vrije-tijd-ontmoeting",
                "name_nl": "Vrije tijd en ontmoeting",
                "name_fr": "Loisirs et rencontre",
                "name_en": "Leisure and meeting people",
                "description": "Ontmoeting, buurtwerk, sport, cultuur en vakantie voor wie "
                "het moeilijker heeft.",
            },
            {
                "code": "mobiliteit",
                "name_nl": "Mobiliteit",
                "name_fr": "Mobilité",
                "name_en": "Transport and mobility",
                "description": "Vervoer voor wie minder mobiel is, goedkoper openbaar vervoer.",
            },
            {
                "code": "migratie-integratie",
                "name_nl": "Migratie en integratie",
                "name_fr": "Migration et intégration",
                "name_en": "Migration and integration",
                "description": "Inburgering, verblijf, Nederlands oefenen, wegwijs in de gemeente.",
            },
            {
                "code": "armoede-basisvoorzieningen",
                "name_nl": "Armoede en basisvoorzieningen",
                "name_fr": "Pauvreté et besoins de base",
                "name_en": "Poverty and basic needs",
                "description": "Voedsel, kleding, een warme maaltijd, materiële hulp.",
            },
        ],
    },
    {
        "code": "doelgroepen",
        "name": "Doelgroepen",
        "description": "Voor wie een dienst in de eerste plaats bedoeld is.",
        "uri": "",
        "version": "2026.1",
        "terms": [
            {
                "code": "iedereen",
                "name_nl": "Alle inwoners",
                "name_fr": "Tous les habitants",
                "name_en": "All residents",
                "description": "",
            },
            {
                "code": "gezinnen-met-kinderen",
                "name_nl": "Gezinnen met kinderen",
                "name_fr": "Familles avec enfants",
                "name_en": "Families with children",
                "description": "",
            },
            {
                "code": "aanstaande-en-jonge-ouders",
                "name_nl": "Aanstaande ouders en gezinnen met een kind van 0 tot 3 jaar",
                "name_fr": "Futurs parents et familles avec un enfant de 0 à 3 ans",
                "name_en": "Parents-to-be and families with a child aged 0 to 3",
                "description": "",
            },
            {
                "code": "eenoudergezinnen",
                "name_nl": "Eenoudergezinnen",
                "name_fr": "Familles monoparentales",
                "name_en": "Single parents",
                "description": "",
            },
            {
                "code": "kinderen",
                "name_nl": "Kinderen",
                "name_fr": "Enfants",
                "name_en": "Children",
                "description": "",
            },
            {
                "code": "jongeren",
                "name_nl": "Jongeren",
                "name_fr": "Jeunes",
                "name_en": "Young people",
                "description": "",
            },
            {
                "code": "ouderen",
                "name_nl": "Ouderen",
                "name_fr": "Personnes âgées",
                "name_en": "Older people",
                "description": "",
            },
            {
                "code": "mensen-in-armoede",
                "name_nl": "Mensen in armoede",
                "name_fr": "Personnes en situation de pauvreté",
                "name_en": "People in poverty",
                "description": "",
            },
            {
                "code": "huurders",
                "name_nl": "Huurders",
                "name_fr": "Locataires",
                "name_en": "Tenants",
                "description": "",
            },
            {
                "code": "personen-met-een-handicap",
                "name_nl": "Personen met een handicap",
                "name_fr": "Personnes handicapées",
                "name_en": "People with a disability",
                "description": "",
            },
            {
                "code": "nieuwkomers",
                "name_nl": "Nieuwkomers en mensen van vreemde herkomst",
                "name_fr": "Primo-arrivants et personnes d'origine étrangère",
                "name_en": "Newcomers and people of foreign origin",
                "description": "",
            },
            {
                "code": "dak-en-thuislozen",
                "name_nl": "Dak- en thuisloze mensen",
                "name_fr": "Personnes sans abri et sans logement",
                "name_en": "Homeless people",
                "description": "",
            },
            {
                "code": "werkzoekenden",
                "name_nl": "Werkzoekenden",
                "name_fr": "Demandeurs d'emploi",
                "name_en": "Job seekers",
                "description": "",
            },
            {
                "code": "mensen-met-schulden",
                "name_nl": "Mensen met schulden",
                "name_fr": "Personnes endettées",
                "name_en": "People in debt",
                "description": "",
            },
        ],
    },
]


def create_taxonomies(apps: Any, schema_editor: Any) -> None:
    taxonomy_model = apps.get_model("directory", "Taxonomy")
    term_model = apps.get_model("directory", "TaxonomyTerm")
    for item in DATA:
        fields = {key: item[key] for key in ("name", "description", "uri", "version")}
        taxonomy, _created = taxonomy_model.objects.update_or_create(
            code=item["code"], defaults=fields
        )
        for position, term in enumerate(item["terms"], start=1):
            term_model.objects.update_or_create(
                taxonomy=taxonomy,
                code=term["code"],
                defaults={
                    "name_nl": term["name_nl"],
                    "name_fr": term["name_fr"],
                    "name_en": term["name_en"],
                    "description": term["description"],
                    "position": position,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_search_postgresql")]

    # Reversing keeps the rows: services may be classified with them.
    operations = [migrations.RunPython(create_taxonomies, migrations.RunPython.noop)]
