"""Referrals in a real browser: the closed loop from a help dossier to a partner and back.

A social worker refers a Ronse client to the Huurdersbond; the Huurdersbond's partner
worker sees only that referral (not one to another organisation), accepts it, proposes
an appointment at the office day and completes it with an outcome; the social worker
reads the feedback in the dossier's timeline. axe-core runs on every page visited.

The data are the fixed cast of ``sociaalhuis.testing`` with the referral test helpers. The
pages are read in English (the users' language and the cookie), like the referral view
tests: the Dutch and French texts are checked by the translation tests.
"""

from __future__ import annotations

import os
import re
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.clients.models import Identity
from sociaalhuis.directory.models import Schedule
from sociaalhuis.directory.tests.factories import OrganisationFactory
from sociaalhuis.dossiers.models import Dossier
from sociaalhuis.referrals.models import Referral, ReferralStatus
from sociaalhuis.testing import TEST_PASSWORD, Cast, build_cast
from sociaalhuis.testing.examples.directory import example_service, social_house
from sociaalhuis.testing.examples.dossiers import example_dossier
from sociaalhuis.testing.examples.referrals import make_referral, partner_service, referral_consent
from tests.e2e.conftest import A11y
from tests.e2e.test_foundation_flows import _code

pytestmark = [pytest.mark.e2e]

HUURDERSBOND = "Huurdersbond Oost-Vlaanderen vzw"
HUURDERSBOND_SERVICE = f"Voorbeelddienst {HUURDERSBOND}"  # directory.testing.example_service
# Screenshots of the main pages, to look at: SOCIAALHUIS_SCREENSHOTS=/tmp/referral-shots
SHOTS = os.environ.get("SOCIAALHUIS_SCREENSHOTS", "")
PHONE_WIDTH = 360
PURPOSE = "Help with rent arrears: a payment plan with the landlord before the court date."
OUTCOME = "Payment plan agreed with the landlord: 80 euro a month."
# What the example person's identity holds beyond the name; only the name and the
# phone number are shared, so the rest must never reach the partner's pages.
PHONE = "0470 12 34 56"
BIRTH_DATE = date(1985, 7, 30)
EMAIL = "mira.example@mail.test"
STREET = "Zonnestraat"


@pytest.fixture
def live_cast(cast: Cast, live_server: object) -> Cast:
    """The fixed cast, in the live server's database.

    Browser tests use a transactional database, which is emptied after each test: only
    the first one still finds the cast built at the start of the session, so a later
    one builds it again.
    """
    partner = cast.user("ronse", Role.PARTNER_WORKER)
    if User.objects.filter(email=partner.email).exists():
        return cast
    return build_cast()


def _next_weekday(after: date) -> date:
    day = after + timedelta(days=1)
    while day.isoweekday() > 5:
        day += timedelta(days=1)
    return day


def _office_day(cast: Cast) -> date:
    """The Huurdersbond holds an office day in the Sociaal Huis on the next weekday."""
    day = _next_weekday(timezone.localdate())
    Schedule.objects.create(
        service=partner_service(cast, "ronse"),
        location=social_house(cast.ronse),
        kind=Schedule.Kind.OFFICE_HOURS,
        weekday=day.isoweekday(),
        opens_at=time(9, 0),
        closes_at=time(11, 0),
    )
    return day


def _example_dossier_with_identity(cast: Cast) -> Dossier:
    dossier = example_dossier(cast, "ronse")
    assert dossier.person_id is not None  # the example dossier is a person's
    Identity.unscoped.filter(person_id=dossier.person_id).update(
        phone=PHONE,
        birth_date=BIRTH_DATE,
        email=EMAIL,
        street=STREET,
        house_number="12",
        postcode="9600",
        city="Ronse",
    )
    return dossier


def _referral_to_another_organisation(cast: Cast) -> Referral:
    """A referral of the same person to the CAW: the Huurdersbond must not see it."""
    caw = OrganisationFactory.create(name="CAW Oost-Vlaanderen", serves=[cast.ronse])
    return make_referral(
        cast,
        "ronse",
        reference=f"V{timezone.localdate().year}-0901",
        to_service=example_service(caw, cast.ronse),
        to_organisation=caw,
        created_by=cast.user("ronse", Role.SOCIAL_WORKER),
        shared_data={"name": "Mira Example"},
    )


