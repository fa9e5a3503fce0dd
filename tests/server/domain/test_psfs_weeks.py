"""The functional scale's weeks are the client's local weeks, Monday to Monday on their wall
clock, also across a daylight-saving change."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from server.domain import psfs

LONDON = ZoneInfo("Europe/London")


def test_a_local_monday_after_midnight_is_the_new_week_while_utc_is_still_sunday():
    # 00:30 on Monday 19 October 2026 in London (summer time) is 23:30 UTC on Sunday.
    instant = datetime(2026, 10, 18, 23, 30, tzinfo=UTC)
    assert psfs.week_start(LONDON, instant) == date(2026, 10, 19)
    assert psfs.week_start(ZoneInfo("UTC"), instant) == date(2026, 10, 12)


def test_the_week_clocks_go_back_in_lasts_169_hours():
    start, end = psfs.week_bounds(LONDON, date(2026, 10, 19))
    assert start == datetime(2026, 10, 18, 23, 0, tzinfo=UTC)  # Monday 00:00 BST
    assert end == datetime(2026, 10, 26, 0, 0, tzinfo=UTC)  # Monday 00:00 GMT
    assert end - start == timedelta(hours=169)
    spring_start, spring_end = psfs.week_bounds(LONDON, date(2026, 3, 23))
    assert spring_end - spring_start == timedelta(hours=167)


def test_late_sunday_after_the_change_still_belongs_to_the_week_before():
    # 23:30 on Sunday 25 October (GMT by then) is 23:30 UTC: still the week of 19 October.
    assert psfs.week_start(LONDON, datetime(2026, 10, 25, 23, 30, tzinfo=UTC)) == date(2026, 10, 19)
    assert psfs.week_start(LONDON, datetime(2026, 10, 26, 0, 0, tzinfo=UTC)) == date(2026, 10, 26)
