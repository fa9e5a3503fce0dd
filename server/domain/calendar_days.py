"""Local days and ISO weeks in a client's IANA time zone, as UTC bounds.

A local day is midnight to midnight on the client's wall clock, so it lasts 23 or 25 hours on a
daylight-saving change; computing bounds with zoneinfo gets that right in any zone, including
half-hour offsets, on databases that know nothing of time zones (SQLite).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Bucket:
    index: int
    local_start: datetime
    start: datetime  # UTC
    end: datetime  # UTC, exclusive
    days: tuple[date, ...]


def local_midnight(day: date, zone: ZoneInfo) -> datetime:
    # Midnight exists in nearly every zone; where a transition skips it, fold=0 gives the wall
    # time as if the clock had not jumped, which normalises to the first instant of the day.
    return datetime.combine(day, time(0), tzinfo=zone)


def to_utc(local: datetime) -> datetime:
    return local.astimezone(UTC)


def local_date(instant: datetime, zone: ZoneInfo) -> date:
    return instant.astimezone(zone).date()


def buckets(first: date, last: date, zone: ZoneInfo, size: str) -> list[Bucket]:
    """Consecutive buckets covering first..last (inclusive local dates), oldest first."""
    if size == "week":
        first = first - timedelta(days=first.weekday())
        step = 7
    else:
        step = 1
    result = []
    day = first
    local_start = local_midnight(day, zone)
    start = to_utc(local_start)
    while day <= last:
        following = day + timedelta(days=step)
        # Each bucket's end is the next one's start: one zone conversion per boundary.
        next_local_start = local_midnight(following, zone)
        end = to_utc(next_local_start)
        days = tuple(day + timedelta(days=i) for i in range(step))
        result.append(Bucket(len(result), local_start, start, end, days))
        day, local_start, start = following, next_local_start, end
    return result


def utc_offsets(zone: ZoneInfo, start: datetime, end: datetime) -> list[tuple[datetime, timedelta]]:
    """The zone's UTC offsets in force over [start, end): (UTC instant it starts, offset), in
    time order, the first from start. A range holds a handful at most (daylight saving).

    Found by stepping a day at a time and bisecting any step whose offset differs, down to the
    microsecond, so each instant's local day is exactly instant + its offset."""
    def offset(instant):
        return instant.astimezone(zone).utcoffset()

    segments = [(start, offset(start))]
    step = timedelta(days=1)
    low = start
    while low < end:
        high = min(low + step, end)
        if offset(high) != segments[-1][1]:
            before, after = low, high
            while after - before > timedelta(microseconds=1):
                middle = before + (after - before) / 2
                if offset(middle) == segments[-1][1]:
                    before = middle
                else:
                    after = middle
            segments.append((after, offset(after)))
        low = high
    return segments
