"""Cells from a data file: missing ones added, linked to a life domain when there is one."""

from __future__ import annotations

import pytest

from sociaalhuis.accounts.models import Cell
from sociaalhuis.accounts.reference import cells_ensure
from sociaalhuis.core import tenancy
from sociaalhuis.tenants.models import LifeDomain
from sociaalhuis.testing import Cast

pytestmark = pytest.mark.django_db

ROWS = [
    {
        "code": "schuldbemiddeling",
        "name_nl": "Schuldbemiddeling",
        "name_fr": "Médiation de dettes",
        "name_en": "Debt mediation",
        "life_domain": "financien-test",
    },
    {
        "code": "onthaal-test",
        "name_nl": "Onthaal",
        "name_fr": "Accueil",
        "name_en": "Reception",
        "life_domain": "",
    },
]


def test_cells_are_added_with_their_life_domain_if_the_municipality_has_it(cast: Cast) -> None:
    with tenancy.for_municipality(cast.ronse.pk):
        domain = LifeDomain.objects.create(
            code="financien-test", name_nl="Financiën", municipality=cast.ronse
        )
        assert cells_ensure(cast.ronse, ROWS) == 2
        assert Cell.objects.get(code="schuldbemiddeling").life_domain == domain
        assert Cell.objects.get(code="onthaal-test").life_domain is None
        assert cells_ensure(cast.ronse, ROWS) == 0
