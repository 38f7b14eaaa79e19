"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import Page

# The sync Playwright API runs an event loop in this thread; Django's ORM calls in the
# fixtures are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}


@pytest.fixture
def demo_data(transactional_db: None) -> None:
    call_command("load_demo_data", "--quiet-logins")


@pytest.fixture
def axe() -> Axe:
    return Axe()


class A11y:
    """Runs axe-core on every page a test visits and keeps what it found."""

    def __init__(self, page: Page, axe: Axe) -> None:
        self.page = page
        self.axe = axe
        self.checked: list[str] = []

    def check(self) -> None:
        results = self.axe.run(self.page, options=AXE_OPTIONS)
        self.checked.append(self.page.url)
        assert results.violations_count == 0, f"{self.page.url}:\n{results.generate_report()}"


@pytest.fixture
def a11y(page: Page, axe: Axe) -> Iterator[A11y]:
    checker = A11y(page, axe)
    yield checker
    assert checker.checked, "a browser test must check at least one page with axe-core"
