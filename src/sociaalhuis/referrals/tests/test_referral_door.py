"""The door to a referral records its own read: no view is needed for the log entry."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.test import RequestFactory

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import AccessLogEntry, Action
from sociaalhuis.referrals import queries
from sociaalhuis.referrals.models import Referral, ReferralStatus, Side
from sociaalhuis.testing import Cast, act_as
from sociaalhuis.testing.examples.referrals import make_referral


def _request(user: User) -> HttpRequest:
    request = RequestFactory().get("/somewhere/")
    request.user = user
    return request


def _reads(referral: Referral) -> list[AccessLogEntry]:
    return list(
        AccessLogEntry.unscoped.filter(
            object_type="referrals.referral", object_id=str(referral.pk), action=Action.READ
        ).order_by("pk")
    )


@pytest.fixture
def referral(cast: Cast) -> Referral:
    return make_referral(cast, "ronse", status=ReferralStatus.SENT)


def test_the_door_records_exactly_one_read_with_the_person_outside_any_view(
    cast: Cast, referral: Referral
) -> None:
    sender = cast.user("ronse", Role.RECEPTION)
    with act_as(sender, cast.ronse):
        found, side = queries.referral_for(_request(sender), referral.pk)
    assert (found, side) == (referral, Side.SENDER)
    [entry] = _reads(referral)
    assert (entry.actor_id, entry.person_id, entry.reason) == (
        sender.pk,
        referral.person_id,
        "",
    )


def test_the_door_names_a_reason_given_for_the_read(cast: Cast, referral: Referral) -> None:
    sender = cast.user("ronse", Role.RECEPTION)
    with act_as(sender, cast.ronse):
        queries.referral_for(_request(sender), referral.pk, reason="Through a token")
    assert [entry.reason for entry in _reads(referral)] == ["Through a token"]


def test_a_request_that_only_changes_the_referral_records_no_read(
    cast: Cast, referral: Referral
) -> None:
    sender = cast.user("ronse", Role.RECEPTION)
    with act_as(sender, cast.ronse):
        found, _side = queries.referral_to_change(_request(sender), referral.pk)
    assert found == referral
    assert _reads(referral) == []


def test_a_worker_on_neither_side_is_refused_and_nothing_is_read(
    cast: Cast, referral: Referral
) -> None:
    outsider = cast.user("ronse", Role.NEIGHBOURHOOD_WORKER)
    with act_as(outsider, cast.ronse), pytest.raises(PermissionDenied):
        queries.referral_for(_request(outsider), referral.pk)
    assert _reads(referral) == []


def test_the_sender_side_door_refuses_the_receiver(cast: Cast, referral: Referral) -> None:
    partner = cast.user("ronse", Role.PARTNER_WORKER)
    with act_as(partner, cast.ronse):
        assert queries.referral_for(_request(partner), referral.pk)[1] == Side.RECEIVER
        with pytest.raises(PermissionDenied):
            queries.referral_for(_request(partner), referral.pk, side=Side.SENDER)


def test_a_partner_token_of_another_organisation_is_refused(cast: Cast, referral: Referral) -> None:
    partner = cast.user("ronse", Role.PARTNER_WORKER)
    other_organisation = cast.organisations["kortrijk"]
    with act_as(partner, cast.ronse), pytest.raises(PermissionDenied):
        queries.referral_for(_request(partner), referral.pk, organisation_id=other_organisation.pk)
    assert _reads(referral) == []


def test_another_municipalitys_referral_is_not_found_and_nothing_is_read(
    cast: Cast, referral: Referral
) -> None:
    kortrijk_worker = cast.user("kortrijk", Role.RECEPTION)
    with act_as(kortrijk_worker, cast.kortrijk), pytest.raises(Http404):
        queries.referral_for(_request(kortrijk_worker), referral.pk)
    assert _reads(referral) == []
