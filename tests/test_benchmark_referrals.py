"""The referrals benchmark keeps working: referrals generated along the lifecycle on
top of the front-desk city, and every measurement runs (at a tiny scale, inside the
test transaction)."""

from __future__ import annotations

import argparse
from collections import Counter

import pytest

from benchmarks import frontdesk, frontdesk_data, referrals, referrals_data
from sociaalhuis.core import tenancy
from sociaalhuis.referrals import lifecycle
from sociaalhuis.referrals.models import (
    FINAL_STATUSES,
    Referral,
    ReferralStatus,
    ReferralUpdate,
    TargetKind,
)

SIZES = referrals_data.Sizes.named("tiny")


@pytest.fixture
def city(cast: object, postgresql_only: None) -> object:
    frontdesk_data.generate(frontdesk_data.Sizes.named("tiny"), seed=7, quiet=True)
    referrals_data.generate(SIZES, seed=7, quiet=True)
    return frontdesk._city()


@pytest.mark.django_db
def test_referrals_follow_the_lifecycle(city: object) -> None:
    with tenancy.for_municipality(city.pk):  # type: ignore[attr-defined]
        rows = list(Referral.objects.select_related("to_service").order_by("pk"))
        updates = list(ReferralUpdate.objects.order_by("referral_id", "at", "pk"))

    assert len(rows) == SIZES.referrals
    assert len({row.reference for row in rows}) == len(rows)
    history: dict[int, list[ReferralUpdate]] = {}
    for update in updates:
        history.setdefault(update.referral_id, []).append(update)
    for row in rows:
        steps = [u for u in history.get(row.pk, []) if u.is_status_change]
        if row.status == ReferralStatus.DRAFT:
            assert row.sent_at is None
            assert not steps
            continue
        assert steps[0].from_status == ReferralStatus.DRAFT
        assert steps[0].to_status == ReferralStatus.SENT
        assert steps[-1].to_status == row.status
        for step in steps[1:]:  # every step an arrow of the state machine
            assert lifecycle.action_to(step.from_status, step.to_status) is not None
        assert [u.at for u in steps] == sorted(u.at for u in steps)
        assert row.sent_at is not None
        assert row.response_due_on >= row.sent_at.date()
        assert (row.closed_at is not None) == (row.status in FINAL_STATUSES)
        assert set(row.shared_data) == set(row.shared_fields)
        if row.target_kind == TargetKind.SERVICE:
            assert row.to_service is not None
            assert row.to_organisation_id == row.to_service.organisation_id
    assert 2 <= len(updates) / len(rows) <= 4.5


@pytest.mark.django_db
def test_partners_and_senders_are_skewed(city: object) -> None:
    with tenancy.for_municipality(city.pk):  # type: ignore[attr-defined]
        partners = Counter(
            Referral.objects.exclude(to_organisation=None).values_list(
                "to_organisation__name", flat=True
            )
        )
        senders = Counter(Referral.objects.values_list("created_by_id", flat=True))

    assert partners.most_common(1)[0] == (referrals_data.BIG_PARTNER, SIZES.big_partner)
    assert partners[referrals_data.SECOND_PARTNER] == SIZES.second_partner
    assert len(partners) == 2 + SIZES.other_partners
    assert senders.most_common(1)[0][1] >= SIZES.big_sender
    who = referrals_data.cast(city.pk)  # type: ignore[attr-defined]
    assert who.big_partner != who.small_partner


@pytest.mark.django_db
def test_every_measurement_runs_or_says_why_not(city: object) -> None:
    args = argparse.Namespace(scale="tiny", seed=7, rounds=2, warmup=1)

    results = referrals.run(args, generated=True, quiet=True)

    assert results["data"]["by_target"][TargetKind.SERVICE] > SIZES.referrals // 2
    queries = results["queries"]
    big = queries["inbox:big_partner_worker:open:1"]
    small = queries["inbox:small_partner_worker:open:1"]
    assert big["count"] == 2
    # A list runs a fixed number of queries, whatever the size of the inbox.
    assert big["sql_queries"] == small["sql_queries"]
    assert results["pages"]  # figures, or {"skipped": the reason}
    assert referrals.chart_svg(results).startswith("<svg")
