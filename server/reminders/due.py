"""What is due, and whether to send it: reminders computed from the programs in the client's
time zone, and decide(), which answers a SkipReason or None (send).

Session reminders are the schedule's local times on its days (domain.schedule, whose daylight-
saving rule applies). Movement breaks, for clients told to avoid prolonged positions, fall every
N minutes inside the program's window: the first N minutes after "from" (a break at the very
start of the window would interrupt nothing), then every N minutes, the last at or before "to".
They follow the same daylight-saving rule: a wall time that does not exist is due once at the
shifted time, a repeated one once at its first occurrence, and two wall times that land on the
same instant give one reminder.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from ..domain.schedule import local_occurrence, program_in_force, session_due_times
from ..domain.wall_clock import parse_hhmm
from ..models import ReminderSettings
from ..models.reminders import MOVEMENT_BREAK, SESSION_REMINDER


class SkipReason(enum.StrEnum):
    #: Found after its grace window (the server was down): marked, never sent late in a burst.
    MISSED = "missed"
    PAUSED = "paused"
    TURNED_OFF = "turned-off"
    QUIET_HOURS = "quiet-hours"
    NO_SUBSCRIPTION = "no-subscription"


@dataclass(frozen=True, order=True)
class DueReminder:
    due_at: datetime
    client_id: int
    kind: str


def _break_wall_times(program) -> list[str]:
    if not program.break_every_minutes or not program.break_from or not program.break_to:
        return []
    start, end = parse_hhmm(program.break_from), parse_hhmm(program.break_to)
    first, last = start.hour * 60 + start.minute, end.hour * 60 + end.minute
    step = program.break_every_minutes
    return [f"{m // 60:02d}:{m % 60:02d}" for m in range(first + step, last + 1, step)]


def _local_days(zone: ZoneInfo, start: datetime, end: datetime) -> Iterator[date]:
    day = start.astimezone(zone).date() - timedelta(days=1)
    last = end.astimezone(zone).date() + timedelta(days=1)
    while day <= last:
        yield day
        day += timedelta(days=1)


def movement_break_due_times(programs: Sequence, zone: ZoneInfo, start: datetime,
                             end: datetime) -> Iterator[datetime]:
    """Every movement break due in [start, end), in time order, under the version in force."""
    walls = {id(p): _break_wall_times(p) for p in programs}
    if not any(walls.values()):
        return
    for day in _local_days(zone, start, end):
        by_program = {id(p): {local_occurrence(day, t, zone) for t in walls[id(p)]}
                      for p in programs}
        for instant in sorted(set().union(*by_program.values())):
            if not start <= instant < end:
                continue
            program = program_in_force(programs, instant)
            if program is not None and instant in by_program[id(program)]:
                yield instant


def due_reminders(client_id: int, programs: Sequence, zone: ZoneInfo, start: datetime,
                  end: datetime) -> list[DueReminder]:
    """Both kinds of reminder due for one client in [start, end)."""
    found = [DueReminder(at, client_id, SESSION_REMINDER)
             for at in session_due_times(programs, zone, start, end)]
    found += [DueReminder(at, client_id, MOVEMENT_BREAK)
              for at in movement_break_due_times(programs, zone, start, end)]
    return found


def in_quiet_hours(local: time, quiet_from: str | None, quiet_to: str | None) -> bool:
    """True inside [from, to) on the local clock; a window like 22:00–07:00 wraps midnight."""
    if not quiet_from or not quiet_to:
        return False
    begin, finish = parse_hhmm(quiet_from), parse_hhmm(quiet_to)
    local = local.replace(second=0, microsecond=0)
    if begin < finish:
        return begin <= local < finish
    return local >= begin or local < finish


def decide(reminder: DueReminder, *, settings: ReminderSettings | None, zone: ZoneInfo,
           has_subscription: bool, now: datetime, grace: timedelta) -> SkipReason | None:
    """None to send this reminder now, or the reason it is not sent (recorded in the ledger).

    An absent settings row means the defaults: both kinds on, no quiet hours, no pause.
    """
    if reminder.due_at < now - grace:
        return SkipReason.MISSED
    if settings is not None:
        if settings.paused_until is not None and reminder.due_at < settings.paused_until:
            return SkipReason.PAUSED
        enabled = {SESSION_REMINDER: settings.sessions_enabled,
                   MOVEMENT_BREAK: settings.movement_breaks_enabled}
        if enabled.get(reminder.kind) is False:
            return SkipReason.TURNED_OFF
        local = reminder.due_at.astimezone(zone).time()
        if in_quiet_hours(local, settings.quiet_from, settings.quiet_to):
            return SkipReason.QUIET_HOURS
    if not has_subscription:
        return SkipReason.NO_SUBSCRIPTION
    return None
