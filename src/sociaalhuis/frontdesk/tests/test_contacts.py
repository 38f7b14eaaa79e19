"""Registering contacts and help questions at the desk: every outcome, idempotency,
the look-up as you type, and what reception may and may not see."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sociaalhuis.accounts.models import Cell, User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import AccessLogEntry
from sociaalhuis.clients.models import Channel, ContactRestriction, Person
from sociaalhuis.clients.services import DuplicateSuspectedError, PersonInput
from sociaalhuis.clients.tests.factories import PersonFactory
from sociaalhuis.directory.models import Service
from sociaalhuis.dossiers.models import Dossier, TimelineEntry, TimelineKind
from sociaalhuis.frontdesk import queries, services
from sociaalhuis.frontdesk.models import (
    Callback,
    Contact,
    HelpQuestion,
    Outcome,
    QuestionStatus,
    Topic,
)
from sociaalhuis.frontdesk.services import ContactInput, QuestionInput, contacts
from sociaalhuis.tenants.models import LifeDomain, Municipality, Neighbourhood
from sociaalhuis.testing import Cast
from sociaalhuis.testing.examples.directory import example_service

ClientFor = Callable[..., Client]


def life_domain(municipality: Municipality) -> LifeDomain:
    return LifeDomain.unscoped.filter(municipality=municipality).order_by("pk").first()  # type: ignore[return-value]


def make_topic(municipality: Municipality, code: str = "energy-bill") -> Topic:
    return Topic.unscoped.get_or_create(
        municipality=municipality,
        code=code,
        defaults={"life_domain": life_domain(municipality), "name_nl": "Energiefactuur"},
    )[0]


def make_cell(municipality: Municipality) -> Cell:
    return Cell.unscoped.get_or_create(
        municipality=municipality, code="financial", defaults={"name_nl": "Cel financiën"}
    )[0]


@pytest.fixture
def reception(cast: Cast) -> Iterator[User]:
    with cast.acting("ronse", Role.RECEPTION):
        yield cast.user("ronse", Role.RECEPTION)


@pytest.fixture
def person(cast: Cast) -> Person:
    return PersonFactory.create(municipality=cast.ronse, phone="055 12 34 56")


@pytest.fixture
def service(cast: Cast) -> Service:
    return example_service(cast.organisations["ronse"], cast.ronse)


def _contact(person: Person | None, *questions: QuestionInput, **fields: Any) -> ContactInput:
    return ContactInput(
        channel=fields.pop("channel", "desk"),
        idempotency_key=fields.pop("key", uuid.uuid4()),
        person=person,
        questions=list(questions),
        **fields,
    )


def _answered(cast: Cast, service: Service | None = None, answer: str = "") -> QuestionInput:
    return QuestionInput(
        life_domain=life_domain(cast.ronse),
        outcome=Outcome.ANSWERED,
        topic=make_topic(cast.ronse),
        description="Kan mijn energiefactuur niet betalen",
        answer=answer,
        service=service,
    )


def _new_dossier(cast: Cast) -> QuestionInput:
    return QuestionInput(
        life_domain=life_domain(cast.ronse),
        outcome=Outcome.DOSSIER,
        description="Dreigende uithuiszetting",
    )


# --- The service ----------------------------------------------------------------------


def test_a_walk_in_with_two_questions_is_one_contact_with_an_answer_and_a_new_dossier(
    cast: Cast, reception: User, person: Person, service: Service
) -> None:
    contact = services.contact_register(
        actor=reception,
        data=_contact(person, _answered(cast, service=service), _new_dossier(cast)),
    )
    answered, dossier_question = contact.questions.order_by("pk")
    assert (answered.service, answered.status) == (service, QuestionStatus.DONE)
    dossier = dossier_question.dossier
    assert dossier is not None
    assert (dossier.person, dossier.reason) == (person, "Dreigende uithuiszetting")
    kinds = set(TimelineEntry.objects.filter(dossier=dossier).values_list("kind", flat=True))
    assert {TimelineKind.QUESTION, TimelineKind.CONTACT} <= kinds
    assert AccessLogEntry.objects.filter(
        object_type="frontdesk.contact", object_id=str(contact.pk), person_id=person.pk
    ).exists()


def test_the_timeline_lines_of_a_contact_carry_no_note(
    cast: Cast, reception: User, person: Person
) -> None:
    data = _contact(person, _new_dossier(cast), note="Vertelde over de scheiding")
    contact = services.contact_register(actor=reception, data=data)
    dossier = contact.questions.get().dossier
    summaries = " ".join(
        TimelineEntry.objects.filter(dossier=dossier).values_list("summary", flat=True)
    )
    assert "scheiding" not in summaries


def test_a_double_submit_returns_the_same_contact_and_creates_nothing_twice(
    cast: Cast, reception: User, person: Person
) -> None:
    key = uuid.uuid4()
    first = services.contact_register(
        actor=reception, data=_contact(person, _new_dossier(cast), key=key)
    )
    second = services.contact_register(
        actor=reception, data=_contact(person, _new_dossier(cast), key=key)
    )
    assert first.pk == second.pk
    assert Contact.objects.count() == 1
    assert HelpQuestion.objects.count() == 1
    assert Dossier.objects.filter(person=person).count() == 1


def test_two_submits_at_the_same_moment_are_decided_by_the_unique_key(
    cast: Cast, reception: User, person: Person, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = uuid.uuid4()
    first = services.contact_register(
        actor=reception, data=_contact(person, _answered(cast, answer="Info"), key=key)
    )
    # The second request checked before the first had committed: it did not see it.
    seen = iter([None])
    original = contacts._existing_contact
    monkeypatch.setattr(contacts, "_existing_contact", lambda k: next(seen, None) or original(k))
    second = services.contact_register(
        actor=reception, data=_contact(person, _new_dossier(cast), key=key)
    )
    assert second.pk == first.pk
    assert Contact.objects.count() == 1
    assert HelpQuestion.objects.count() == 1
    assert not Dossier.objects.filter(person=person).exists()


def test_an_anonymous_contact_counts_with_its_neighbourhood(cast: Cast, reception: User) -> None:
    neighbourhood = Neighbourhood.objects.get(name="Prinskouter")
    contact = services.contact_register(
        actor=reception,
        data=_contact(None, _answered(cast, answer="Openingsuren"), neighbourhood=neighbourhood),
    )
    assert (contact.person, contact.neighbourhood) == (None, neighbourhood)
    assert contact.questions.get().person is None


@pytest.mark.parametrize(
    ("change", "code_field"),
    [
        ({"life_domain": None}, "life domain"),
        ({"outcome": ""}, "outcome"),
        ({"outcome": Outcome.ANSWERED, "answer": "", "service": None}, "answered"),
        ({"outcome": Outcome.REFERRED, "referred_to": ""}, "referred"),
        ({"outcome": Outcome.OPEN, "cell": None}, "open"),
        ({"outcome": Outcome.CALLBACK, "phone": "055", "due_at": None}, "callback due"),
    ],
)
def test_an_incomplete_question_is_refused_and_nothing_is_saved(
    cast: Cast, reception: User, person: Person, change: dict[str, Any], code_field: str
) -> None:
    question = _answered(cast, answer="Info")
    for name, value in change.items():
        setattr(question, name, value)
    with pytest.raises(ValidationError):
        services.contact_register(actor=reception, data=_contact(person, question))
    assert not Contact.objects.exists()


def test_a_dossier_outcome_needs_a_person(cast: Cast, reception: User) -> None:
    with pytest.raises(ValidationError):
        services.contact_register(actor=reception, data=_contact(None, _new_dossier(cast)))
    assert not Contact.objects.exists()


def test_a_callback_must_be_due_in_the_future_with_a_number(
    cast: Cast, reception: User, person: Person
) -> None:
    question = QuestionInput(
        life_domain=life_domain(cast.ronse),
        outcome=Outcome.CALLBACK,
        to_user=cast.user("ronse", Role.SOCIAL_WORKER),
        due_at=timezone.now() - timedelta(minutes=5),
        phone="",
    )
    errors = services.question_errors(question, has_person=True)
    assert set(errors) == {"due_at", "phone"}


def test_a_topic_of_another_life_domain_is_refused(cast: Cast, reception: User) -> None:
    other = LifeDomain.objects.create(code="werk", name_nl="Werk")
    question = _answered(cast, answer="Info")
    question.life_domain = other
    assert "topic" in services.question_errors(question, has_person=False)


def test_a_callback_outcome_hands_the_question_on(
    cast: Cast, reception: User, person: Person
) -> None:
    worker = cast.user("ronse", Role.SOCIAL_WORKER)
    question = QuestionInput(
        life_domain=life_domain(cast.ronse),
        outcome=Outcome.CALLBACK,
        description="Vraag over leefloon",
        to_user=worker,
        due_at=timezone.now() + timedelta(hours=4),
        phone="055 12 34 56",
    )
    contact = services.contact_register(actor=reception, data=_contact(person, question))
    callback = Callback.objects.get()
    assert (callback.to_user, callback.person, callback.question) == (
        worker,
        person,
        contact.questions.get(),
    )


def test_a_question_left_open_goes_to_the_cell(cast: Cast, reception: User, person: Person) -> None:
    cell = make_cell(cast.ronse)
    question = QuestionInput(life_domain=life_domain(cast.ronse), outcome=Outcome.OPEN, cell=cell)
    contact = services.contact_register(actor=reception, data=_contact(person, question))
    assert (contact.questions.get().cell, contact.questions.get().status) == (cell, "open")


def test_an_existing_dossier_must_be_an_open_dossier_of_the_person(
    cast: Cast, reception: User, person: Person
) -> None:
    other = PersonFactory.create(municipality=cast.ronse, given_name="Bram", family_name="Claes")
    theirs = (
        services.contact_register(actor=reception, data=_contact(other, _new_dossier(cast)))
        .questions.get()
        .dossier
    )
    question = _new_dossier(cast)
    question.dossier = theirs
    with pytest.raises(ValidationError) as raised:
        services.contact_register(actor=reception, data=_contact(person, question))
    assert raised.value.code == "dossier_not_of_person"


def test_a_new_person_is_registered_with_the_contact(cast: Cast, reception: User) -> None:
    contact = services.contact_register(
        actor=reception,
        data=_contact(None, _answered(cast, answer="Info")),
        new_person=PersonInput(
            given_name="Lotte", family_name="Verhaeghe", birth_date=date(1990, 1, 1)
        ),
    )
    assert contact.person is not None
    assert contact.person.identity.family_name == "Verhaeghe"


def test_a_new_person_like_a_registered_one_is_not_registered_without_confirmation(
    cast: Cast, reception: User, person: Person
) -> None:
    with pytest.raises(DuplicateSuspectedError):
        services.contact_register(
            actor=reception,
            data=_contact(None, _answered(cast, answer="Info")),
            new_person=PersonInput(
                given_name="Ana", family_name="Peeters", birth_date=date(1980, 5, 17)
            ),
        )
    assert not Contact.objects.exists()
    assert Person.objects.count() == 1


def test_a_partner_cannot_register_contacts(cast: Cast, person: Person) -> None:
    partner = cast.user("ronse", Role.PARTNER_WORKER)
    with (
        cast.acting("ronse", Role.PARTNER_WORKER),
        pytest.raises(PermissionDenied),
    ):
        services.contact_register(
            actor=partner, data=_contact(person, _answered(cast, answer="Info"))
        )


def test_the_contact_history_lists_domains_and_outcomes_in_fixed_queries(
    cast: Cast, reception: User, person: Person
) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            page = queries.contact_history(person)
            for contact in page:
                for question in contact.questions.all():
                    _ = (question.life_domain.name, question.get_outcome_display())
        return len(captured.captured_queries)

    services.contact_register(actor=reception, data=_contact(person, _answered(cast, answer="a")))
    small = count()
    for _index in range(6):
        services.contact_register(
            actor=reception,
            data=_contact(person, _answered(cast, answer="a"), _answered(cast, answer="b")),
        )
    assert count() == small
    assert queries.contact_history(person).paginator.count == 7


# --- The screens ----------------------------------------------------------------------


def _form_data(key: uuid.UUID, **fields: Any) -> dict[str, Any]:
    data = {
        "idempotency_key": str(key),
        "channel": "desk",
        "language": "nl",
        "q-TOTAL_FORMS": "3",
        "q-INITIAL_FORMS": "0",
        "q-MIN_NUM_FORMS": "0",
        "q-MAX_NUM_FORMS": "10",
        "q-0-dossier": "new",
        "q-1-dossier": "new",
        "q-2-dossier": "new",
        "action": "save",
    }
    data.update(fields)
    return data


def test_the_registration_page_is_for_casework_roles_only(
    cast: Cast, client_for: ClientFor
) -> None:
    assert client_for(cast.user("ronse", Role.RECEPTION)).get("/desk/").status_code == 200
    assert client_for(cast.user("ronse", Role.PARTNER_WORKER)).get("/desk/").status_code == 403


def test_a_walk_in_is_registered_through_the_screen(
    cast: Cast, client_for: ClientFor, person: Person, service: Service
) -> None:
    client = client_for(cast.user("ronse", Role.RECEPTION))
    domain = life_domain(cast.ronse)
    response = client.post(
        "/desk/",
        _form_data(
            uuid.uuid4(),
            person=str(person.pk),
            **{
                "q-0-life_domain": str(domain.pk),
                "q-0-outcome": "answered",
                "q-0-service": str(service.pk),
                "q-1-life_domain": str(domain.pk),
                "q-1-outcome": "dossier",
                "q-1-description": "Huurachterstal",
            },
        ),
    )
    assert response.status_code == 302
    contact = Contact.unscoped.get()
    assert HelpQuestion.unscoped.filter(contact=contact).count() == 2
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert service.display_name in page.content.decode()


def test_invalid_input_keeps_what_was_typed(
    cast: Cast, client_for: ClientFor, person: Person
) -> None:
    client = client_for(cast.user("ronse", Role.RECEPTION))
    response = client.post(
        "/desk/",
        _form_data(
            uuid.uuid4(),
            person=str(person.pk),
            note="Kwam met de bus",
            **{"q-0-description": "Vraag over schulden", "q-0-outcome": "answered"},
        ),
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Vraag over schulden" in body
    assert "Kwam met de bus" in body
    assert not Contact.unscoped.exists()


def test_a_double_submit_of_the_screen_shows_the_one_contact(
    cast: Cast, client_for: ClientFor, person: Person
) -> None:
    client = client_for(cast.user("ronse", Role.RECEPTION))
    data = _form_data(
        uuid.uuid4(),
        person=str(person.pk),
        **{
            "q-0-life_domain": str(life_domain(cast.ronse).pk),
            "q-0-outcome": "referred",
            "q-0-referred_to": "CAW",
        },
    )
    first = client.post("/desk/", data)
    second = client.post("/desk/", data)
    assert first["Location"] == second["Location"]
    assert Contact.unscoped.count() == 1


def test_a_new_person_like_a_registered_one_shows_the_candidates(
    cast: Cast, client_for: ClientFor, person: Person
) -> None:
    client = client_for(cast.user("ronse", Role.RECEPTION))
    data = _form_data(
        uuid.uuid4(),
        given_name="Ana",
        family_name="Peeters",
        birth_date="17/05/1980",
        **{
            "q-0-life_domain": str(life_domain(cast.ronse).pk),
            "q-0-outcome": "answered",
            "q-0-answer": "Info",
        },
    )
    response = client.post("/desk/", data)
    assert response.status_code == 400
    assert f'value="{person.pk}"' in response.content.decode()
    data["confirmed_new"] = "on"
    assert client.post("/desk/", data).status_code == 302
    assert Person.unscoped.filter(municipality=cast.ronse).count() == 2


def test_the_look_up_shows_masked_numbers_and_contact_wishes(
    cast: Cast, client_for: ClientFor
) -> None:
    found = PersonFactory.create(
        municipality=cast.ronse,
        given_name="Jan",
        family_name="Janssens",
        national_number="85073003328",
    )
    ContactRestriction.unscoped.create(
        municipality=cast.ronse, person=found, channel=Channel.VOICEMAIL
    )
    client = client_for(cast.user("ronse", Role.RECEPTION))
    body = client.post("/desk/look-up/", {"person_query": "jan jans"}).content.decode()
    assert "Janssens" in body
    assert "85.07.30-***.**" in body
    assert "85073003328" not in body
    assert "Voicemail" in body
    by_number = client.post("/desk/look-up/", {"person_query": "85073003328"}).content.decode()
    assert "Janssens" in by_number
    # The number is never taken from a URL.
    assert "Janssens" not in client.get("/desk/look-up/?person_query=85073003328").content.decode()


def test_the_look_up_takes_the_same_queries_for_one_or_twenty_matches(
    cast: Cast, client_for: ClientFor
) -> None:
    client = client_for(cast.user("ronse", Role.RECEPTION))

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.post("/desk/look-up/", {"person_query": "wouters"})
        assert response.status_code == 200
        return len(captured.captured_queries)

    PersonFactory.create(municipality=cast.ronse, given_name="Els", family_name="Wouters")
    one = count()
    for index in range(25):
        person = PersonFactory.create(
            municipality=cast.ronse, given_name=f"Els{index}", family_name="Wouters"
        )
        ContactRestriction.unscoped.create(
            municipality=cast.ronse, person=person, channel=Channel.LETTER
        )
    assert count() == one
    body = client.post("/desk/look-up/", {"person_query": "wouters"}).content.decode()
    assert body.count('name="person"') == 20


def test_a_chosen_person_with_contact_wishes_shows_a_warning(
    cast: Cast, client_for: ClientFor, person: Person
) -> None:
    ContactRestriction.unscoped.create(
        municipality=cast.ronse, person=person, channel=Channel.PHONE, note="Enkel per brief"
    )
    client = client_for(cast.user("ronse", Role.RECEPTION))
    body = client.get(f"/desk/?person={person.pk}").content.decode()
    assert "warning-box" in body
    assert "Enkel per brief" in body
    card = client.post("/desk/person-card/", {"person": person.pk, "q-TOTAL_FORMS": "3"})
    assert "warning-box" in card.content.decode()
    assert 'id="id_q-2-dossier"' in card.content.decode()


def test_the_social_map_search_offers_services(
    cast: Cast, client_for: ClientFor, service: Service
) -> None:
    client = client_for(cast.user("ronse", Role.RECEPTION))
    body = client.get(
        "/desk/social-map/", {"prefix": "q-1", "q-1-service_query": "voorbeelddienst"}
    ).content.decode()
    assert f'name="q-1-service" id="q-1-service-{service.pk}"' in body


def test_a_contact_of_another_municipality_is_not_found(cast: Cast, client_for: ClientFor) -> None:
    contact = Contact.unscoped.create(
        municipality=cast.kortrijk,
        channel="desk",
        registered_by=cast.user("kortrijk", Role.RECEPTION),
        idempotency_key=uuid.uuid4(),
    )
    client = client_for(cast.user("ronse", Role.RECEPTION))
    assert client.get(f"/desk/contacts/{contact.pk}/").status_code == 404
    kortrijk_person = PersonFactory.create(
        municipality=cast.kortrijk, given_name="Kortrijk", family_name="Only"
    )
    body = client.get(f"/desk/?person={kortrijk_person.pk}").content.decode()
    assert "Only" not in body
