"""benchmarks/floor_app.py, the least-framework version of ingest and trends that the benchmark
measures the app against, does the same work: the same rows written and the same bytes answered.
Were it to skip work the app does, the benchmark's ratios would flatter the floor."""

from __future__ import annotations

import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import select

from server.extensions import db
from server.models import AlertDelivery, SafetyFlag, SymptomLog
from tests.factories import log_body, session_body

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from floor_app import make_floor_app  # noqa: E402

#: Late November: a 90-day range in London crosses the October clock change.
NOW = datetime(2026, 11, 20, 15, 30, tzinfo=UTC)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def floor(app, database_url):
    floor_app = make_floor_app(database_url, secure_cookie=False)
    yield floor_app
    floor_app.extensions["floor_database"].close()


def _same_cookie(floor, http):
    other = floor.test_client()
    other.set_cookie("cc_session", http.get_cookie("cc_session").value)
    return other


@pytest.fixture
def london_client(world, make_client, make_program, add_logs, add_sessions, frozen):
    client = make_client(world.therapist, "Alex London", timezone="Europe/London")
    with time_machine.travel(NOW - timedelta(days=95), tick=False):
        make_program(world.therapist, client)
    add_logs(client, [log_body(recorded_at=(NOW - timedelta(hours=7 * i + 3)).isoformat(),
                               pain=i % 11, sensations=["aching", "burning", "numb"][: i % 4],
                               red_flags=["saddle-numbness"] if i == 40 else [],
                               weakness=i == 41)
                      for i in range(300)])
    add_sessions(client, [session_body(started_at=(NOW - timedelta(hours=11 * i + 1))
                                       .isoformat(), pain_before=5, pain_after=4 + i % 4,
                                       drags=[{"group": g, "side": "left", "direction": d,
                                               "response": r, "held_seconds": 5}
                                              for g, d, r in (("superior", "medial", "better"),
                                                              ("middle", "lateral", "same"),
                                                              ("superior", "medial", "worse"))])
                          for i in range(180)])
    return client


def test_the_floor_answers_a_90_day_trend_with_the_apps_bytes(
        app, floor, signed_in, london_client):
    http = signed_in(london_client)
    since = (NOW - timedelta(days=89)).date().isoformat()
    app_answer = http.get(f"/api/me/trends?from={since}")
    floor_answer = _same_cookie(floor, http).get(f"/api/me/trends?from={since}")
    assert app_answer.status_code == floor_answer.status_code == 200
    assert app_answer.json["flags"] and app_answer.json["relief"]
    assert sum(b["sessions_planned"] for b in app_answer.json["series"]) > 100
    assert floor_answer.data == app_answer.data


def _stored(app, client_id) -> tuple[list, list, list]:
    """The client's logs, flags and alert rows, without the ids the database chose (an alert
    names its flag by the flag's place in id order)."""
    with app.app_context():
        logs = [tuple(row) for row in db.session.execute(
            select(*SymptomLog.__table__.c).where(SymptomLog.client_id == client_id)
            .order_by(SymptomLog.id))]
        flag_rows = db.session.execute(
            select(*SafetyFlag.__table__.c).where(SafetyFlag.client_id == client_id)
            .order_by(SafetyFlag.id)).all()
        flags = [tuple(v for c, v in zip(SafetyFlag.__table__.c, row, strict=True)
                       if c.name != "id") for row in flag_rows]
        place = {row.id: i for i, row in enumerate(flag_rows)}
        alerts = sorted(
            tuple(place[v] if c.name == "flag_id" else v
                  for c, v in zip(AlertDelivery.__table__.c, row, strict=True) if c.name != "id")
            for row in db.session.execute(select(*AlertDelivery.__table__.c)
                                          .where(AlertDelivery.flag_id.in_(place))))
        db.session.remove()
    return logs, flags, alerts


def _forget(app, client_id) -> None:
    with app.app_context():
        flags = select(SafetyFlag.id).where(SafetyFlag.client_id == client_id)
        db.session.execute(AlertDelivery.__table__.delete().where(
            AlertDelivery.flag_id.in_(flags)))
        db.session.execute(SafetyFlag.__table__.delete().where(
            SafetyFlag.client_id == client_id))
        db.session.execute(SymptomLog.__table__.delete().where(
            SymptomLog.client_id == client_id))
        db.session.commit()


def test_the_floor_stores_an_ingested_batch_exactly_as_the_app_does(
        app, floor, signed_in, world, add_logs, frozen):
    # Last week calm, this week much worse: the batch raises a watch flag (rise) too.
    add_logs(world.client, [log_body(recorded_at=(NOW - timedelta(days=8 + i % 5)).isoformat(),
                                     pain=2) for i in range(10)])
    ids = [str(uuid.uuid4()) for _ in range(19)]
    batch = [log_body(id=ids[i], recorded_at=(NOW - timedelta(hours=i)).isoformat(),
                      pain=6 + i % 5, sensations=["aching", "electric"][: 1 + i % 2],
                      regions=["superior-gluteal-left"], aggravators=["sitting"],
                      red_flags=["night-pain"] if i == 3 else [], weakness=i == 4,
                      notes="Sat through a long meeting" if i == 5 else "")
             for i in range(19)] + [log_body(id=ids[0], pain=1)]  # an id repeated in the batch
    http = signed_in(world.client)
    stored_before = _stored(app, world.client.id)

    answers, stored = [], []
    for target in (http, _same_cookie(floor, http)):
        first, again = target.post("/api/me/logs", json=batch), target.post("/api/me/logs",
                                                                             json=batch)
        answers.append((first.status_code, first.data, again.status_code, again.data))
        stored.append(_stored(app, world.client.id))
        _forget(app, world.client.id)
        add_logs(world.client, [log_body(id=row[0], recorded_at=row[2].isoformat(), pain=row[4])
                                for row in stored_before[0]])
    assert answers[0][0] == answers[0][2] == 200
    assert b'"created":19' in answers[0][1] and b'"created":0' in answers[0][3]
    assert answers[1] == answers[0]
    app_logs, app_flags, app_alerts = stored[0]
    assert {flag[1] for flag in app_flags} >= {"red-flag", "weakness", "high-pain", "watch"}
    # Every flag has its push alert, and the emailed tiers a mail alert too.
    assert len(app_alerts) > len(app_flags)
    assert stored[1] == stored[0]


def test_the_floor_refuses_an_id_another_client_holds_as_the_app_does(
        app, floor, signed_in, world, frozen):
    taken = log_body(recorded_at=(NOW - timedelta(hours=2)).isoformat(), pain=3)
    assert signed_in(world.other_client).post("/api/me/logs", json=[taken]).status_code == 200
    http = signed_in(world.client)
    batch = [taken, log_body(recorded_at=(NOW - timedelta(hours=1)).isoformat(), pain=4)]
    answers = []
    for target in (http, _same_cookie(floor, http)):
        response = target.post("/api/me/logs", json=batch)
        answers.append((response.status_code, response.data))
        _forget(app, world.client.id)
    assert answers[1] == answers[0]
    assert b'"refused":[{"id":"' + taken["id"].encode() in answers[0][1]
