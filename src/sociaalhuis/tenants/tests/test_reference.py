"""Streets of neighbourhoods from a data file: missing ones added, once."""

from __future__ import annotations

import pytest

from sociaalhuis.core import tenancy
from sociaalhuis.tenants.models import Neighbourhood, NeighbourhoodStreet
from sociaalhuis.tenants.reference import streets_ensure
from sociaalhuis.testing import Cast

pytestmark = pytest.mark.django_db

ROWS = [
    {"neighbourhood": "Oude Wijk", "street": "Sint-Martensstraat", "postcode": "9600"},
    {"neighbourhood": "Elders", "street": "Nergensweg", "postcode": "9600"},
]


def test_streets_are_added_to_the_neighbourhoods_the_municipality_has(cast: Cast) -> None:
    with tenancy.for_municipality(cast.ronse.pk):
        Neighbourhood.objects.create(name="Oude Wijk", municipality=cast.ronse)
        assert streets_ensure(cast.ronse, ROWS) == 1
        street = NeighbourhoodStreet.objects.get(neighbourhood__name="Oude Wijk")
    assert (street.neighbourhood.name, street.street, street.postcode) == (
        "Oude Wijk",
        "Sint-Martensstraat",
        "9600",
    )
    assert street.street_key == "sint martensstraat"  # what addresses match on


def test_loading_the_streets_again_adds_nothing(cast: Cast) -> None:
    with tenancy.for_municipality(cast.ronse.pk):
        Neighbourhood.objects.create(name="Oude Wijk", municipality=cast.ronse)
        streets_ensure(cast.ronse, ROWS)
        assert streets_ensure(cast.ronse, ROWS) == 0
        assert NeighbourhoodStreet.objects.filter(neighbourhood__name="Oude Wijk").count() == 1
