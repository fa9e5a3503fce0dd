"""Symptom trends for one client, counted in SQL and bucketed by the client's local day or ISO
week.

The database groups the client's rows in range (read through the (client_id, time) index) by
local day, in a statement whose text does not depend on the range's length, so it is compiled
once and cached; days are folded into ISO weeks here from per-day sums, counts, minima and maxima,
which keeps weekly means exact. The range's UTC bounds come from zoneinfo (see calendar_days), so
every IANA zone is right on SQLite as on PostgreSQL, half-hour offsets and 23/25-hour days too.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import Date, String, bindparam, case, cast, func, select
from sqlalchemy.orm import aliased

from ..errors import InvalidInput
from ..extensions import db
from ..models import (
    DragTrial,
    PracticeSession,
    Program,
    SafetyFlag,
    SymptomLog,
    User,
    UTCDateTime,
    utcnow,
)
from ..models.logs import sensation_column
from ..prepared import Prepared
from . import pain_mean
from .adherence import ON_TIME_AFTER, ON_TIME_BEFORE, on_time_due_times
from .calendar_days import Bucket, buckets, local_date, local_midnight, to_utc, utc_offsets
from .schedule import session_due_times
from .vocabulary import NEUROPATHIC_SENSATIONS, SENSATIONS

DEFAULT_DAYS = 30
MAX_DAYS = 731


def resolve_range(zone: ZoneInfo, start: date | datetime | None,
                  end: date | datetime | None) -> tuple[date, date]:
    """Turn ?from=&to= (dates or instants, both optional) into inclusive local dates."""
    last = _as_local_date(end, zone) if end is not None else local_date(utcnow(), zone)
    first = (_as_local_date(start, zone) if start is not None
             else last - timedelta(days=DEFAULT_DAYS - 1))
    if first > last:
        raise InvalidInput(errors={"from": ["Must not be after 'to'."]})
    if (last - first).days >= MAX_DAYS:
        raise InvalidInput(errors={"from": [f"The range may span at most {MAX_DAYS} days."]})
    return first, last


def _as_local_date(bound: date | datetime, zone: ZoneInfo) -> date:
    return local_date(bound, zone) if isinstance(bound, datetime) else bound


def _local_day(column, dialect: str, arms: int):
    """SQL for the client's local date of an instant column, its zone given as bound parameters
    (local_day_params), so one statement serves every client and range.

    PostgreSQL converts with the zone itself. SQLite knows no zones, so the instant is shifted
    by the UTC offset in force: a CASE with one arm per daylight-saving change in the range."""
    if dialect == "postgresql":
        return cast(func.timezone(bindparam("zone", type_=String), column), Date)
    shift = bindparam(f"shift_{arms}", type_=String)
    if arms:
        shift = case(*[(column < bindparam(f"since_{i + 1}", type_=UTCDateTime),
                        bindparam(f"shift_{i}", type_=String)) for i in range(arms)],
                     else_=shift)
    return func.date(column, shift, type_=Date)


@lru_cache(maxsize=512)
def local_day_params(dialect: str, zone: ZoneInfo, start: datetime,
                     end: datetime) -> tuple[int, dict]:
    """(CASE arms, parameters) of _local_day for instants in [start, end); the same range in
    the same zone always gives the same, so it is worked out once (callers copy the dict)."""
    if dialect == "postgresql":
        return 0, {"zone": zone.key}
    segments = utc_offsets(zone, start, end)
    params = {f"shift_{i}": f"{int(offset.total_seconds()):+d} seconds"
              for i, (_since, offset) in enumerate(segments)}
    params |= {f"since_{i}": since for i, (since, _offset) in enumerate(segments) if i}
    return len(segments) - 1, params


def _flag(code):
    return case((getattr(SymptomLog, sensation_column(code)), 1), else_=0)


# The statements are built once per dialect and arm count, not per request: building and
# hashing them cost more than running them. They run as Prepared statements (prepared.py):
# compiled once, executed on the session's connection with nothing but the driver call.

@lru_cache
def daily_logs_statement(dialect: str, arms: int):
    """Per local day: (day, count, pain sum, min, max, nerve-pain descriptor sum, sensation
    sums). Sums rather than means, so days fold into weeks exactly."""
    rows = (
        select(_local_day(SymptomLog.recorded_at, dialect, arms).label("day"),
               SymptomLog.pain.label("pain"),
               sum(_flag(code) for code in NEUROPATHIC_SENSATIONS).label("neuropathic"),
               *[_flag(code).label(f"s{i}") for i, code in enumerate(SENSATIONS)])
        .where(SymptomLog.client_id == bindparam("client_id"),
               SymptomLog.recorded_at >= bindparam("start"),
               SymptomLog.recorded_at < bindparam("end"))
        .subquery()
    )
    return (
        select(rows.c.day, func.count(), func.sum(rows.c.pain), func.min(rows.c.pain),
               func.max(rows.c.pain), func.sum(rows.c.neuropathic),
               *[func.sum(rows.c[f"s{i}"]) for i in range(len(SENSATIONS))])
        .group_by(rows.c.day)
    )


@lru_cache
def _daily_sessions_statement(dialect: str, arms: int):
    rows = (
        select(_local_day(PracticeSession.started_at, dialect, arms).label("day"))
        .where(PracticeSession.client_id == bindparam("client_id"),
               PracticeSession.started_at >= bindparam("start"),
               PracticeSession.started_at < bindparam("end"))
        .subquery()
    )
    return select(rows.c.day, func.count()).group_by(rows.c.day)


@lru_cache
def _prepared_by_day(statement_for, dialect: str, arms: int) -> Prepared:
    return Prepared(statement_for(dialect, arms))


def _by_local_day(statement_for, client: User, zone: ZoneInfo, start: datetime,
                  end: datetime) -> dict[date, tuple]:
    dialect = db.session.get_bind().dialect.name
    arms, params = local_day_params(dialect, zone, start, end)
    rows = _prepared_by_day(statement_for, dialect, arms).rows(
        {"client_id": client.id, "start": start, "end": end, **params})
    return {row[0]: row[1:] for row in rows}


def _log_stats(spans: list[Bucket], by_day: dict[date, tuple]) -> dict[int, dict]:
    """Fold per-day figures into each bucket's pain mean/min/max, counts and sensations."""
    stats = {}
    for bucket in spans:
        days = [by_day[day] for day in bucket.days if day in by_day]
        if not days:
            continue
        if len(days) == 1:
            count, pain, low, high, neuropathic, *sensations = days[0]
        else:
            columns = list(zip(*days, strict=True))
            count, pain, neuropathic = sum(columns[0]), sum(columns[1]), sum(columns[4])
            low, high = min(columns[2]), max(columns[3])
            sensations = [sum(column) for column in columns[5:]]
        stats[bucket.index] = {
            "pain_mean": round(int(pain) / count, 2), "pain_min": low, "pain_max": high,
            "logs": count, "neuropathic_mean": round(int(neuropathic) / count, 2),
            "sensations": {code: int(n) for code, n in zip(SENSATIONS, sensations, strict=True)
                           if n},
        }
    return stats


