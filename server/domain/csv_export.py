"""CSV of one client's symptom logs, practice sessions or safety flags, made to open right in a
spreadsheet: UTF-8 with a byte-order mark (without it, Excel on Windows reads "café" as
"cafÃ©"), each time in UTC and in the client's own local time beside it, plain words beside
each code (vocabulary.py), one row per record, oldest first.

Cells that a spreadsheet would run as a formula (starting with = + - @, tab or carriage return)
are prefixed with an apostrophe (OWASP "CSV injection"), so a note like "=HYPERLINK(…)" stays text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import PracticeSession, SafetyFlag, SymptomLog, User
from .vocabulary import (
    ACTIVITY_WORDS,
    FLAG_KIND_WORDS,
    RED_FLAG_WORDS,
    REGION_WORDS,
    RESPONSE_WORDS,
    SENSATION_WORDS,
    URGENCY_WORDS,
    drag_words,
    flag_words,
    words,
)

#: What a client's CSV can hold; logs unless asked otherwise.
LOGS, SESSIONS, FLAGS = "logs", "sessions", "flags"
RECORD_KINDS = (LOGS, SESSIONS, FLAGS)
BYTE_ORDER_MARK = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Local times as a spreadsheet reads a date and time (no offset: the timezone column says it).
LOCAL_FORMAT = "%Y-%m-%d %H:%M"

LOG_COLUMNS = ("id", "recorded_at", "recorded_local", "timezone", "pain", "sensations",
               "sensations_words", "neuropathic_score", "regions", "regions_words",
               "aggravators", "aggravators_words", "weakness", "red_flags", "red_flags_words",
               "notes")
SESSION_COLUMNS = ("id", "started_at", "started_local", "ended_at", "ended_local", "timezone",
                   "program_version", "pain_before", "pain_after", "stopped_early", "drags",
                   "drags_words")
FLAG_COLUMNS = ("id", "raised_at", "raised_local", "timezone", "kind", "kind_words", "code",
                "about", "urgency", "urgency_words", "told_client", "acknowledged_at",
                "acknowledged_local", "acknowledged_by", "note")


def neutralise_formula(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _utc(instant: datetime | None) -> str:
    return "" if instant is None else instant.isoformat()


def _local(instant: datetime | None, zone: ZoneInfo) -> str:
    return "" if instant is None else instant.astimezone(zone).strftime(LOCAL_FORMAT)


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _log_rows(client: User, zone: ZoneInfo) -> Iterable[tuple]:
    logs = db.session.scalars(select(SymptomLog).where(SymptomLog.client_id == client.id)
                              .order_by(SymptomLog.recorded_at, SymptomLog.id))
    for log in logs:
        yield (log.id, _utc(log.recorded_at), _local(log.recorded_at, zone), client.timezone,
               log.pain, " ".join(log.sensations), words(SENSATION_WORDS, log.sensations),
               log.neuropathic_score, " ".join(log.regions), words(REGION_WORDS, log.regions),
               " ".join(log.aggravators), words(ACTIVITY_WORDS, log.aggravators),
               _yes_no(log.weakness), " ".join(log.red_flags),
               words(RED_FLAG_WORDS, log.red_flags), log.notes)


def _session_rows(client: User, zone: ZoneInfo) -> Iterable[tuple]:
    sessions = db.session.scalars(
        select(PracticeSession).where(PracticeSession.client_id == client.id)
        .order_by(PracticeSession.started_at, PracticeSession.id))
    for session in sessions:
        drags = session.drags
        yield (session.id, _utc(session.started_at), _local(session.started_at, zone),
               _utc(session.ended_at), _local(session.ended_at, zone), client.timezone,
               session.program_version, session.pain_before, session.pain_after,
               _yes_no(session.stopped_early),
               " ".join(f"{d.group}/{d.side}/{d.direction}:{d.response}" for d in drags),
               "; ".join(f"{drag_words(d.group, d.side, d.direction)} "
                         f"({RESPONSE_WORDS.get(d.response, d.response).lower()})"
                         for d in drags))


def _flag_rows(client: User, zone: ZoneInfo) -> Iterable[tuple]:
    flags = db.session.scalars(
        select(SafetyFlag).where(SafetyFlag.client_id == client.id)
        .options(selectinload(SafetyFlag.acknowledged_by))
        .order_by(SafetyFlag.raised_at, SafetyFlag.id))
    for flag in flags:
        yield (flag.id, _utc(flag.raised_at), _local(flag.raised_at, zone), client.timezone,
               flag.kind, FLAG_KIND_WORDS.get(flag.kind, flag.kind), flag.code,
               flag_words(flag.kind, flag.code), flag.urgency,
               URGENCY_WORDS.get(flag.urgency, flag.urgency), flag.told_client or "",
               _utc(flag.acknowledged_at), _local(flag.acknowledged_at, zone),
               flag.acknowledged_by.name if flag.acknowledged_by else "", flag.note or "")


_TABLES: dict[str, tuple[tuple[str, ...], Callable[[User, ZoneInfo], Iterable[tuple]]]] = {
    LOGS: (LOG_COLUMNS, _log_rows),
    SESSIONS: (SESSION_COLUMNS, _session_rows),
    FLAGS: (FLAG_COLUMNS, _flag_rows),
}


def records_as_csv(client: User, kind: str = LOGS) -> str:
    """The client's records of one kind as CSV text, byte-order mark first."""
    columns, rows = _TABLES[kind]
    out = io.StringIO()
    out.write(BYTE_ORDER_MARK)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows(client, ZoneInfo(client.timezone)):
        writer.writerow([neutralise_formula(value) for value in row])
    return out.getvalue()
