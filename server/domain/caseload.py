"""The therapist's caseload: every client with the figures that say who needs attention first.

A fixed number of queries however many clients there are: each figure is one grouped query over
the therapist's clients, never one query per client.
"""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, exists, func, literal, or_, select, union_all

from ..extensions import db
from ..models import (
    CLIENT,
    ClientShare,
    PracticeSession,
    Program,
    SafetyFlag,
    SymptomLog,
    User,
    utcnow,
)
from ..models.types import UTCDateTime
from . import pain_change, pain_mean
from .adherence import on_time_due_times, reminders_sent, session_starts
from .safety import pauses
from .schedule import session_due_times
from .urgency import URGENCY_ORDER

SPARKLINE_POINTS = 20
ADHERENCE_DAYS = 7
#: A client with no log for this many days (or none since joining this long ago) is "not
#: logging": a reason for attention on the caseload, and one of its filters.
NOT_LOGGING_DAYS = 4
#: The caseload's adherence filter starts at "under this share of planned sessions done".
LOW_ADHERENCE_RATIO = 0.5


def clients_of(therapist: User):
    """The therapist's own clients and those colleagues share with them."""
    return select(User.id).where(User.role == CLIENT, or_(
        User.therapist_id == therapist.id,
        exists().where(ClientShare.client_id == User.id,
                       ClientShare.therapist_id == therapist.id)))


def _mean_windows(zones: set[str], now):
    """Per time zone: the UTC bounds of the last 7 local days (today included) and of the 7
    before, as a derived table (zone, earlier_start, recent_start, recent_end), so one grouped
    query serves a caseload spread over several zones."""
    rows = []
    for name in sorted(zones):
        zone = ZoneInfo(name)
        today = pain_mean.today(zone, now)
        earlier_start, recent_start = pain_mean.window_bounds(zone, today, 1)
        _start, recent_end = pain_mean.window_bounds(zone, today)
        rows.append(select(
            literal(name).label("zone"),
            literal(earlier_start, UTCDateTime).label("earlier_start"),
            literal(recent_start, UTCDateTime).label("recent_start"),
            literal(recent_end, UTCDateTime).label("recent_end")))
    return (union_all(*rows) if len(rows) > 1 else rows[0]).subquery("mean_windows")


