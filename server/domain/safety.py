"""Safety flags: what is raised for the therapist and when, the pause it puts on self-massage,
and the therapist's acknowledgement.

Any red flag is acted on at once (domain.md: red flags are safety-netting, so every "yes" is
told to the therapist). Weakness is not explained by a purely sensory nerve, so it is flagged
too, same day. A pain of 8 or more and a rise of 2 or more during a session alert for review;
the sensitisation watch (watch.py) adds its own. Raising any flag queues the therapist's alert
in the same transaction (server/notify/alerts.py). A flag never closes by itself: only the
therapist's acknowledgement does, once, with a note of what was done where the tier asks for one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from ..errors import Conflict, InvalidInput
from ..extensions import db
from ..models import SafetyFlag, User, utcnow
from ..notify import alerts
from ..prepared import insert_rows
from .urgency import (
    NOTE_REQUIRED_TIERS,
    PAUSING_TIERS,
    RED_FLAG_URGENCY,
    REVIEW,
    WEAKNESS_URGENCY,
    advice_tier,
    most_urgent,
)
from .vocabulary import HIGH_PAIN, RED_FLAG, SESSION_RISE, WEAKNESS

#: A pain score this high (0-10) alerts the therapist.
HIGH_PAIN_THRESHOLD = 8
#: Pain after a session this many points above pain before it alerts the therapist.
SESSION_RISE_THRESHOLD = 2
#: The longest acknowledgement note.
NOTE_MAX_LENGTH = 2000

OPEN = "open"
ALL = "all"
FLAG_STATES = (OPEN, ALL)


def _flag(client: User, kind: str, urgency: str, *, code: str = "", told: str | None = None,
          log_id=None, session_id=None) -> dict:
    """A flag to raise, as the row raise_safety_flags stores."""
    return {"client_id": client.id, "kind": kind, "code": code, "urgency": urgency,
            "told_client": told, "log_id": log_id, "session_id": session_id}


def flags_for_log(client: User, log: dict) -> list[dict]:
    """Flags for one symptom log, as validated by SymptomLogSchema."""
    log_id = log["id"]
    # The client's app shows one notice per log, for its most urgent answer (urgency.py).
    told = advice_tier(log["red_flags"], log["weakness"])
    flags = [_flag(client, RED_FLAG, RED_FLAG_URGENCY[code], code=code, told=told,
                   log_id=log_id) for code in log["red_flags"]]
    if log["weakness"]:
        flags.append(_flag(client, WEAKNESS, WEAKNESS_URGENCY, told=told, log_id=log_id))
    if log["pain"] >= HIGH_PAIN_THRESHOLD:
        flags.append(_flag(client, HIGH_PAIN, REVIEW, log_id=log_id))
    return flags


def flags_for_session(client: User, session: dict) -> list[dict]:
    """Flags for one practice session, as validated by PracticeSessionSchema."""
    before, after = session["pain_before"], session["pain_after"]
    flags = []
    if before is not None and after is not None and after - before >= SESSION_RISE_THRESHOLD:
        flags.append(_flag(client, SESSION_RISE, REVIEW, session_id=session["id"]))
    if after is not None and after >= HIGH_PAIN_THRESHOLD:
        flags.append(_flag(client, HIGH_PAIN, REVIEW, session_id=session["id"]))
    return flags


def raise_safety_flags(flags: list[dict]) -> bool:
    """Store the flags (flags_for_log, flags_for_session) in one INSERT (a batch of logs may
    raise many, and flushing them as ORM objects one by one cost more than storing the logs
    themselves) and queue their therapist's alerts; returns whether an alert can reach the
    therapist (notify.alerts.queue_flag_alerts). What the alerts need comes back from the
    INSERT (RETURNING), in id order."""
    if not flags:
        return False
    now = utcnow()
    stored = insert_rows(SafetyFlag.__table__, [flag | {"raised_at": now} for flag in flags],
                         returning=("id", "client_id", "urgency"))
    return alerts.queue_flag_alerts(sorted(_Raised(*row) for row in stored))


class _Raised(NamedTuple):
    """A flag just stored, as its alerts need it."""

    id: int
    client_id: int
    urgency: str


def client_flags(client: User, state: str = OPEN) -> list[SafetyFlag]:
    """The client's flags, newest first: the open ones, or all of them."""
    statement = (select(SafetyFlag).where(SafetyFlag.client_id == client.id)
                 .options(selectinload(SafetyFlag.acknowledged_by))
                 .order_by(SafetyFlag.raised_at.desc(), SafetyFlag.id.desc()))
    if state == OPEN:
        statement = statement.where(SafetyFlag.acknowledged_at.is_(None))
    return list(db.session.scalars(statement))


