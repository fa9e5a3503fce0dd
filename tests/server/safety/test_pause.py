"""The pause: while an emergency or same-day flag is open, every device of the client is told
that self-massage is off, until the therapist acknowledges the flag with a note."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from tests.factories import log_body, session_body
from tests.server.expect import assert_error

NOW = datetime(2026, 10, 25, 0, 40, tzinfo=UTC)  # London's clocks go back at 01:00 UTC today


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _paused(http) -> dict | None:
    program = http.get("/api/me/program")
    safety = http.get("/api/me/safety")
    assert program.status_code == 200 and safety.status_code == 200
    assert program.json["paused"] == safety.json["paused"]
    return safety.json["paused"]


def _open_flag(therapist, world, urgency):
    flags = therapist.get(f"/api/clients/{world.client.id}/flags").json
    return next(f for f in flags if f["urgency"] == urgency)


def test_an_emergency_pauses_every_device_until_the_therapist_acknowledges_with_a_note(
        world, signed_in, make_program):
    make_program(world.therapist, world.client)
    phone, tablet = signed_in(world.client), signed_in(world.client)
    therapist = signed_in(world.therapist)
    assert _paused(tablet) is None

    phone.post("/api/me/logs", json=[log_body(pain=3, red_flags=["saddle-numbness"])])
    pause = {"since": NOW.isoformat(), "reason": "saddle-numbness", "urgency": "emergency"}
    assert _paused(tablet) == pause
    assert therapist.get(f"/api/clients/{world.client.id}").json["paused"] == pause
    assert therapist.get("/api/clients").json[0]["paused"] == pause

    # What the phones send during a pause is still stored.
    log, session = log_body(pain=4), session_body()
    assert tablet.post("/api/me/logs", json=[log]).json["created"] == 1
    assert tablet.post("/api/me/sessions", json=[session]).json["created"] == 1

    flag = _open_flag(therapist, world, "emergency")
    url = f"/api/clients/{world.client.id}/flags/{flag['id']}/acknowledge"
    assert_error(therapist.post(url, json={}), 422, "note")
    assert _paused(tablet) == pause
    assert therapist.post(url, json={"note": "Called 999 with him."}).status_code == 200
    assert _paused(tablet) is None and _paused(phone) is None
    assert therapist.get(f"/api/clients/{world.client.id}").json["paused"] is None


def test_the_pause_dates_from_the_earliest_open_flag_and_names_the_most_urgent_tier(
        world, signed_in, make_program):
    make_program(world.therapist, world.client)
    phone, therapist = signed_in(world.client), signed_in(world.therapist)
    phone.post("/api/me/logs", json=[log_body(pain=2, weakness=True)])
    later = NOW + timedelta(hours=2)  # past the clock change: still one instant, in UTC
    with time_machine.travel(later, tick=False):
        phone.post("/api/me/logs", json=[log_body(pain=2, red_flags=["bladder-bowel"])])
        assert _paused(phone) == {"since": NOW.isoformat(), "reason": "weakness",
                                  "urgency": "emergency"}
        weakness = _open_flag(therapist, world, "same-day")
        therapist.post(f"/api/clients/{world.client.id}/flags/{weakness['id']}/acknowledge",
                       json={"note": "Seen by GP."})
        assert _paused(phone) == {"since": later.isoformat(), "reason": "bladder-bowel",
                                  "urgency": "emergency"}


@pytest.mark.parametrize("log", [
    {"pain": 9}, {"pain": 2, "red_flags": ["night-pain", "trauma", "cancer-history"]},
])
def test_soon_and_review_flags_do_not_pause(world, signed_in, make_program, log):
    make_program(world.therapist, world.client)
    phone = signed_in(world.client)
    phone.post("/api/me/logs", json=[log_body(**log)])
    phone.post("/api/me/sessions", json=[session_body(pain_before=2, pain_after=9)])
    assert _paused(phone) is None


def test_a_client_with_no_program_yet_learns_of_the_pause_from_me_safety(world, signed_in):
    phone = signed_in(world.client)
    assert phone.get("/api/me/safety").json == {"paused": None}
    phone.post("/api/me/logs", json=[log_body(pain=2, red_flags=["progressive-weakness"])])
    assert_error(phone.get("/api/me/program"), 404)
    assert phone.get("/api/me/safety").json == {"paused": {
        "since": NOW.isoformat(), "reason": "progressive-weakness", "urgency": "same-day"}}


def test_one_clients_pause_is_not_another_clients(world, signed_in):
    signed_in(world.client).post("/api/me/logs",
                                 json=[log_body(pain=2, red_flags=["bilateral-leg"])])
    assert signed_in(world.other_client).get("/api/me/safety").json == {"paused": None}
    rows = signed_in(world.other_therapist).get("/api/clients").json
    assert [row["paused"] for row in rows] == [None]
