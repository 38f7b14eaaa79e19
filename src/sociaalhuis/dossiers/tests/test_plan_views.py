"""The step plan, housing and rights screens: who reaches them, bad input, conflicts, speed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import AccessLogEntry
from sociaalhuis.core import tenancy
from sociaalhuis.dossiers.models import (
    CareTeamMember,
    Dossier,
    EmergencyAccess,
    Ethos,
    HousingSituation,
    Right,
    RightCheck,
    RightStatus,
    Step,
    StepPlan,
)
from sociaalhuis.dossiers.plan import services as plan_services
from sociaalhuis.dossiers.plan.services import StepInput
from sociaalhuis.dossiers.tests.factories import DossierFactory
from sociaalhuis.tenants.models import LifeDomain
from sociaalhuis.testing import Cast, queries_for

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
ClientFor = Callable[[User], Client]


def _worker(cast: Cast, client_for: ClientFor, slug: str = "ronse") -> Client:
    return client_for(cast.user(slug, Role.SOCIAL_WORKER))


def _in(cast: Cast, slug: str = "ronse") -> tenancy.TenantContext:
    return tenancy.TenantContext(municipality_id=cast.municipalities[slug].pk)


def test_a_colleague_off_the_care_team_is_refused_the_plan(
    cast: Cast, client_for: ClientFor
) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    specialist = client_for(cast.user("ronse", Role.CELL_SPECIALIST))
    for path in ("plan/", "housing/", "rights/", "consents/", "plan/goals/add/"):
        assert specialist.get(f"/dossiers/{dossier.pk}/{path}").status_code == 403, path
    assert specialist.post(f"/dossiers/{dossier.pk}/plan/create/").status_code == 403


def test_a_dossier_of_another_municipality_does_not_exist_here(
    cast: Cast, client_for: ClientFor
) -> None:
    kortrijk = DossierFactory.create(
        municipality=cast.kortrijk, manager=cast.user("kortrijk", Role.SOCIAL_WORKER)
    )
    client = _worker(cast, client_for)
    for path in ("plan/", "plan/late/", "housing/", "rights/", "consents/"):
        assert client.get(f"/dossiers/{kortrijk.pk}/{path}").status_code == 404, path


def test_emergency_access_reads_but_does_not_write_and_is_marked_in_the_log(
    cast: Cast, client_for: ClientFor
) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    other = cast.user("ronse", Role.SOCIAL_WORKER)
    # A second social worker: the cast has one per role, so take the dossier from them.
    Dossier.unscoped.filter(pk=dossier.pk).update(manager=cast.user("ronse", Role.RECEPTION))
    CareTeamMember.unscoped.filter(dossier=dossier).delete()
    EmergencyAccess.unscoped.create(
        municipality=cast.ronse,
        dossier=dossier,
        user=other,
        reason="Eviction tomorrow, manager ill",
        expires_at=timezone.now() + timedelta(hours=4),
    )
    client = client_for(other)
    assert client.get(f"/dossiers/{dossier.pk}/housing/").status_code == 200
    response = client.post(
        f"/dossiers/{dossier.pk}/housing/",
        {"category": Ethos.ROOFLESS, "since": TODAY().isoformat()},
    )
    assert response.status_code == 403
    entry = AccessLogEntry.unscoped.filter(actor=other, person_id=dossier.person_id).latest("pk")
    assert entry.break_glass
    assert entry.reason == "Eviction tomorrow, manager ill"


def test_drawing_up_a_plan_then_a_goal_and_a_step_from_the_screens(
    cast: Cast, client_for: ClientFor
) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    client = _worker(cast, client_for)
    base = f"/dossiers/{dossier.pk}/plan/"
    assert client.post(base + "create/", {"review_on": ""}).status_code == 302
    assert client.post(base + "create/", {"review_on": ""}).status_code == 302  # double submit
    with tenancy.activate(_in(cast)):
        assert StepPlan.objects.filter(dossier=dossier).count() == 1
        domain = LifeDomain.objects.get(code="huisvesting")
    response = client.post(
        base + "goals/add/", {"life_domain": domain.pk, "description": "Own flat"}
    )
    assert response.status_code == 302
    with tenancy.activate(_in(cast)):
        goal = StepPlan.objects.get(dossier=dossier).goals.get()
    no_owner = client.post(
        base + f"goals/{goal.pk}/steps/add/", {"description": "Visit the social landlord"}
    )
    assert no_owner.status_code == 400
    assert "Visit the social landlord" in no_owner.content.decode()  # what they typed is kept
    added = client.post(
        base + f"goals/{goal.pk}/steps/add/",
        {"description": "Visit the social landlord", "owner_name": "Buddy Bart"},
    )
    assert added.status_code == 302
    page = client.get(base)
    assert "Visit the social landlord" in page.content.decode()


def test_a_step_edit_conflict_keeps_the_typed_text_and_shows_the_saved_one(
    cast: Cast, client_for: ClientFor
) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        plan = plan_services.plan_create(dossier, actor=worker)
        goal = plan_services.goal_add(
            plan,
            actor=worker,
            life_domain=LifeDomain.objects.get(code="huisvesting"),
            description="Own flat",
        )
        step = plan_services.step_add(goal, actor=worker, data=StepInput("Call", owner=worker))
        plan_services.step_edit(
            step,
            actor=worker,
            version=1,
            data=StepInput("Saved by a colleague", owner=worker),
            status="planned",
        )
    client = _worker(cast, client_for)
    url = f"/dossiers/{dossier.pk}/plan/steps/{step.pk}/"
    data = {
        "description": "My own wording",
        "owner": cast.user("ronse", Role.SOCIAL_WORKER).pk,
        "status": "in_progress",
        "version": 1,
    }
    conflict = client.post(url, data)
    body = conflict.content.decode()
    assert conflict.status_code == 409
    assert "My own wording" in body
    assert "Saved by a colleague" in body
    assert 'name="version" value="2"' in body
    assert client.post(url, {**data, "version": 2}).status_code == 302
    with tenancy.activate(_in(cast)):
        assert Step.objects.get(pk=step.pk).description == "My own wording"


def test_housing_in_the_future_is_refused_and_the_history_lists_newest_first(
    cast: Cast, client_for: ClientFor
) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    client = _worker(cast, client_for)
    url = f"/dossiers/{dossier.pk}/housing/"
    future = client.post(
        url,
        {
            "category": Ethos.HOUSELESS,
            "since": (TODAY() + timedelta(days=3)).isoformat(),
            "description": "Night shelter",
        },
    )
    assert future.status_code == 400
    assert "Night shelter" in future.content.decode()
    for category, days in ((Ethos.ROOFLESS, 60), (Ethos.HOUSELESS, 5)):
        since = (TODAY() - timedelta(days=days)).isoformat()
        assert client.post(url, {"category": category, "since": since}).status_code == 302
    body = client.get(url).content.decode()
    assert body.index("Houseless") < body.index("Roofless")
    assert "housing-history__item--current" in body
    with tenancy.activate(_in(cast)):
        assert HousingSituation.objects.filter(dossier=dossier).count() == 2


def _rights(cast: Cast, count: int) -> list[Right]:
    with tenancy.activate(_in(cast)):
        start = Right.objects.count()
        return [
            Right.objects.create(code=f"right-{start + n}", name_nl=f"Recht {start + n}")
            for n in range(count)
        ]


def _rights_post(rows: list[tuple[Right, str, int]], on: str) -> dict[str, object]:
    data: dict[str, object] = {
        "form-TOTAL_FORMS": len(rows),
        "form-INITIAL_FORMS": len(rows),
        "form-MIN_NUM_FORMS": 0,
        "form-MAX_NUM_FORMS": 1000,
    }
    for index, (right, status, version) in enumerate(rows):
        data |= {
            f"form-{index}-right": right.pk,
            f"form-{index}-version": version,
            f"form-{index}-status": status,
            f"form-{index}-status_on": on,
            f"form-{index}-note": "",
        }
    return data


def test_the_rights_screen_saves_every_row_at_once_and_handles_a_conflict(
    cast: Cast, client_for: ClientFor
) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    first, second = _rights(cast, 2)
    client = _worker(cast, client_for)
    url = f"/dossiers/{dossier.pk}/rights/"
    today = TODAY().isoformat()
    saved = client.post(
        url,
        _rights_post([(first, RightStatus.APPLIED, 0), (second, RightStatus.MAY_APPLY, 0)], today),
    )
    assert saved.status_code == 302
    # A second worker who opened the list before that save.
    stale = client.post(
        url,
        _rights_post(
            [(first, RightStatus.REFUSED, 0), (second, RightStatus.NOT_APPLICABLE, 0)], today
        ),
    )
    assert stale.status_code == 409
    with tenancy.activate(_in(cast)):
        statuses = dict(
            RightCheck.objects.filter(dossier=dossier).values_list("right_id", "status")
        )
    assert statuses == {first.pk: RightStatus.APPLIED, second.pk: RightStatus.MAY_APPLY}
    future = client.post(
        url,
        _rights_post([(first, RightStatus.GRANTED, 1)], (TODAY() + timedelta(days=1)).isoformat()),
    )
    assert future.status_code == 400


def test_the_rights_screen_runs_the_same_queries_for_few_and_many_rights(
    cast: Cast, client_for: ClientFor
) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    client = _worker(cast, client_for)
    url = f"/dossiers/{dossier.pk}/rights/"
    _rights(cast, 2)
    few = queries_for(client, url)
    rights = _rights(cast, 20)
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        plan_services.rights_save(
            dossier,
            actor=worker,
            changes=[
                plan_services.RightChange(right.pk, RightStatus.MAY_APPLY, TODAY(), "", 0)
                for right in rights
            ],
        )
    assert queries_for(client, url) == few


def test_the_late_overview_and_plan_page_do_not_grow_with_the_plan(
    cast: Cast, client_for: ClientFor
) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    client = _worker(cast, client_for)

    def add_steps(count: int) -> None:
        with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
            plan = StepPlan.objects.filter(dossier=dossier).first() or plan_services.plan_create(
                dossier, actor=worker
            )
            goal = plan_services.goal_add(
                plan,
                actor=worker,
                life_domain=LifeDomain.objects.get(code="huisvesting"),
                description="Goal",
            )
            for number in range(count):
                step = plan_services.step_add(
                    goal, actor=worker, data=StepInput(f"Step {number}", owner=worker)
                )
                Step.objects.filter(pk=step.pk).update(due_on=TODAY() - timedelta(days=2))

    add_steps(1)
    late_few = queries_for(client, f"/dossiers/{dossier.pk}/plan/late/")
    plan_few = queries_for(client, f"/dossiers/{dossier.pk}/plan/")
    add_steps(10)
    late_page = client.get(f"/dossiers/{dossier.pk}/plan/late/")
    assert late_page.content.decode().count("Step ") >= 11
    assert queries_for(client, f"/dossiers/{dossier.pk}/plan/late/") == late_few
    assert queries_for(client, f"/dossiers/{dossier.pk}/plan/") == plan_few


def test_every_read_of_a_plan_page_is_in_the_access_log(cast: Cast, client_for: ClientFor) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    client = _worker(cast, client_for)
    client.get(f"/dossiers/{dossier.pk}/rights/")
    entry = AccessLogEntry.unscoped.filter(person_id=dossier.person_id).latest("pk")
    assert (entry.object_type, entry.action, entry.break_glass) == (
        "dossiers.rightcheck",
        "read",
        False,
    )


def test_the_dossier_page_links_to_the_plan_pages_with_their_figures_in_one_query(
    cast: Cast, client_for: ClientFor
) -> None:
    dossier = DossierFactory.create(
        municipality=cast.ronse, manager=cast.user("ronse", Role.SOCIAL_WORKER)
    )
    client = _worker(cast, client_for)
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        plan_services.housing_record(
            dossier, actor=worker, category=Ethos.ROOFLESS, since=TODAY() - timedelta(days=9)
        )
    before = queries_for(client, f"/dossiers/{dossier.pk}/")
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        plan_services.housing_record(dossier, actor=worker, category=Ethos.INSECURE, since=TODAY())
        plan = plan_services.plan_create(dossier, actor=worker)
        StepPlan.objects.filter(pk=plan.pk).update(review_on=TODAY() - timedelta(days=1))
    body = client.get(f"/dossiers/{dossier.pk}/").content.decode()
    assert "Insecure housing" in body
    assert f"/dossiers/{dossier.pk}/plan/late/" in body
    assert queries_for(client, f"/dossiers/{dossier.pk}/") == before
