"""The standard Flemish list of rights for the rights check-list (rechten-verkennend onderzoek).

Not loaded into a municipality by a migration: the administrator loads it with a
button on the casework settings (and the demo loader does), then keeps the list
as the municipality wants it. Loading again adds only what is missing.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RightSeed:
    code: str
    name_nl: str
    name_fr: str
    name_en: str
    description: str = ""


def default_rights() -> list[RightSeed]:
    return [
        RightSeed(
            "verhoogde-tegemoetkoming",
            "Verhoogde tegemoetkoming",
            "Intervention majorée",
            "Increased reimbursement of health care",
            "Ask the health insurance fund; granted automatically with some benefits.",
        ),
        RightSeed(
            "sociaal-energietarief",
            "Sociaal energietarief",
            "Tarif social énergie",
            "Social energy tariff",
            "Automatic with certain benefits; check the supplier's bill.",
        ),
        RightSeed(
            "schooltoeslag",
            "Schooltoeslag",
            "Allocation scolaire",
            "School allowance",
            "Part of the Groeipakket; usually granted automatically.",
        ),
        RightSeed(
            "groeipakket",
            "Groeipakket (kinderbijslag en sociale toeslag)",
            "Groeipakket (allocations familiales et supplément social)",
            "Growth package (child benefit and social supplement)",
        ),
        RightSeed(
            "leefloon",
            "Leefloon",
            "Revenu d'intégration",
            "Social integration income",
            "Social inquiry by the OCMW.",
        ),
        RightSeed(
            "huurpremie-huurtoelage",
            "Huurpremie of huurtoelage",
            "Prime au loyer ou allocation de loyer",
            "Rent premium or rent allowance",
            "Wonen in Vlaanderen: for tenants on the social housing waiting list or moving.",
        ),
        RightSeed(
            "verwarmingstoelage",
            "Verwarmingstoelage (stookoliefonds)",
            "Allocation de chauffage (Fonds Mazout)",
            "Heating allowance (heating oil fund)",
            "Apply at the OCMW within 60 days of delivery.",
        ),
        RightSeed(
            "sociaal-telefoontarief",
            "Sociaal telefoontarief",
            "Tarif social téléphonique",
            "Social telephone tariff",
        ),
        RightSeed(
            "belastingvermindering",
            "Vrijstelling of korting op belastingen",
            "Exonération ou réduction d'impôts",
            "Tax exemption or reduction",
            "Municipal and provincial taxes, water and waste charges.",
        ),
        RightSeed(
            "uitpas-kansentarief",
            "UiTPAS met kansentarief",
            "UiTPAS avec tarif réduit",
            "UiTPAS reduced rate",
        ),
        RightSeed(
            "juridische-tweedelijnsbijstand",
            "Juridische tweedelijnsbijstand (pro-Deoadvocaat)",
            "Aide juridique de deuxième ligne (avocat pro deo)",
            "Second-line legal aid (pro bono lawyer)",
            "Bureau voor Juridische Bijstand.",
        ),
        RightSeed(
            "collectieve-schuldenregeling",
            "Collectieve schuldenregeling",
            "Règlement collectif de dettes",
            "Collective debt settlement",
            "Request to the labour court; discuss with the debt counselling service first.",
        ),
    ]
