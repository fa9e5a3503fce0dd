"""Home programs: assigning a new version, reading the current one and the history."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..errors import Conflict, NotFound
from ..extensions import db
from ..models import PositionToAvoid, Program, SkinDragStep, User

_MAX_VERSION_RETRIES = 3


def current_program(client: User) -> Program | None:
    return db.session.scalar(
        select(Program).where(Program.client_id == client.id)
        .order_by(Program.version.desc()).limit(1)
    )


def require_current_program(client: User) -> Program:
    program = current_program(client)
    if program is None:
        raise NotFound("No home program has been assigned yet.")
    return program


def program_versions(client: User) -> list[Program]:
    return list(db.session.scalars(
        select(Program).where(Program.client_id == client.id).order_by(Program.version.desc())
    ))


def program_version(client: User, version: int) -> Program:
    program = db.session.scalar(
        select(Program).where(Program.client_id == client.id, Program.version == version)
    )
    if program is None:
        raise NotFound("No such program version.")
    return program


def assign_program_version(therapist: User, client: User, spec: dict) -> Program:
    """Store spec as the client's next program version; earlier versions stay as they were.

    The version number comes from MAX+1 and the unique (client, version) index; if another
    request took the same number first, the insert fails and we try the next one.
    """
    for _attempt in range(_MAX_VERSION_RETRIES):
        latest = db.session.scalar(
            select(func.max(Program.version)).where(Program.client_id == client.id)
        ) or 0
        program = _build_program(therapist, client, spec, latest + 1)
        try:
            with db.session.begin_nested():
                db.session.add(program)
            return program
        except IntegrityError:
            continue
    raise Conflict("The program was changed at the same moment; please save again.")


def _build_program(therapist: User, client: User, spec: dict, version: int) -> Program:
    breaks = spec.get("movement_breaks") or {}
    return Program(
        client_id=client.id, version=version, created_by_id=therapist.id,
        schedule_times=sorted(spec["schedule"]["times"]),
        schedule_days=list(spec["schedule"]["days"]),
        break_every_minutes=breaks.get("every_minutes"),
        break_from=breaks.get("from"), break_to=breaks.get("to"),
        notes=spec.get("notes", ""),
        steps=[SkinDragStep(position=i, **step) for i, step in enumerate(spec["steps"])],
        avoid=[PositionToAvoid(position=i, **avoid) for i, avoid in enumerate(spec["avoid"])],
    )
