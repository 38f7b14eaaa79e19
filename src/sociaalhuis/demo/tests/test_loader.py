"""The demo data: from the seeds, complete for every role, and idempotent."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from sociaalhuis.accounts.models import Membership, User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.core import tenancy
from sociaalhuis.demo import seeds, social_map
from sociaalhuis.directory.models import Organisation
from sociaalhuis.referrals.models import OutgoingMail
from sociaalhuis.tenants.models import LifeDomain, Municipality, Neighbourhood


def _snapshot() -> dict[str, object]:
    return {
        "municipalities": sorted(Municipality.objects.values_list("nis_code", "name", "slug")),
        "neighbourhoods": sorted(Neighbourhood.unscoped.values_list("municipality__slug", "name")),
        "life_domains": sorted(
            LifeDomain.unscoped.values_list("municipality__slug", "code", "name_nl")
        ),
        "organisations": sorted(Organisation.objects.values_list("name", "kbo_number")),
        "users": sorted(User.objects.values_list("email", "password")),
        "memberships": sorted(
            Membership.objects.values_list("user__email", "municipality__slug", "role")
        ),
    }


@pytest.mark.django_db
def test_loading_twice_changes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_demo_data")
    first = _snapshot()
    call_command("load_demo_data")
    assert _snapshot() == first
    assert "0 new records" in capsys.readouterr().out


@pytest.mark.django_db
def test_the_seeds_are_loaded(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_demo_data")
    ronse = Municipality.objects.get(slug="ronse")
    assert {
        m.name for m in Municipality.objects.filter(slug__in=["ronse", "harelbeke", "kortrijk"])
    } == {
        "Ronse",
        "Harelbeke",
        "Kortrijk",
    }
    with tenancy.for_municipality(ronse.pk):
        assert set(
            Neighbourhood.objects.filter(is_attention_area=True).values_list("name", flat=True)
        ) == {
            "Prinskouter",
            "Scheldekouter",
            "Ninovestraat",
            "Marijve",
            "Stookt",
        }
        assert LifeDomain.objects.count() == 7
        assert LifeDomain.objects.get(code="huisvesting").name_fr == "Logement"
    covenant_partners = Organisation.objects.filter(
        municipalities=ronse,
        name__in=[
            item["name"]
            for item in social_map.document("ronse")["organizations"]
            if item["name"] != "Sociaal Huis Ronse"
        ],
    )
    assert covenant_partners.count() == 10
    assert covenant_partners.filter(name__startswith="Huurdersbond").exists()


@pytest.mark.django_db
def test_every_role_has_a_demo_login_in_every_municipality(
    capsys: pytest.CaptureFixture[str],
) -> None:
    call_command("load_demo_data")
    output = capsys.readouterr().out
    for municipality in Municipality.objects.filter(slug__in=["ronse", "harelbeke", "kortrijk"]):
        roles = set(
            Membership.objects.filter(municipality=municipality).values_list("role", flat=True)
        )
        assert roles == set(Role.values)
    partner = Membership.objects.get(
        municipality__slug="ronse",
        role=Role.PARTNER_WORKER,
        user__email=f"partner.ronse@{seeds.DEMO_EMAIL_DOMAIN}",
    )
    assert partner.organisation is not None
    assert partner.organisation.name.startswith("Huurdersbond")
    assert f"onthaal.ronse@{seeds.DEMO_EMAIL_DOMAIN}" in output
    assert seeds.DEMO_PASSWORD in output


@pytest.mark.django_db
def test_demo_people_are_obviously_fictitious() -> None:
    call_command("load_demo_data", "--quiet-logins")
    demo_users = User.objects.filter(email__endswith=f"@{seeds.DEMO_EMAIL_DOMAIN}")
    assert demo_users.count() == 3 * len(Role.values) + 1 + len(seeds.DEMO_EXTRA_PARTNER_LOGINS)
    for user in demo_users:
        assert "Demo" in user.full_name
        assert user.email.endswith(".example")  # a domain reserved for examples (RFC 2606)


@pytest.mark.django_db
def test_the_regional_demo_user_switches_between_two_municipalities(client: Client) -> None:
    call_command("load_demo_data", "--quiet-logins")
    user = User.objects.get(email=f"regio@{seeds.DEMO_EMAIL_DOMAIN}")
    assert set(user.memberships.values_list("municipality__slug", flat=True)) == {
        "harelbeke",
        "kortrijk",
    }


@pytest.mark.django_db(transaction=True)  # real commits: the notices go out after them
def test_the_demo_referrals_mail_nobody_on_the_console_while_loading(
    capsys: pytest.CaptureFixture[str], settings: Any
) -> None:
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
    call_command("load_demo_data")
    out = capsys.readouterr().out
    assert "Demo logins" in out
    assert "Subject:" not in out
    with tenancy.for_municipality(Municipality.objects.get(slug="ronse").pk):
        # Sent (to memory), not left waiting for the retry command.
        assert OutgoingMail.objects.exists()
        assert not OutgoingMail.objects.filter(sent_at__isnull=True).exists()
