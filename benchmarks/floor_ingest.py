"""The floor's ingest: a hand-written check of each log instead of a schema library, then the
app's rows written with multi-row statements, its flags raised and its therapist alerts queued."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from floor_database import Database, utc_instant, uuid_text

from server.domain import safety, watch
from server.domain.urgency import WEAKNESS_URGENCY, advice_tier
from server.domain.vocabulary import (
    ACTIVITIES,
    HIGH_PAIN,
    RED_FLAG,
    RED_FLAG_URGENCY,
    RED_FLAGS,
    REGIONS,
    REVIEW,
    SENSATIONS,
    WATCH,
    WEAKNESS,
)
from server.models import (
    AlertDelivery,
    SafetyFlag,
    SymptomLog,
)
from server.models.logs import sensation_column
from server.notify import alerts

_LOG_COLUMNS = ["id", "client_id", "recorded_at", "received_at", "pain",
                *[sensation_column(c) for c in SENSATIONS], "regions", "aggravators",
                "weakness", "red_flags", "notes"]
_FLAG_COLUMNS = ["client_id", "kind", "code", "urgency", "told_client", "raised_at", "log_id"]
_ALERT_COLUMNS = ["flag_id", "therapist_id", "channel", "round", "due_at", "status", "reason",
                  "attempts", "origin", "finished_at"]


def _codes(value, vocabulary) -> list | None:
    if value is None:
        return []
    if (not isinstance(value, list) or len(set(value)) != len(value)
            or not all(isinstance(v, str) and v in vocabulary for v in value)):
        return None
    return value


_LOG_KEYS = {"id", "recorded_at", "pain", "sensations", "regions", "aggravators", "weakness",
             "red_flags", "notes"}


def checked_logs(body) -> list[dict] | None:
    """The batch as the app's schema would load it, or None if anything is not plainly valid."""
    if not isinstance(body, list) or len(body) > 500:
        return None
    logs = []
    for item in body:
        if not isinstance(item, dict) or not item.keys() <= _LOG_KEYS:
            return None
        try:
            log_id = uuid.UUID(item["id"])
            recorded = datetime.fromisoformat(item["recorded_at"].replace("Z", "+00:00"))
        except (KeyError, ValueError, TypeError, AttributeError):
            return None
        pain = item.get("pain")
        if recorded.tzinfo is None or type(pain) is not int or not 0 <= pain <= 10:
            return None
        checked = [_codes(item.get(k), v) for k, v in (
            ("sensations", SENSATIONS), ("regions", REGIONS), ("aggravators", ACTIVITIES),
            ("red_flags", RED_FLAGS))]
        notes, weakness = item.get("notes", ""), item.get("weakness", False)
        if (any(c is None for c in checked) or type(weakness) is not bool
                or not isinstance(notes, str) or len(notes) > 2000):
            return None
        sensations, regions, aggravators, red_flags = checked
        logs.append({"id": log_id, "recorded_at": recorded.astimezone(UTC), "pain": pain,
                     "sensations": sensations, "regions": regions, "aggravators": aggravators,
                     "weakness": weakness, "red_flags": red_flags, "notes": notes})
    return logs


class _WatchReader:
    """The watch rules' reads (domain/watch.py WatchReader) on the floor's own connection."""

    def __init__(self, database: Database, client_id: int):
        self.database, self.client_id = database, client_id

    def _rows(self, name: str, **values) -> list:
        return self.database.rows(self.database.watch[name],
                                  {"client_id": self.client_id, **values})

    def thresholds(self):
        rows = self._rows("thresholds")
        return watch.Thresholds(*rows[0]) if rows else watch.DEFAULTS

    def quiet_codes(self, since):
        return {code for (code,) in self._rows("quiet", since=since)}

    def window_sums(self, spans):
        [row] = self.database.rows(self.database.watch["sums"],
                                   watch.window_sums_params(self.client_id, spans))
        return tuple(row)

    def first_log_at(self):
        [(first,)] = self._rows("first")
        return None if first is None else utc_instant(first)

    def regions(self, span):
        return {region for (region,) in self._rows("regions", start=span.start, end=span.end)}


def store_logs(database: Database, client, logs: list[dict], now: datetime,
                host_url: str) -> tuple[list, bool, set]:
    client_id = client.user_id
    rows = []
    for log in logs:
        row = {key: value for key, value in log.items() if key != "sensations"}
        for code in SENSATIONS:
            row[sensation_column(code)] = code in log["sensations"]
        rows.append({**row, "client_id": client_id, "received_at": now})
    inserted = {uuid_text(r[0]) for r in database.insert_rows(SymptomLog.__table__, _LOG_COLUMNS,
                                                           rows, returning=("id",))}
    by_id = {log["id"]: log for log in reversed(logs)}
    new = [log for log_id, log in reversed(by_id.items()) if str(log_id) in inserted]
    # Ids not stored now: stored before for this client, or held by another (refused).
    refused = {str(log_id) for log_id in by_id if str(log_id) not in inserted and any(
        owner != client_id for (owner,) in database.rows(database.log_owner, {"log_id": log_id}))}
    flags = []
    for log in new:
        base = {"client_id": client_id, "raised_at": now, "log_id": log["id"],
                "told_client": advice_tier(log["red_flags"], log["weakness"])}
        flags += [{**base, "kind": RED_FLAG, "code": code, "urgency": RED_FLAG_URGENCY[code]}
                  for code in log["red_flags"]]
        if log["weakness"]:
            flags.append({**base, "kind": WEAKNESS, "code": "", "urgency": WEAKNESS_URGENCY})
        if log["pain"] >= safety.HIGH_PAIN_THRESHOLD:
            flags.append({**base, "kind": HIGH_PAIN, "code": "", "urgency": REVIEW,
                          "told_client": None})
    raised = []
    if flags:
        raised = [tuple(row) for row in database.insert_rows(
            SafetyFlag.__table__, _FLAG_COLUMNS, flags, returning=("id", "urgency"),
            skip_known=False)]
    tripped = watch.tripped_rules(_WatchReader(database, client_id), ZoneInfo(client.timezone),
                                  new, now)
    for code, evidence in tripped.items():
        found = database.rows(database.insert_watch_flag, {
            "client_id": client_id, "kind": WATCH, "code": code, "urgency": REVIEW,
            "evidence": evidence, "raised_at": now})
        raised += [(flag_id, REVIEW) for (flag_id,) in found]
    return new, _queue_alerts(database, client_id, raised, now, host_url), refused


def _queue_alerts(database: Database, client_id: int, raised: list[tuple[int, str]],
                  now: datetime, host_url: str) -> bool:
    """The app's alert rows for the flags raised (alerts.queue_flag_alerts), those with nowhere
    to go written skipped; whether one can reach the therapist. (The app's after-commit kick
    hands the sending of pending rows to another thread.)"""
    if not raised:
        return False
    [(therapist_id, subscribed)] = database.rows(database.therapist_of,
                                                 {"client_id": client_id})
    if therapist_id is None:
        return False
    mail_set_up, subscribed = bool(os.environ.get("MAIL_SERVER")), bool(subscribed)
    database.insert_rows(AlertDelivery.__table__, _ALERT_COLUMNS, alerts.alert_rows(
        sorted(raised), therapist_id, 0, now, host_url.rstrip("/")[:255],
        alerts.undeliverable(subscribed, mail_set_up)), skip_known=False)
    return alerts.can_reach(subscribed, mail_set_up, [urgency for _id, urgency in raised])
