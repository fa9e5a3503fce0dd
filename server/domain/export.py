"""A client's own data, whole: JSON with everything, CSV of the symptom logs.

CSV cells that a spreadsheet would run as a formula (starting with = + - @, tab or carriage
return) are prefixed with an apostrophe (OWASP "CSV injection"), so a note like "=HYPERLINK(…)"
stays text.
"""

from __future__ import annotations

import csv
import io

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import PracticeSession, Program, SafetyFlag, SymptomLog, User
from . import psfs

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
LOG_COLUMNS = ("id", "recorded_at", "pain", "sensations", "neuropathic_score", "regions",
               "aggravators", "weakness", "red_flags", "notes")


def neutralise_formula(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def client_logs(client: User):
    return db.session.scalars(
        select(SymptomLog).where(SymptomLog.client_id == client.id)
        .order_by(SymptomLog.recorded_at)
    )


def logs_as_csv(client: User) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(LOG_COLUMNS)
    for log in client_logs(client):
        writer.writerow([neutralise_formula(v) for v in (
            log.id, log.recorded_at.isoformat(), log.pain, " ".join(log.sensations),
            log.neuropathic_score, " ".join(log.regions), " ".join(log.aggravators),
            "yes" if log.weakness else "no", " ".join(log.red_flags), log.notes,
        )])
    return out.getvalue()


def everything(client: User) -> dict:
    """Every record of the client's, as plain objects for the export schema."""
    return {
        "profile": client,
        "programs": list(db.session.scalars(
            select(Program).where(Program.client_id == client.id).order_by(Program.version))),
        "logs": list(client_logs(client)),
        "sessions": list(db.session.scalars(
            select(PracticeSession).where(PracticeSession.client_id == client.id)
            .order_by(PracticeSession.started_at))),
        "flags": list(db.session.scalars(
            select(SafetyFlag).where(SafetyFlag.client_id == client.id)
            .options(selectinload(SafetyFlag.acknowledged_by))
            .order_by(SafetyFlag.raised_at))),
        # The functional scale: every activity named (retired ones too) and every rating.
        "psfs": psfs.psfs_record(client, retired=True).as_dict(),
    }
