"""Casework settings: only the administrator keeps the lists, bad input is explained."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from sociaalhuis.accounts.models import Cell, CellMember, User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.core import tenancy
from sociaalhuis.dossiers.models import Right
from sociaalhuis.dossiers.plan.rights import default_rights
from sociaalhuis.frontdesk.configuration import services
from sociaalhuis.frontdesk.models import Topic
from sociaalhuis.tenants.models import LifeDomain, Neighbourhood, NeighbourhoodStreet
from sociaalhuis.testing import Cast
from sociaalhuis.testing.examples.casework_settings import example_cell, example_street

pytestmark = pytest.mark.django_db
ClientFor = Callable[[User], Client]


def _admin(cast: Cast, client_for: ClientFor, slug: str = "ronse") -> Client:
    return client_for(cast.user(slug, Role.MUNICIPALITY_ADMIN))


def _in(cast: Cast) -> tenancy.TenantContext:
    return tenancy.TenantContext(municipality_id=cast.ronse.pk)


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.RECEPTION, Role.DPO])
def test_only_the_administrator_reaches_the_casework_settings(
    cast: Cast, client_for: ClientFor, role: str
) -> None:
    client = client_for(cast.user("ronse", role))
    for url in ("/casework/", "/casework/cells/", "/casework/rights/", "/casework/streets/"):
        assert client.get(url).status_code == 403
    assert client.post("/casework/rights/standard-list/").status_code == 403


def test_the_services_refuse_anyone_but_the_administrator(cast: Cast) -> None:
    with cast.acting("ronse", Role.SOCIAL_WORKER), pytest.raises(PermissionDenied):
        services.rights_load_default()


def test_the_standard_rights_list_loads_once_and_keeps_local_changes(
    cast: Cast, client_for: ClientFor
) -> None:
    client = _admin(cast, client_for)
    assert client.post("/casework/rights/standard-list/").status_code == 302
    with tenancy.activate(_in(cast)):
        assert Right.objects.count() == len(default_rights())
        Right.objects.filter(code="leefloon").update(name_nl="Leefloon (OCMW Ronse)")
    client.post("/casework/rights/standard-list/")
    with tenancy.activate(_in(cast)):
        assert Right.objects.count() == len(default_rights())
        assert Right.objects.get(code="leefloon").name_nl == "Leefloon (OCMW Ronse)"
        leefloon = Right.objects.get(code="leefloon")
        assert (leefloon.name_fr, leefloon.name_en) == (
            "Revenu d'intégration",
            "Social integration income",
        )
    # Kortrijk's list is its own.
    with tenancy.activate(tenancy.TenantContext(municipality_id=cast.kortrijk.pk)):
        assert not Right.objects.exists()


def test_a_duplicate_code_is_refused_and_the_typed_values_stay(
    cast: Cast, client_for: ClientFor
) -> None:
    client = _admin(cast, client_for)
    data = {"code": "leefloon", "name_nl": "Leefloon", "position": 1, "active": "on"}
    assert client.post("/casework/rights/new/", data).status_code == 302
    again = client.post("/casework/rights/new/", {**data, "name_nl": "Leefloon bis"})
    assert again.status_code == 400
    body = again.content.decode()
    assert "already used" in body
    assert "Leefloon bis" in body


def test_a_cell_gets_its_members_among_the_municipality_users_only(
    cast: Cast, client_for: ClientFor
) -> None:
    client = _admin(cast, client_for)
    specialist = cast.user("ronse", Role.CELL_SPECIALIST)
    with tenancy.activate(_in(cast)):
        domain = LifeDomain.objects.get(code="huisvesting")
    data = {"code": "wonen", "name_nl": "Cel wonen", "life_domain": domain.pk, "active": "on"}
    foreign = client.post(
        "/casework/cells/new/", {**data, "members": [cast.user("kortrijk", Role.SOCIAL_WORKER).pk]}
    )
    assert foreign.status_code == 400
    assert (
        client.post("/casework/cells/new/", {**data, "members": [specialist.pk]}).status_code == 302
    )
    with tenancy.activate(_in(cast)):
        cell = Cell.objects.get(code="wonen")
        assert list(CellMember.objects.filter(cell=cell).values_list("user", flat=True)) == [
            specialist.pk
        ]
    # Taking everyone out of the cell.
    assert client.post(f"/casework/cells/{cell.pk}/", data).status_code == 302
    with tenancy.activate(_in(cast)):
        assert not CellMember.objects.filter(cell=cell).exists()


def test_topics_belong_to_a_life_domain_of_this_municipality(
    cast: Cast, client_for: ClientFor
) -> None:
    client = _admin(cast, client_for)
    with tenancy.activate(tenancy.TenantContext(municipality_id=cast.kortrijk.pk)):
        foreign_domain = LifeDomain.objects.get()
    with tenancy.activate(_in(cast)):
        domain = LifeDomain.objects.get(code="huisvesting")
    data = {"code": "energie", "name_nl": "Energiefactuur", "active": "on"}
    refused = client.post("/casework/topics/new/", {**data, "life_domain": foreign_domain.pk})
    assert refused.status_code == 400
    assert (
        client.post("/casework/topics/new/", {**data, "life_domain": domain.pk}).status_code == 302
    )
    with tenancy.activate(_in(cast)):
        assert Topic.objects.get(code="energie").life_domain == domain


def test_streets_are_folded_for_matching_and_bad_number_ranges_are_explained(
    cast: Cast, client_for: ClientFor
) -> None:
    client = _admin(cast, client_for)
    with tenancy.activate(_in(cast)):
        neighbourhood = Neighbourhood.objects.get(name="Prinskouter")
    base = {"neighbourhood": neighbourhood.pk, "street": "Grote  Markt", "postcode": "9600"}
    reversed_range = client.post(
        "/casework/streets/new/", {**base, "first_number": 40, "last_number": 2}
    )
    assert reversed_range.status_code == 400
    assert "lower than the first" in reversed_range.content.decode()
    ok = client.post("/casework/streets/new/", {**base, "first_number": 1, "last_number": 20})
    assert ok.status_code == 302
    overlap = client.post("/casework/streets/new/", {**base, "first_number": 15})
    assert overlap.status_code == 400
    assert "already lies in the neighbourhood" in overlap.content.decode()
    assert client.post("/casework/streets/new/", {**base, "first_number": 21}).status_code == 302
    with tenancy.activate(_in(cast)):
        keys = set(NeighbourhoodStreet.objects.values_list("street", "street_key"))
    assert keys == {("Grote Markt", "grote markt")}


def test_another_municipalitys_rows_are_not_found(cast: Cast, client_for: ClientFor) -> None:
    client = _admin(cast, client_for)
    assert client.get(f"/casework/cells/{example_cell(cast, 'kortrijk').pk}/").status_code == 404
    street = example_street(cast, "kortrijk")
    assert client.get(f"/casework/streets/{street.pk}/").status_code == 404
    assert client.post(f"/casework/streets/{street.pk}/remove/").status_code == 404
    assert NeighbourhoodStreet.unscoped.filter(pk=street.pk).exists()


def test_the_settings_pages_show_their_lists(cast: Cast, client_for: ClientFor) -> None:
    client = _admin(cast, client_for)
    example_street(cast, "ronse")
    example_cell(cast, "ronse")
    for url, text in (
        ("/casework/", "Casework settings"),
        ("/casework/cells/", "Cel ronse"),
        ("/casework/streets/", "Voorbeeldstraat"),
        ("/casework/topics/", "Topics"),
        ("/casework/rights/", "Load the standard list"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url


def test_a_bad_street_is_refused_by_the_service_as_well(cast: Cast) -> None:
    with cast.acting("ronse", Role.MUNICIPALITY_ADMIN):
        street = NeighbourhoodStreet(
            neighbourhood=Neighbourhood.objects.get(name="Prinskouter"),
            street="Zuidstraat",
            first_number=9,
            last_number=3,
        )
        with pytest.raises(ValidationError) as refused:
            services.street_save(street)
    assert refused.value.error_dict["last_number"][0].code == "reversed"
