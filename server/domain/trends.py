"""Symptom trends for one client, counted in SQL and bucketed by the client's local day or ISO
week.

The database groups the client's rows in range (read through the (client_id, time) index) by
local day, in a statement whose text does not depend on the range's length, so it is compiled
once and cached; days are folded into ISO weeks here from per-day sums, counts, minima and maxima,
which keeps weekly means exact. The range's UTC bounds come from zoneinfo (see calendar_days), so
every IANA zone is right on SQLite as on PostgreSQL, half-hour offsets and 23/25-hour days too.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Date, case, cast, func, select

from ..errors import InvalidInput
from ..extensions import db
from ..models import (
    DragTrial,
    PracticeSession,
    Program,
    SafetyFlag,
    SymptomLog,
    User,
    utcnow,
)
from ..models.logs import NEUROPATHIC_SENSATIONS, SENSATIONS, sensation_column
from .adherence import on_time_due_times, session_starts
from .calendar_days import Bucket, buckets, local_date, utc_offsets
from .schedule import session_due_times

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


def _local_day(column, zone: ZoneInfo, start: datetime, end: datetime):
    """SQL for the client's local date of an instant column, for instants in [start, end).

    PostgreSQL converts with the zone itself. SQLite knows no zones, so the instant is shifted
    by the UTC offset in force, with one CASE arm per daylight-saving change in the range.
    Either way the SQL text does not grow with the range, so its compiled form is cached."""
    if db.session.get_bind().dialect.name == "postgresql":
        return cast(func.timezone(zone.key, column), Date)
    segments = utc_offsets(zone, start, end)
    shifts = [f"{int(offset.total_seconds()):+d} seconds" for _since, offset in segments]
    if len(segments) == 1:
        return func.date(column, shifts[0], type_=Date)
    shift = case(*[(column < since, shifts[i]) for i, (since, _offset) in enumerate(segments[1:])],
                 else_=shifts[-1])
    return func.date(column, shift, type_=Date)


def _flag(code):
    return case((getattr(SymptomLog, sensation_column(code)), 1), else_=0)


def _log_stats_by_day(client: User, zone: ZoneInfo, start: datetime,
                      end: datetime) -> dict[date, tuple]:
    """Per local day: (count, pain sum, min, max, nerve-pain descriptor sum, sensation sums).
    Sums rather than means, so days fold into weeks exactly."""
    rows = (
        select(_local_day(SymptomLog.recorded_at, zone, start, end).label("day"),
               SymptomLog.pain.label("pain"),
               sum(_flag(code) for code in NEUROPATHIC_SENSATIONS).label("neuropathic"),
               *[_flag(code).label(f"s{i}") for i, code in enumerate(SENSATIONS)])
        .where(SymptomLog.client_id == client.id, SymptomLog.recorded_at >= start,
               SymptomLog.recorded_at < end)
        .subquery()
    )
    statement = (
        select(rows.c.day, func.count(), func.sum(rows.c.pain), func.min(rows.c.pain),
               func.max(rows.c.pain), func.sum(rows.c.neuropathic),
               *[func.sum(rows.c[f"s{i}"]) for i in range(len(SENSATIONS))])
        .group_by(rows.c.day)
    )
    return {day: tuple(rest) for day, *rest in db.session.execute(statement)}


def _log_stats(spans: list[Bucket], by_day: dict[date, tuple]) -> dict[int, dict]:
    """Fold per-day figures into each bucket's pain mean/min/max, counts and sensations."""
    stats = {}
    for bucket in spans:
        days = [by_day[day] for day in bucket.days if day in by_day]
        if not days:
            continue
        count = sum(d[0] for d in days)
        sensations = [sum(int(d[5 + i]) for d in days) for i in range(len(SENSATIONS))]
        stats[bucket.index] = {
            "pain_mean": round(sum(int(d[1]) for d in days) / count, 2),
            "pain_min": min(d[2] for d in days), "pain_max": max(d[3] for d in days),
            "logs": count, "neuropathic_mean": round(sum(int(d[4]) for d in days) / count, 2),
            "sensations": {code: n for code, n in zip(SENSATIONS, sensations, strict=True) if n},
        }
    return stats


def _sessions_done(client: User, zone: ZoneInfo, spans: list[Bucket]) -> dict[int, int]:
    start, end = spans[0].start, spans[-1].end
    rows = (
        select(_local_day(PracticeSession.started_at, zone, start, end).label("day"))
        .where(PracticeSession.client_id == client.id, PracticeSession.started_at >= start,
               PracticeSession.started_at < end)
        .subquery()
    )
    by_day = dict(db.session.execute(select(rows.c.day, func.count()).group_by(rows.c.day)).all())
    return {b.index: n for b in spans if (n := sum(by_day.get(day, 0) for day in b.days))}


def count_by_bucket(instants, spans: list[Bucket]) -> Counter:
    """How many of the instants (in time order, all inside the spans) fall in each bucket."""
    counts = Counter()
    index = 0
    for instant in instants:
        while spans[index].end <= instant:
            index += 1
        counts[spans[index].index] += 1
    return counts


def due_so_far(programs: list[Program], zone: ZoneInfo, spans: list[Bucket],
               now: datetime) -> list[datetime]:
    """Sessions the program asked for in the spans, only those already due."""
    if not spans or not programs:
        return []
    return list(session_due_times(programs, zone, spans[0].start, min(spans[-1].end, now)))


def sessions_on_time(client: User, due: list[datetime], spans: list[Bucket],
                     now: datetime) -> list[datetime]:
    """Due times answered on time by a session (domain/adherence.py)."""
    if not due:
        return []
    end = min(spans[-1].end, now)
    starts = session_starts([client.id], spans[0].start, end).get(client.id, [])
    return on_time_due_times(due, starts)


def relief_by_direction(client: User, start: datetime, end: datetime) -> list[dict]:
    """How often each drag (group, side, direction) made symptoms better, the same or worse."""
    def count(response):
        return func.sum(case((DragTrial.response == response, 1), else_=0))

    statement = (
        select(DragTrial.group, DragTrial.side, DragTrial.direction,
               count("better"), count("same"), count("worse"))
        .join(PracticeSession, PracticeSession.id == DragTrial.session_id)
        .where(PracticeSession.client_id == client.id, PracticeSession.started_at >= start,
               PracticeSession.started_at < end)
        .group_by(DragTrial.group, DragTrial.side, DragTrial.direction)
        .order_by(DragTrial.group, DragTrial.side, DragTrial.direction)
    )
    return [
        {"group": g, "side": s, "direction": d, "better": int(b), "same": int(m),
         "worse": int(w)}
        for g, s, d, b, m, w in db.session.execute(statement)
    ]


def flags_between(client: User, start: datetime, end: datetime) -> list[SafetyFlag]:
    return list(db.session.scalars(
        select(SafetyFlag).where(SafetyFlag.client_id == client.id,
                                 SafetyFlag.raised_at >= start, SafetyFlag.raised_at < end)
        .order_by(SafetyFlag.raised_at.desc())
    ))


def client_trends(client: User, start: date | datetime | None, end: date | datetime | None,
                  bucket: str = "day") -> dict:
    zone = ZoneInfo(client.timezone)
    first, last = resolve_range(zone, start, end)
    spans = buckets(first, last, zone, bucket)
    range_start, range_end = spans[0].start, spans[-1].end
    log_stats = _log_stats(spans, _log_stats_by_day(client, zone, range_start, range_end))
    done = _sessions_done(client, zone, spans)
    programs = list(db.session.scalars(
        select(Program).where(Program.client_id == client.id).order_by(Program.version)))
    now = utcnow()
    due = due_so_far(programs, zone, spans, now)
    planned = count_by_bucket(due, spans)
    on_time = count_by_bucket(sessions_on_time(client, due, spans, now), spans)
    empty = {"pain_mean": None, "pain_min": None, "pain_max": None, "logs": 0,
             "neuropathic_mean": None, "sensations": {}}
    series = [
        {"start": b.local_start.isoformat(), **log_stats.get(b.index, empty),
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
