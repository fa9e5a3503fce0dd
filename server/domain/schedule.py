"""When program sessions are due: the schedule's local times on its weekdays, in the client's
time zone, each under the program version in force at that moment.

Daylight-saving rule: a local time that does not exist on a spring-forward day (02:30 in New
York) is due once, at the same distance past the jump (03:30 local); a local time that happens
twice on a fall-back day is due once, at its first occurrence. Both follow from zoneinfo's
fold=0, which is what datetime.combine gives.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from ..models import Program
from .vocabulary import WEEKDAYS
from .wall_clock import parse_hhmm


def local_occurrence(day: date, hhmm: str, zone: ZoneInfo) -> datetime:
    """The UTC instant of a local wall time on a local day (DST rule above)."""
    local = datetime.combine(day, parse_hhmm(hhmm), tzinfo=zone)
    # Round-trip through UTC normalises a non-existent wall time to the real instant.
    return local.astimezone(UTC)


def program_in_force(programs: Sequence[Program], instant: datetime) -> Program | None:
    """The latest version created at or before instant (programs sorted by version)."""
    chosen = None
    for program in programs:
        if program.created_at <= instant:
            chosen = program
    return chosen


def session_due_times(programs: Sequence[Program], zone: ZoneInfo, start: datetime,
                      end: datetime) -> Iterator[datetime]:
    """Every session due in [start, end), in time order, under the version then in force."""
    if not programs:
        return
    day = start.astimezone(zone).date() - timedelta(days=1)
    last_day = end.astimezone(zone).date() + timedelta(days=1)
    while day <= last_day:
        weekday = WEEKDAYS[day.weekday()]
        candidates = sorted({local_occurrence(day, t, zone)
                             for p in programs for t in p.schedule_times})
        for instant in candidates:
            if not start <= instant < end:
                continue
            program = program_in_force(programs, instant)
            if program is None or weekday not in program.schedule_days:
                continue
            if any(local_occurrence(day, t, zone) == instant for t in program.schedule_times):
                yield instant
        day += timedelta(days=1)
