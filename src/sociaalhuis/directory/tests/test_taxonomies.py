"""The shared taxonomies: created by the migration, kept up to date idempotently."""

from __future__ import annotations

import pytest

from sociaalhuis.directory.models import Taxonomy, TaxonomyTerm
from sociaalhuis.directory.taxonomies import RUBRICS, TARGET_GROUPS, as_data, ensure_taxonomies

pytestmark = pytest.mark.django_db


def _rows() -> list[tuple[str, str, str, str, str, int]]:
    return list(
        TaxonomyTerm.objects.order_by("taxonomy__code", "code").values_list(
            "taxonomy__code", "code", "name_nl", "name_fr", "name_en", "position"
        )
    )


def test_the_migration_created_both_taxonomies_with_every_term() -> None:
    assert set(Taxonomy.objects.values_list("code", flat=True)) >= {
        Taxonomy.RUBRICS,
        Taxonomy.TARGET_GROUPS,
    }
    for seed in (RUBRICS, TARGET_GROUPS):
        codes = set(
            TaxonomyTerm.objects.filter(taxonomy__code=seed.code).values_list("code", flat=True)
        )
        assert codes == {term.code for term in seed.terms}


def test_the_database_after_migrating_matches_the_module() -> None:
    # Fails when taxonomies.py changed without a data migration that brings it along.
    assert ensure_taxonomies() == (0, 0)


def test_ensuring_twice_changes_nothing() -> None:
    ensure_taxonomies()
    first = _rows()
    assert ensure_taxonomies() == (0, 0)
    assert _rows() == first


def test_ensuring_restores_a_renamed_term_and_a_missing_one() -> None:
    TaxonomyTerm.objects.filter(code="wonen").update(name_fr="Maison")
    TaxonomyTerm.objects.filter(code="mobiliteit").delete()
    assert ensure_taxonomies() == (1, 1)
    assert TaxonomyTerm.objects.get(code="wonen").name_fr == "Logement"
    assert TaxonomyTerm.objects.filter(code="mobiliteit").exists()


def test_every_term_is_named_in_three_languages_with_a_unique_code() -> None:
    for taxonomy in as_data():
        codes = [term["code"] for term in taxonomy["terms"]]
        assert len(codes) == len(set(codes))
        for term in taxonomy["terms"]:
            assert all(term[f"name_{language}"] for language in ("nl", "fr", "en"))
