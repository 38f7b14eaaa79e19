"""Worklists: each worker sees their own work, filtered, fast, and the reading is logged."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from uuid import uuid4

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sociaalhuis.accounts.models import Cell, CellMember, User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import AccessLogEntry
from sociaalhuis.clients.models import Identity, Person
from sociaalhuis.dossiers.models import (
    CareTeamMember,
    Dossier,
    DossierLifeDomain,
    Goal,
    Step,
    StepPlan,
    TeamRole,
)
from sociaalhuis.frontdesk.models import (
    Appointment,
    Callback,
    CallbackStatus,
    Contact,
    HelpQuestion,
)
from sociaalhuis.frontdesk.templatetags.worklist_links import optional_url
from sociaalhuis.frontdesk.worklists.services import question_take_on
from sociaalhuis.tenants.models import LifeDomain, Municipality, Neighbourhood
from sociaalhuis.testing import Cast, queries_for

ClientFor = Callable[[User], Client]


@pytest.fixture
def client_for(client_for: ClientFor) -> ClientFor:
    """Clients that read the pages in English (the msgids these tests look for)."""

    def make(user: User) -> Client:
        made = client_for(user)
        made.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return made

    return make


# --- Building the work ------------------------------------------------------------------


def _person(
    municipality: Municipality, name: str, neighbourhood: Neighbourhood | None = None
) -> Person:
    person = Person.unscoped.create(municipality=municipality, neighbourhood=neighbourhood)
    Identity.unscoped.create(
        person=person,
        municipality=municipality,
        given_name=name,
        family_name="Testpersoon",
        search_name=f"testpersoon {name.lower()}",
    )
    return person


def _domain(municipality: Municipality, code: str) -> LifeDomain:
    return LifeDomain.unscoped.get_or_create(
        municipality=municipality, code=code, defaults={"name_nl": code.title()}
    )[0]


def _neighbourhood(municipality: Municipality, name: str) -> Neighbourhood:
    return Neighbourhood.unscoped.get_or_create(municipality=municipality, name=name)[0]


def _cell(municipality: Municipality, code: str, *members: User) -> Cell:
    cell = Cell.unscoped.create(municipality=municipality, code=code, name_nl=f"Cel {code}")
    for member in members:
        CellMember.unscoped.create(municipality=municipality, cell=cell, user=member)
    return cell


def _question(
    municipality: Municipality,
    by: User,
    *,
    person: Person | None = None,
    cell: Cell | None = None,
    domain: LifeDomain | None = None,
    created_at: datetime | None = None,
    description: str = "Vraag",
) -> HelpQuestion:
    contact = Contact.unscoped.create(
        municipality=municipality,
        channel="desk",
        person=person,
        registered_by=by,
        idempotency_key=uuid4(),
    )
    return HelpQuestion.unscoped.create(
        municipality=municipality,
        contact=contact,
        person=person,
        life_domain=domain or _domain(municipality, "huisvesting"),
        outcome="open",
        cell=cell,
        created_by=by,
        created_at=created_at or timezone.now(),
        description=description,
    )


def _callback(
    municipality: Municipality,
    by: User,
    *,
    to_user: User | None = None,
    to_cell: Cell | None = None,
    person: Person | None = None,
    due_in: timedelta = timedelta(hours=4),
    status: str = CallbackStatus.OPEN,
    message: str = "Bel terug",
    question: HelpQuestion | None = None,
) -> Callback:
    return Callback.unscoped.create(
        municipality=municipality,
        person=person,
        question=question,
        phone="055 00 00 00",
        message=message,
        to_user=to_user,
        to_cell=to_cell,
        due_at=timezone.now() + due_in,
        status=status,
        created_by=by,
    )


def _dossier(
    municipality: Municipality,
    by: User,
    reference: str,
    *,
    manager: User | None = None,
    person: Person | None = None,
    domain: LifeDomain | None = None,
) -> Dossier:
    dossier = Dossier.unscoped.create(
        municipality=municipality,
        reference=reference,
        person=person or _person(municipality, f"Dossierpersoon{reference}"),
        reason="Huurachterstal",
        manager=manager,
        opened_by=by,
    )
    if domain is not None:
        DossierLifeDomain.unscoped.create(
            municipality=municipality, dossier=dossier, life_domain=domain
        )
    return dossier


def _step(dossier: Dossier, owner: User, due_on: date | None, description: str) -> Step:
    municipality = dossier.municipality
    plan = StepPlan.unscoped.get_or_create(municipality=municipality, dossier=dossier)[0]
    goal = Goal.unscoped.create(
        municipality=municipality,
        plan=plan,
        life_domain=_domain(municipality, "huisvesting"),
        description="Woning behouden",
    )
    return Step.unscoped.create(
        municipality=municipality,
        goal=goal,
        dossier=dossier,
        description=description,
        owner=owner,
        due_on=due_on,
    )


def _appointment(
    municipality: Municipality,
    by: User,
    starts_at: datetime,
    *,
    worker: User | None = None,
    cell: Cell | None = None,
    person: Person | None = None,
    purpose: str = "Gesprek",
) -> Appointment:
    return Appointment.unscoped.create(
        municipality=municipality,
        kind="office",
        person=person,
        worker=worker,
        cell=cell,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=30),
        purpose=purpose,
        created_by=by,
    )


def _today_at(hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate(), time(hour)))


@pytest.fixture
def worker(cast: Cast) -> User:
    return cast.user("ronse", Role.SOCIAL_WORKER)


@pytest.fixture
def colleague(cast: Cast) -> User:
    return cast.user("ronse", Role.CELL_SPECIALIST)


@pytest.fixture
def desk(cast: Cast) -> User:
    return cast.user("ronse", Role.RECEPTION)


# --- Callbacks ---------------------------------------------------------------------------


def test_my_callbacks_list_mine_and_my_cells_never_a_colleagues_or_kortrijks(
    cast: Cast, client_for: ClientFor, worker: User, colleague: User, desk: User
) -> None:
    ronse = cast.ronse
    mine = _cell(ronse, "schuld", worker)
    theirs = _cell(ronse, "wonen", colleague)
    _callback(ronse, desk, to_user=worker, person=_person(ronse, "Voor-mij"))
    _callback(ronse, desk, to_cell=mine, person=_person(ronse, "Voor-mijn-cel"))
    _callback(ronse, desk, to_user=colleague, person=_person(ronse, "Voor-collega"))
    _callback(ronse, desk, to_cell=theirs, person=_person(ronse, "Voor-andere-cel"))
    kortrijk_worker = cast.user("kortrijk", Role.SOCIAL_WORKER)
    _callback(
        cast.kortrijk,
        cast.user("kortrijk", Role.RECEPTION),
        to_user=kortrijk_worker,
        person=_person(cast.kortrijk, "Kortrijk-only"),
    )

    page = client_for(worker).get(reverse("worklist:callbacks")).content.decode()

    assert "Voor-mij" in page
    assert "Voor-mijn-cel" in page
    assert "Voor-collega" not in page
    assert "Voor-andere-cel" not in page
    assert "Kortrijk-only" not in page


def test_overdue_callbacks_come_first_and_say_so_in_words(
    cast: Cast, client_for: ClientFor, worker: User, desk: User
) -> None:
    ronse = cast.ronse
    _callback(ronse, desk, to_user=worker, message="Later-vandaag", due_in=timedelta(hours=2))
    _callback(ronse, desk, to_user=worker, message="Te-laat", due_in=-timedelta(hours=3))
    _callback(
        ronse,
        desk,
        to_user=worker,
        message="Al-gedaan",
        due_in=-timedelta(days=2),
        status=CallbackStatus.DONE,
    )

    page = client_for(worker).get(reverse("worklist:callbacks"), {"status": "all"}).content.decode()

    assert page.index("Te-laat") < page.index("Later-vandaag") < page.index("Al-gedaan")
    assert page.count('class="row--overdue"') == 1
    overdue_row = page[page.rindex("<tr", 0, page.index("Te-laat")) : page.index("Te-laat")]
    assert "Overdue" in overdue_row
    assert "⚠" in overdue_row


def test_callbacks_filter_by_status_life_domain_neighbourhood_and_date(
    cast: Cast, client_for: ClientFor, worker: User, desk: User
) -> None:
    ronse = cast.ronse
    debts = _domain(ronse, "schulden")
    prinskouter = _neighbourhood(ronse, "Prinskouter")
    there = _person(ronse, "Prinskouterbewoner", prinskouter)
    elsewhere = _person(ronse, "Elders")
    question = _question(ronse, desk, person=there, domain=debts)
    _callback(ronse, desk, to_user=worker, person=there, question=question, message="Schuld-p")
    _callback(ronse, desk, to_user=worker, person=elsewhere, message="Zonder-vraag")
    _callback(
        ronse,
        desk,
        to_user=worker,
        person=elsewhere,
        message="Volgende-week",
        due_in=timedelta(days=7),
    )
    _callback(
        ronse, desk, to_user=worker, person=elsewhere, message="Geannuleerd", status="cancelled"
    )
    client = client_for(worker)
    url = reverse("worklist:callbacks")

    def shown(**params: str | int | date) -> set[str]:
        query = {name: str(value) for name, value in params.items()}
        page = client.get(url, query).content.decode()
        labels = ("Schuld-p", "Zonder-vraag", "Volgende-week", "Geannuleerd")
        return {label for label in labels if label in page}

    assert shown() == {"Schuld-p", "Zonder-vraag", "Volgende-week"}
    assert shown(status="cancelled") == {"Geannuleerd"}
    assert shown(life_domain=debts.pk) == {"Schuld-p"}
    assert shown(neighbourhood=prinskouter.pk) == {"Schuld-p"}
    today = timezone.localdate()
    assert shown(date_from=today + timedelta(days=5)) == {"Volgende-week"}
    assert shown(date_to=today + timedelta(days=1)) == {"Schuld-p", "Zonder-vraag"}


def test_a_backwards_date_range_is_explained_and_the_typed_dates_are_kept(
    cast: Cast, client_for: ClientFor, worker: User
) -> None:
    response = client_for(worker).get(
        reverse("worklist:callbacks"), {"date_from": "2026-05-10", "date_to": "2026-05-01"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The end date comes before the start date." in page
    assert 'value="2026-05-10"' in page
    assert 'value="2026-05-01"' in page


def test_the_sender_sees_whether_a_callback_was_done(
    cast: Cast, client_for: ClientFor, worker: User, desk: User
) -> None:
    ronse = cast.ronse
    done = _callback(ronse, desk, to_user=worker, message="x", status=CallbackStatus.DONE)
    Callback.unscoped.filter(pk=done.pk).update(
        done_at=timezone.now(), done_by=worker, result="Teruggebeld-resultaat"
    )
    _callback(ronse, worker, to_user=desk, person=_person(ronse, "Niet-van-mij-verstuurd"))

    page = client_for(desk).get(reverse("worklist:sent"), {"status": "all"}).content.decode()

    assert "Teruggebeld-resultaat" in page
    assert worker.full_name in page
    assert "Niet-van-mij-verstuurd" not in page


# --- Questions of my cells ---------------------------------------------------------------


def test_questions_list_shows_only_untaken_open_questions_of_my_cells(
    cast: Cast, client_for: ClientFor, desk: User, colleague: User
) -> None:
    ronse = cast.ronse
    mine = _cell(ronse, "onthaal", desk)
    other = _cell(ronse, "andere", colleague)
    _question(ronse, desk, cell=mine, description="Wacht-op-iemand")
    taken = _question(ronse, desk, cell=mine, description="Al-opgenomen")
    HelpQuestion.unscoped.filter(pk=taken.pk).update(assigned_to=colleague)
    _question(ronse, desk, cell=other, description="Andere-cel")
    _question(cast.kortrijk, cast.user("kortrijk", Role.RECEPTION), description="Kortrijk-vraag")

    page = client_for(desk).get(reverse("worklist:questions")).content.decode()

    assert "Wacht-op-iemand" in page
    assert "Al-opgenomen" not in page
    assert "Andere-cel" not in page
    assert "Kortrijk-vraag" not in page
    assert "Take on" in page


def test_taking_on_a_question_puts_it_on_my_name(
    cast: Cast, client_for: ClientFor, desk: User
) -> None:
    question = _question(cast.ronse, desk, cell=_cell(cast.ronse, "c", desk))
    client = client_for(desk)

    response = client.post(reverse("worklist:question_take_on", args=[question.pk]), follow=True)

    question.refresh_from_db()
    assert question.assigned_to == desk
    assert "You took the question on" in response.content.decode()
    assert AccessLogEntry.unscoped.filter(
        actor=desk, object_type="frontdesk.helpquestion", object_id=str(question.pk)
    ).exists()


def test_the_second_colleague_to_take_on_a_question_is_told_who_was_first(
    cast: Cast, client_for: ClientFor, desk: User, colleague: User
) -> None:
    cell = _cell(cast.ronse, "samen", desk, colleague)
    question = _question(cast.ronse, desk, cell=cell)
    url = reverse("worklist:question_take_on", args=[question.pk])

    client_for(colleague).post(url)
    response = client_for(desk).post(url, follow=True)

    question.refresh_from_db()
    assert question.assigned_to == colleague
    assert f"{colleague.full_name} took this question on already." in response.content.decode()


def test_taking_on_twice_yourself_changes_nothing(cast: Cast, desk: User) -> None:
    question = _question(cast.ronse, desk, cell=_cell(cast.ronse, "twee", desk))
    with cast.acting("ronse", Role.RECEPTION):
        question_take_on(question.pk, desk)
        question_take_on(question.pk, desk)
        assert AccessLogEntry.objects.filter(object_id=str(question.pk)).count() == 1


def test_a_race_between_two_take_ons_leaves_one_owner(
    cast: Cast, desk: User, colleague: User
) -> None:
    question = _question(cast.ronse, desk, cell=_cell(cast.ronse, "race", desk, colleague))
    with cast.acting("ronse", Role.CELL_SPECIALIST):
        question_take_on(question.pk, colleague)
    with (
        cast.acting("ronse", Role.RECEPTION),
        pytest.raises(ValidationError) as refused,
    ):
        question_take_on(question.pk, desk)
    assert refused.value.code == "already_taken"
    question.refresh_from_db()
    assert question.assigned_to == colleague


def test_a_question_of_another_cell_or_municipality_cannot_be_taken_on(
    cast: Cast, client_for: ClientFor, desk: User, colleague: User
) -> None:
    other_cell = _question(cast.ronse, desk, cell=_cell(cast.ronse, "niet", colleague))
    kortrijk = _question(cast.kortrijk, cast.user("kortrijk", Role.RECEPTION))
    client = client_for(desk)
    for question in (other_cell, kortrijk):
        response = client.post(reverse("worklist:question_take_on", args=[question.pk]))
        assert response.status_code == 404
        question.refresh_from_db()
        assert question.assigned_to is None


# --- Dossiers and steps ------------------------------------------------------------------


def test_my_dossiers_are_the_ones_i_manage_or_am_on_the_team_of(
    cast: Cast, client_for: ClientFor, worker: User, colleague: User
) -> None:
    ronse = cast.ronse
    _dossier(ronse, worker, "2026-0001", manager=worker)
    on_team = _dossier(ronse, colleague, "2026-0002", manager=colleague)
    CareTeamMember.unscoped.create(
        municipality=ronse,
        dossier=on_team,
        user=worker,
        role=TeamRole.SOCIAL_WORKER,
        added_by=colleague,
    )
    left = _dossier(ronse, colleague, "2026-0003", manager=colleague)
    CareTeamMember.unscoped.create(
        municipality=ronse,
        dossier=left,
        user=worker,
        role=TeamRole.SOCIAL_WORKER,
        added_by=colleague,
        left_at=timezone.now(),
    )
    _dossier(ronse, colleague, "2026-0004", manager=colleague)
    _dossier(ronse, colleague, "2026-0005")  # no manager yet

    page = client_for(worker).get(reverse("worklist:dossiers")).content.decode()

    assert "2026-0001" in page
    assert "2026-0002" in page
    assert "2026-0003" not in page
    assert "2026-0004" not in page
    assert "2026-0005" not in page


def test_social_workers_see_dossiers_without_a_manager_cell_specialists_do_not(
    cast: Cast, client_for: ClientFor, worker: User, colleague: User
) -> None:
    ronse = cast.ronse
    _dossier(ronse, colleague, "2026-0100")
    _dossier(ronse, colleague, "2026-0101", manager=colleague)
    url = reverse("worklist:unmanaged")

    for_worker = client_for(worker).get(url).content.decode()
    for_specialist = client_for(colleague).get(url).content.decode()

    assert "2026-0100" in for_worker
    assert "2026-0101" not in for_worker
    assert "2026-0100" not in for_specialist
    assert "Only social workers take on dossiers without a manager." in for_specialist


def test_dossiers_filter_by_life_domain(cast: Cast, client_for: ClientFor, worker: User) -> None:
    debts = _domain(cast.ronse, "schulden")
    _dossier(cast.ronse, worker, "2026-0201", manager=worker, domain=debts)
    _dossier(cast.ronse, worker, "2026-0202", manager=worker)

    page = (
        client_for(worker)
        .get(reverse("worklist:dossiers"), {"life_domain": debts.pk})
        .content.decode()
    )

    assert "2026-0201" in page
    assert "2026-0202" not in page


def test_steps_due_soon_or_late_are_listed_late_first_and_marked(
    cast: Cast, client_for: ClientFor, worker: User, colleague: User
) -> None:
    today = timezone.localdate()
    dossier = _dossier(cast.ronse, worker, "2026-0300", manager=worker)
    _step(dossier, worker, today + timedelta(days=3), "Binnenkort")
    _step(dossier, worker, today - timedelta(days=2), "Te-laat-stap")
    _step(dossier, worker, today + timedelta(days=60), "Veel-later")
    _step(dossier, worker, None, "Zonder-datum")
    _step(dossier, colleague, today, "Van-collega")

    page = client_for(worker).get(reverse("worklist:steps")).content.decode()

    assert page.index("Te-laat-stap") < page.index("Binnenkort")
    assert "Veel-later" not in page
    assert "Zonder-datum" not in page
    assert "Van-collega" not in page
    assert page.count('class="row--overdue"') == 1
    assert "Late" in page


# --- Appointments ------------------------------------------------------------------------


def test_appointments_today_are_mine_and_my_cells_planned_ones(
    cast: Cast, client_for: ClientFor, desk: User, colleague: User
) -> None:
    ronse = cast.ronse
    cell = _cell(ronse, "afspraak", desk)
    _appointment(ronse, desk, _today_at(10), worker=desk, purpose="Mijn-afspraak")
    _appointment(ronse, desk, _today_at(11), cell=cell, purpose="Cel-afspraak")
    _appointment(ronse, desk, _today_at(12), worker=colleague, purpose="Collega-afspraak")
    _appointment(
        ronse, desk, _today_at(9) + timedelta(days=1), worker=desk, purpose="Morgen-afspraak"
    )
    client = client_for(desk)

    page = client.get(reverse("worklist:appointments")).content.decode()
    tomorrow = client.get(
        reverse("worklist:appointments"),
        {"date_from": (timezone.localdate() + timedelta(days=1)).isoformat()},
    ).content.decode()

    assert "Mijn-afspraak" in page
    assert "Cel-afspraak" in page
    assert "Collega-afspraak" not in page
    assert "Morgen-afspraak" not in page
    assert "Morgen-afspraak" in tomorrow
    assert "Mijn-afspraak" not in tomorrow


# --- Roles, summary, home ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["worklist:steps", "worklist:dossiers", "worklist:unmanaged"])
def test_reception_does_not_reach_dossier_work(
    cast: Cast, client_for: ClientFor, desk: User, name: str
) -> None:
    assert client_for(desk).get(reverse(name)).status_code == 403


@pytest.mark.parametrize(
    "role", [Role.PARTNER_WORKER, Role.NEIGHBOURHOOD_WORKER, Role.POLICY_COORDINATOR, Role.DPO]
)
def test_roles_without_casework_have_no_worklist(
    cast: Cast, client_for: ClientFor, role: str
) -> None:
    client = client_for(cast.user("ronse", role))
    assert client.get(reverse("worklist:summary")).status_code == 403
    assert client.get(reverse("worklist:callbacks")).status_code == 403
    assert "My work" not in client.get(reverse("portal:home")).content.decode()


def test_the_summary_fits_the_role(
    cast: Cast, client_for: ClientFor, worker: User, desk: User
) -> None:
    _callback(cast.ronse, desk, to_user=desk, message="Dringend-bellen", due_in=-timedelta(1))

    for_desk = client_for(desk).get(reverse("worklist:summary")).content.decode()
    for_worker = client_for(worker).get(reverse("worklist:summary")).content.decode()

    assert "Dringend-bellen" in for_desk
    assert "1 overdue" in for_desk
    assert reverse("worklist:dossiers") not in for_desk
    assert reverse("worklist:dossiers") in for_worker
    assert reverse("worklist:unmanaged") in for_worker
    assert reverse("worklist:summary") in for_worker  # the navigation names "My work"


def test_home_page_shows_my_work_counts(
    cast: Cast, client_for: ClientFor, worker: User, desk: User
) -> None:
    _callback(cast.ronse, desk, to_user=worker)
    page = client_for(worker).get(reverse("portal:home")).content.decode()
    assert "My work" in page
    assert reverse("worklist:callbacks") in page
    assert "Your roles here" in page  # what was there stays


# --- Audit, speed, htmx, links -----------------------------------------------------------


def test_one_access_log_entry_per_list_view_not_per_row(
    cast: Cast, client_for: ClientFor, worker: User, desk: User
) -> None:
    for number in range(5):
        _callback(cast.ronse, desk, to_user=worker, person=_person(cast.ronse, f"P{number}"))
    before = AccessLogEntry.unscoped.count()

    client_for(worker).get(reverse("worklist:callbacks"))

    entries = AccessLogEntry.unscoped.order_by("-pk")[: AccessLogEntry.unscoped.count() - before]
    assert [(e.object_type, e.object_id, e.action, e.actor_id) for e in entries] == [
        ("worklist", "callbacks", "read", worker.pk)
    ]


def _fill(cast: Cast, worker: User, desk: User, rows: int, offset: int) -> None:
    ronse = cast.ronse
    cell = Cell.unscoped.filter(municipality=ronse, code="volume").first() or _cell(
        ronse, "volume", worker
    )
    neighbourhood = _neighbourhood(ronse, "Prinskouter")
    for number in range(offset, offset + rows):
        person = _person(ronse, f"Volume{number}", neighbourhood)
        question = _question(ronse, desk, person=person, cell=cell)
        _callback(ronse, desk, to_user=worker, person=person, question=question)
        _callback(ronse, worker, to_cell=cell, person=person, due_in=-timedelta(hours=1))
        dossier = _dossier(ronse, worker, f"V-{number}", manager=worker, person=person)
        _step(dossier, worker, timezone.localdate(), f"Stap {number}")
        _appointment(ronse, desk, _today_at(9), worker=worker, person=person)
        _dossier(ronse, desk, f"U-{number}", person=person)


LIST_NAMES = [
    "worklist:summary",
    "worklist:callbacks",
    "worklist:sent",
    "worklist:questions",
    "worklist:appointments",
    "worklist:steps",
    "worklist:dossiers",
    "worklist:unmanaged",
    "portal:home",
]


def test_each_list_runs_the_same_few_queries_for_3_or_60_rows(
    cast: Cast, client_for: ClientFor, worker: User, desk: User
) -> None:
    client = client_for(worker)
    filtered = "?neighbourhood={}&date_from=2020-01-01".format(
        _neighbourhood(cast.ronse, "Prinskouter").pk
    )
    for name in LIST_NAMES:
        queries_for(client, reverse(name))  # warm the session

    _fill(cast, worker, desk, 3, 0)
    small = {name: queries_for(client, reverse(name)) for name in LIST_NAMES}
    small_filtered = queries_for(client, reverse("worklist:callbacks") + filtered)
    _fill(cast, worker, desk, 57, 3)
    large = {name: queries_for(client, reverse(name)) for name in LIST_NAMES}
    large_filtered = queries_for(client, reverse("worklist:callbacks") + filtered)

    assert small == large
    assert small_filtered == large_filtered
    # What the worklists add to the fixed cost of any page (session, user, municipality,
    # on PostgreSQL the row-level security settings), measured on the profile page,
    # which itself runs two queries.
    overhead = queries_for(client, reverse("accounts:profile")) - 2
    own = {name: count - overhead for name, count in large.items()}
    summaries = ("worklist:summary", "portal:home")
    # A list: two filter choices, the count, the page, the access-log entry.
    assert max(count for name, count in own.items() if name not in summaries) <= 5, own
    # A count per list (and a few rows of four lists on "My work"), plus two queries
    # for the referral figures that the referrals app adds to "My work" (the user's
    # cells, read first so the figures are one index range, and the figures).
    assert own["worklist:summary"] <= 14, own
    assert own["portal:home"] <= 10, own
    assert "Volume59" in client.get(reverse("worklist:callbacks") + "?page=3").content.decode()


def test_htmx_filtering_swaps_only_the_list(
    cast: Cast, client_for: ClientFor, worker: User, desk: User
) -> None:
    _callback(cast.ronse, desk, to_user=worker, message="Alleen-de-lijst")
    response = client_for(worker).get(reverse("worklist:callbacks"), headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "Alleen-de-lijst" in page
    assert "<html" not in page
    assert "<form" not in page.split("Alleen-de-lijst")[0]


def test_links_to_pages_that_do_not_exist_yet_fall_back_to_text() -> None:
    assert optional_url("no-such:page", dossier_id=1) == ""
    assert optional_url("worklist:question_take_on", question_id=7) == reverse(
        "worklist:question_take_on", args=[7]
    )
