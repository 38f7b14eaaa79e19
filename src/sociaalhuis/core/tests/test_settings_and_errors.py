"""Production settings, security headers, error pages and formats."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from django.test import Client
from django.utils import formats, translation

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.testing import Cast

ROOT = Path(__file__).resolve().parents[4]


def test_production_settings_pass_the_deploy_check(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "SOCIAALHUIS_ENV": "production",
        "DEBUG": "false",
        "SECRET_KEY": "x" * 20 + "production-secret-for-the-check-only-0123456789",
        "ALLOWED_HOSTS": "sociaalhuis.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOCIAALHUIS_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    import sociaalhuis.settings as settings_module

    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        importlib.reload(settings_module)
    monkeypatch.setenv("SOCIAALHUIS_ENV", "development")
    importlib.reload(settings_module)


def test_passwords_are_hashed_with_argon2_in_production() -> None:
    import sociaalhuis.settings as settings_module

    assert settings_module.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_demo_mode_cannot_be_switched_on_in_production(monkeypatch: pytest.MonkeyPatch) -> None:
    import sociaalhuis.settings as settings_module

    monkeypatch.setenv("SOCIAALHUIS_DEMO", "true")
    monkeypatch.setenv("SOCIAALHUIS_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "s" * 64)
    try:
        reloaded = importlib.reload(settings_module)
        assert reloaded.DEMO_MODE is False
        assert reloaded.OTP_REQUIRED is True
    finally:
        monkeypatch.undo()
        importlib.reload(settings_module)


def test_every_page_carries_a_content_security_policy(cast: Cast, client: Client) -> None:
    response = client.get("/account/login/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "cdn" not in policy.lower()
    assert response["X-Frame-Options"] == "DENY"


def test_an_unknown_page_gets_a_translated_404(cast: Cast, client: Client) -> None:
    response = client.get("/does-not-exist/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_an_unknown_language_gets_a_clear_400(cast: Cast, client: Client) -> None:
    response = client.post("/language/", {"language": "xx", "next": "/"})
    assert response.status_code == 400
    assert "Onbekende taal" in response.content.decode()


def test_the_language_switch_remembers_the_choice(
    cast: Cast, client_for: Callable[[User], Client]
) -> None:
    user = cast.user("ronse", Role.POLICY_COORDINATOR)
    client = client_for(user)
    response = client.post("/language/", {"language": "fr", "next": "/home/"})
    assert response.status_code == 302
    assert response["Location"] == "/home/"
    assert client.get("/home/")["Content-Language"] == "fr"
    user.refresh_from_db()
    assert user.preferred_language == "fr"


def test_the_language_switch_does_not_redirect_off_site(cast: Cast, client: Client) -> None:
    response = client.post("/language/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_dutch_is_the_default_whatever_the_browser_asks(cast: Cast, client: Client) -> None:
    response = client.get("/account/login/", headers={"accept-language": "en-GB,en;q=0.9"})
    assert response["Content-Language"] == "nl"


def test_a_server_error_page_shows_no_trace(
    cast: Cast, client_for: Callable[[User], Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr("sociaalhuis.tenants.views.render", explode)
    client = client_for(cast.user("ronse", Role.POLICY_COORDINATOR))
    client.raise_request_exception = False
    response = client.get("/municipality/")
    assert response.status_code == 500
    assert "secret internals" not in response.content.decode()


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_dates_are_written_day_month_year(language: str) -> None:
    with translation.override(language):
        assert formats.date_format(date(2026, 3, 9), "SHORT_DATE_FORMAT") == "09/03/2026"


def test_the_time_zone_is_brussels() -> None:
    from django.conf import settings

    assert settings.TIME_ZONE == "Europe/Brussels"
    assert settings.USE_TZ


@pytest.mark.django_db
def test_the_demo_banner_sits_in_the_page_header_landmark(
    client: Client, settings: pytest.FixtureRequest
) -> None:
    settings.DEMO_MODE = True  # type: ignore[attr-defined]
    with translation.override("en"):
        page = client.get("/account/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    header = page[page.index("<header") : page.index("</header>")]
    assert 'class="demo-banner"' in header  # axe-core: all content in landmarks
