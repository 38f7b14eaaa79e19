""" "Earlier today" in the demo stays today, whatever the hour it is loaded.

The demo places today's work relative to the moment it is loaded: a phone call three
hours ago, a referral sent two hours ago, people in the waiting queue for twelve
minutes. Loaded just after midnight in Brussels, "three hours ago" would be yesterday:
the fresh referral would already have lost a day of its response time and today's
contacts would be missing from today's lists. So a moment earlier today is squeezed
into the part of today that has passed: during the first ``TODAY_SPAN`` of the day the
gaps shrink in proportion, keeping their order; after that they are exact. Longer gaps
("about a day ago") are meant to cross midnight and stay exact; a squeezed moment is
never earlier than the unsqueezed one, so the order of all steps is kept.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

# At least the longest "earlier today" the demo uses (the anonymous desk contact, five
# hours ago).
TODAY_SPAN = timedelta(hours=6)


def start_of_day(now: datetime) -> datetime:
    """Midnight of ``now``'s day in the current time zone (Europe/Brussels)."""
    return timezone.make_aware(datetime.combine(timezone.localdate(now), time.min))


def earlier_today(now: datetime, before: timedelta) -> datetime:
    """``before`` ago; within ``TODAY_SPAN``, never before today's midnight."""
    if before < timedelta(0):
        raise ValueError(f"'earlier' cannot be in the future: {before}")
    passed = now - start_of_day(now)
    if before > TODAY_SPAN or passed >= TODAY_SPAN:
        return now - before
    return now - before * (passed / TODAY_SPAN)
