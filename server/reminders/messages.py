"""What a reminder says. The payload is encrypted end to end, but it still carries no name and
no health detail: a lock screen can be read by anyone holding the phone."""

from __future__ import annotations

import json
from datetime import datetime

from ..models.reminders import MOVEMENT_BREAK, SESSION_REMINDER

TEST = "test"
#: A therapist's test: the same delivery, in words about alerts (a therapist gets no reminders).
ALERT_TEST = "alert-test"

#: How long a push service keeps an undelivered message (seconds): a session reminder is still
#: useful an hour late, a movement break barely ten minutes.
TTL = {SESSION_REMINDER: 3600, MOVEMENT_BREAK: 600, TEST: 300, ALERT_TEST: 300}

_TEXT = {
    SESSION_REMINDER: ("Time for your self-massage",
                       "Your home program is ready when you are. Gentle, broad skin drags only."),
    MOVEMENT_BREAK: ("Time to change position",
                     "You have been still for a while. Stand up, walk a few steps or shift "
                     "how you sit."),
    TEST: ("Reminders are working", "This is how your reminders will look on this device."),
    ALERT_TEST: ("Alerts are working",
                 "This is how an alert about a client will look on this device. A real one "
                 "names no one: open it to see who needs you."),
}

_URL = {SESSION_REMINDER: "/#/session", MOVEMENT_BREAK: "/#/", TEST: "/#/settings",
        ALERT_TEST: "/#/alerts"}

SESSION_ACTIONS = [{"action": "start", "title": "Start now"},
                   {"action": "snooze", "title": "Snooze 30 min"}]


def tag(kind: str) -> str:
    """One tag per kind, so a newer reminder replaces an older one instead of piling up."""
    return f"reminder-{kind}"


def topic(kind: str) -> str:
    # RFC 8030 Topic: at most 32 characters of the URL-safe base64 alphabet.
    return "reminder" + kind.replace("-", "")


def payload(kind: str, due_at: datetime) -> bytes:
    title, body = _TEXT[kind]
    message = {
        "title": title, "body": body, "tag": tag(kind), "kind": kind,
        "due_at": due_at.isoformat(), "url": _URL[kind],
        "actions": SESSION_ACTIONS if kind == SESSION_REMINDER else [],
    }
    return json.dumps(message, separators=(",", ":")).encode()
