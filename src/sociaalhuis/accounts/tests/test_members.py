"""The municipality administrator invites users and gives and takes roles."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client

from sociaalhuis.accounts.models import Membership, User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.accounts.tests.factories import MembershipFactory
from sociaalhuis.audit.models import AccessLogEntry
from sociaalhuis.testing import Cast, link_path_in_mail, queries_for


def _admin(cast: Cast, client_for: Callable[[User], Client], slug: str = "ronse") -> Client:
    return client_for(cast.user(slug, Role.MUNICIPALITY_ADMIN))


def test_inviting_a_new_person_creates_an_account_and_sends_a_link(
    cast: Cast, client_for: Callable[[User], Client], django_capture_on_commit_callbacks
) -> None:
    client = _admin(cast, client_for)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/account/users/invite/",
            {
                "full_name": "Nina Nieuw",
                "email": "Nina@Ronse.test",
                "preferred_language": "nl",
                "role": Role.RECEPTION,
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="nina@ronse.test")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user).municipality == cast.ronse
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nina@ronse.test"]
    path = link_path_in_mail(mail.outbox[0], "/account/invitation/")
    assert Client().get(path, follow=True).context["validlink"] is True


def test_the_invitation_link_sets_the_password_once(
    cast: Cast, client_for: Callable[[User], Client], django_capture_on_commit_callbacks
) -> None:
    client = _admin(cast, client_for)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/account/users/invite/",
            {
                "full_name": "Omar Once",
                "email": "omar@ronse.test",
                "preferred_language": "fr",
                "role": Role.DPO,
            },
        )
    path = link_path_in_mail(mail.outbox[0], "/account/invitation/")
    visitor = Client()
    form_url = visitor.get(path, follow=True).redirect_chain[-1][0]
    response = visitor.post(
        form_url, {"new_password1": "omar-zijn-wachtwoord", "new_password2": "omar-zijn-wachtwoord"}
    )
    assert response.status_code == 302
    assert "reason=invited" in response["Location"]
    assert User.objects.get(email="omar@ronse.test").check_password("omar-zijn-wachtwoord")
    reused = Client().get(path, follow=True)
    assert reused.context["validlink"] is False


def test_inviting_someone_from_another_municipality_only_adds_the_role(
    cast: Cast, client_for: Callable[[User], Client], django_capture_on_commit_callbacks
) -> None:
    client = _admin(cast, client_for)
    kortrijk_worker = cast.user("kortrijk", Role.SOCIAL_WORKER)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/account/users/invite/",
            {
                "full_name": "ignored",
                "email": kortrijk_worker.email,
                "preferred_language": "nl",
                "role": Role.SOCIAL_WORKER,
            },
        )
    assert set(kortrijk_worker.memberships.values_list("municipality__slug", flat=True)) == {
        "ronse",
        "kortrijk",
    }
    kortrijk_worker.refresh_from_db()
    assert kortrijk_worker.check_password("correct-horse-battery-staple")
    assert "/account/invitation/" not in mail.outbox[0].body


@pytest.mark.parametrize(
    "organisation", [None, "kortrijk"], ids=["none", "of-another-municipality"]
)
def test_a_partner_worker_needs_an_organisation_that_serves_this_municipality(
    cast: Cast, client_for: Callable[[User], Client], organisation: str | None
) -> None:
    data = {"full_name": "Piet Partner", "email": "piet@ronse.test", "preferred_language": "nl"}
    data["role"] = Role.PARTNER_WORKER
    if organisation:
        data["organisation"] = str(cast.organisations[organisation].pk)
    response = _admin(cast, client_for).post("/account/users/invite/", data)
    assert response.status_code == 400
    assert not User.objects.filter(email="piet@ronse.test").exists()


def test_giving_and_taking_a_role_keeps_the_record(
    cast: Cast, client_for: Callable[[User], Client]
) -> None:
    client = _admin(cast, client_for)
    worker = cast.user("ronse", Role.RECEPTION)
    assert (
        client.post(f"/account/users/{worker.pk}/roles/", {"role": Role.SOCIAL_WORKER}).status_code
        == 302
    )
    added = Membership.objects.get(user=worker, role=Role.SOCIAL_WORKER)
    assert client.post(f"/account/roles/{added.pk}/revoke/").status_code == 302
    added.refresh_from_db()
    assert added.active is False  # kept, not deleted
    assert (
        client.post(f"/account/users/{worker.pk}/roles/", {"role": Role.SOCIAL_WORKER}).status_code
        == 302
    )
    added.refresh_from_db()
    assert added.active is True


def test_giving_a_role_twice_is_refused_with_a_message(
    cast: Cast, client_for: Callable[[User], Client]
) -> None:
    client = _admin(cast, client_for)
    worker = cast.user("ronse", Role.RECEPTION)
    response = client.post(f"/account/users/{worker.pk}/roles/", {"role": Role.RECEPTION})
    assert response.status_code == 400
    assert Membership.objects.filter(user=worker, role=Role.RECEPTION).count() == 1


def test_the_last_administrator_cannot_be_removed(
    cast: Cast, client_for: Callable[[User], Client]
) -> None:
    admin = cast.user("ronse", Role.MUNICIPALITY_ADMIN)
    client = client_for(admin)
    membership = Membership.objects.get(user=admin, role=Role.MUNICIPALITY_ADMIN)
    client.post(f"/account/roles/{membership.pk}/revoke/")
    membership.refresh_from_db()
    assert membership.active


def test_reading_a_member_is_audited(cast: Cast, client_for: Callable[[User], Client]) -> None:
    admin = cast.user("ronse", Role.MUNICIPALITY_ADMIN)
    worker = cast.user("ronse", Role.RECEPTION)
    assert client_for(admin).get(f"/account/users/{worker.pk}/").status_code == 200
    entry = AccessLogEntry.unscoped.get(actor=admin, action="read", object_type="accounts.user")
    assert entry.object_id == str(worker.pk)
    assert entry.municipality_id == cast.ronse.pk


def test_reading_the_member_list_is_audited(
    cast: Cast, client_for: Callable[[User], Client]
) -> None:
    admin = cast.user("ronse", Role.MUNICIPALITY_ADMIN)
    client_for(admin).get("/account/users/")
    assert AccessLogEntry.unscoped.filter(
        actor=admin, action="read", object_type="accounts.user", object_id=""
    ).exists()


def test_the_member_list_filters_by_name_or_address_and_by_role(
    cast: Cast, client_for: Callable[[User], Client]
) -> None:
    client = _admin(cast, client_for)
    found = client.get("/account/users/", {"q": "DPO@RONSE"}).context["page"].object_list
    assert [user.email for user in found] == ["dpo@ronse.test"]
    found = (
        client.get("/account/users/", {"role": Role.CELL_SPECIALIST}).context["page"].object_list
    )
    assert [user.email for user in found] == ["cell_specialist@ronse.test"]


def test_the_member_list_shows_only_this_municipality(
    cast: Cast, client_for: Callable[[User], Client]
) -> None:
    body = _admin(cast, client_for).get("/account/users/").content.decode()
    assert "reception@ronse.test" in body
    assert "kortrijk.test" not in body


def test_the_member_list_runs_a_fixed_number_of_queries(
    cast: Cast, client_for: Callable[[User], Client]
) -> None:
    client = _admin(cast, client_for)
    client.get("/account/users/")  # warm up: session, second factor
    few = queries_for(client, "/account/users/")
    MembershipFactory.create_batch(40, municipality=cast.ronse, role=Role.RECEPTION)
    assert queries_for(client, "/account/users/") == few


def test_switching_to_a_municipality_where_one_has_a_role(
    cast: Cast, client_for: Callable[[User], Client]
) -> None:
    user = cast.user("ronse", Role.SOCIAL_WORKER)
    Membership.objects.create(user=user, municipality=cast.kortrijk, role=Role.SOCIAL_WORKER)
    client = client_for(user)
    response = client.post("/account/municipality/", {"municipality": cast.kortrijk.pk})
    assert response.status_code == 302
    assert client.get("/municipality/").context["workspace"].municipality == cast.kortrijk
