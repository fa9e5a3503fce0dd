"""Demo data: a therapist, a client and 60 days of plausible logs and sessions, so a new user
sees a real caseload, real charts and a real program on first run."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select

from .domain import accounts, programs, psfs, records, safety
from .domain.consent import notice_version
from .domain.guided_trial import session_drags, spots
from .domain.schedule import session_due_times
from .extensions import db
from .models import Program, PsfsRating, SafetyFlag, User, utcnow

THERAPIST_EMAIL = "therapist@demo.cluneal.test"
CLIENT_EMAIL = "client@demo.cluneal.test"
DEMO_PASSWORD = "demo-password-2026"
DEMO_ZONE = "Europe/London"

DEMO_PROGRAM = {
    "steps": [
        {"group": "superior", "side": "left", "landmark": "Top of the left hip bone, a hand's "
         "width from the spine", "directions": ["inferior", "medial", "lateral", "superior"],
         "contact": "palm", "hold_seconds": 5, "repetitions": 3,
         "notes": "Flat hand, skin only: move the skin, not the muscle under it."},
        {"group": "middle", "side": "both", "landmark": "Beside the tailbone, middle of the "
         "buttock", "directions": ["inferior", "lateral"], "contact": "forearm",
         "hold_seconds": 8, "repetitions": 2, "notes": ""},
    ],
    "avoid": [
        {"activity": "sitting", "max_minutes": 30, "note": "Stand and walk for two minutes."},
        {"activity": "rolling", "max_minutes": None, "note": "Log-roll to get out of bed."},
    ],
    "schedule": {"times": ["08:00", "19:30"], "days": ["mon", "tue", "wed", "thu", "fri",
                                                      "sat", "sun"]},
    "movement_breaks": {"every_minutes": 45, "from": "09:00", "to": "17:30"},
    "notes": "Gentle is enough. If a pull makes it worse, let go slowly and leave that spot for "
             "today.",
}


@dataclass(frozen=True)
class DemoClient:
    name: str
    email: str
    timezone: str
    days: int
    #: Typical pain at the start and at the end of the period (the course of their symptoms).
    pain_from: float
    pain_to: float
    adherence: float
    red_flag_days_ago: int | None = None


DEMO_CLIENTS = (
    DemoClient("Alex Morgan", CLIENT_EMAIL, DEMO_ZONE, 60, 6.5, 3.0, 0.8),
    DemoClient("Jordan Lee", "jordan@demo.cluneal.test", DEMO_ZONE, 35, 3.5, 6.0, 0.5,
               red_flag_days_ago=1),
    DemoClient("Priya Shah", "priya@demo.cluneal.test", "Asia/Kolkata", 45, 5.0, 2.5, 0.9),
    DemoClient("Sam Okafor", "sam@demo.cluneal.test", "America/New_York", 0, 0, 0, 0),
)


def seed_demo(seed: int = 7) -> tuple[User, User]:
    """Create (or reuse) the demo therapist and clients; return (therapist, main client)."""
    rng = random.Random(seed)
    therapist = db.session.scalar(select(User).where(User.email == THERAPIST_EMAIL))
    if therapist is None:
        therapist = accounts.register_therapist(THERAPIST_EMAIL, DEMO_PASSWORD, "Sam Rivera",
                                                DEMO_ZONE)
    db.session.flush()
    for profile in DEMO_CLIENTS:
        if db.session.scalar(select(User.id).where(User.email == profile.email)) is None:
            _seed_client(rng, therapist, profile)
    main_client = db.session.scalar(select(User).where(User.email == CLIENT_EMAIL))
    return therapist, main_client


def _seed_client(rng: random.Random, therapist: User, profile: DemoClient) -> User:
    _invite, token = accounts.create_invite(therapist, profile.name, profile.email,
                                            timedelta(hours=1))
    client = accounts.accept_invite(
        token, DEMO_PASSWORD, profile.timezone,
        consent_version=notice_version(current_app.config["RECORD_RETENTION_DAYS"]))
    db.session.flush()
    now = utcnow()
    start = now - timedelta(days=profile.days)
    program = programs.assign_program_version(therapist, client, _spec())
    program.created_at = start
    db.session.flush()
    if not profile.days:
        return client

    zone = ZoneInfo(profile.timezone)
    logs = []
    for day in range(profile.days + 1):
        base = profile.pain_from + (profile.pain_to - profile.pain_from) * day / profile.days
        for hour in (9, 15, 21):
            at = (start + timedelta(days=day)).astimezone(zone).replace(
                hour=hour, minute=rng.randrange(60), second=0, microsecond=0)
            if rng.random() < 0.25 or at > now:
                continue
            pain = max(0, min(10, round(base + rng.gauss(0, 1.1) + (0.8 if hour == 21 else 0))))
            logs.append(_log(rng, at, pain))
    if profile.red_flag_days_ago is not None:
        logs.append({**_log(rng, now - timedelta(days=profile.red_flag_days_ago), 7),
                     "red_flags": ["night-pain"], "notes": "Woke twice with it last night."})
    sessions = [
        _session(rng, due + timedelta(minutes=rng.randrange(-10, 40)), program)
        for due in session_due_times([program], zone, start, now - timedelta(hours=1))
        if rng.random() < profile.adherence
    ]
    records.record_logs(client, logs)
    records.record_sessions(client, sessions)
    _settle_flags(therapist, client, logs, sessions, now)
    _rate_activities(rng, client, profile, start, now)
    return client


_ACTIVITIES = ("Sit through a 30-minute meeting", "Drive to work", "Sleep through the night")


def _rate_activities(rng: random.Random, client: User, profile: DemoClient, start: datetime,
                     now: datetime) -> None:
    """The functional scale, rated most weeks: ability follows the course of the pain."""
    activities = psfs.set_activities(client, _ACTIVITIES, now=start)
    zone = ZoneInfo(profile.timezone)
    week = psfs.week_start(zone, start)
    while week <= psfs.week_start(zone, now) - timedelta(days=7):
        share = min(1.0, (week - psfs.week_start(zone, start)).days / profile.days)
        pain = profile.pain_from + (profile.pain_to - profile.pain_from) * share
        for slot, activity in enumerate(activities):
            if rng.random() < 0.85:
                score = max(0, min(10, round(10 - pain - slot + rng.gauss(0, 0.8))))
                db.session.add(PsfsRating(client_id=client.id, activity_id=activity.id,
                                          week_start=week, score=score,
                                          recorded_at=psfs.week_bounds(zone, week)[0]
                                          + timedelta(days=2, hours=10)))
        week += timedelta(days=7)
    db.session.flush()


def _settle_flags(therapist: User, client: User, logs: list[dict], sessions: list[dict],
                  now: datetime) -> None:
    """Date each flag at its record (the demo imports history) and acknowledge all but the last
    three days' alerts, with a note, as a therapist keeping up with the caseload would have."""
    when = {item["id"]: item.get("recorded_at") or item["started_at"] for item in logs + sessions}
    for flag in db.session.scalars(select(SafetyFlag).where(SafetyFlag.client_id == client.id)):
        source = flag.log_id or flag.session_id
        if source is not None:
            flag.raised_at = when[source]
        if now - flag.raised_at > timedelta(days=3):
            safety.acknowledge_flag(therapist, flag, "Talked it through at the next visit.")


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


