"""The public social map: no account, plain language, per municipality."""

from __future__ import annotations

from datetime import time

import pytest
from django.test import Client
from django.utils import timezone

from sociaalhuis.directory.models import Capacity, Schedule, Service
from sociaalhuis.directory.tests.factories import ServiceFactory
from sociaalhuis.testing import Cast, queries_for
from sociaalhuis.testing.examples.directory import social_house


@pytest.fixture
def huurders(cast: Cast) -> Service:
    cast.organisations["ronse"].municipalities.add(cast.ronse)
    return ServiceFactory.create(
        organisation=cast.organisations["ronse"],
        serves=[cast.ronse],
        name="Hulp bij huurachterstal",
        description="Wij helpen u als u de huur niet meer kunt betalen.",
        french={"name": "Loyer impayé", "description": "Aide en cas de menace d'expulsion."},
        phone="055 00 00 00",
        capacity=Capacity.FULL,
        waiting_days=21,
    )


def test_a_citizen_searches_without_an_account(
    client: Client, cast: Cast, huurders: Service
) -> None:
    response = client.get("/ronse/", {"q": "huurachterstal"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hulp bij huurachterstal" in page
    assert f"/ronse/aanbod/{huurders.pk}/" in page


def test_a_french_speaking_citizen_reads_french(
    client: Client, cast: Cast, huurders: Service
) -> None:
    client.cookies["sociaalhuis_language"] = "fr"
    page = client.get("/ronse/", {"q": "expulsion"}).content.decode()
    assert 'lang="fr"' in page
    assert "Loyer impayé" in page


def test_the_service_page_shows_the_waiting_list_and_contact(
    client: Client, cast: Cast, huurders: Service
) -> None:
    page = client.get(f"/ronse/aanbod/{huurders.pk}/").content.decode()
    assert "055 00 00 00" in page
    assert 'href="tel:055000000"' in page


def test_a_service_of_another_municipality_is_not_found_here(
    client: Client, cast: Cast, huurders: Service
) -> None:
    assert client.get(f"/kortrijk/aanbod/{huurders.pk}/").status_code == 404
    assert client.get("/nergens/").status_code == 404


def test_a_search_of_ten_thousand_characters_gets_a_message_not_an_error(
    client: Client, cast: Cast, huurders: Service
) -> None:
    response = client.get("/ronse/", {"q": "huur " * 2000})
    assert response.status_code == 400
    assert response.context["form"].errors["q"]


def test_html_in_a_search_is_shown_as_text(client: Client, cast: Cast, huurders: Service) -> None:
    page = client.get("/ronse/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in page


def test_today_lists_the_partners_holding_office_hours(
    client: Client, cast: Cast, huurders: Service
) -> None:
    house = social_house(cast.ronse, opens=time(0, 0), closes=time(23, 59))
    today = timezone.localdate().isoweekday()
    Schedule.objects.filter(location=house).delete()
    Schedule.objects.create(
        location=house, weekday=today, opens_at=time(0, 0), closes_at=time(23, 59)
    )
    Schedule.objects.create(
        kind=Schedule.Kind.OFFICE_HOURS,
        service=huurders,
        location=house,
        weekday=today,
        opens_at=time(9),
        closes_at=time(12),
    )
    assert "Hulp bij huurachterstal" in client.get("/ronse/vandaag/").content.decode()
    assert "Hulp bij huurachterstal" in client.get(f"/ronse/aanbod/{huurders.pk}/").content.decode()


def test_the_search_page_takes_a_fixed_number_of_queries(
    client: Client, cast: Cast, huurders: Service
) -> None:
    few = queries_for(client, "/ronse/?q=hulp")
    for number in range(15):
        ServiceFactory.create(
            organisation=cast.organisations["ronse"],
            serves=[cast.ronse],
            name=f"Hulp {number}",
            languages=["nl", "fr"],
        )
    assert queries_for(client, "/ronse/?q=hulp") == few
