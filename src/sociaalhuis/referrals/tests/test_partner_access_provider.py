"""The referrals app lets partner systems in through its tokens, via accounts' hook."""

from __future__ import annotations

from sociaalhuis.accounts.partner_access import partner_access
from sociaalhuis.referrals.tokens.services import API_PATHS, PARTNER_TOKEN_ACCESS


def test_the_referrals_app_registers_its_tokens_as_the_partner_access_at_startup() -> None:
    assert partner_access() is PARTNER_TOKEN_ACCESS


def test_its_tokens_open_only_the_fhir_api() -> None:
    assert API_PATHS == ("/api/v1/fhir/",)
    assert PARTNER_TOKEN_ACCESS.opens("/api/v1/fhir/ServiceRequest/12")
    assert not PARTNER_TOKEN_ACCESS.opens("/api/v1/me")
    assert not PARTNER_TOKEN_ACCESS.opens("/referrals/inbox/")
