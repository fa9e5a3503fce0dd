"""Factories: fixtures that return callables making users, programs, logs and sessions.

Each makes real rows through the domain verbs and commits, as a request would."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from flask.testing import FlaskClient

from server.domain import accounts, clinic, invites, programs, records
from server.domain.consent import notice_version
from server.extensions import db
from server.models import COLLEAGUE_INVITE, User
from server.schemas.records import PracticeSessionSchema, SymptomLogSchema

PASSWORD = "a-long-test-password"
#: The privacy notice version a joining client agrees to (tests run with RECORD_RETENTION_DAYS 0).
CONSENT_VERSION = notice_version(0)
_counter = itertools.count(1)


def program_spec(**changes) -> dict:
    """A valid program body as the API takes it."""
    spec = {
        "steps": [{
            "group": "superior", "side": "left", "landmark": "Top of the left iliac crest",
            "directions": ["inferior", "medial", "lateral", "superior"], "contact": "palm",
            "hold_seconds": 5, "repetitions": 3, "notes": "Skin only.",
        }],
        "avoid": [{"activity": "sitting", "max_minutes": 30, "note": "Stand up and walk."}],
        "schedule": {"times": ["08:00", "19:00"],
                     "days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]},
        "movement_breaks": {"every_minutes": 45, "from": "09:00", "to": "17:00"},
        "notes": "",
    }
    spec.update(changes)
    return spec


def log_body(**changes) -> dict:
    """A valid log, recorded "now" by whichever clock the test runs on (frozen, travelled or real):
    a test that cares about dates passes recorded_at."""
    body = {
        "id": str(uuid.uuid4()), "recorded_at": datetime.now(UTC).isoformat(), "pain": 4,
        "sensations": ["aching"], "regions": ["superior-gluteal-left"],
        "aggravators": ["sitting"], "weakness": False, "red_flags": [], "notes": "",
    }
    body.update(changes)
    return body


def session_body(**changes) -> dict:
    body = {
        "id": str(uuid.uuid4()), "program_version": 1,
        "started_at": datetime.now(UTC).isoformat(), "ended_at": None,
        "pain_before": 5, "pain_after": 4, "stopped_early": False,
        "drags": [{"group": "superior", "side": "left", "direction": "inferior",
                   "response": "better", "held_seconds": 15}],
    }
    body.update(changes)
    return body


@pytest.fixture
def make_therapist(app):
    def make(name: str = "Therapist", email: str | None = None, timezone: str = "UTC") -> User:
        with app.app_context():
            user = accounts.register_therapist(
                email or f"therapist{next(_counter)}@example.test", PASSWORD, name, timezone)
            db.session.commit()
            db.session.refresh(user)
            db.session.expunge(user)
            return user
    return make


@pytest.fixture
def make_client(app):
    def make(therapist: User, name: str = "Client", email: str | None = None,
             timezone: str = "UTC") -> User:
        with app.app_context():
            therapist_row = db.session.get(User, therapist.id)
            _invite, token = accounts.create_invite(therapist_row, name, None, timedelta(hours=1))
            user = accounts.accept_invite(token, PASSWORD, timezone,
                                          email=email or f"client{next(_counter)}@example.test",
                                          consent_version=CONSENT_VERSION)
            db.session.commit()
            db.session.refresh(user)
            db.session.expunge(user)
            return user
    return make


@pytest.fixture
def make_colleague(app):
    """make_colleague(admin, name) -> a therapist who joined admin's clinic by invite."""
    def make(admin: User, name: str = "Colleague", email: str | None = None) -> User:
        with app.app_context():
            _invite, token = invites.create_invite(
                db.session.get(User, admin.id), name,
                email or f"colleague{next(_counter)}@example.test", timedelta(hours=1),
                kind=COLLEAGUE_INVITE)
            user = invites.accept_invite(token, PASSWORD, "UTC")
            db.session.commit()
            db.session.refresh(user)
            db.session.expunge(user)
            return user
    return make


@pytest.fixture
def share_client(app):
    """share_client(client, colleague, by=therapist) shares the client's record."""
    def share(client: User, colleague: User, by: User) -> None:
        with app.app_context():
            clinic.share_client(db.session.get(User, by.id), db.session.get(User, client.id),
                                colleague.id)
            db.session.commit()
    return share


@pytest.fixture
def make_program(app):
    def make(therapist: User, client: User, **changes):
        with app.app_context():
            program = programs.assign_program_version(
                db.session.get(User, therapist.id), db.session.get(User, client.id),
                _loaded_program(program_spec(**changes)))
            db.session.commit()
            return program.version
    return make


def _loaded_program(spec: dict) -> dict:
    from server.schemas.programs import ProgramSchema

    return ProgramSchema().load(spec)


def _recorder(app, record, schema):
    """A callable that stores bodies through a domain verb, as the client's phone would."""
    def add(client: User, bodies: list[dict]):
        with app.app_context():
            record(db.session.get(User, client.id), schema(many=True).load(bodies))
            db.session.commit()
    return add


@pytest.fixture
def add_logs(app):
    """add_logs(client, [log_body(...), ...]) stores symptom logs."""
    return _recorder(app, records.record_logs, SymptomLogSchema)


@pytest.fixture
def add_sessions(app):
    """add_sessions(client, [session_body(...), ...]) stores practice sessions."""
    return _recorder(app, records.record_sessions, PracticeSessionSchema)


@pytest.fixture
def signed_in(app):
    """signed_in(user) -> a test client carrying that user's session cookie."""
    def sign_in(user: User) -> FlaskClient:
        http = app.test_client()
        response = http.post("/api/auth/login", json={"email": user.email, "password": PASSWORD})
        assert response.status_code == 200, response.json
        return http
    return sign_in