def open_flags(client: User) -> list[SafetyFlag]:
    return client_flags(client, OPEN)


def acknowledge_flag(therapist: User, flag: SafetyFlag, note: str | None = None) -> SafetyFlag:
    """Record that the therapist has seen the flag and what was done about it.

    The first acknowledgement stands: a second one is a conflict (409), decided by a conditional
    UPDATE, so two therapists acknowledging at the same moment cannot both succeed. Emergency
    and same-day flags need a note (422 on errors.note)."""
    note = (note or "").strip() or None
    if flag.acknowledged_at is not None:
        raise Conflict("This flag was already acknowledged; the first acknowledgement stands.")
    if flag.urgency in NOTE_REQUIRED_TIERS and note is None:
        raise InvalidInput(errors={"note": [
            "Say what was done: a note is needed to acknowledge an emergency or same-day flag."]})
    done = db.session.execute(
        update(SafetyFlag).where(SafetyFlag.id == flag.id, SafetyFlag.acknowledged_at.is_(None))
        .values(acknowledged_at=utcnow(), acknowledged_by_id=therapist.id, note=note)
        .execution_options(synchronize_session=False))
    if done.rowcount != 1:
        raise Conflict("This flag was already acknowledged; the first acknowledgement stands.")
    db.session.refresh(flag)
    return flag


@dataclass(frozen=True)
class Pause:
    """No self-massage on any device (domain.md): since the earliest open pausing flag, why
    (its red-flag code, or "weakness"), and the most urgent open tier."""

    since: datetime
    reason: str
    urgency: str


def pause_from(flags: Iterable[SafetyFlag]) -> Pause | None:
    """The pause these open flags put on, if any (the flags of one client)."""
    pausing = sorted((f for f in flags if f.acknowledged_at is None
                      and f.urgency in PAUSING_TIERS), key=lambda f: (f.raised_at, f.id))
    if not pausing:
        return None
    first = pausing[0]
    return Pause(since=first.raised_at, reason=first.code or first.kind,
                 urgency=most_urgent(f.urgency for f in pausing))


def pauses(client_ids) -> dict[int, Pause]:
    """Each paused client's pause, in one query (the caseload)."""
    found: dict[int, list[SafetyFlag]] = {}
    for flag in db.session.scalars(select(SafetyFlag).where(
            SafetyFlag.client_id.in_(client_ids), SafetyFlag.acknowledged_at.is_(None),
            SafetyFlag.urgency.in_(PAUSING_TIERS))):
        found.setdefault(flag.client_id, []).append(flag)
    return {client_id: pause_from(flags) for client_id, flags in found.items()}


def pause(client: User) -> Pause | None:
    """The client's pause, or None: self-massage is offered."""
    return pauses([client.id]).get(client.id)


def raise_unless_open(flags: list[SafetyFlag]) -> tuple[list[SafetyFlag], bool]:
    """Raise each flag unless one of its kind and code is already open for the client; return
    (the flags raised, whether an alert can reach the therapist).

    "Only one open" is the partial unique index uq_safety_flags_open_watch, not a look first: each
    flag is inserted in a savepoint and a clash is caught, so two uploads at the same moment on
    two connections raise one flag between them (on PostgreSQL the second insert waits for the
    first transaction and then finds the flag there)."""
    raised = []
    for flag in flags:
        try:
            with db.session.begin_nested():
                db.session.add(flag)
        except IntegrityError:
            continue  # already open: the savepoint's rollback leaves the rest of the batch
        raised.append(flag)
    return raised, alerts.queue_flag_alerts(raised)
