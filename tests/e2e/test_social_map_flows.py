"""The social map in a real browser: citizens search, a partner edits, an admin approves."""

from __future__ import annotations

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from sociaalhuis.demo.seeds import DEMO_EMAIL_DOMAIN
from tests.e2e.conftest import A11y
from tests.e2e.test_foundation_flows import _code, _log_in, _user_id

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("demo_data")]


def _search(page: Page, words: str) -> None:
    page.locator("#id_q").fill(words)
    page.locator("form[role=search] .search-form__row button").click()


def test_a_citizen_on_a_phone_finds_help_with_rent_arrears(
    page: Page, live_server: object, a11y: A11y
) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    base = str(live_server)
    page.goto(f"{base}/ronse/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    a11y.check()
    _search(page, "huurachterstal")
    results = page.locator(".service-list")
    expect(results).to_contain_text("Huurdersbond")
    expect(results).to_contain_text("CAW")
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow, "the results page scrolls sideways on a phone"
    a11y.check()
    results.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("main")).to_contain_text(re.compile("Huurdersbond|CAW"))
    a11y.check()
    page.goto(f"{base}/ronse/vandaag/")
    a11y.check()


def test_a_french_speaking_citizen_searches_expulsion(
    page: Page, live_server: object, a11y: A11y
) -> None:
    base = str(live_server)
    page.goto(f"{base}/ronse/")
    page.locator("#language-select").select_option("fr")
    page.locator(".inline-form button").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    _search(page, "expulsion")
    expect(page.locator(".service-list .service-card").first).to_be_visible()
    a11y.check()


def _log_in_verified(page: Page, base: str, email: str, a11y: A11y) -> None:
    device, _created = TOTPDevice.objects.get_or_create(
        user_id=_user_id(email), name="phone", defaults={"confirmed": True}
    )
    _log_in(page, base, email, a11y)
    page.get_by_label(re.compile("Code van zes cijfers")).fill(_code(device))
    page.locator("main form").first.get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/home/$"))


def test_a_partner_edits_their_service_and_an_administrator_approves_it(
    page: Page, live_server: object, a11y: A11y
) -> None:
    base = str(live_server)
    _log_in_verified(page, base, f"partner.ronse@{DEMO_EMAIL_DOMAIN}", a11y)
    page.goto(f"{base}/social-map/organisations/")
    a11y.check()
    page.locator("main table a").first.click()
    a11y.check()
    page.locator("main table a").first.click()
    service_url = page.url
    page.locator("a[href$='/edit/']").click()
    a11y.check()
    new_text = "Kom langs op onze zitdag: wij bekijken samen uw huurcontract."
    page.locator("#id_nl_description").fill(new_text)
    page.locator("form.service-form > button[type=submit]").click()
    expect(page.locator(".message--info")).to_be_visible()
    a11y.check()
    service_id = re.search(r"/services/(\d+)/", service_url).group(1)  # type: ignore[union-attr]
    page.goto(f"{base}/ronse/aanbod/{service_id}/")
    expect(page.locator("main")).not_to_contain_text(new_text)

    page.context.clear_cookies()
    _log_in_verified(page, base, f"beheerder.ronse@{DEMO_EMAIL_DOMAIN}", a11y)
    page.goto(f"{base}/social-map/changes/")
    a11y.check()
    page.locator("main table a").first.click()
    expect(page.locator("main")).to_contain_text(new_text)
    a11y.check()
    page.locator("button[name=decision][value=approve]").click()
    expect(page.locator(".message--success")).to_be_visible()
    page.goto(f"{base}/ronse/aanbod/{service_id}/")
    expect(page.locator("main")).to_contain_text(new_text)
    a11y.check()
