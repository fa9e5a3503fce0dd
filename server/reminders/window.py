"""Which programs can have a reminder due in a tick's window: the SQL prefilter of the tick, so a
tick reads the program versions of the few clients with something due, not every program.

The filter is generous, never strict: it may let through a client with nothing due (due.py then
finds nothing), but never holds back one with something due. For each client time zone it takes
every local hour a due wall time can be written in: the window's local hours, widened back by
two hours, since a wall time that does not exist on a spring-forward day is due after the gap
(two hours in the widest zone, an hour in most). A session can be due then if the schedule names
that weekday and a time in that hour ("08:" in the JSON text of ["08:30"]; every stored time is
zero-padded HH:MM, schemas/base.py); a movement break if its from-to range meets those hours.

The versions read are the ones that can be in force during the window: created before its end,
and not replaced by a later version created before its start (domain/schedule.py).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Text, and_, cast, exists, false, or_, select, true
from sqlalchemy.orm import aliased

from ..domain.vocabulary import WEEKDAYS
from ..models import CLIENT, Program, User

#: The widest daylight-saving gap of any zone (Antarctica/Troll), by which the hours widen.
_WIDEST_GAP = timedelta(hours=2)
#: A window this long covers every hour of the day anyway: no time filter.
_WHOLE_DAY = timedelta(hours=20)


def active_clients():
    """A discharged client's or a closed account's record stays; its reminders do not."""
    return and_(User.role == CLIENT, User.discharged_at.is_(None), User.closed_at.is_(None))


def in_force_during(program, start: datetime, end: datetime):
    """SQL: this version can be in force at some instant of [start, end)."""
    later = aliased(Program)
    return and_(program.created_at < end, ~exists().where(
        later.client_id == program.client_id, later.version > program.version,
        later.created_at <= start))


def _local_hours(zone: ZoneInfo, start: datetime, end: datetime) -> list[datetime]:
    hour = (start.astimezone(zone).replace(tzinfo=None) - _WIDEST_GAP).replace(
        minute=0, second=0, microsecond=0)
    last = end.astimezone(zone).replace(tzinfo=None)
    hours = []
    while hour <= last:
        hours.append(hour)
        hour += timedelta(hours=1)
    return hours


def _could_be_due(program, hours: list[datetime]):
    """SQL: the program names a session in one of these local hours (on its weekday), or its
    movement breaks run during one of them."""
    times, days = cast(program.schedule_times, Text), cast(program.schedule_days, Text)
    by_day: dict[str, set[str]] = defaultdict(set)
    for hour in hours:
        by_day[WEEKDAYS[hour.weekday()]].add(f'"{hour.hour:02d}:')
    sessions = [and_(days.like(f'%"{day}"%'),
                     or_(*(times.like(f"%{prefix}%") for prefix in sorted(prefixes))))
                for day, prefixes in by_day.items()]
    spans: list[tuple[str, str]] = []  # same-day stretches of wall clock, "HH:MM" to "HH:MM"
    for hour in hours:
        begin, finish = f"{hour.hour:02d}:00", f"{hour.hour:02d}:59"
        if spans and spans[-1][1] == f"{hour.hour - 1:02d}:59":
            spans[-1] = (spans[-1][0], finish)
        else:
            spans.append((begin, finish))
    breaks = and_(program.break_every_minutes.is_not(None), program.break_from.is_not(None),
                  program.break_to.is_not(None), or_(*(
                      and_(program.break_from <= finish, program.break_to >= begin)
                      for begin, finish in spans)))
    return or_(*sessions, breaks)


def due_condition(program, zones: set[str], start: datetime, end: datetime):
    """SQL over a program version joined to its client (User): something may fall due in
    [start, end). Zones whose local hours are the same share one condition."""
    if end - start >= _WHOLE_DAY:
        return true()
    by_hours: dict[tuple, list[str]] = defaultdict(list)
    for name in sorted(zones):
        by_hours[tuple(_local_hours(ZoneInfo(name), start, end))].append(name)
    if not by_hours:
        return false()
    return or_(*(and_(User.timezone.in_(names), _could_be_due(program, list(hours)))
                 for hours, names in by_hours.items()))


def programs_due_query(columns, zones: set[str], start: datetime, end: datetime):
    """SELECT columns (of Program and User) for every version that can be in force in the window,
    of every active client with something that may fall due in it."""
    candidate = aliased(Program)
    due_clients = (select(candidate.client_id).join(User, User.id == candidate.client_id)
                   .where(active_clients(), in_force_during(candidate, start, end),
                          due_condition(candidate, zones, start, end)))
    return (select(*columns).join(User, User.id == Program.client_id)
            .where(Program.client_id.in_(due_clients), in_force_during(Program, start, end))
            .order_by(Program.client_id, Program.version))
