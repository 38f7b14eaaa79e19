"""Send the referral e-mails still waiting, in every municipality (run every few minutes)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from sociaalhuis.referrals import mail
from sociaalhuis.referrals.mail import SendResult
from sociaalhuis.tenants.models import Municipality


class Command(BaseCommand):
    help = (
        "Send every referral e-mail that is still unsent (fewer than "
        f"{mail.MAX_ATTEMPTS} failed attempts), municipality by municipality."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--now",
            action="store_true",
            help="Also try the mails still waiting after a failure (once the mail server "
            "is repaired); by default each waits 1, 2, 4 … minutes, at most four hours.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        total = SendResult()
        due_by = None if options["now"] else timezone.now()
        for municipality in Municipality.objects.order_by("name", "pk"):
            result = mail.retry_pending(municipality.pk, due_by=due_by)
            if result.sent or result.failed:
                self.stdout.write(
                    f"{municipality.name}: {result.sent} sent, {result.failed} failed."
                )
            total.add(result)
        message = f"Referral mail: {total.sent} sent, {total.failed} failed."
        self.stdout.write(self.style.WARNING(message) if total.failed else message)
