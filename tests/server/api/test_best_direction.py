"""The best-direction endpoints: the ranked evidence per spot for the therapist, turning on
"start with the best direction" only when the evidence is clear, and what the phone leads with."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from tests.factories import program_spec, session_body
from tests.server.expect import assert_error

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
STEP = {"group": "superior", "side": "left", "landmark": "Top of the left iliac crest",
        "directions": ["medial", "lateral"], "contact": "palm", "hold_seconds": 5,
        "repetitions": 1, "notes": ""}


@pytest.fixture(autouse=True)
def _clock_after_the_sessions():
    """The sessions are dated before NOW; the server refuses any from the future."""
    with time_machine.travel(NOW, tick=True):
        yield


def _session(day: int, lateral: str = "better", medial: str = "same") -> dict:
    return session_body(started_at=(NOW - timedelta(days=30 - day)).isoformat(), drags=[
        {"group": "superior", "side": "left", "direction": "medial", "response": medial,
         "held_seconds": 0},
        {"group": "superior", "side": "left", "direction": "lateral", "response": lateral,
         "held_seconds": 5 if lateral == "better" else 0}])


def _url(world) -> str:
    return f"/api/clients/{world.client.id}/best-direction"


def test_the_therapist_reads_each_direction_ranked_with_its_interval(world, signed_in,
                                                                     make_program):
    make_program(world.therapist, world.client, steps=[STEP])
    signed_in(world.client).post("/api/me/sessions", json=[_session(d) for d in range(3)])
    found = signed_in(world.therapist).get(_url(world)).json
    assert found["lead_with_best"] is False and found["lead_with"] == []
    [spot] = found["spots"]
    assert (spot["group"], spot["side"], spot["best"]) == ("superior", "left", "lateral")
    lateral, medial = spot["directions"]
    assert (lateral["direction"], lateral["eased"], lateral["trials"]) == ("lateral", 3, 3)
    assert lateral["mean"] == 0.8  # (3 + 1) / (3 + 2)
    # Beta(4, 1): P(X <= x) = x**4, so its 5th percentile is 0.05 ** (1/4).
    assert abs(lateral["low"] - 0.05 ** 0.25) < 1e-9 and abs(lateral["high"] - 0.95 ** 0.25) < 1e-9
    assert (medial["eased"], medial["trials"], medial["mean"]) == (0, 3, 0.2)
    assert spot["clear"] is False and spot["reason"] == "too-few-trials"
    assert found["any_clear"] is False


def test_start_with_the_best_is_refused_until_the_evidence_is_clear(world, signed_in,
                                                                     make_program):
    make_program(world.therapist, world.client, steps=[STEP])
    client = signed_in(world.client)
    therapist = signed_in(world.therapist)
    client.post("/api/me/sessions", json=[_session(d) for d in range(3)])
    assert_error(therapist.put(_url(world), json={"lead_with_best": True}), 409)
    assert client.get("/api/me/program").json["lead_with"] == []

    client.post("/api/me/sessions", json=[_session(d) for d in range(3, 12)])
    turned_on = therapist.put(_url(world), json={"lead_with_best": True})
    assert turned_on.status_code == 200, turned_on.json
    assert turned_on.json["lead_with_best"] is True and turned_on.json["spots"][0]["clear"]
    assert client.get("/api/me/program").json["lead_with"] == [
        {"group": "superior", "side": "left", "direction": "lateral"}]


def test_a_worse_answer_stops_the_lead_at_once_and_marks_the_direction(world, signed_in,
                                                                       make_program):
    make_program(world.therapist, world.client, steps=[STEP])
    client = signed_in(world.client)
    therapist = signed_in(world.therapist)
    client.post("/api/me/sessions", json=[_session(d) for d in range(12)])
    assert therapist.put(_url(world), json={"lead_with_best": True}).status_code == 200
    client.post("/api/me/sessions", json=[_session(20, lateral="worse")])
    assert client.get("/api/me/program").json["lead_with"] == []
    spot = therapist.get(_url(world)).json["spots"][0]
    assert spot["best"] == "medial" and not spot["clear"]
    assert spot["directions"][-1]["direction"] == "lateral"
    assert spot["directions"][-1]["worse_recently"] is True


def test_the_worse_mark_lasts_the_last_five_sessions_only(world, signed_in, make_program):
    make_program(world.therapist, world.client, steps=[STEP])
    client = signed_in(world.client)
    client.post("/api/me/sessions", json=[_session(0, lateral="worse")]
                + [_session(d) for d in range(1, 5)])
    spot = signed_in(world.therapist).get(_url(world)).json["spots"][0]
    assert spot["directions"][-1]["worse_recently"] is True
    client.post("/api/me/sessions", json=[_session(6)])
    spot = signed_in(world.therapist).get(_url(world)).json["spots"][0]
    assert not any(d["worse_recently"] for d in spot["directions"]) and spot["best"] == "lateral"


def test_turning_it_off_is_always_allowed_and_bad_bodies_are_422(world, signed_in):
    therapist = signed_in(world.therapist)
    off = therapist.put(_url(world), json={"lead_with_best": False})
    assert off.status_code == 200 and off.json["lead_with_best"] is False
    assert_error(therapist.put(_url(world), json={"lead_with_best": "yes"}), 422,
                 "lead_with_best")
    assert_error(therapist.put(_url(world), json={}), 422, "lead_with_best")


def test_a_client_without_sessions_has_no_spots(world, signed_in):
    found = signed_in(world.therapist).get(_url(world)).json
    assert found["spots"] == [] and found["any_clear"] is False


def test_the_lead_follows_the_program_in_force(world, signed_in, make_program):
    make_program(world.therapist, world.client, steps=[STEP])
    client = signed_in(world.client)
    therapist = signed_in(world.therapist)
    client.post("/api/me/sessions", json=[_session(d) for d in range(12)])
    therapist.put(_url(world), json={"lead_with_best": True})
    with time_machine.travel(datetime.now(UTC) + timedelta(minutes=1)):
        therapist.put(f"/api/clients/{world.client.id}/program",
                      json=program_spec(steps=[{**STEP, "directions": ["medial", "inferior"]}]))
    assert client.get("/api/me/program").json["lead_with"] == []
