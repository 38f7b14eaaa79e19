"""Today's demo work stays today, at any hour the demo is loaded."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from sociaalhuis.demo.clock import TODAY_SPAN, earlier_today

BRUSSELS = ZoneInfo("Europe/Brussels")


def _brussels(year: int, month: int, day: int, hour: int, minute: int, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=BRUSSELS)


@pytest.mark.parametrize(
    "now",
    [
        _brussels(2026, 12, 8, 0, 0, 30),  # just after midnight in winter
        _brussels(2026, 12, 8, 1, 45),
        _brussels(2026, 3, 29, 1, 30),  # the night the clocks go forward
        _brussels(2026, 10, 25, 2, 30),  # the night the clocks go back
    ],
)
def test_work_of_earlier_today_stays_today_just_after_midnight(now: datetime) -> None:
    moments = [earlier_today(now, timedelta(hours=h)) for h in (5, 3, 2.75, 1.9, 1, 0.25)]
    for moment in moments:
        assert timezone.localdate(moment) == timezone.localdate(now)
        assert moment <= now
    assert moments == sorted(moments), "a later step stays later"


def test_in_the_afternoon_earlier_today_is_exact() -> None:
    now = _brussels(2026, 12, 8, 14, 0)
    assert earlier_today(now, timedelta(hours=3)) == now - timedelta(hours=3)


def test_about_a_day_ago_still_crosses_midnight_and_keeps_the_order() -> None:
    now = _brussels(2026, 12, 8, 0, 20)
    yesterday_evening = earlier_today(now, timedelta(hours=22))
    assert yesterday_evening == now - timedelta(hours=22)
    assert yesterday_evening < earlier_today(now, TODAY_SPAN) < earlier_today(now, timedelta(0))


def test_the_future_is_refused() -> None:
    with pytest.raises(ValueError, match="future"):
        earlier_today(_brussels(2026, 12, 8, 9, 0), timedelta(hours=-1))
