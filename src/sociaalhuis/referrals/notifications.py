"""E-mail to the receivers of a referral (placeholder until the mail module lands)."""

from __future__ import annotations

from sociaalhuis.referrals.models import Referral


def notify_receivers_after_commit(referral: Referral, *, event: str) -> None:
    raise NotImplementedError
