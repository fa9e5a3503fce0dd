"""Safety flags: what is raised for the therapist, and when.

Any red flag is acted on at once (domain.md: red flags are safety-netting, so every "yes" is
told to the therapist). Weakness is not explained by a purely sensory nerve, so it is flagged too.
A pain of 8 or more, a rise of 2 or more during a session, and a 7-day mean 2 or more above the
week before (a sensitising nerve) are alerts for review.
"""

from __future__ import annotations

from datetime import timedelta
from functools import lru_cache

from sqlalchemy import and_, case, func, insert, select

from ..extensions import db
from ..models import SafetyFlag, SymptomLog, User, utcnow
from ..models.safety import HIGH_PAIN, RED_FLAG, RISING_TREND, SESSION_RISE, WEAKNESS
from .vocabulary import RED_FLAG_URGENCY, REVIEW, SAME_DAY

HIGH_PAIN_THRESHOLD = 8
SESSION_RISE_THRESHOLD = 2
RISING_TREND_THRESHOLD = 2.0
#: The rising-trend check compares the last 7 days with the 7 before.
RISING_TREND_WINDOW = timedelta(days=14)


def flags_for_log(client: User, log: dict) -> list[SafetyFlag]:
    """Flags for one symptom log, as validated by SymptomLogSchema."""
    log_id = log["id"]
    flags = [
        SafetyFlag(client_id=client.id, kind=RED_FLAG, code=code,
                   urgency=RED_FLAG_URGENCY[code], log_id=log_id)
        for code in log["red_flags"]
    ]
    if log["weakness"]:
        flags.append(SafetyFlag(client_id=client.id, kind=WEAKNESS, urgency=SAME_DAY,
                                log_id=log_id))
    if log["pain"] >= HIGH_PAIN_THRESHOLD:
        flags.append(SafetyFlag(client_id=client.id, kind=HIGH_PAIN, urgency=REVIEW,
                                log_id=log_id))
    return flags


def flags_for_session(client: User, session: dict) -> list[SafetyFlag]:
    """Flags for one practice session, as validated by PracticeSessionSchema."""
    before, after = session["pain_before"], session["pain_after"]
    flags = []
    if before is not None and after is not None and after - before >= SESSION_RISE_THRESHOLD:
        flags.append(SafetyFlag(client_id=client.id, kind=SESSION_RISE, urgency=REVIEW,
                                session_id=session["id"]))
    if after is not None and after >= HIGH_PAIN_THRESHOLD:
        flags.append(SafetyFlag(client_id=client.id, kind=HIGH_PAIN, urgency=REVIEW,
                                session_id=session["id"]))
    return flags


def raise_safety_flags(flags: list[SafetyFlag]) -> list[SafetyFlag]:
    """Store the flags in one INSERT: a batch of logs may raise many, and flushing them as ORM
    objects one by one cost more than storing the logs themselves."""
    if flags:
        db.session.connection().execute(_insert_flags(), [
            {"client_id": f.client_id, "kind": f.kind, "code": f.code or "",
             "urgency": f.urgency, "log_id": f.log_id, "session_id": f.session_id}
            for f in flags])
    return flags


@lru_cache
def _insert_flags():
    return insert(SafetyFlag.__table__)  # raised_at: the column's own default, now


def check_rising_trend(client: User) -> SafetyFlag | None:
    """Raise one open rising-trend flag when this week's mean pain is well above last week's."""
    now = utcnow()
    week, fortnight = now - timedelta(days=7), now - RISING_TREND_WINDOW
    # AVG skips NULLs, so each CASE averages only its own week.
    recent = func.avg(case((SymptomLog.recorded_at >= week, SymptomLog.pain)))
    earlier = func.avg(case((SymptomLog.recorded_at < week, SymptomLog.pain)))
    row = db.session.execute(
        select(recent, earlier).where(SymptomLog.client_id == client.id,
                                      SymptomLog.recorded_at >= fortnight,
                                      SymptomLog.recorded_at <= now)
    ).one()
    if row[0] is None or row[1] is None or float(row[0]) - float(row[1]) < RISING_TREND_THRESHOLD:
        return None
    already_open = db.session.scalar(select(SafetyFlag.id).where(and_(
        SafetyFlag.client_id == client.id, SafetyFlag.kind == RISING_TREND,
        SafetyFlag.acknowledged_at.is_(None))).limit(1))
    if already_open:
        return None
    flag = SafetyFlag(client_id=client.id, kind=RISING_TREND, urgency=REVIEW)
    db.session.add(flag)
    db.session.flush()
    return flag


def open_flags(client: User) -> list[SafetyFlag]:
    return list(db.session.scalars(
        select(SafetyFlag).where(SafetyFlag.client_id == client.id,
                                 SafetyFlag.acknowledged_at.is_(None))
        .order_by(SafetyFlag.raised_at.desc())
    ))


def acknowledge_flag(therapist: User, flag: SafetyFlag) -> SafetyFlag:
    if flag.acknowledged_at is None:
        flag.acknowledged_at = utcnow()
        flag.acknowledged_by_id = therapist.id
        db.session.flush()
    return flag
