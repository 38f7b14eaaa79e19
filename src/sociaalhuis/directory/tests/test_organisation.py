"""Organisations carry a validated KBO (enterprise) number."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from sociaalhuis.directory.models import Organisation
from sociaalhuis.directory.validators import normalise_kbo_number


@pytest.mark.parametrize("written", ["0403.170.701", "BE 0403 170 701", "0403170701"])
def test_a_kbo_number_is_accepted_in_the_usual_notations(written: str) -> None:
    assert normalise_kbo_number(written) == "0403170701"


@pytest.mark.parametrize("written", ["0403.170.702", "12345", "not a number"])
def test_an_invalid_kbo_number_gets_a_clear_message(written: str) -> None:
    with pytest.raises(ValidationError, match="KBO"):
        normalise_kbo_number(written)


@pytest.mark.django_db
def test_an_organisation_with_an_invalid_kbo_number_does_not_validate() -> None:
    organisation = Organisation(name="Testorganisatie vzw", kbo_number="0403170702")
    with pytest.raises(ValidationError) as raised:
        organisation.full_clean()
    assert "kbo_number" in raised.value.message_dict
