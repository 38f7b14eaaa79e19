"""Help-question topics from a data file: missing ones added under their life domain."""

from __future__ import annotations

import pytest

from sociaalhuis.core import datafiles, tenancy
from sociaalhuis.core.datafiles import DataFileError, Row
from sociaalhuis.frontdesk.configuration.reference import topics_ensure
from sociaalhuis.frontdesk.models import Topic
from sociaalhuis.tenants.models import LifeDomain
from sociaalhuis.testing import Cast

pytestmark = pytest.mark.django_db

ROWS = [
    {
        "life_domain": "mobiliteit-test",
        "code": "rijbewijs",
        "name_nl": "Rijbewijs",
        "name_fr": "Permis de conduire",
        "name_en": "Driving licence",
    },
    {
        "life_domain": "onbekend",
        "code": "iets",
        "name_nl": "Iets",
        "name_fr": "Quelque chose",
        "name_en": "Something",
    },
]


def test_topics_are_added_under_the_life_domains_the_municipality_has(cast: Cast) -> None:
    with tenancy.for_municipality(cast.ronse.pk):
        domain = LifeDomain.objects.create(
            code="mobiliteit-test", name_nl="Mobiliteit", municipality=cast.ronse
        )
        assert topics_ensure(cast.ronse, ROWS) == 1
        topic = Topic.objects.get(code="rijbewijs")
        assert not Topic.objects.filter(code="iets").exists()
    assert (topic.life_domain, topic.name_fr, topic.name_en) == (
        domain,
        "Permis de conduire",
        "Driving licence",
    )


def test_loading_the_topics_again_adds_nothing_and_keeps_the_municipalitys_edits(
    cast: Cast,
) -> None:
    with tenancy.for_municipality(cast.ronse.pk):
        LifeDomain.objects.create(
            code="mobiliteit-test", name_nl="Mobiliteit", municipality=cast.ronse
        )
        topics_ensure(cast.ronse, ROWS)
        Topic.objects.filter(code="rijbewijs").update(name_nl="Rijbewijs halen")
        assert topics_ensure(cast.ronse, ROWS) == 0
        assert Topic.objects.get(code="rijbewijs").name_nl == "Rijbewijs halen"


def test_a_topic_with_an_invalid_code_stops_the_load_naming_its_row(cast: Cast) -> None:
    rows = datafiles.rows("sociaalhuis.demo", "topics.csv")
    bad = Row({**rows[0], "code": "geen geldige code!"}, rows[0].where)
    with tenancy.for_municipality(cast.ronse.pk):
        LifeDomain.objects.create(
            code=bad["life_domain"], name_nl="Domein", municipality=cast.ronse
        )
        with pytest.raises(DataFileError, match=r"topics\.csv, row 2: code: "):
            topics_ensure(cast.ronse, [bad])
        assert not Topic.objects.filter(code="geen geldige code!").exists()
