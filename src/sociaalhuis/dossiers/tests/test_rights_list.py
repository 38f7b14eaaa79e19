"""The standard Flemish rights list (data/rights.csv) as the rights check-list needs it."""

from __future__ import annotations

from sociaalhuis.dossiers.models import Right
from sociaalhuis.dossiers.plan.rights import default_rights


def test_every_standard_right_has_a_unique_code_and_a_name_in_each_language() -> None:
    rights = default_rights()
    assert len(rights) >= 10
    assert len({right.code for right in rights}) == len(rights)
    for right in rights:
        assert all((right.name_nl, right.name_fr, right.name_en)), right.code


def test_every_standard_right_fits_the_fields_of_a_right() -> None:
    for right in default_rights():
        Right(
            code=right.code,
            name_nl=right.name_nl,
            name_fr=right.name_fr,
            name_en=right.name_en,
            description=right.description,
            position=10,
        ).clean_fields(exclude=["municipality"])
