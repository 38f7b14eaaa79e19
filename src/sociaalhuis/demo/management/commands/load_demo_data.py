from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import translation

from sociaalhuis.demo import loader, seeds


class Command(BaseCommand):
    help = "Load the demo municipalities, reference data, organisations and users (idempotent)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--quiet-logins", action="store_true", help="Do not print the demo logins."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override("nl"):
            report = loader.load()
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