def _pain_means_7d(spans: list[Bucket], by_day: dict[date, tuple], today: date
                   ) -> dict[int, float | None]:
    """Each bucket's 7-day mean (pain_mean.py), ending on its last day, or today for the bucket
    holding today; None for a bucket that has not begun."""
    daily = {day: (figures[0], int(figures[1])) for day, figures in by_day.items()}
    ends = {b.index: min(b.days[-1], today) for b in spans if b.days[0] <= today}
    means = pain_mean.means_ending_on(set(ends.values()), daily)
    return {index: means[last] for index, last in ends.items()}


def _sessions_done(spans: list[Bucket], by_day: dict[date, tuple]) -> dict[int, int]:
    return {b.index: n for b in spans
            if (n := sum(by_day[day][0] for day in b.days if day in by_day))}


def count_by_bucket(instants, spans: list[Bucket]) -> Counter:
    """How many of the instants (in time order, all inside the spans) fall in each bucket."""
    counts = Counter()
    index = 0
    for instant in instants:
        while spans[index].end <= instant:
            index += 1
        counts[spans[index].index] += 1
    return counts


class _Schedule(NamedTuple):
    """What session_due_times reads of a program version (hashable, so it can key a cache)."""

    version: int
    created_at: datetime
    schedule_times: tuple[str, ...]
    schedule_days: tuple[str, ...]


