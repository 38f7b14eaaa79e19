"""Partner API tokens: made by a partner worker, shown once, stored as a hash, revoked."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sociaalhuis.accounts.models import Membership, User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.accounts.tests.factories import MembershipFactory, UserFactory
from sociaalhuis.audit.models import AccessLogEntry, Action
from sociaalhuis.directory.tests.factories import OrganisationFactory
from sociaalhuis.referrals.models import PartnerToken
from sociaalhuis.referrals.tokens import services as tokens
from sociaalhuis.testing import Cast, act_as
from sociaalhuis.testing.examples.referrals import example_referral

ClientFor = Callable[[User], Client]

SECRET = re.compile(r"shp_[A-Za-z0-9_-]{40,}")


def _make(cast: Cast, slug: str = "ronse", label: str = "CRM") -> str:
    partner = cast.user(slug, Role.PARTNER_WORKER)
    with act_as(partner, cast.municipalities[slug]):
        _token, secret = tokens.token_create(
            actor=partner, label=label, organisation=cast.organisations[slug]
        )
    return secret


def _api(secret: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {secret}"})


def _referral_url(cast: Cast) -> str:
    referral = example_referral(cast, "ronse")
    return reverse("api:fhir_service_request", kwargs={"referral_id": str(referral.pk)})


# --- The pages ------------------------------------------------------------------------


def test_a_partner_makes_a_token_and_sees_its_secret_once(
    cast: Cast, client_for: ClientFor
) -> None:
    partner = cast.user("ronse", Role.PARTNER_WORKER)
    client = client_for(partner)
    assert client.get(reverse("referrals:token_create")).status_code == 200

    response = client.post(
        reverse("referrals:token_create"),
        {"label": "Case management system", "organisation": cast.organisations["ronse"].pk},
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    match = SECRET.search(response.content.decode())
    assert match is not None
    secret = match.group(0)

    token = PartnerToken.objects.get()
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert token.prefix == secret[:12]
    assert (token.user, token.organisation, token.municipality) == (
        partner,
        cast.organisations["ronse"],
        cast.ronse,
    )
    assert AccessLogEntry.unscoped.filter(
        actor=partner, action=Action.CREATE, object_type="referrals.partnertoken"
    ).exists()

    listing = client.get(reverse("referrals:tokens")).content.decode()
    assert "Case management system" in listing
    assert token.prefix in listing
    assert secret not in listing
    # The secret works at once.
    assert _api(secret).get(_referral_url(cast)).status_code == 200


def test_a_token_needs_a_name(cast: Cast, client_for: ClientFor) -> None:
    client = client_for(cast.user("ronse", Role.PARTNER_WORKER))
    response = client.post(reverse("referrals:token_create"), {"label": "  "})
    assert response.status_code == 400
    assert not PartnerToken.objects.exists()


def test_revoking_stops_the_token_at_once(cast: Cast, client_for: ClientFor) -> None:
    secret = _make(cast)
    token = PartnerToken.objects.get()
    client = client_for(cast.user("ronse", Role.PARTNER_WORKER))
    assert client.get(reverse("referrals:token_revoke", args=[token.pk])).status_code == 405

    response = client.post(reverse("referrals:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AccessLogEntry.unscoped.filter(
        action=Action.UPDATE, object_type="referrals.partnertoken", object_id=str(token.pk)
    ).exists()
    assert _api(secret).get(_referral_url(cast)).status_code == 401
    assert "Revoked on" in client.get(reverse("referrals:tokens")).content.decode()


def test_a_colleague_of_the_organisation_may_revoke_it_others_may_not(
    cast: Cast, client_for: ClientFor
) -> None:
    _make(cast)
    token = PartnerToken.objects.get()
    url = reverse("referrals:token_revoke", args=[token.pk])

    stranger = UserFactory.create(email="other-partner@ronse.test")
    MembershipFactory.create(
        user=stranger,
        municipality=cast.ronse,
        role=Role.PARTNER_WORKER,
        organisation=OrganisationFactory.create(name="Andere Partner vzw", serves=[cast.ronse]),
    )
    assert client_for(stranger).post(url).status_code == 404
    assert client_for(cast.user("kortrijk", Role.PARTNER_WORKER)).post(url).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert "CRM" not in client_for(stranger).get(reverse("referrals:tokens")).content.decode()

    colleague = UserFactory.create(email="colleague@ronse.test")
    MembershipFactory.create(
        user=colleague,
        municipality=cast.ronse,
        role=Role.PARTNER_WORKER,
        organisation=cast.organisations["ronse"],
    )
    assert client_for(colleague).post(url).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_only_partner_workers_manage_tokens(cast: Cast, client_for: ClientFor) -> None:
    for role in (Role.SOCIAL_WORKER, Role.MUNICIPALITY_ADMIN, Role.RECEPTION):
        client = client_for(cast.user("ronse", role))
        assert client.get(reverse("referrals:tokens")).status_code == 403


# --- The services -----------------------------------------------------------------------


def test_the_services_keep_to_the_partners_own_organisation(cast: Cast) -> None:
    partner = cast.user("ronse", Role.PARTNER_WORKER)
    with act_as(partner, cast.ronse), pytest.raises(PermissionDenied):
        tokens.token_create(actor=partner, label="x", organisation=cast.organisations["kortrijk"])
    with act_as(partner, cast.ronse), pytest.raises(ValidationError):
        tokens.token_create(actor=partner, label="", organisation=cast.organisations["ronse"])
    worker = cast.user("ronse", Role.SOCIAL_WORKER)
    with act_as(worker, cast.ronse), pytest.raises(PermissionDenied):
        tokens.token_create(actor=worker, label="x", organisation=cast.organisations["ronse"])
    _make(cast, "kortrijk")
    kortrijk_token = PartnerToken.objects.get()
    with act_as(partner, cast.ronse):
        assert list(tokens.tokens_here()) == []
        with pytest.raises(Http404):
            tokens.token_here(kortrijk_token.pk)
        with pytest.raises(PermissionDenied):
            tokens.token_revoke(kortrijk_token, actor=partner)


def test_authenticate_accepts_only_a_live_token(cast: Cast) -> None:
    secret = _make(cast)
    token = PartnerToken.objects.get()
    assert tokens.authenticate(secret) == token
    assert tokens.authenticate(secret + "x") is None
    assert tokens.authenticate("not-ours") is None
    assert tokens.authenticate("shp_" + "a" * 300) is None

    partner = token.user
    partner.is_active = False
    partner.save(update_fields=["is_active"])
    assert tokens.authenticate(secret) is None
    partner.is_active = True
    partner.save(update_fields=["is_active"])

    Membership.objects.filter(user=partner).update(organisation=OrganisationFactory.create())
    assert tokens.authenticate(secret) is None


def test_last_used_is_written_at_most_once_a_minute(cast: Cast) -> None:
    secret = _make(cast)
    url = _referral_url(cast)
    client = _api(secret)
    assert client.get(url).status_code == 200
    first = PartnerToken.objects.get().last_used_at
    assert first is not None
    assert client.get(url).status_code == 200
    assert PartnerToken.objects.get().last_used_at == first
    PartnerToken.objects.update(last_used_at=timezone.now() - timedelta(minutes=2))
    assert client.get(url).status_code == 200
    last_used = PartnerToken.objects.get().last_used_at
    assert last_used is not None
    assert last_used > timezone.now() - timedelta(minutes=1)


def test_a_token_works_without_a_second_factor_and_without_a_session(cast: Cast) -> None:
    secret = _make(cast)
    response = _api(secret).get(_referral_url(cast))
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