#: The direction that truly eases each spot of the demo clients (the learned best direction
#: finds it); pulling up (superior) helps them least.
_HELPS = {("superior", "left"): "lateral", ("middle", "left"): "inferior",
          ("middle", "right"): "lateral"}


def _answers(rng: random.Random, program: Program) -> list[str]:
    """What a client answers on each trial pull, spot by spot. A "worse" ends its spot (the stop
    rule), so nothing more is asked there."""
    answers = []
    for spot in spots(program.steps):
        for direction in spot.directions:
            weights = ([8, 2, 0] if _HELPS.get((spot.group, spot.side)) == direction
                       else [1, 3, 2] if direction == "superior" else [2, 6, 1])
            answers.append(rng.choices(["better", "same", "worse"], weights=weights)[0])
            if answers[-1] == "worse":
                break
    return answers


def _session(rng: random.Random, started: datetime, program: Program) -> dict:
    """A session as the phone records it: the drags come from the guided trial's own rules."""
    drags = session_drags(program.steps, _answers(rng, program))
    before = rng.randint(3, 6)
    # After a "worse" the session ends with calm advice; pain has not eased that day.
    after = before + rng.randint(0, 1) if any(d["response"] == "worse" for d in drags) else max(
        0, before - rng.randint(0, 2))
    return {
        "id": uuid.UUID(int=rng.getrandbits(128), version=4), "program_version": program.version,
        "started_at": started, "ended_at": started + timedelta(minutes=rng.randint(6, 14)),
        "pain_before": before, "pain_after": after, "drags": drags, "stopped_early": False,
    }
