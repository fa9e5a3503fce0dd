"""Demo data: a therapist, a client and 60 days of plausible logs and sessions, so a new user
sees a real caseload, real charts and a real program on first run."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from .domain import accounts, programs, records
from .domain.schedule import session_due_times
from .extensions import db
from .models import Program, User, utcnow

THERAPIST_EMAIL = "therapist@demo.cluneal.test"
CLIENT_EMAIL = "client@demo.cluneal.test"
DEMO_PASSWORD = "demo-password-2026"
DEMO_ZONE = "Europe/London"

DEMO_PROGRAM = {
    "steps": [
        {"group": "superior", "side": "left", "landmark": "Top of the left hip bone, a hand's "
         "width from the spine", "directions": ["inferior", "medial", "lateral", "superior"],
         "contact": "palm", "hold_seconds": 20, "repetitions": 3,
         "notes": "Flat hand, skin only: move the skin, not the muscle under it."},
        {"group": "middle", "side": "left", "landmark": "Beside the tailbone, middle of the "
         "buttock", "directions": ["inferior", "lateral"], "contact": "forearm",
         "hold_seconds": 15, "repetitions": 2, "notes": ""},
    ],
    "avoid": [
        {"activity": "sitting", "max_minutes": 30, "note": "Stand and walk for two minutes."},
        {"activity": "rolling", "max_minutes": None, "note": "Log-roll to get out of bed."},
    ],
    "schedule": {"times": ["08:00", "19:30"], "days": ["mon", "tue", "wed", "thu", "fri",
                                                      "sat", "sun"]},
    "movement_breaks": {"every_minutes": 45, "from": "09:00", "to": "17:30"},
    "notes": "Gentle is enough. If a direction makes it worse, stop there and try the next.",
}


def seed_demo(days: int = 60, seed: int = 7) -> tuple[User, User]:
    """Create (or reuse) the demo accounts and fill the client's last `days` days."""
    rng = random.Random(seed)
    therapist = db.session.scalar(select(User).where(User.email == THERAPIST_EMAIL))
    if therapist is None:
        therapist = accounts.register_therapist(THERAPIST_EMAIL, DEMO_PASSWORD, "Sam Rivera",
                                                DEMO_ZONE)
    db.session.flush()
    client = db.session.scalar(select(User).where(User.email == CLIENT_EMAIL))
    if client is not None:
        return therapist, client
    invite, token = accounts.create_invite(therapist, "Alex Morgan", CLIENT_EMAIL,
                                           timedelta(hours=1))
    client = accounts.accept_invite(token, DEMO_PASSWORD, DEMO_ZONE)
    db.session.flush()

    start = utcnow() - timedelta(days=days)
    program = programs.assign_program_version(therapist, client, _spec())
    program.created_at = start
    db.session.flush()

    zone = ZoneInfo(DEMO_ZONE)
    logs, sessions = [], []
    for day in range(days):
        progress = day / days
        base = 6.5 - 3.5 * progress  # slowly improving with the program
        for hour in (9, 15, 21):
            if rng.random() < 0.25:
                continue
            at = (start + timedelta(days=day)).astimezone(zone).replace(
                hour=hour, minute=rng.randrange(60), second=0, microsecond=0)
            pain = max(0, min(10, round(base + rng.gauss(0, 1.1) + (0.8 if hour == 21 else 0))))
            logs.append(_log(rng, at, pain))
    for due in session_due_times([program], zone, start, utcnow() - timedelta(hours=1)):
        if rng.random() < 0.8:
            sessions.append(_session(rng, due + timedelta(minutes=rng.randrange(-10, 40)),
                                     program))
    records.record_logs(client, [log for log in logs if log["recorded_at"] <= utcnow()])
    records.record_sessions(client, sessions)
    return therapist, client


def _spec() -> dict:
    spec = {**DEMO_PROGRAM}
    spec["movement_breaks"] = dict(DEMO_PROGRAM["movement_breaks"])
    return spec


def _log(rng: random.Random, at: datetime, pain: int) -> dict:
    sensations = ["aching"] if rng.random() < 0.8 else []
    if pain >= 5 and rng.random() < 0.5:
        sensations.append(rng.choice(["burning", "tingling", "electric", "prickly"]))
    return {
        "id": uuid.UUID(int=rng.getrandbits(128), version=4),
        "recorded_at": at.astimezone(UTC), "pain": pain, "sensations": sensations,
        "regions": rng.sample(["superior-gluteal-left", "middle-gluteal-left", "lumbar-left"],
                              k=rng.randint(1, 2)),
        "aggravators": rng.sample(["sitting", "rolling", "standing"], k=rng.randint(0, 2)),
        "weakness": False, "red_flags": [], "notes": "",
    }


def _session(rng: random.Random, started: datetime, program: Program) -> dict:
    drags, stopped = [], False
    for step in program.steps:
        for direction in step.directions:
            response = rng.choices(["better", "same", "worse"],
                                   weights=[5, 3, 1] if direction != "superior" else [1, 2, 4])[0]
            drags.append({"group": step.group, "side": step.side, "direction": direction,
                          "response": response,
                          "held_seconds": step.hold_seconds if response == "better" else 5})
    before = rng.randint(3, 6)
    return {
        "id": uuid.UUID(int=rng.getrandbits(128), version=4), "program_version": program.version,
        "started_at": started, "ended_at": started + timedelta(minutes=rng.randint(6, 14)),
        "pain_before": before, "pain_after": max(0, before - rng.randint(0, 2)),
        "drags": drags, "stopped_early": stopped,
    }
