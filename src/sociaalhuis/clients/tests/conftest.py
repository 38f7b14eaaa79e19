"""Fixtures of the clients tests: in English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation


# These tests read the English texts of pages and choices (the source language), so
# they run in English: signed-in clients send the language cookie (see client_for in
# the root conftest) and the code runs under English. Dutch and French are checked by
# the translation tests.
@pytest.fixture
def client_language() -> str:
    return "en"


@pytest.fixture(autouse=True)
def _in_english() -> Iterator[None]:
    with translation.override("en"):
        yield
