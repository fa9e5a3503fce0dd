"""The cheap check for a batch of symptom logs that is plainly valid (what a phone sends).

A phone's outbox sends well-formed logs nearly every time, and checking 20 of them field by field
through marshmallow costs more than storing them. This check accepts only what is unmistakably
valid, in the exact shape SymptomLogSchema would load it; anything doubtful at all (a missing or
unknown key, a non-canonical UUID, a wrong type, a code outside the vocabulary) answers None, and
the full schema then decides and words the errors. A property test holds the two to agreement.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

from ..domain.vocabulary import ACTIVITIES, RED_FLAGS, REGIONS, SENSATIONS
from .base import EARLIEST, LATEST, storable_text

_CANONICAL_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                             r"[0-9a-fA-F]{12}\Z")
_REQUIRED = frozenset({"id", "recorded_at", "pain"})
_KNOWN = _REQUIRED | {"sensations", "regions", "aggravators", "weakness", "red_flags", "notes"}
_CODE_LISTS = (("sensations", frozenset(SENSATIONS)), ("regions", frozenset(REGIONS)),
               ("aggravators", frozenset(ACTIVITIES)), ("red_flags", frozenset(RED_FLAGS)))
#: SymptomLogSchema's bound on notes.
NOTES_MAX = 2000


def _codes(value, vocabulary: frozenset) -> bool:
    return (type(value) is list and all(type(v) is str and v in vocabulary for v in value)
            and len(set(value)) == len(value))


def _plain_log(item) -> dict | None:
    if type(item) is not dict or not _REQUIRED <= item.keys() or not item.keys() <= _KNOWN:
        return None
    log_id, recorded, pain = item["id"], item["recorded_at"], item["pain"]
    if type(log_id) is not str or not _CANONICAL_UUID.match(log_id):
        return None
    if type(pain) is not int or not 0 <= pain <= 10 or type(recorded) is not str:
        return None
    try:
        instant = datetime.fromisoformat(recorded)
        if instant.tzinfo is None:
            return None
        instant = instant.astimezone(UTC)
    except (ValueError, OverflowError):  # year 1 at +02:00 has no UTC instant
        return None
    if not EARLIEST <= instant < LATEST:
        return None
    loaded = {"id": uuid.UUID(log_id), "recorded_at": instant, "pain": pain}
    for key, vocabulary in _CODE_LISTS[:3]:
        value = item.get(key, [])
        if not _codes(value, vocabulary):
            return None
        loaded[key] = value
    weakness = item.get("weakness", False)
    red_flags = item.get("red_flags", [])
    notes = item.get("notes", "")
    if (type(weakness) is not bool or not _codes(red_flags, _CODE_LISTS[3][1])
            or type(notes) is not str or len(notes) > NOTES_MAX or not storable_text(notes)):
        return None
    loaded |= {"weakness": weakness, "red_flags": red_flags, "notes": notes}
    return loaded


def plainly_valid_logs(batch) -> list[dict] | None:
    """The batch loaded as SymptomLogSchema(many=True) would, or None to let the schema decide."""
    if type(batch) is not list:
        return None
    loaded = []
    for item in batch:
        log = _plain_log(item)
        if log is None:
            return None
        loaded.append(log)
    return loaded