def caseload(therapist: User, client_id: int | None = None) -> list[dict]:
    """Caseload rows, most in need of attention first (or the one row for client_id)."""
    now = utcnow()
    ids = clients_of(therapist)
    if client_id is not None:
        ids = ids.where(User.id == client_id)
    ids = ids.scalar_subquery()

    clients = list(db.session.scalars(select(User).where(User.id.in_(ids)).order_by(User.id)))
    if not clients:
        return []

    windows = _mean_windows({c.timezone for c in clients}, now)
    in_recent = and_(SymptomLog.recorded_at >= windows.c.recent_start,
                     SymptomLog.recorded_at < windows.c.recent_end)
    in_earlier = and_(SymptomLog.recorded_at >= windows.c.earlier_start,
                      SymptomLog.recorded_at < windows.c.recent_start)
    # COUNT and SUM skip the NULLs each CASE leaves, so one pass gives both windows' figures.
    pain = {row[0]: row[1:] for row in db.session.execute(
        select(SymptomLog.client_id, func.max(SymptomLog.recorded_at),
               func.count(case((in_recent, 1))), func.sum(case((in_recent, SymptomLog.pain))),
               func.count(case((in_earlier, 1))), func.sum(case((in_earlier, SymptomLog.pain))))
        .join(User, User.id == SymptomLog.client_id)
        .join(windows, windows.c.zone == User.timezone)
        .where(SymptomLog.client_id.in_(ids))
        .group_by(SymptomLog.client_id)
    )}

    ranked = (select(SymptomLog.client_id, SymptomLog.pain, SymptomLog.recorded_at,
                     func.row_number().over(partition_by=SymptomLog.client_id,
                                            order_by=SymptomLog.recorded_at.desc()).label("rn"))
              .where(SymptomLog.client_id.in_(ids)).subquery())
    sparks: dict[int, list[int]] = {}
    for client, value, _at in db.session.execute(
        select(ranked.c.client_id, ranked.c.pain, ranked.c.recorded_at)
        .where(ranked.c.rn <= SPARKLINE_POINTS).order_by(ranked.c.client_id,
                                                         ranked.c.recorded_at)
    ):
        sparks.setdefault(client, []).append(value)

    flags: dict[int, list[str]] = {}
    for client, urgency in db.session.execute(
        select(SafetyFlag.client_id, SafetyFlag.urgency)
        .where(SafetyFlag.client_id.in_(ids), SafetyFlag.acknowledged_at.is_(None))
    ):
        flags.setdefault(client, []).append(urgency)

    adherence_start = now - timedelta(days=ADHERENCE_DAYS)
    done = dict(db.session.execute(
        select(PracticeSession.client_id, func.count(PracticeSession.id))
        .where(PracticeSession.client_id.in_(ids), PracticeSession.started_at >= adherence_start,
               PracticeSession.started_at <= now)
        .group_by(PracticeSession.client_id)
    ).all())

    paused = pauses(ids)
    starts = session_starts(ids, adherence_start, now)
    reminded = reminders_sent(ids, adherence_start, now)

    programs: dict[int, list[Program]] = {}
    for program in db.session.scalars(
        select(Program).where(Program.client_id.in_(ids)).order_by(Program.client_id,
                                                                    Program.version)
    ):
        programs.setdefault(program.client_id, []).append(program)

    found_outcomes = pain_change.outcomes(clients, now, versions={
        client_id: [(p.version, p.created_at) for p in versions]
        for client_id, versions in programs.items()})

    rows = []
    for client in clients:
        last_log_at, *sums = pain.get(client.id, (None, 0, 0, 0, 0))
        recent = pain_mean.exact_mean(sums[1], sums[0])
        earlier = pain_mean.exact_mean(sums[3], sums[2])
        client_programs = programs.get(client.id, [])
        due = list(session_due_times(
            client_programs, ZoneInfo(client.timezone), adherence_start, now))
        planned = len(due)
        sessions_done = done.get(client.id, 0)
        open_urgencies = flags.get(client.id, [])
        rows.append({
            "id": client.id, "name": client.name, "email": client.email,
            "timezone": client.timezone, "created_at": client.created_at,
            "last_log_at": last_log_at,
            "not_logging": not_logging(last_log_at, client.created_at, now),
            "pain_mean_7d": pain_mean.rounded(recent),
            "pain_change_7d": pain_mean.rounded(recent - earlier) if recent is not None
            and earlier is not None else None,
            # The same change classified as IMMPACT does: only a meaningful one is coloured.
            "pain_change_7d_category": pain_change.classify(earlier, recent).category
            if recent is not None and earlier is not None else None,
            "adherence": {"done": sessions_done, "planned": planned,
                          "ratio": round(min(sessions_done / planned, 1.0), 2) if planned
                          else None,
                          "on_time": len(on_time_due_times(due, starts.get(client.id, []))),
                          "reminders_sent": reminded.get(client.id, 0)},
            "open_flags": len(open_urgencies),
            "top_urgency": min(open_urgencies, key=URGENCY_ORDER.__getitem__)
            if open_urgencies else None,
            "recent_pain": sparks.get(client.id, []),
            "program_version": client_programs[-1].version if client_programs else None,
            "paused": paused.get(client.id),
            "phone": client.phone,
            "status": client.status,
            "discharged_at": client.discharged_at,
            "closed_at": client.closed_at,
            "erase_after": client.erase_after,
            "shared_with_me": client.therapist_id != therapist.id,
            "outcome": found_outcomes[client.id].as_dict(),
        })
    rows.sort(key=_attention_order)
    return rows


def not_logging(last_log_at, joined_at, now) -> bool:
    """No log for NOT_LOGGING_DAYS days, or none since joining at least that long ago."""
    since = last_log_at if last_log_at is not None else joined_at
    return since is not None and now - since >= timedelta(days=NOT_LOGGING_DAYS)


def _attention_order(row: dict):
    """Most urgent open flag first, then clients not logging (someone who never logs must not
    sink to the bottom for want of figures), then the steepest rise in pain, then the highest
    pain. The workspace says this rule in one line above the list."""
    urgency = URGENCY_ORDER.get(row["top_urgency"], len(URGENCY_ORDER))
    change = row["pain_change_7d"] if row["pain_change_7d"] is not None else -99
    mean = row["pain_mean_7d"] if row["pain_mean_7d"] is not None else -1
    return (urgency, not row["not_logging"], -change, -mean, row["name"].lower())