@lru_cache(maxsize=256)
def _due_in_range(schedules: tuple[_Schedule, ...], zone: ZoneInfo, start: datetime,
                  end: datetime) -> tuple[datetime, ...]:
    # Keyed by the range, not by now: the same answer serves every request for the range until
    # a program version changes (a new key); daylight-saving rules do not change while we run.
    return tuple(session_due_times(schedules, zone, start, end))


def due_so_far(programs, zone: ZoneInfo, spans: list[Bucket], now: datetime) -> list[datetime]:
    """Sessions the program asked for in the spans, only those already due (before now)."""
    if not spans or not programs:
        return []
    schedules = tuple(_Schedule(p.version, p.created_at, tuple(p.schedule_times),
                                tuple(p.schedule_days)) for p in programs)
    due = _due_in_range(schedules, zone, spans[0].start, spans[-1].end)
    return list(due[:bisect_left(due, now)])


@lru_cache
def _prepared_session_starts() -> Prepared:
    return Prepared(select(PracticeSession.started_at)
                    .where(PracticeSession.client_id == bindparam("client_id"),
                           PracticeSession.started_at >= bindparam("start"),
                           PracticeSession.started_at <= bindparam("end")))


def sessions_on_time(client: User, due: list[datetime], spans: list[Bucket],
                     now: datetime) -> list[datetime]:
    """Due times answered on time by a session (domain/adherence.py): the same sessions as
    adherence.session_starts reads, for one client, in a statement built once."""
    if not due:
        return []
    end = min(spans[-1].end, now)
    starts = [start for (start,) in _prepared_session_starts().rows({
        "client_id": client.id, "start": spans[0].start - ON_TIME_BEFORE,
        "end": end + ON_TIME_AFTER})]
    return on_time_due_times(due, starts)


@lru_cache
def _prepared_relief() -> Prepared:
    """Per drag (group, side, direction) of the client's sessions in a range: how many times
    better, the same, worse."""
    def count(response):
        return func.sum(case((DragTrial.response == response, 1), else_=0))

    return Prepared(
        select(DragTrial.group, DragTrial.side, DragTrial.direction,
               count("better"), count("same"), count("worse"))
        .join(PracticeSession, PracticeSession.id == DragTrial.session_id)
        .where(PracticeSession.client_id == bindparam("client_id"),
               PracticeSession.started_at >= bindparam("start"),
               PracticeSession.started_at < bindparam("end"))
        .group_by(DragTrial.group, DragTrial.side, DragTrial.direction)
        .order_by(DragTrial.group, DragTrial.side, DragTrial.direction)
    )


def relief_by_direction(client: User, start: datetime, end: datetime) -> list[dict]:
    """How often each drag (group, side, direction) made symptoms better, the same or worse."""
    rows = _prepared_relief().rows({"client_id": client.id, "start": start, "end": end})
    return [
        {"group": g, "side": s, "direction": d, "better": int(b), "same": int(m),
         "worse": int(w)}
        for g, s, d, b, m, w in rows
    ]


