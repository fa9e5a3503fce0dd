"""Local days in a client's zone: the UTC offsets in force over a range."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from server.domain.calendar_days import utc_offsets


def test_a_zone_without_daylight_saving_has_one_offset_over_a_range():
    start, end = datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)
    assert utc_offsets(ZoneInfo("Asia/Kolkata"), start, end) == [
        (start, timedelta(hours=5, minutes=30))]


def test_each_clock_change_in_a_range_starts_a_new_offset_at_its_exact_instant():
    start, end = datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)
    assert utc_offsets(ZoneInfo("America/New_York"), start, end) == [
        (start, timedelta(hours=-5)),
        (datetime(2026, 3, 8, 7, 0, tzinfo=UTC), timedelta(hours=-4)),  # 02:00 EST
        (datetime(2026, 11, 1, 6, 0, tzinfo=UTC), timedelta(hours=-5)),  # 02:00 EDT
    ]


def test_a_half_hour_daylight_saving_change_is_found_too():
    # Lord Howe Island moves its clocks by 30 minutes, at 02:00 local on 5 April 2026.
    start, end = datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 5, 1, tzinfo=UTC)
    assert utc_offsets(ZoneInfo("Australia/Lord_Howe"), start, end) == [
        (start, timedelta(hours=11)),
        (datetime(2026, 4, 4, 15, 0, tzinfo=UTC), timedelta(hours=10, minutes=30)),
    ]
