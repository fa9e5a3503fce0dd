"""The 7-day mean pain, defined once: the mean pain of every log whose local day (in the
client's time zone) is among the 7 local days ending on a given day. Every log weighs the same,
however many fall on one day.

The caseload (pain_mean_7d and its change from the 7 days before), the sensitisation watch
(watch.py) and each trend bucket's pain_mean_7d all take their windows and their arithmetic from
here, so the three can never disagree."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

from .calendar_days import local_date, local_midnight, to_utc

WINDOW_DAYS = 7


def window(last_day: date, weeks_before: int = 0) -> tuple[date, date]:
    """The 7 local days ending on last_day, or that many weeks earlier: (first, last), both
    inclusive."""
    last = last_day - timedelta(weeks=weeks_before)
    return last - timedelta(days=WINDOW_DAYS - 1), last


def day_bounds(first: date, last: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """UTC [start, end) of the local days first..last: local midnight to local midnight, so a
    daylight-saving day counts its 23 or 25 hours."""
    return (to_utc(local_midnight(first, zone)),
            to_utc(local_midnight(last + timedelta(days=1), zone)))


def window_bounds(zone: ZoneInfo, last_day: date, weeks_before: int = 0
                  ) -> tuple[datetime, datetime]:
    """UTC [start, end) of window(last_day, weeks_before)."""
    return day_bounds(*window(last_day, weeks_before), zone)


def today(zone: ZoneInfo, now: datetime) -> date:
    """The client's local day at `now`: the last day of their current 7-day window."""
    return local_date(now, zone)


def exact_mean(pain_sum, logs) -> Fraction | None:
    """The mean as an exact fraction (thresholds compare exactly), or None with no logs."""
    return Fraction(int(pain_sum), int(logs)) if logs else None


def rounded(mean) -> float | None:
    """A mean as the API sends it: two decimals."""
    return None if mean is None else round(float(mean), 2)


def means_ending_on(days: Iterable[date], daily: Mapping[date, tuple[int, int]]
                    ) -> dict[date, float | None]:
    """The 7-day mean ending on each of days, from per-local-day (logs, pain sum)."""
    means = {}
    for last in days:
        first, _ = window(last)
        logs = pain = 0
        for offset in range(WINDOW_DAYS):
            count, total = daily.get(first + timedelta(days=offset), (0, 0))
            logs, pain = logs + count, pain + total
        means[last] = rounded(exact_mean(pain, logs))
    return means
