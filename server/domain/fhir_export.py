"""One client's record as a FHIR R4 Bundle (type "collection", JSON): the Patient and their
therapist (a Practitioner, the CarePlans' author), each symptom log's pain score as an
Observation (LOINC 72514-3, valueInteger 0-10, the time with the client's own UTC offset),
each program version as a CarePlan whose activities are its skin-drag steps
(SNOMED 229065009, exercise therapy, with the schedule as a Timing), and the client's PSFS
ratings as QuestionnaireResponses when there are any.

Resources refer to each other by their bundle entry's fullUrl (urn:uuid:…); the uuids are derived
from our own ids, so exporting twice gives the same references.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from ..extensions import db
from ..models import Program, SymptomLog, User, utcnow
from . import standards
from .psfs import PsfsRecord, psfs_record
from .vocabulary import (
    ACTIVITY_WORDS,
    CONTACT_WORDS,
    DIRECTION_WORDS,
    NERVE_GROUP_WORDS,
    SENSATION_WORDS,
    SIDE_WORDS,
    words,
)

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, standards.ID_SYSTEM)


def _urn(kind: str, key) -> str:
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{kind}/{key}')}"


def _local(instant: datetime, zone: ZoneInfo) -> str:
    """An instant as FHIR dateTime in the client's own time, with its offset ("Z" for zero, as
    FHIR libraries write it back)."""
    text = instant.astimezone(zone).isoformat(timespec="seconds")
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _identifier(kind: str, value) -> list[dict]:
    return [{"system": f"{standards.ID_SYSTEM}:{kind}", "value": str(value)}]


def patient(client: User) -> dict:
    resource = {
        "resourceType": "Patient",
        "identifier": _identifier("client", client.id),
        "active": client.closed_at is None,
        "name": [{"text": client.name}],
    }
    if client.email:
        resource["telecom"] = [{"system": "email", "value": client.email}]
    if client.phone:
        resource.setdefault("telecom", []).append({"system": "phone", "value": client.phone})
    return resource


def practitioner(therapist: User) -> dict:
    """The client's therapist, by name only (their contact details are the clinic's to give)."""
    return {"resourceType": "Practitioner", "identifier": _identifier("therapist", therapist.id),
            "name": [{"text": therapist.name}]}


def pain_observation(log: SymptomLog, subject: str, zone: ZoneInfo) -> dict:
    resource = {
        "resourceType": "Observation",
        "identifier": _identifier("log", log.id),
        "status": "final",
        "category": [{"coding": [{"system": standards.OBSERVATION_CATEGORY, "code": "survey",
                                  "display": "Survey"}]}],
        "code": {"coding": [{"system": standards.LOINC, "code": standards.PAIN_SCORE_LOINC,
                             "display": standards.PAIN_SCORE_DISPLAY}],
                 "text": "Pain, 0-10"},
        "subject": {"reference": subject},
        "effectiveDateTime": _local(log.recorded_at, zone),
        "valueInteger": log.pain,
    }
    notes = []
    if log.sensations:
        notes.append("Felt as: " + words(SENSATION_WORDS, log.sensations))
    if log.notes:
        notes.append(log.notes)
    if notes:
        resource["note"] = [{"text": text} for text in notes]
    return resource


def _step_text(step) -> str:
    directions = ", ".join(DIRECTION_WORDS.get(d, d) for d in step.directions)
    return (f"Skin drag, {NERVE_GROUP_WORDS.get(step.group, step.group)}, "
            f"{SIDE_WORDS.get(step.side, step.side)} ({step.landmark}), "
            f"{CONTACT_WORDS.get(step.contact, step.contact).lower()}: try {directions}; "
            f"hold the one that eases most {step.hold_seconds} s, {step.repetitions} times.")


def _timing(program: Program) -> dict | None:
    if not program.schedule_times:
        return None
    return {"repeat": {"dayOfWeek": list(program.schedule_days),
                       "timeOfDay": [f"{t}:00" for t in program.schedule_times]}}


def care_plan(program: Program, successor: Program | None, subject: str,
              zone: ZoneInfo, author: str | None = None) -> dict:
    """A program version; the newest is active, each earlier one completed when the next began."""
    activities = []
    for step in program.steps:
        detail = {
            "code": {"coding": [{"system": standards.SNOMED,
                                 "code": standards.EXERCISE_THERAPY_SNOMED,
                                 "display": standards.EXERCISE_THERAPY_DISPLAY}],
                     "text": "Skin-drag self-massage"},
            "status": "in-progress" if successor is None else "completed",
            "description": _step_text(step),
        }
        timing = _timing(program)
        if timing:
            detail["scheduledTiming"] = timing
        activities.append({"detail": detail})
    period = {"start": _local(program.created_at, zone)}
    if successor is not None:
        period["end"] = _local(successor.created_at, zone)
    notes = [f"Go easy on {ACTIVITY_WORDS.get(a.activity, a.activity).lower()}"
             + (f": at most {a.max_minutes} minutes at a time" if a.max_minutes else "")
             + (f". {a.note}" if a.note else "") for a in program.avoid]
    if program.notes:
        notes.append(program.notes)
    resource = {
        "resourceType": "CarePlan",
        "identifier": _identifier("program", f"{program.client_id}-v{program.version}"),
        "status": "active" if successor is None else "completed",
        "intent": "plan",
        "title": f"Home program, version {program.version}",
        "subject": {"reference": subject},
        "period": period,
        "created": _local(program.created_at, zone),
        "activity": activities,
    }
    if author:
        resource["author"] = {"reference": author}
    if notes:
        resource["note"] = [{"text": text} for text in notes]
    return resource


def psfs_responses(record: PsfsRecord, client: User, subject: str,
                   zone: ZoneInfo) -> list[tuple[str, dict]]:
    """Each rated week of the Patient-Specific Functional Scale as a QuestionnaireResponse: one
    item per activity rated that week (its name as the question, 0-10 as the answer)."""
    names = {activity.id: activity for activity in record.activities}
    weeks: dict = {}
    for rating in record.ratings:
        weeks.setdefault(rating.week_start, []).append(rating)
    responses = []
    for week, ratings in sorted(weeks.items()):
        key = f"{client.id}-{week.isoformat()}"
        responses.append((_urn("psfs", key), {
            "resourceType": "QuestionnaireResponse",
            "identifier": {"system": f"{standards.ID_SYSTEM}:psfs", "value": key},
            "questionnaire": standards.PSFS_QUESTIONNAIRE,
            "status": "completed",
            "subject": {"reference": subject},
            "authored": _local(max(r.recorded_at for r in ratings), zone),
            "item": [{"linkId": f"activity-{names[r.activity_id].slot}",
                      "text": names[r.activity_id].name,
                      "answer": [{"valueInteger": r.score}]}
                     for r in sorted(ratings, key=lambda r: names[r.activity_id].slot)],
        }))
    return responses


def _entry(full_url: str, resource: dict) -> dict:
    return {"fullUrl": full_url, "resource": resource}


def bundle(client: User, logs: Iterable[SymptomLog], programs: list[Program],
           psfs: PsfsRecord | None = None) -> dict:
    """The Bundle; programs oldest first (the last is the one in force)."""
    zone = ZoneInfo(client.timezone)
    subject = _urn("client", client.id)
    entries = [_entry(subject, patient(client))]
    author = None
    if client.therapist is not None:
        author = _urn("therapist", client.therapist.id)
        entries.append(_entry(author, practitioner(client.therapist)))
    entries += [_entry(_urn("log", log.id), pain_observation(log, subject, zone)) for log in logs]
    for index, program in enumerate(programs):
        successor = programs[index + 1] if index + 1 < len(programs) else None
        entries.append(_entry(_urn("program", program.id),
                              care_plan(program, successor, subject, zone, author)))
    if psfs is not None:
        entries += [_entry(url, resource)
                    for url, resource in psfs_responses(psfs, client, subject, zone)]
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": _local(utcnow(), ZoneInfo("UTC")),
        "entry": entries,
    }


def client_bundle(client: User) -> dict:
    """The whole record of one client as a Bundle."""
    logs = db.session.scalars(select(SymptomLog).where(SymptomLog.client_id == client.id)
                              .order_by(SymptomLog.recorded_at, SymptomLog.id))
    programs = list(db.session.scalars(select(Program).where(Program.client_id == client.id)
                                       .order_by(Program.version)))
    return bundle(client, logs, programs, psfs_record(client, retired=True))
