"""The partner-access hook: the middleware asks whatever app registered, and only that."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from sociaalhuis.accounts.middleware import TenantMiddleware, partner_token_of
from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.partner_access import (
    PartnerAccess,
    PartnerCredential,
    partner_access,
    register_partner_access,
    unregister_partner_access,
)
from sociaalhuis.accounts.queries import workspace_of
from sociaalhuis.accounts.roles import Role
from sociaalhuis.core import tenancy
from sociaalhuis.tenants.models import Municipality

pytestmark = pytest.mark.django_db

OPEN_PATH = "/api/v1/partner/things"
CLOSED_PATH = "/api/v1/other/things"


@dataclass(frozen=True)
class Credential:
    user: User
    municipality: Municipality
    organisation_id: int
    prefix: str = "fake_1234"


@dataclass
class FakeAccess:
    """Accepts one secret, at paths under /api/v1/partner/, and notes each use."""

    credential: Credential
    secret: str = "good-secret"
    uses: list[PartnerCredential] = field(default_factory=list)

    def authenticate(self, secret: str) -> Credential | None:
        return self.credential if secret == self.secret else None

    def opens(self, path: str) -> bool:
        return path.startswith("/api/v1/partner/")

    def used(self, credential: PartnerCredential) -> None:
        self.uses.append(credential)


@pytest.fixture
def provider_swapped() -> Iterator[None]:
    """Runs the test with no provider registered, and puts the app's back afterwards."""
    previous = unregister_partner_access()
    yield
    unregister_partner_access()
    if previous is not None:
        register_partner_access(previous)


@pytest.fixture
def worker() -> User:
    return User.objects.create_user(
        email="pieter@example.org", password="not-used-here", full_name="Pieter Peeters"
    )


@pytest.fixture
def fake(worker: User) -> FakeAccess:
    elsewhere = Municipality.objects.create(nis_code="99001", name="Elders", slug="elders")
    return FakeAccess(Credential(user=worker, municipality=elsewhere, organisation_id=7))


@dataclass
class Seen:
    """What the view behind the middleware saw."""

    request: HttpRequest | None = None
    municipality_id: int | None = None


def run(request: HttpRequest) -> tuple[HttpResponse, Seen]:
    seen = Seen()

    def view(request: HttpRequest) -> HttpResponse:
        seen.request = request
        seen.municipality_id = tenancy.current().municipality_id
        return HttpResponse("ok")

    return TenantMiddleware(view)(request), seen


def bearer_request(path: str, secret: str, user: User | AnonymousUser) -> HttpRequest:
    request = RequestFactory().get(path, headers={"Authorization": f"Bearer {secret}"})
    request.user = user
    request.session = {}  # type: ignore[assignment]
    request.LANGUAGE_CODE = "nl"
    return request


def test_without_a_provider_a_bearer_header_is_ignored(
    provider_swapped: None, worker: User
) -> None:
    request = bearer_request(OPEN_PATH, "anything", worker)
    response, seen = run(request)
    assert response.status_code == 200
    assert seen.request is not None
    assert seen.request.user == worker  # the session's user, untouched
    assert partner_token_of(seen.request) is None


def test_with_a_provider_an_unknown_secret_answers_401_and_never_the_session(
    provider_swapped: None, fake: FakeAccess, worker: User
) -> None:
    register_partner_access(fake)
    response, seen = run(bearer_request(OPEN_PATH, "wrong-secret", worker))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer error="invalid_token"'
    assert seen.request is None
    assert fake.uses == []


def test_a_registered_provider_decides_who_makes_the_request(
    provider_swapped: None, fake: FakeAccess
) -> None:
    register_partner_access(fake)
    response, seen = run(bearer_request(OPEN_PATH, fake.secret, AnonymousUser()))
    assert response.status_code == 200
    assert seen.request is not None
    assert seen.request.user == fake.credential.user
    assert partner_token_of(seen.request) is fake.credential
    workspace = workspace_of(seen.request)
    assert workspace.municipality == fake.credential.municipality
    assert workspace.roles == frozenset({Role.PARTNER_WORKER})
    assert workspace.organisation_ids == frozenset({7})
    assert seen.municipality_id == fake.credential.municipality.pk
    assert fake.uses == [fake.credential]


def test_a_live_secret_at_a_path_the_provider_does_not_open_is_anonymous(
    provider_swapped: None, fake: FakeAccess, worker: User
) -> None:
    register_partner_access(fake)
    response, seen = run(bearer_request(CLOSED_PATH, fake.secret, worker))
    assert response.status_code == 200
    assert seen.request is not None
    assert isinstance(seen.request.user, AnonymousUser)
    assert partner_token_of(seen.request) is None
    assert seen.municipality_id is None
    assert fake.uses == []


def test_a_second_provider_is_refused_and_the_same_one_again_is_harmless(
    provider_swapped: None, fake: FakeAccess
) -> None:
    register_partner_access(fake)
    register_partner_access(fake)
    other: PartnerAccess = FakeAccess(fake.credential, secret="other")
    with pytest.raises(ImproperlyConfigured):
        register_partner_access(other)
    assert partner_access() is fake
