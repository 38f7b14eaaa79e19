"""The tenant-scoped manager: the one door to tenant rows in Python code."""

from __future__ import annotations

import pytest

from sociaalhuis.core import tenancy
from sociaalhuis.tenants.models import Neighbourhood
from sociaalhuis.testing import Cast


def test_scoped_query_without_municipality_fails_loudly(cast: Cast) -> None:
    with pytest.raises(tenancy.TenantContextError):
        list(Neighbourhood.objects.all())


def test_scoped_query_returns_only_the_active_municipality(cast: Cast) -> None:
    with tenancy.for_municipality(cast.ronse.pk):
        names = set(Neighbourhood.objects.values_list("name", flat=True))
    assert names == {"Prinskouter"}
    with tenancy.for_municipality(cast.kortrijk.pk):
        names = set(Neighbourhood.objects.values_list("name", flat=True))
    assert names == {"Overleie-Kortrijk-only"}


def test_create_stamps_the_active_municipality(cast: Cast) -> None:
    with tenancy.for_municipality(cast.ronse.pk):
        created = Neighbourhood.objects.create(name="Stookt")
    assert created.municipality_id == cast.ronse.pk


def test_create_for_another_municipality_is_refused(cast: Cast) -> None:
    with tenancy.for_municipality(cast.ronse.pk), pytest.raises(tenancy.TenantContextError):
        Neighbourhood.objects.create(name="Smuggled", municipality=cast.kortrijk)
    assert not Neighbourhood.unscoped.filter(name="Smuggled").exists()


def test_get_by_id_of_another_municipality_finds_nothing(cast: Cast) -> None:
    kortrijk_row = Neighbourhood.unscoped.get(municipality=cast.kortrijk)
    with tenancy.for_municipality(cast.ronse.pk), pytest.raises(Neighbourhood.DoesNotExist):
        Neighbourhood.objects.get(pk=kortrijk_row.pk)


def test_context_is_restored_after_the_block(cast: Cast) -> None:
    with tenancy.for_municipality(cast.ronse.pk):
        assert tenancy.current_municipality_id() == cast.ronse.pk
    assert tenancy.current_municipality_id() is None
