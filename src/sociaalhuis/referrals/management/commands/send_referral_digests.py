"""Write and send today's digest of overdue referrals, in every municipality (run daily)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from sociaalhuis.referrals import digest
from sociaalhuis.tenants.models import Municipality


class Command(BaseCommand):
    help = (
        "Send each worker one e-mail listing their overdue referrals (sent by them or "
        "to them). Running it again the same day sends nothing new."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--day",
            type=date.fromisoformat,
            default=None,
            help="The day of the digest, YYYY-MM-DD (default: today).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        day: date = options["day"] or timezone.localdate()
        created = sent = failed = 0
        for municipality in Municipality.objects.filter(active=True).order_by("name", "pk"):
            result = digest.digests_send(municipality.pk, day)
            if result.created or result.failed:
                self.stdout.write(
                    f"{municipality.name}: {result.created} digests, {result.sent} sent, "
                    f"{result.failed} failed."
                )
            created += result.created
            sent += result.sent
            failed += result.failed
        message = f"Digests of {day:%d/%m/%Y}: {created} written, {sent} sent, {failed} failed."
        self.stdout.write(self.style.WARNING(message) if failed else message)
        if failed:
            self.stdout.write("The failed ones are retried by send_referral_mail.")
