from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.test.utils import override_settings
from django.utils import translation

from sociaalhuis.demo import loader, seeds


class Command(BaseCommand):
    help = "Load the demo municipalities, reference data, organisations and users (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--quiet-logins", action="store_true", help="Do not print the demo logins."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # The notices the demo referrals send while loading go to memory, not to the
        # console, so the logins below are not buried under them; what users do on the
        # running demo is mailed (to the console) as usual.
        in_memory = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
        with translation.override("nl"), override_settings(MAILERS=in_memory):
            report = loader.load()
        with translation.override("nl"):
            self.stdout.write(
                self.style.SUCCESS(f"Demo data loaded: {report.created} new records.")
            )
            if options["quiet_logins"]:
                return
            self.stdout.write("")
            self.stdout.write(f"Demo logins (password for all: {seeds.DEMO_PASSWORD})")
            width = max(len(login.email) for login in report.logins or [])
            for login in report.logins or []:
                self.stdout.write(
                    f"  {login.email:<{width}}  {login.municipalities:<20}  {login.role}"
                )