@lru_cache
def _prepared_flags() -> Prepared:
    acknowledger = aliased(User)
    return Prepared(
        select(*SafetyFlag.__table__.c, acknowledger.name.label("acknowledged_by_name"))
        .outerjoin(acknowledger, acknowledger.id == SafetyFlag.acknowledged_by_id)
        .where(SafetyFlag.client_id == bindparam("client_id"),
               SafetyFlag.raised_at >= bindparam("start"),
               SafetyFlag.raised_at < bindparam("end"))
        .order_by(SafetyFlag.raised_at.desc(), SafetyFlag.id.desc()))


def flags_between(client: User, start: datetime, end: datetime) -> list[dict]:
    """The client's flags raised in [start, end), newest first, as the flags list shows them
    (every column, and who acknowledged each as {id, name})."""
    rows = _prepared_flags().rows({"client_id": client.id, "start": start, "end": end})
    flags = [dict(zip(_FLAG_KEYS, row, strict=True)) for row in rows]
    for flag in flags:
        flag["acknowledged_by"] = (None if flag["acknowledged_by_id"] is None else
                                   {"id": flag["acknowledged_by_id"],
                                    "name": flag["acknowledged_by_name"]})
    return flags


_FLAG_KEYS = [column.name for column in SafetyFlag.__table__.c] + ["acknowledged_by_name"]


class _ScheduleRow(NamedTuple):
    version: int
    created_at: datetime
    schedule_times: list
    schedule_days: list


@lru_cache
def _prepared_schedules() -> Prepared:
    return Prepared(select(Program.version, Program.created_at, Program.schedule_times,
                           Program.schedule_days)
                    .where(Program.client_id == bindparam("client_id"))
                    .order_by(Program.version))


@lru_cache(maxsize=256)
def _spans(first: date, last: date, zone: ZoneInfo, bucket: str) -> list[Bucket]:
    return buckets(first, last, zone, bucket)  # frozen Buckets in a list nobody changes


def client_trends(client: User, start: date | datetime | None, end: date | datetime | None,
                  bucket: str = "day") -> dict:
    zone = ZoneInfo(client.timezone)
    first, last = resolve_range(zone, start, end)
    spans = _spans(first, last, zone, bucket)
    range_start, range_end = spans[0].start, spans[-1].end
    # The first buckets' 7-day means reach back into the 6 days before the range.
    reach_back = to_utc(local_midnight(spans[0].days[0] - timedelta(days=pain_mean.WINDOW_DAYS - 1),
                                       zone))
    by_day = _by_local_day(daily_logs_statement, client, zone, reach_back, range_end)
    log_stats = _log_stats(spans, by_day)
    now = utcnow()
    means_7d = _pain_means_7d(spans, by_day, pain_mean.today(zone, now))
    done = _sessions_done(spans, _by_local_day(_daily_sessions_statement, client, zone,
                                               range_start, range_end))
    # The schedule is all that is needed here: each version's schedule columns, not the program.
    programs = [_ScheduleRow(*row)
                for row in _prepared_schedules().rows({"client_id": client.id})]
    due = due_so_far(programs, zone, spans, now)
    planned = count_by_bucket(due, spans)
    on_time = count_by_bucket(sessions_on_time(client, due, spans, now), spans)
    empty = {"pain_mean": None, "pain_min": None, "pain_max": None, "logs": 0,
             "neuropathic_mean": None, "sensations": {}}
    series = [
        {"start": b.local_start.isoformat(), **log_stats.get(b.index, empty),
         "pain_mean_7d": means_7d.get(b.index),
         "sessions_done": done.get(b.index, 0), "sessions_planned": planned.get(b.index, 0),
         "on_time": on_time.get(b.index, 0)}
        for b in spans
    ]
    return {
        "bucket": bucket, "timezone": client.timezone,
        "from_": first.isoformat(), "to": last.isoformat(),
        "series": series,
        "relief": relief_by_direction(client, range_start, range_end),
        "flags": flags_between(client, range_start, range_end),
    }
