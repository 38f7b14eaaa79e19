"""The person and household screens: roles, municipalities, the number never in a
URL, the access log, the duplicate and conflict screens, merging, query counts."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date

import pytest
from django.test import Client

from sociaalhuis.accounts.models import User
from sociaalhuis.audit.models import AccessLogEntry
from sociaalhuis.clients.models import ContactRestriction, HouseholdMember, Identity, Person
from sociaalhuis.clients.sections import (
    PersonSection,
    register_person_section,
    registered_sections,
    unregister_person_section,
)
from sociaalhuis.clients.tests.factories import NUMBER_1985_07_30, PersonFactory
from sociaalhuis.testing import Cast, queries_for
from sociaalhuis.testing.examples.clients import example_household

ClientFor = Callable[[User], Client]
FORMATTED = "85.07.30-033.28"
LINK = re.compile(r'(?:href|action|hx-get|hx-post)="([^"]*)"')


def _person_with_number(cast: Cast, slug: str = "ronse") -> Person:
    return PersonFactory.create(
        municipality=cast.municipalities[slug],
        given_name="Jan",
        family_name="Peeters",
        with_national_number=True,
        street="Grote Markt",
        house_number="1",
        postcode="9600",
        city="Ronse",
    )


def _assert_number_in_no_link(response: object) -> None:
    content = response.content.decode()  # type: ignore[attr-defined]
    location = response.headers.get("Location", "")  # type: ignore[attr-defined]
    for link in [*LINK.findall(content), location]:
        digits = "".join(ch for ch in link if ch.isdigit())
        assert NUMBER_1985_07_30 not in digits, link


def _post_data(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "given_name": "Lien",
        "family_name": "Claes",
        "birth_date": "1990-01-01",
        "national_number": "",
        "gender": "",
        "preferred_language": "nl",
    }
    data.update(changes)
    return data


@pytest.fixture
def reception(cast: Cast, client_for: ClientFor) -> Client:
    return client_for(cast.user("ronse", "reception"))


# --- Access -------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["policy_coordinator", "partner_worker", "neighbourhood_worker"])
def test_roles_outside_casework_are_refused_the_person_screens(
    cast: Cast, client_for: ClientFor, role: str
) -> None:
    person = _person_with_number(cast)
    client = client_for(cast.user("ronse", role))
    for url in ("/clients/", f"/clients/{person.pk}/", "/clients/new/"):
        assert client.get(url).status_code == 403, url


def test_a_cell_specialist_sees_persons_but_cannot_merge(cast: Cast, client_for: ClientFor) -> None:
    person = _person_with_number(cast)
    client = client_for(cast.user("ronse", "cell_specialist"))
    response = client.get(f"/clients/{person.pk}/")
    assert response.status_code == 200
    assert f"/clients/{person.pk}/merge/" not in response.content.decode()
    assert client.get(f"/clients/{person.pk}/merge/").status_code == 403


def test_another_municipalitys_person_and_household_are_not_found(
    cast: Cast, reception: Client
) -> None:
    person = _person_with_number(cast, "kortrijk")
    household = example_household(cast.kortrijk)
    wish = ContactRestriction.unscoped.create(
        municipality=cast.kortrijk, person=person, channel="letter"
    )
    for url in (
        f"/clients/{person.pk}/",
        f"/clients/{person.pk}/edit/",
        f"/clients/{person.pk}/merge/",
        f"/clients/wishes/{wish.pk}/lift/",
        f"/clients/households/{household.pk}/",
    ):
        assert reception.get(url).status_code == 404, url
    assert reception.post(f"/clients/{person.pk}/number/").status_code == 404
    assert reception.post(f"/clients/wishes/{wish.pk}/lift/").status_code == 404
    assert ContactRestriction.unscoped.get(pk=wish.pk).lifted_at is None


# --- Search -------------------------------------------------------------------------


def test_searching_by_name_lists_masked_numbers_and_records_one_read(
    cast: Cast, reception: Client
) -> None:
    person = _person_with_number(cast)
    PersonFactory.create(municipality=cast.ronse, given_name="Piet", family_name="Peeters")
    PersonFactory.create(
        municipality=cast.kortrijk, given_name="Kortrijk-only", family_name="Peeters"
    )
    response = reception.post("/clients/", {"q": "peeters"})
    assert response.status_code == 302
    assert response["Location"] == "/clients/?q=peeters"
    response = reception.get(response["Location"])
    content = response.content.decode()
    assert "85.07.30-***.**" in content
    assert NUMBER_1985_07_30 not in content
    assert FORMATTED not in content
    assert f"/clients/{person.pk}/" in content
    assert "Kortrijk-only" not in content
    entry = AccessLogEntry.unscoped.get(actor=cast.user("ronse", "reception"))
    assert (entry.object_type, entry.action, entry.person_id) == ("clients.person", "read", None)


def test_a_number_is_searched_by_post_and_never_lands_in_a_url(
    cast: Cast, reception: Client
) -> None:
    person = _person_with_number(cast)
    response = reception.post("/clients/", {"q": FORMATTED})
    assert response.status_code == 200
    assert f"/clients/{person.pk}/" in response.content.decode()
    _assert_number_in_no_link(response)
    # Typed into the address bar, a number is refused (and not searched).
    refused = reception.get(f"/clients/?q={NUMBER_1985_07_30}", follow=True)
    assert refused.redirect_chain == [("/clients/", 302)]
    assert f"/clients/{person.pk}/" not in refused.content.decode()
    assert NUMBER_1985_07_30 not in refused.content.decode()
    assert AccessLogEntry.unscoped.filter(object_type="clients.person").count() == 1


def test_the_search_page_runs_the_same_queries_for_few_and_many_persons(
    cast: Cast, reception: Client
) -> None:
    for index in range(2):
        PersonFactory.create(
            municipality=cast.ronse, given_name=f"Jan{index}", family_name="Peeters"
        )
    few = queries_for(reception, "/clients/?q=peeters")
    for index in range(2, 40):
        PersonFactory.create(
            municipality=cast.ronse, given_name=f"Jan{index}", family_name="Peeters"
        )
    assert queries_for(reception, "/clients/?q=peeters") == few
    assert queries_for(reception, "/clients/?q=peeters&page=2") == few


# --- The person page ----------------------------------------------------------------


def test_the_person_page_shows_wishes_first_and_is_audited(cast: Cast, reception: Client) -> None:
    person = _person_with_number(cast)
    ContactRestriction.unscoped.create(
        municipality=cast.ronse, person=person, channel="voicemail", note="Shared phone"
    )
    response = reception.get(f"/clients/{person.pk}/")
    content = response.content.decode()
    assert content.index("Shared phone") < content.index("Identity")
    assert "85.07.30-***.**" in content
    assert FORMATTED not in content
    _assert_number_in_no_link(response)
    assert response["Cache-Control"].startswith("max-age=0")
    entry = AccessLogEntry.unscoped.get(person_id=person.pk)
    assert (entry.action, entry.object_type) == ("read", "clients.person")


def test_showing_the_full_number_is_a_separate_audited_read(cast: Cast, reception: Client) -> None:
    person = _person_with_number(cast)
    response = reception.post(f"/clients/{person.pk}/number/", {"reason": "Letter to CAW"})
    assert response.status_code == 200
    assert FORMATTED in response.content.decode()
    _assert_number_in_no_link(response)
    reasons = list(
        AccessLogEntry.unscoped.filter(person_id=person.pk).values_list("reason", flat=True)
    )
    assert len(reasons) == 2
    assert any("Letter to CAW" in reason for reason in reasons)
    assert reception.get(f"/clients/{person.pk}/number/").status_code == 302


def test_a_merged_record_points_to_the_kept_one_and_is_read_only(
    cast: Cast, reception: Client
) -> None:
    kept = _person_with_number(cast)
    merged = PersonFactory.create(municipality=cast.ronse, given_name="Jan", family_name="Peters")
    Person.unscoped.filter(pk=merged.pk).update(merged_into=kept)
    content = reception.get(f"/clients/{merged.pk}/").content.decode()
    assert f'href="/clients/{kept.pk}/"' in content
    assert f"/clients/{merged.pk}/edit/" not in content
    assert f"/clients/{merged.pk}/merge/" not in content
    response = reception.get(f"/clients/{merged.pk}/edit/")
    assert response.status_code == 302
    assert (
        reception.post(f"/clients/{merged.pk}/wishes/new/", {"channel": "sms"}).status_code == 302
    )
    assert not ContactRestriction.unscoped.filter(person=merged).exists()


@pytest.fixture
def sections() -> Iterator[None]:
    def contacts(person: Person, user: User) -> PersonSection:
        return PersonSection("clients/tests/section.html", {"title": "Contact history here"})

    def dossiers(person: Person, user: User) -> PersonSection | None:
        if user.email.startswith("reception@"):
            return None  # reception never sees dossiers
        return PersonSection("clients/tests/section.html", {"title": "Dossiers here"})

    before = registered_sections()
    register_person_section("test-dossiers", dossiers, order=30)
    register_person_section("test-contacts", contacts, order=10)
    yield
    unregister_person_section("test-dossiers")
    unregister_person_section("test-contacts")
    assert registered_sections() == before


def test_other_apps_sections_render_in_order_and_for_whom_they_choose(
    cast: Cast, client_for: ClientFor, sections: None
) -> None:
    person = _person_with_number(cast)
    worker = client_for(cast.user("ronse", "social_worker")).get(f"/clients/{person.pk}/")
    content = worker.content.decode()
    assert content.index("Contact history here") < content.index("Dossiers here")
    desk = client_for(cast.user("ronse", "reception")).get(f"/clients/{person.pk}/")
    assert "Contact history here" in desk.content.decode()
    assert "Dossiers here" not in desk.content.decode()


def test_the_person_page_runs_the_same_queries_however_much_it_shows(
    cast: Cast, reception: Client
) -> None:
    person = _person_with_number(cast)
    household = example_household(cast.ronse)
    HouseholdMember.unscoped.create(
        municipality=cast.ronse, household=household, person=person, relation="partner"
    )
    ContactRestriction.unscoped.create(municipality=cast.ronse, person=person, channel="sms")
    few = queries_for(reception, f"/clients/{person.pk}/")
    for channel in ("letter", "voicemail", "email"):
        ContactRestriction.unscoped.create(municipality=cast.ronse, person=person, channel=channel)
    for index in range(4):
        other = PersonFactory.create(municipality=cast.ronse, given_name=f"Kid{index}")
        HouseholdMember.unscoped.create(
            municipality=cast.ronse, household=household, person=other, relation="child"
        )
    merged = PersonFactory.create(municipality=cast.ronse, given_name="Old")
    Person.unscoped.filter(pk=merged.pk).update(merged_into=person)
    assert queries_for(reception, f"/clients/{person.pk}/") == few


# --- Register and correct -------------------------------------------------------------


def test_registering_shows_bad_input_by_the_field_and_keeps_what_was_typed(
    cast: Cast, reception: Client
) -> None:
    response = reception.post(
        "/clients/new/",
        _post_data(national_number="85.07.30-033.29", phone="0470 11 22 33"),
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert [e.code for e in form.errors.as_data()["national_number"]] == ["invalid_national_number"]
    assert 'value="0470 11 22 33"' in response.content.decode()
    assert not Person.unscoped.exists()
    future = reception.post("/clients/new/", _post_data(birth_date="2999-01-01"))
    assert [e.code for e in future.context["form"].errors.as_data()["birth_date"]] == [
        "birth_date_in_future"
    ]


def test_registering_a_likely_duplicate_asks_the_worker(cast: Cast, reception: Client) -> None:
    existing = PersonFactory.create(
        municipality=cast.ronse,
        given_name="Mohamed",
        family_name="El Amrani",
        birth_date=date(1990, 1, 1),
    )
    data = _post_data(given_name="Mohammed", family_name="El Amrani", phone="0470 11 22 33")
    response = reception.post("/clients/new/", data)
    content = response.content.decode()
    assert response.status_code == 200
    assert f'href="/clients/{existing.pk}/"' in content
    assert 'name="confirmed_new"' in content
    assert 'value="0470 11 22 33"' in content
    assert Person.unscoped.count() == 1
    response = reception.post("/clients/new/", {**data, "confirmed_new": "1"})
    created = Person.unscoped.exclude(pk=existing.pk).get()
    assert response["Location"] == f"/clients/{created.pk}/"


def test_the_same_number_cannot_be_confirmed_as_someone_else(cast: Cast, reception: Client) -> None:
    existing = _person_with_number(cast)
    data = _post_data(national_number=FORMATTED, birth_date="1985-07-30", confirmed_new="1")
    response = reception.post("/clients/new/", data)
    content = response.content.decode()
    assert 'name="confirmed_new"' not in content
    assert "85.07.30-***.**" in content
    assert f'href="/clients/{existing.pk}/"' in content
    assert Person.unscoped.count() == 1
    _assert_number_in_no_link(response)


def test_a_correction_saved_by_a_colleague_meanwhile_shows_both_and_keeps_the_text(
    cast: Cast, reception: Client, client_for: ClientFor
) -> None:
    person = PersonFactory.create(
        municipality=cast.ronse, given_name="Lien", family_name="Claes", birth_date=date(1990, 1, 1)
    )
    form = reception.get(f"/clients/{person.pk}/edit/").context["form"]
    colleague = client_for(cast.user("ronse", "social_worker"))
    saved = colleague.post(
        f"/clients/{person.pk}/edit/", _post_data(version=form.initial["version"], phone="111")
    )
    assert saved.status_code == 302
    response = reception.post(
        f"/clients/{person.pk}/edit/", _post_data(version=form.initial["version"], phone="222")
    )
    content = response.content.decode()
    assert response.status_code == 409
    assert "111" in content
    assert 'value="222"' in content
    assert Identity.unscoped.get(person=person).phone == "111"
    # Saving again keeps the second worker's version, deliberately.
    again = reception.post(
        f"/clients/{person.pk}/edit/",
        _post_data(version=response.context["form"]["version"].value(), phone="222"),
    )
    assert again.status_code == 302
    assert Identity.unscoped.get(person=person).phone == "222"


# --- Wishes and households ---------------------------------------------------------------


def test_a_wish_is_recorded_and_lifted_from_the_person_page(cast: Cast, reception: Client) -> None:
    person = PersonFactory.create(municipality=cast.ronse)
    response = reception.post(
        f"/clients/{person.pk}/wishes/new/", {"channel": "letter", "note": "To the sister"}
    )
    assert response["Location"] == f"/clients/{person.pk}/"
    twice = reception.post(f"/clients/{person.pk}/wishes/new/", {"channel": "letter"})
    assert twice.status_code == 400
    wish = ContactRestriction.unscoped.get(person=person)
    assert reception.get(f"/clients/wishes/{wish.pk}/lift/").status_code == 200
    reception.post(f"/clients/wishes/{wish.pk}/lift/")
    wish.refresh_from_db()
    assert wish.lifted_at is not None


def test_a_household_is_made_from_the_person_page_and_members_join_and_leave(
    cast: Cast, reception: Client
) -> None:
    mother = PersonFactory.create(
        municipality=cast.ronse, given_name="Sara", family_name="Janssens"
    )
    child = _person_with_number(cast)
    response = reception.post(
        f"/clients/households/new/?person={mother.pk}",
        {"name": "Family Janssens", "relation": "reference"},
    )
    household = HouseholdMember.unscoped.get(person=mother).household
    assert response["Location"] == f"/clients/households/{household.pk}/"
    url = f"/clients/households/{household.pk}/members/new/"
    found = reception.post(url, {"q": FORMATTED})
    assert f'value="{child.pk}"' in found.content.decode()
    _assert_number_in_no_link(found)
    added = reception.post(url, {"person_id": child.pk, "relation": "child", "joined_on": ""})
    assert added.status_code == 302
    page = reception.get(f"/clients/households/{household.pk}/").content.decode()
    assert "Jan Peeters" in page
    assert "Child" in page
    member = HouseholdMember.unscoped.get(person=child)
    left = reception.post(f"/clients/households/members/{member.pk}/leave/", {"left_on": ""})
    assert left.status_code == 400
    reception.post(f"/clients/households/members/{member.pk}/leave/", {"left_on": "2026-01-31"})
    member.refresh_from_db()
    assert member.left_on == date(2026, 1, 31)
    assert AccessLogEntry.unscoped.filter(
        person_id=child.pk, object_type="clients.household"
    ).exists()


# --- Merge ---------------------------------------------------------------------------------


def test_merging_compares_both_asks_a_reason_and_shows_what_moved(
    cast: Cast, reception: Client
) -> None:
    kept = _person_with_number(cast)
    duplicate = PersonFactory.create(
        municipality=cast.ronse,
        given_name="Jan",
        family_name="Peters",
        birth_date=date(1985, 7, 30),
    )
    ContactRestriction.unscoped.create(municipality=cast.ronse, person=duplicate, channel="sms")
    pick = reception.get(f"/clients/{kept.pk}/merge/")
    compare_url = f"/clients/{kept.pk}/merge/{duplicate.pk}/"
    assert compare_url in pick.content.decode()  # suggested: similar name, same birth date
    compare = reception.get(compare_url)
    assert "Peters" in compare.content.decode()
    _assert_number_in_no_link(compare)
    no_reason = reception.post(compare_url, {"keep": str(kept.pk), "reason": ""})
    assert no_reason.status_code == 400
    assert not Person.unscoped.filter(merged_into__isnull=False).exists()
    done = reception.post(compare_url, {"keep": str(kept.pk), "reason": "Registered twice"})
    duplicate.refresh_from_db()
    assert duplicate.merged_into == kept
    result = reception.get(done["Location"])
    assert "contact restrictions" in result.content.decode()
    assert reception.get(compare_url).status_code == 302  # merged now: no second merge
    assert reception.get(f"/clients/{kept.pk}/merge/{kept.pk}/").status_code == 404
