"""DEMO BACK-DATING: moving the steps the demo takes "now" to the moments of its story.

Each demo step happens at the real time of loading and is then moved back to the
moment its plan gives it (``plans.When``), so that the timeline and the loop figures
read like weeks of work: the referral's history line and the dossier timeline line the
step wrote (``backdate``), then the referral's own dates (``settle_dates``). Only for
demo data; the platform itself never rewrites a moment. The access log keeps the real
time of loading.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Max
from django.utils import timezone

from sociaalhuis.demo.clock import earlier_today
from sociaalhuis.demo.referrals.plans import When
from sociaalhuis.dossiers.models import TimelineEntry
from sociaalhuis.referrals.models import Referral, ReferralStatus, ReferralUpdate, Side


def moment(now: datetime, when: When) -> datetime:
    """The moment of the story a plan's ``When`` names, seen from ``now``."""
    if isinstance(when, timedelta):
        return earlier_today(now, when)
    days_ago, clock = when
    day = timezone.localdate(now) - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time.fromisoformat(clock)))


def marks(referral: Referral | None) -> tuple[int, int]:
    """The newest update of the referral and timeline line so far (what a step adds is newer)."""
    update = None
    if referral is not None:
        update = ReferralUpdate.objects.filter(referral=referral).aggregate(last=Max("pk"))["last"]
    line = TimelineEntry.objects.aggregate(last=Max("pk"))["last"]
    return update or 0, line or 0


def backdate(referral: Referral, marks: tuple[int, int], when: datetime) -> None:
    """DEMO BACK-DATING: the step just taken "now" gets the moment of the demo's story.

    Only for demo data: the referral's history line and the dossier timeline line the
    step wrote. Never done by the platform itself.
    """
    update_mark, line_mark = marks
    ReferralUpdate.objects.filter(referral=referral, pk__gt=update_mark).update(at=when)
    TimelineEntry.objects.filter(
        pk__gt=line_mark,
        object_type=Referral._meta.label_lower,
        object_id=str(referral.pk),
    ).update(at=when)


def settle_dates(referral: Referral, *, sent_now: bool, today: date) -> None:
    """DEMO BACK-DATING: the referral's own dates follow its back-dated history.

    When it was sent in this run its answer date moves back with it (the same number
    of days after sending), which is how a referral that nobody answered is overdue.
    """
    current = Referral.objects.get(pk=referral.pk)
    history = list(ReferralUpdate.objects.filter(referral=current).order_by("at", "pk"))
    changes: dict[str, object] = {"created_at": history[0].at}
    first_at: dict[str, datetime] = {}
    for update in history:
        if update.to_status and update.to_status != update.from_status:
            first_at.setdefault(update.to_status, update.at)
            changes["status_changed_at"] = update.at
    if current.sent_at is not None:
        sent_at = first_at[ReferralStatus.SENT]
        changes["sent_at"] = sent_at
        if sent_now:
            days_back = (today - timezone.localtime(sent_at).date()).days
            changes["response_due_on"] = current.response_due_on - timedelta(days=days_back)
    if current.received_at is not None:
        changes["received_at"] = min(
            u.at for u in history if u.side == Side.RECEIVER and u.to_status
        )
    if current.accepted_at is not None:
        changes["accepted_at"] = first_at[ReferralStatus.ACCEPTED]
    if current.closed_at is not None:
        changes["closed_at"] = first_at[current.status]
    Referral.objects.filter(pk=current.pk).update(**changes)
