"""Practice sessions: batches like logs, with the drags tried; safety flags on a rise in pain."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from server.models import DragTrial, PracticeSession, SafetyFlag
from tests.factories import session_body
from tests.server.expect import assert_error, stored_count

# Every test here runs at this instant, clock stopped: records are dated relative to it.
NOW = datetime(2026, 5, 13, 9, 30, tzinfo=UTC)
pytestmark = pytest.mark.frozen_at(NOW.isoformat())


def _drag(**changes):
    return {"group": "superior", "side": "left", "direction": "inferior", "response": "better",
            "held_seconds": 20, **changes}


def test_a_session_is_stored_with_its_drags_and_reads_back_in_the_contracts_shape(client_http):
    started = NOW - timedelta(hours=1)
    sent = session_body(started_at=started.isoformat(),
                        ended_at=(started + timedelta(minutes=9)).isoformat(),
                        drags=[_drag(), _drag(direction="medial", response="worse",
                                              held_seconds=3)],
                        stopped_early=True)
    assert client_http.post("/api/me/sessions", json=[sent]).json["created"] == 1
    stored = client_http.get("/api/me/sessions").json[0]
    assert {"id", "program_version", "started_at", "ended_at", "pain_before", "pain_after",
            "drags", "stopped_early"} <= set(stored)
    assert stored["drags"] == sent["drags"]
    assert stored["stopped_early"] is True
    assert datetime.fromisoformat(stored["ended_at"]) == started + timedelta(minutes=9)


def test_resending_a_session_changes_nothing(app, client_http):
    sent = session_body(pain_before=3, pain_after=6)
    client_http.post("/api/me/sessions", json=[sent])
    def counts():
        return [stored_count(app, model) for model in (PracticeSession, DragTrial, SafetyFlag)]

    before = counts()
    again = client_http.post("/api/me/sessions", json=[sent, sent])
    assert again.status_code == 200 and again.json["created"] == 0
    assert counts() == before


def test_a_session_id_another_client_used_is_refused_alone_and_never_acknowledged(
        app, world, client_http, signed_in):
    taken = session_body(pain_before=3)
    client_http.post("/api/me/sessions", json=[taken])
    other = signed_in(world.other_client)
    fresh = session_body(pain_before=2)
    response = other.post("/api/me/sessions", json=[{**taken, "pain_before": 8}, fresh])
    assert response.status_code == 200
    assert response.json["ids"] == [fresh["id"]] and response.json["created"] == 1
    assert [(r["id"], r["code"]) for r in response.json["refused"]] == [(taken["id"], 409)]
    assert [s["id"] for s in other.get("/api/me/sessions").json] == [fresh["id"]]
    assert client_http.get("/api/me/sessions").json[0]["pain_before"] == 3


def test_a_batch_of_501_sessions_is_refused_and_500_accepted(app, client_http):
    start = NOW - timedelta(days=30)
    batch = [session_body(started_at=(start + timedelta(hours=i)).isoformat(), drags=[])
             for i in range(501)]
    refused = client_http.post("/api/me/sessions", json=batch)
    assert refused.status_code == 413
    assert stored_count(app, PracticeSession) == 0
    assert client_http.post("/api/me/sessions", json=batch[:500]).json["created"] == 500


@pytest.mark.parametrize(("changes", "field"), [
    ({"pain_before": 11}, "pain_before"), ({"pain_after": -1}, "pain_after"),
    ({"pain_after": 2.5}, "pain_after"), ({"program_version": 0}, "program_version"),
    ({"started_at": "2026-05-01T08:00:00"}, "started_at"),
    ({"started_at": (NOW + timedelta(days=2)).isoformat()}, "started_at"),
    ({"ended_at": (NOW - timedelta(days=1)).isoformat()}, "ended_at"),
    ({"stopped_early": "no"}, "stopped_early"), ({"stopped_early": 0}, "stopped_early"),
    ({"drags": [_drag(group="sciatic")]}, "drags"),
    ({"drags": [_drag(direction="up")]}, "drags"),
    ({"drags": [_drag(response="great")]}, "drags"),
    ({"drags": [_drag(side="front")]}, "drags"),
    ({"drags": [_drag(held_seconds=-1)]}, "drags"),
    ({"drags": [_drag(held_seconds=601)]}, "drags"),
    ({"drags": [_drag(force=3)]}, "drags"),
    ({"drags": [_drag()] * 201}, "drags"),
    ({"rating": 3}, "rating"),
])
def test_out_of_range_or_unknown_session_values_are_422_naming_the_field(client_http, changes,
                                                                         field):
    body = assert_error(client_http.post("/api/me/sessions", json=[session_body(**changes)]),
                        422, "0")
    assert field in body["errors"]["0"], body["errors"]


def test_one_bad_session_refuses_the_batch_and_names_its_index(app, client_http):
    batch = [session_body(), session_body(), session_body(drags=[_drag(response="?")])]
    assert_error(client_http.post("/api/me/sessions", json=batch), 422, "2")
    assert stored_count(app, PracticeSession) == 0


def test_sessions_come_newest_first_and_page_with_x_pagination(client_http):
    batch = [session_body(started_at=(NOW - timedelta(hours=h)).isoformat(), drags=[])
             for h in (5, 1, 9, 3)]
    client_http.post("/api/me/sessions", json=batch)
    first = client_http.get("/api/me/sessions?page_size=3")
    starts = [datetime.fromisoformat(s["started_at"]) for s in first.json]
    assert starts == sorted(starts, reverse=True) and len(starts) == 3
    assert json.loads(first.headers["X-Pagination"])["total"] == 4
    since = (NOW - timedelta(hours=4)).isoformat()
    assert len(client_http.get("/api/me/sessions", query_string={"from": since}).json) == 2


def test_a_therapist_reads_their_clients_sessions(world, client_http, signed_in):
    client_http.post("/api/me/sessions", json=[session_body()])
    response = signed_in(world.therapist).get(f"/api/clients/{world.client.id}/sessions")
    assert response.status_code == 200 and len(response.json) == 1
