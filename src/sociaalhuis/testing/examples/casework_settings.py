"""Example reference rows of the casework settings, for tests (not used by the application)."""

from __future__ import annotations

from sociaalhuis.accounts.models import Cell
from sociaalhuis.dossiers.models import Right
from sociaalhuis.frontdesk.models import Topic
from sociaalhuis.tenants.models import LifeDomain, Neighbourhood, NeighbourhoodStreet
from sociaalhuis.testing import Cast


def example_cell(cast: Cast, slug: str) -> Cell:
    cell, _created = Cell.unscoped.get_or_create(
        municipality=cast.municipalities[slug],
        code="example-cell",
        defaults={"name_nl": f"Cel {slug}"},
    )
    return cell


def example_topic(cast: Cast, slug: str) -> Topic:
    municipality = cast.municipalities[slug]
    topic, _created = Topic.unscoped.get_or_create(
        municipality=municipality,
        code="example-topic",
        defaults={
            "name_nl": f"Onderwerp {slug}",
            "life_domain": LifeDomain.unscoped.filter(municipality=municipality).order_by("pk")[0],
        },
    )
    return topic


def example_right(cast: Cast, slug: str) -> Right:
    right, _created = Right.unscoped.get_or_create(
        municipality=cast.municipalities[slug],
        code="example-right",
        defaults={"name_nl": f"Recht {slug}"},
    )
    return right


def example_street(cast: Cast, slug: str) -> NeighbourhoodStreet:
    municipality = cast.municipalities[slug]
    street, _created = NeighbourhoodStreet.unscoped.get_or_create(
        municipality=municipality,
        street_key="voorbeeldstraat",
        defaults={
            "street": "Voorbeeldstraat",
            "neighbourhood": Neighbourhood.unscoped.filter(municipality=municipality).order_by(
                "pk"
            )[0],
        },
    )
    return street
