"""These tests read the English texts of pages and choices (the source language), so
they run in English: the signed-in clients send the language cookie and the code runs
under English. Dutch and French are checked by the translation tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from sociaalhuis.accounts.models import User
from sociaalhuis.testing import log_in


@pytest.fixture(autouse=True)
def _in_english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def client_for() -> Callable[..., Client]:
    def make(user: User, *, second_factor: bool = True) -> Client:
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return log_in(client, user, second_factor=second_factor)

    return make
