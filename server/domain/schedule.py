"""When program sessions are due: the schedule's local times on its weekdays, in the client's
time zone, each under the program version in force at that moment.

Daylight-saving rule: a local time that does not exist on a spring-forward day (02:30 in New
York) is due once, at the same distance past the jump (03:30 local); a local time that happens
twice on a fall-back day is due once, at its first occurrence. Both follow from zoneinfo's
fold=0, which is what datetime.combine gives.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ..models import Program
from .vocabulary import WEEKDAYS
from .wall_clock import parse_hhmm


def local_occurrence(day: date, hhmm: str, zone: ZoneInfo) -> datetime:
    """The UTC instant of a local wall time on a local day (DST rule above)."""
    return _occurrence(day, parse_hhmm(hhmm), zone)


def _occurrence(day: date, clock: time, zone: ZoneInfo) -> datetime:
    # Round-trip through UTC normalises a non-existent wall time to the real instant.
    return datetime.combine(day, clock, tzinfo=zone).astimezone(UTC)


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
    # Parsed once, not per day: a long range walks hundreds of days.
    clocks = {t: parse_hhmm(t) for p in programs for t in p.schedule_times}
    newest_first = list(reversed(programs))
    day = start.astimezone(zone).date() - timedelta(days=1)
    last_day = end.astimezone(zone).date() + timedelta(days=1)
    while day <= last_day:
        weekday = WEEKDAYS[day.weekday()]
        # Two wall times can meet at one instant on a daylight-saving day: due once.
        occurrences = {t: _occurrence(day, clock, zone) for t, clock in clocks.items()}
        for instant in sorted(set(occurrences.values())):
            if not start <= instant < end:
                continue
            # program_in_force, newest first so the search stops at the first match.
            program = next((p for p in newest_first if p.created_at <= instant), None)
            if program is None or weekday not in program.schedule_days:
                continue
            if any(occurrences[t] == instant for t in program.schedule_times):
                yield instant
        day += timedelta(days=1)
