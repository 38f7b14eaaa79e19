"""Reception in a real browser: a walk-in with two questions, with the mouse and with
the keyboard only, axe-core on every page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from sociaalhuis.demo.seeds import DEMO_EMAIL_DOMAIN
from sociaalhuis.dossiers.models import Goal, JournalNote, Step
from sociaalhuis.frontdesk.models import Contact, HelpQuestion
from tests.e2e.conftest import A11y
from tests.e2e.test_social_map_flows import _log_in_verified

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("demo_data")]

RECEPTION = f"onthaal.ronse@{DEMO_EMAIL_DOMAIN}"
SOCIAL_WORKER = f"maatschappelijk-werker.ronse@{DEMO_EMAIL_DOMAIN}"


def _saved_contact(family_name: str) -> tuple[Contact, list[HelpQuestion]]:
    contact = Contact.unscoped.select_related("person__identity").get(
        person__identity__family_name=family_name
    )
    return contact, list(HelpQuestion.unscoped.filter(contact=contact).order_by("pk"))


def register_walk_in(page: Page, base: str, a11y: A11y, family_name: str) -> int:
    """A reception worker registers a new walk-in with two questions: one answered with a
    service of the social map, one taken into a new help dossier. Returns the dossier id."""
    _log_in_verified(page, base, RECEPTION, a11y)
    page.goto(f"{base}/desk/")
    expect(page.locator("#id_person_query")).to_be_focused()
    a11y.check()
    page.locator("details.new-person summary").click()
    page.locator("#id_given_name").fill("Walter")
    page.locator("#id_family_name").fill(family_name)
    page.locator("#id_birth_date").fill("14/02/1979")
    page.locator("#id_new_phone").fill("0470 11 22 33")
    page.locator("#id_q-0-life_domain").select_option(label="Huisvesting")
    page.locator("#id_q-0-description").fill("Zoekt hulp bij huurachterstal")
    page.locator("#id_q-0-outcome_0").check()
    page.locator("#id_q-0-service_query").fill("huur")
    first_service = page.locator("#q-0-services input[type=radio]").first
    expect(first_service).to_be_visible()
    first_service.check()
    page.locator("#id_q-1-life_domain").select_option(label="Huisvesting")
    page.locator("#id_q-1-description").fill("Dreigende uithuiszetting, opvolging nodig")
    page.locator("#id_q-1-outcome_2").check()
    expect(page.locator("#id_q-1-dossier")).to_be_visible()
    a11y.check()
    page.get_by_role("button", name="Het contact opslaan").click()
    expect(page).to_have_url(re.compile(r"/desk/contacts/\d+/$"))
    expect(page.locator("#register-next")).to_be_focused()
    a11y.check()
    _contact, questions = _saved_contact(family_name)
    assert [question.outcome for question in questions] == ["answered", "dossier"]
    assert questions[0].service_id is not None
    assert questions[1].dossier_id is not None
    return questions[1].dossier_id


def test_a_reception_worker_registers_a_walk_in_with_two_questions(
    page: Page, live_server: object, a11y: A11y
) -> None:
    base = str(live_server)
    dossier_id = register_walk_in(page, base, a11y, "Testwandelaar")
    # A social worker takes the new dossier on, draws up a step plan and writes a note.
    page.context.clear_cookies()
    _log_in_verified(page, base, SOCIAL_WORKER, a11y)
    page.goto(f"{base}/dossiers/{dossier_id}/")
    a11y.check()
    page.locator("form[action$='/take-on/'] button").click()
    expect(page.locator("form[action$='/take-on/']")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Testwandelaar")
    page.goto(f"{base}/dossiers/{dossier_id}/plan/")
    a11y.check()
    page.locator("main form[action$='/plan/create/'] button[type=submit]").click()
    expect(page.locator("main form[action$='/plan/create/']")).to_have_count(0)
    page.goto(f"{base}/dossiers/{dossier_id}/plan/goals/add/")
    a11y.check()
    page.locator("#id_life_domain").select_option(label="Huisvesting")
    page.locator("#id_description").fill("De woning behouden")
    page.locator("main form.narrow-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/plan/$"))
    goal = Goal.unscoped.get(plan__dossier_id=dossier_id)
    page.goto(f"{base}/dossiers/{dossier_id}/plan/goals/{goal.pk}/steps/add/")
    a11y.check()
    page.locator("#id_description").fill("Afbetalingsplan voorstellen aan de verhuurder")
    page.locator("#id_owner").select_option(label="Mehdi Demo Ronse")
    page.locator("main form.narrow-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/plan/$"))
    page.goto(f"{base}/dossiers/{dossier_id}/notes/")
    a11y.check()
    page.locator("#id_text").fill("Eerste gesprek: de verhuurder wacht op een voorstel.")
    page.locator("#new-note button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("de verhuurder wacht op een voorstel")
    page.goto(f"{base}/dossiers/{dossier_id}/")
    a11y.check()
    assert Step.unscoped.filter(dossier_id=dossier_id).count() == 1
    assert JournalNote.unscoped.filter(dossier_id=dossier_id).count() == 1


def _tab_to(page: Page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element is focused (the page's own tab order, no clicks)."""
    for _press in range(limit):
        if page.evaluate(
            "selector => document.activeElement === document.querySelector(selector)", selector
        ):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_the_same_registration_with_the_keyboard_only(
    page: Page, live_server: object, a11y: A11y
) -> None:
    base = str(live_server)
    _log_in_verified(page, base, RECEPTION, a11y)
    page.goto(f"{base}/desk/")
    keyboard = page.keyboard
    expect(page.locator("#id_person_query")).to_be_focused()
    _tab_to(page, "details.new-person summary")
    keyboard.press("Enter")
    _tab_to(page, "#id_given_name")
    keyboard.type("Karel")
    keyboard.press("Tab")
    keyboard.type("Toetsenbord")
    keyboard.press("Tab")
    keyboard.type("03/09/1984")
    _tab_to(page, "#id_q-0-life_domain")
    keyboard.type("Huisvesting")
    _tab_to(page, "#id_q-0-description")
    keyboard.type("Vraagt naar hulp bij huurachterstal")
    keyboard.press("Tab")
    expect(page.locator("#id_q-0-outcome_0")).to_be_focused()
    keyboard.press("Space")
    _tab_to(page, "#id_q-0-service_query")
    keyboard.type("huur")
    expect(page.locator("#q-0-services input[type=radio]").first).to_be_visible()
    keyboard.press("Enter")  # to the first service found
    keyboard.press("Enter")  # choose it and go on to the next question
    expect(page.locator("#id_q-1-life_domain")).to_be_focused()
    keyboard.type("Huisvesting")
    _tab_to(page, "#id_q-1-description")
    keyboard.type("Dreigende uithuiszetting")
    keyboard.press("Tab")
    expect(page.locator("#id_q-1-outcome_0")).to_be_focused()
    keyboard.press("ArrowDown")
    keyboard.press("ArrowDown")
    expect(page.locator("#id_q-1-outcome_2")).to_be_checked()
    _tab_to(page, "button[value=save]")
    a11y.check()
    keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/desk/contacts/\d+/$"))
    a11y.check()
    contact, questions = _saved_contact("Toetsenbord")
    assert Contact.unscoped.filter(person=contact.person).count() == 1
    assert len(questions) == 2
    assert questions[0].service_id is not None
    assert questions[1].dossier_id is not None
