"""Shared fixtures: the fixed cast, logged-in clients, and browser launch settings."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from sociaalhuis.accounts.models import User
from sociaalhuis.testing import Cast, build_cast, log_in

CI = os.environ.get("CI", "").lower() == "true"


def pytest_configure(config: pytest.Config) -> None:
    # Argon2 is the production hasher (asserted in test_settings); tests hash hundreds
    # of passwords, so they use a fast one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


_cast: Cast | None = None


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    global _cast
    with django_db_blocker.unblock():
        _cast = build_cast()


@pytest.fixture
def cast(db: None) -> Cast:
    assert _cast is not None
    return _cast


@pytest.fixture
def client_language() -> str | None:
    """The language cookie ``client_for`` sends; a conftest overrides it (None: none)."""
    return None


@pytest.fixture
def client_for(client_language: str | None) -> Callable[..., Client]:
    """``client_for(user)``: a fresh client logged in as that user (second factor done)."""

    def make(user: User, *, second_factor: bool = True) -> Client:
        client = Client()
        if client_language is not None:
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = client_language
        return log_in(client, user, second_factor=second_factor)

    return make


@pytest.fixture
def on_postgresql() -> bool:
    return connection.vendor == "postgresql"


@pytest.fixture
def postgresql_only() -> None:
    if connection.vendor != "postgresql":
        if CI and os.environ.get("DATABASE_URL"):
            pytest.fail("CI runs this pass on PostgreSQL, but the connection is not PostgreSQL.")
        pytest.skip("PostgreSQL feature: runs in the PostgreSQL pass of the test command.")


# --- Browser tests --------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not os.path.exists(CHROMIUM) or os.environ.get("SOCIAALHUIS_SKIP_BROWSER"):
        if CI:
            pytest.fail(f"CI requires Chromium at {CHROMIUM} for the browser tests.")
        pytest.skip("Chromium is not installed: apt-get install chromium")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }
