"""Symptom trends for one client, counted in SQL and bucketed by the client's local day or ISO
week.

The bucket bounds are computed here with zoneinfo (see calendar_days) and joined in SQL as a small
derived table, so grouping is right in every IANA zone on SQLite as on PostgreSQL, while the
database only reads the client's rows in range through the (client_id, time) index.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Integer, and_, case, column, func, select, values

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
from ..models.logs import NEUROPATHIC_SENSATIONS, SENSATIONS, sensation_column
from .adherence import on_time_due_times, session_starts
from .calendar_days import Bucket, buckets, local_date
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


def _bucket_table(spans: list[Bucket]):
    """The buckets as a derived table (idx, start, end) for a range join.

    A VALUES list in a CTE, not a UNION ALL of one-row SELECTs: SQLite refuses a compound SELECT
    of more than 500 terms, and a day-bucketed range may hold up to MAX_DAYS buckets."""
    return values(
        column("idx", Integer), column("start_at", UTCDateTime), column("end_at", UTCDateTime),
        name="buckets",
    ).data([(b.index, b.start, b.end) for b in spans]).cte("buckets")


def _in_bucket(column, table):
    return and_(column >= table.c.start_at, column < table.c.end_at)


def _log_stats(client: User, spans: list[Bucket]) -> dict[int, dict]:
    table = _bucket_table(spans)
    sensation_sums = [
        func.sum(case((getattr(SymptomLog, sensation_column(code)), 1), else_=0)).label(code)
        for code in SENSATIONS
    ]
    neuropathic = sum(
        case((getattr(SymptomLog, sensation_column(code)), 1), else_=0)
        for code in NEUROPATHIC_SENSATIONS
    )
    statement = (
        select(table.c.idx, func.avg(SymptomLog.pain), func.min(SymptomLog.pain),
               func.max(SymptomLog.pain), func.count(SymptomLog.id), func.avg(neuropathic),
               *sensation_sums)
        .select_from(table)
        .join(SymptomLog, and_(SymptomLog.client_id == client.id,
                               _in_bucket(SymptomLog.recorded_at, table)))
        .group_by(table.c.idx)
    )
    stats = {}
    for row in db.session.execute(statement):
        idx, mean, low, high, count, neuro, *sensations = row
        stats[idx] = {
            "pain_mean": round(float(mean), 2), "pain_min": low, "pain_max": high,
            "logs": count, "neuropathic_mean": round(float(neuro), 2),
            "sensations": {code: int(n) for code, n in zip(SENSATIONS, sensations, strict=True)
                           if n},
        }
    return stats


def _sessions_done(client: User, spans: list[Bucket]) -> dict[int, int]:
    table = _bucket_table(spans)
    statement = (
        select(table.c.idx, func.count(PracticeSession.id)).select_from(table)
        .join(PracticeSession, and_(PracticeSession.client_id == client.id,
                                    _in_bucket(PracticeSession.started_at, table)))
        .group_by(table.c.idx)
    )
    return dict(db.session.execute(statement).all())


def sessions_planned(programs: list[Program], zone: ZoneInfo, spans: list[Bucket],
                     now: datetime) -> dict[int, int]:
    """Sessions the program asked for in each bucket, counting only those already due."""
    planned = Counter()
    if not spans or not programs:
        return planned
    due = session_due_times(programs, zone, spans[0].start, min(spans[-1].end, now))
    index = 0
    for instant in due:
        while spans[index].end <= instant:
            index += 1
        planned[spans[index].index] += 1
    return planned


def sessions_on_time(client: User, programs: list[Program], zone: ZoneInfo,
                     spans: list[Bucket], now: datetime) -> dict[int, int]:
    """Planned sessions answered on time (domain/adherence.py), by the bucket of the due time."""
    on_time = Counter()
    if not spans or not programs:
        return on_time
    end = min(spans[-1].end, now)
    due = list(session_due_times(programs, zone, spans[0].start, end))
    starts = session_starts([client.id], spans[0].start, end).get(client.id, [])
    index = 0
    for instant in on_time_due_times(due, starts):
        while spans[index].end <= instant:
            index += 1
        on_time[spans[index].index] += 1
    return on_time


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
    log_stats = _log_stats(client, spans)
    done = _sessions_done(client, spans)
    programs = list(db.session.scalars(
        select(Program).where(Program.client_id == client.id).order_by(Program.version)))
    planned = sessions_planned(programs, zone, spans, utcnow())
    on_time = sessions_on_time(client, programs, zone, spans, utcnow())
    empty = {"pain_mean": None, "pain_min": None, "pain_max": None, "logs": 0,
             "neuropathic_mean": None, "sensations": {}}
    series = [
        {"start": b.local_start.isoformat(), **log_stats.get(b.index, empty),
         "sessions_done": done.get(b.index, 0), "sessions_planned": planned.get(b.index, 0),
         "on_time": on_time.get(b.index, 0)}
        for b in spans
    ]
    range_start, range_end = spans[0].start, spans[-1].end
    return {
        "bucket": bucket, "timezone": client.timezone,
        "from_": first.isoformat(), "to": last.isoformat(),
        "series": series,
        "relief": relief_by_direction(client, range_start, range_end),
        "flags": flags_between(client, range_start, range_end),
    }
