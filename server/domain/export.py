"""A client's data, whole, as plain objects for the JSON export (the CSV is csv_export.py, the
FHIR bundle fhir_export.py)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..models import PracticeSession, Program, SafetyFlag, SymptomLog, User
from . import psfs


def everything(client: User) -> dict:
    """Every record of the client's, as plain objects for the export schema."""
    return {
        "profile": client,
        "programs": list(db.session.scalars(
            select(Program).where(Program.client_id == client.id).order_by(Program.version))),
        "logs": list(db.session.scalars(
            select(SymptomLog).where(SymptomLog.client_id == client.id)
            .order_by(SymptomLog.recorded_at))),
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
