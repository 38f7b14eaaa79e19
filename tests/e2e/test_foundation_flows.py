"""The foundation's main flows in a real browser, with axe-core on every page visited."""

from __future__ import annotations

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from sociaalhuis.demo.seeds import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD
from tests.e2e.conftest import A11y

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("demo_data")]


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _log_in(page: Page, base: str, email: str, a11y: A11y) -> None:
    page.goto(f"{base}/account/login/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    a11y.check()
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.locator("main").get_by_role("button", name="Aanmelden").click()


def test_a_dpo_logs_in_with_a_new_authenticator_and_reads_the_access_log(
    page: Page, live_server: object, a11y: A11y
) -> None:
    base = str(live_server)
    email = f"dpo.ronse@{DEMO_EMAIL_DOMAIN}"
    _log_in(page, base, email, a11y)
    expect(page).to_have_url(re.compile(r"/account/second-factor/setup/"))
    a11y.check()
    device = TOTPDevice.objects.get(user__email=email, confirmed=False)
    page.get_by_label(re.compile("Code van zes cijfers")).fill(_code(device))
    page.locator("main form").last.get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/home/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ronse")
    a11y.check()
    page.get_by_role("navigation").get_by_role("link", name=re.compile("Toegangslogboek")).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    a11y.check()
    page.get_by_role("navigation").get_by_role("link", name=re.compile("Gemeente")).click()
    expect(page.get_by_text("Prinskouter")).to_be_visible()
    a11y.check()


def test_a_regional_worker_switches_between_municipalities(
    page: Page, live_server: object, a11y: A11y
) -> None:
    base = str(live_server)
    email = f"regio@{DEMO_EMAIL_DOMAIN}"
    device = TOTPDevice.objects.create(user_id=_user_id(email), name="phone", confirmed=True)
    _log_in(page, base, email, a11y)
    expect(page).to_have_url(re.compile(r"/account/second-factor/"))
    a11y.check()
    page.get_by_label(re.compile("Code van zes cijfers")).fill(_code(device))
    page.locator("main form").first.get_by_role("button").click()
    expect(page.locator(".brand__municipality")).to_have_text("Harelbeke")
    a11y.check()
    page.get_by_label("Gemeente").select_option(label="Kortrijk")
    page.get_by_role("button", name="Gemeente wisselen").click()
    expect(page.locator(".brand__municipality")).to_have_text("Kortrijk")
    expect(page.get_by_role("status")).to_contain_text("Kortrijk")
    a11y.check()


def test_the_language_switches_to_french_and_english_and_stays(
    page: Page, live_server: object, a11y: A11y
) -> None:
    base = str(live_server)
    _log_in(page, base, f"beleid.ronse@{DEMO_EMAIL_DOMAIN}", a11y)
    expect(page).to_have_url(re.compile(r"/home/$"))
    a11y.check()
    page.get_by_label("Taal").select_option("fr")
    page.get_by_role("button", name="Taal wijzigen").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page).to_have_url(re.compile(r"/home/$"))
    a11y.check()
    page.get_by_label("Langue").select_option("en")
    page.get_by_role("button", name="Changer de langue").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto(f"{base}/municipality/")
    expect(page.get_by_role("heading", name="Life domains of the policy plan")).to_be_visible()
    a11y.check()


def test_pages_fit_a_360_pixel_phone(page: Page, live_server: object, a11y: A11y) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    base = str(live_server)
    _log_in(page, base, f"beleid.kortrijk@{DEMO_EMAIL_DOMAIN}", a11y)
    for path in ("/home/", "/municipality/", "/account/profile/"):
        page.goto(base + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways on a phone by {overflow}px"
        a11y.check()


def _user_id(email: str) -> int:
    from sociaalhuis.accounts.models import User

    return User.objects.get(email=email).pk