def _log_in(page: Page, base: str, user: User, a11y: A11y) -> None:
    """Password, then the second factor, in English (the user's language and cookie)."""
    User.objects.filter(pk=user.pk).update(preferred_language="en")
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, name="phone", defaults={"confirmed": True}
    )
    # A second log-in within the same 30 seconds reuses the code: allow it.
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    device.refresh_from_db()
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": base}])
    page.goto(f"{base}/account/login/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    a11y.check()
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/account/second-factor/"))
    a11y.check()
    page.get_by_label(re.compile("Six-digit code")).fill(_code(device))
    page.locator("main form").first.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/home/$"))
    a11y.check()


def _log_out(page: Page) -> None:
    page.locator("details.user-menu summary").click()
    page.locator("details.user-menu").get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/account/login/"))


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def _no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{page.url} scrolls sideways: {width}px wide"


# --- The social worker refers -----------------------------------------------------------


def _refer_from_the_dossier(page: Page, base: str, dossier: Dossier, a11y: A11y) -> int:
    page.goto(f"{base}/dossiers/{dossier.pk}/")
    a11y.check()
    referrals_panel = page.locator("section[aria-labelledby=dossier-referrals-title]")
    expect(referrals_panel).to_be_visible()
    referrals_panel.get_by_role("link", name="Refer", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/referrals/new/\?dossier={dossier.pk}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Refer")
    a11y.check()
    page.get_by_label("A service of a partner organisation").check()
    service = page.get_by_label("Service of a partner organisation", exact=True)
    service.select_option(label=f"{HUURDERSBOND_SERVICE} — {HUURDERSBOND}")
    page.get_by_label("Purpose").fill(PURPOSE)
    shared = page.get_by_role("group", name="What is shared")
    # Minimal by default: the name only.
    expect(shared.get_by_role("checkbox", checked=True)).to_have_count(1)
    expect(shared.get_by_role("checkbox", name=re.compile(r"^Name\b"))).to_be_checked()
    shared.get_by_role("checkbox", name="Phone number").check()
    expect(shared.get_by_role("checkbox", name="Birth date")).not_to_be_checked()
    page.get_by_label("The person's recorded consent").check()
    page.get_by_label("Consent", exact=True).select_option(index=1)
    a11y.check()
    _shot(page, "form")
    page.get_by_role("button", name="Next: check what will be shared").click()
    expect(page).to_have_url(re.compile(r"/referrals/\d+/$"))
    referral_id = int(page.url.rstrip("/").rsplit("/", 1)[1])

    # The preview: exactly what the Huurdersbond will see, before anything is sent.
    preview = page.locator("section.shared-data")
    expect(preview.get_by_role("heading")).to_have_text("This is what the receiver will see")
    expect(preview.locator("dl.facts dd")).to_have_text(["Mira Example", PHONE])
    expect(preview).to_contain_text("Not shared:")
    expect(page.locator(".referral-status")).to_have_text("Draft")
    a11y.check()
    _shot(page, "preview")
    page.get_by_role("button", name="Send the referral").click()
    expect(page.get_by_role("status")).to_contain_text("was sent to")
    expect(page.locator(".referral-status")).to_have_text("Sent")
    a11y.check()
    referral = Referral.unscoped.get(pk=referral_id)
    assert referral.status == ReferralStatus.SENT
    assert referral.shared_data == {"name": "Mira Example", "phone": PHONE}
    return referral_id


# --- The partner answers ----------------------------------------------------------------


def _partner_sees_only_their_referral(
    page: Page, base: str, referral: Referral, other: Referral, a11y: A11y
) -> None:
    page.get_by_role("navigation").get_by_role("link", name="Referral inbox").click()
    expect(page).to_have_url(re.compile(r"/referrals/inbox/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Referral inbox")
    rows = page.locator("table.worklist tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(referral.reference)
    expect(rows.first).to_contain_text("Mira Example")
    expect(page.locator("main")).not_to_contain_text(other.reference)
    expect(page.locator("main")).not_to_contain_text("CAW")
    a11y.check()
    # "All" shows no more: the CAW's referral is not hidden by a filter, it is not ours.
    page.goto(f"{base}/referrals/inbox/?group=all")
    expect(rows).to_have_count(1)
    expect(page.locator("main")).not_to_contain_text(other.reference)
    a11y.check()
    # Nor can the partner open it by its address.
    response = page.goto(f"{base}/referrals/{other.pk}/")
    assert response is not None
    assert response.status == 403
    expect(page.locator("main")).not_to_contain_text("Mira Example")
    a11y.check()
    page.goto(f"{base}/referrals/inbox/")


def _partner_opens_it_and_sees_only_what_was_shared(
    page: Page, referral: Referral, dossier: Dossier, a11y: A11y
) -> None:
    page.get_by_role("link", name=referral.reference).click()
    expect(page).to_have_url(re.compile(rf"/referrals/{referral.pk}/$"))
    expect(page.locator("header .referral-status")).to_have_text("Received")
    shared = page.locator("section.shared-data")
    expect(shared.get_by_role("heading")).to_have_text("Data shared with you")
    expect(shared.locator("dl.facts dd")).to_have_text(["Mira Example", PHONE])
    main = page.locator("main")
    expect(main).to_contain_text(PURPOSE)
    # Nothing that was not shared: no birth date, e-mail, address, dossier or person link.
    for secret in (
        BIRTH_DATE.strftime("%d/%m/%Y"),
        EMAIL,
        STREET,
        dossier.reference,
        "Rent arrears and an eviction notice.",  # the dossier's reason
    ):
        expect(main).not_to_contain_text(secret)
    expect(page.locator(f"a[href*='/dossiers/{dossier.pk}/']")).to_have_count(0)
    expect(page.locator("a[href*='/clients/']")).to_have_count(0)
    expect(page.get_by_role("heading", name="Give feedback")).to_be_visible()
    a11y.check()
    _shot(page, "partner-detail-received")


def _partner_accepts(page: Page, a11y: A11y) -> None:
    feedback = page.locator("section[aria-labelledby=step-title]")
    feedback.get_by_label("Accept", exact=True).check()
    feedback.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("The referral was updated.")
    expect(page.locator("header .referral-status")).to_have_text("Accepted")
    a11y.check()


def _partner_proposes_an_appointment(
    page: Page, referral: Referral, office_day: date, a11y: A11y
) -> str:
    page.get_by_role("link", name="Propose an appointment").click()
    expect(page).to_have_url(re.compile(rf"/referrals/{referral.pk}/appointment/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Appointment at the office day")
    slots = page.get_by_role("radio")
    expect(slots.first).to_be_visible()
    first_label = f"{office_day:%d/%m/%Y} 09:00 - 09:30"
    expect(page.locator("#id_slot")).to_contain_text(first_label)
    a11y.check()
    _shot(page, "book")
    page.get_by_label(re.compile(re.escape(first_label))).check()
    page.get_by_role("button", name="Book this time").click()
    expect(page).to_have_url(re.compile(rf"/referrals/{referral.pk}/$"))
    when = f"{office_day:%d/%m/%Y} 09:00"
    expect(page.get_by_role("status")).to_contain_text(f"The appointment on {when}")
    expect(page.locator("header dl.facts")).to_contain_text("Appointment")
    expect(page.get_by_role("link", name="Propose an appointment")).to_have_count(0)
    a11y.check()
    return when


def _partner_completes(page: Page, a11y: A11y) -> None:
    feedback = page.locator("section[aria-labelledby=step-title]")
    feedback.get_by_label("Complete", exact=True).check()
    feedback.locator("#id_got_help").get_by_label("Yes", exact=True).check()
    feedback.get_by_label("Message or outcome").fill(OUTCOME)
    a11y.check()
    feedback.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("The referral was updated.")
    expect(page.locator("header .referral-status")).to_have_text("Completed")
    expect(page.locator("main")).to_contain_text(OUTCOME)
    # A closed loop stays closed: nothing left to do.
    expect(page.locator("section[aria-labelledby=step-title]")).to_have_count(0)
    a11y.check()
    _shot(page, "partner-detail-completed")


# --- The test ---------------------------------------------------------------------------


def test_a_social_worker_refers_to_the_huurdersbond_and_reads_the_feedback(
    page: Page, live_server: object, live_cast: Cast, a11y: A11y
) -> None:
    base = str(live_server)
    cast = live_cast
    dossier = _example_dossier_with_identity(cast)
    referral_consent(cast, "ronse")
    office_day = _office_day(cast)
    other = _referral_to_another_organisation(cast)
    social_worker = cast.user("ronse", Role.SOCIAL_WORKER)
    partner = cast.user("ronse", Role.PARTNER_WORKER)

    # The social worker refers from the dossier, checks what is shared and sends.
    _log_in(page, base, social_worker, a11y)
    referral_id = _refer_from_the_dossier(page, base, dossier, a11y)
    referral = Referral.unscoped.get(pk=referral_id)
    _log_out(page)

    # The Huurdersbond's partner worker answers.
    _log_in(page, base, partner, a11y)
    _partner_sees_only_their_referral(page, base, referral, other, a11y)
    _partner_opens_it_and_sees_only_what_was_shared(page, referral, dossier, a11y)
    _partner_accepts(page, a11y)
    when = _partner_proposes_an_appointment(page, referral, office_day, a11y)
    _partner_completes(page, a11y)
    _log_out(page)

    referral.refresh_from_db()
    assert referral.status == ReferralStatus.COMPLETED
    assert referral.got_help is True
    assert referral.outcome == OUTCOME
    assert referral.appointment is not None
    assert referral.handled_by == partner

    # The social worker reads the feedback in the dossier's timeline.
    _log_in(page, base, social_worker, a11y)
    page.goto(f"{base}/dossiers/{dossier.pk}/")
    timeline = page.locator("section[aria-labelledby=timeline-title] ol.timeline")
    target = f"{HUURDERSBOND_SERVICE} ({HUURDERSBOND})"
    expect(timeline).to_contain_text(f"Referred to {target} ({referral.reference})")
    expect(timeline).to_contain_text(f"{referral.reference} at {target}: accepted")
    expect(timeline).to_contain_text(
        f"{referral.reference}: {target} proposes an appointment on {when}"
    )
    expect(timeline).to_contain_text(
        f"{referral.reference} at {target}: completed — the person got help"
    )
    feedback_lines = page.locator("ol.timeline li.timeline__entry--feedback")
    expect(feedback_lines.filter(has_text="accepted")).to_have_count(1)
    expect(feedback_lines.filter(has_text="the person got help")).to_have_count(1)
    panel = page.locator("section[aria-labelledby=dossier-referrals-title]")
    expect(panel.get_by_role("listitem").filter(has_text=referral.reference)).to_contain_text(
        "Completed"
    )
    a11y.check()
    _shot(page, "dossier-timeline")

    # The referral itself shows the partner's feedback and the outcome to the sender.
    panel.get_by_role("link", name=referral.reference).click()
    expect(page.locator("header .referral-status")).to_have_text("Completed")
    expect(page.locator("header dl.facts")).to_contain_text("The person got help")
    expect(page.locator("main")).to_contain_text(OUTCOME)
    a11y.check()
    _shot(page, "sender-detail-completed")


def test_the_partner_answers_on_a_phone(
    page: Page, live_server: object, live_cast: Cast, a11y: A11y
) -> None:
    """The inbox and a referral at 360 px wide: readable without scrolling sideways."""
    base = str(live_server)
    cast = live_cast
    _example_dossier_with_identity(cast)
    referral = make_referral(
        cast,
        "ronse",
        reference=f"V{timezone.localdate().year}-0902",
        created_by=cast.user("ronse", Role.SOCIAL_WORKER),
        shared_data={"name": "Mira Example", "phone": PHONE},
    )
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 780})
    _log_in(page, base, cast.user("ronse", Role.PARTNER_WORKER), a11y)
    _no_sideways_scroll(page)
    page.goto(f"{base}/referrals/inbox/")
    expect(page.locator("table.worklist tbody tr")).to_have_count(1)
    _no_sideways_scroll(page)
    a11y.check()
    _shot(page, "phone-inbox")
    page.get_by_role("link", name=referral.reference).click()
    expect(page.locator("header .referral-status")).to_have_text("Received")
    _no_sideways_scroll(page)
    a11y.check()
    _shot(page, "phone-detail")
    page.locator("section[aria-labelledby=step-title]").get_by_label("Accept", exact=True).check()
    page.locator("section[aria-labelledby=step-title]").get_by_role("button", name="Save").click()
    expect(page.locator("header .referral-status")).to_have_text("Accepted")
    _no_sideways_scroll(page)
    a11y.check()
