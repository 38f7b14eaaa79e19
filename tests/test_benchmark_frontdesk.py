"""The front-desk benchmark keeps working: valid generated data, and every measurement
runs (at a tiny scale, inside the test transaction)."""

from __future__ import annotations

import argparse
from datetime import date

import pytest
from django.db.models import Count
from stdnum.be import nn

from benchmarks import frontdesk
from benchmarks.frontdesk_data import Sizes, generate, national_number
from sociaalhuis.clients.identity import search_name_for
from sociaalhuis.clients.models import Identity, Person
from sociaalhuis.core import tenancy
from sociaalhuis.dossiers.models import Dossier


@pytest.mark.parametrize(
    ("birth", "serial"),
    [(date(1985, 7, 30), 33), (date(2001, 1, 5), 997), (date(1930, 12, 31), 2)],
)
def test_generated_national_numbers_pass_python_stdnum(birth: date, serial: int) -> None:
    number = national_number(birth, serial)

    assert nn.validate(number) == number
    assert nn.get_birth_date(number) == birth


@pytest.fixture
def city(cast: object, postgresql_only: None) -> object:
    generate(Sizes.named("tiny"), seed=7, quiet=True)
    return frontdesk._city()


@pytest.mark.django_db
def test_generator_fills_a_city_as_the_application_would(city: object) -> None:
    with tenancy.for_municipality(city.pk):  # type: ignore[attr-defined]
        identities = list(Identity.objects.all())
        timeline_lengths = set(
            Dossier.objects.annotate(lines=Count("timeline")).values_list("lines", flat=True)
        )
        persons = Person.objects.count()

    assert persons == len(identities) == Sizes.named("tiny").persons
    assert all(
        identity.search_name == search_name_for(identity.given_name, identity.family_name)
        for identity in identities
    )
    numbers = [identity.national_number for identity in identities if identity.national_number]
    assert numbers
    assert all(nn.is_valid(number) for number in numbers)
    assert len(set(numbers)) == len(numbers)
    assert 50 in timeline_lengths


@pytest.mark.django_db
def test_every_measurement_runs_or_says_why_not(city: object) -> None:
    args = argparse.Namespace(scale="tiny", seed=7, lookups=20, registrations=3, threads=0, pages=3)

    results = frontdesk.run(args, generated=True, quiet=True)

    assert results["sizes"]["persons"] == Sizes.named("tiny").persons
    assert results["lookup"]["categories"]["all"]["count"] == 20
    # ids, identities, persons, neighbourhoods (fewer when nothing or no one matches)
    assert max(results["lookup"]["sql_queries_per_call"]) <= 4
    for part in ("register", "dossier_page"):
        assert results[part], part  # figures, or {"skipped": the reason}
    assert frontdesk.chart_svg(results).startswith("<svg")
