"""Home programs: versioned on every PUT, bounded by the vocabulary and the contract's ranges."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from server.extensions import db
from server.models import SkinDragStep
from tests.factories import program_spec
from tests.server.expect import assert_error


@pytest.fixture
def therapist_http(world, signed_in):
    return signed_in(world.therapist)


def _put(http, world, spec):
    return http.put(f"/api/clients/{world.client.id}/program", json=spec)


def test_put_answers_200_with_version_1_then_2_and_keeps_the_old_version(world, therapist_http,
                                                                         signed_in):
    first = _put(therapist_http, world, program_spec())
    assert first.status_code == 200
    assert first.json["version"] == 1
    changed = program_spec(notes="Shorter holds this week.")
    changed["steps"][0]["hold_seconds"] = 10
    second = _put(therapist_http, world, changed)
    assert second.status_code == 200
    assert second.json["version"] == 2

    versions = therapist_http.get(f"/api/clients/{world.client.id}/program/versions").json
    assert [v["version"] for v in versions] == [2, 1]
    old = therapist_http.get(f"/api/clients/{world.client.id}/program/versions/1").json
    assert old["steps"][0]["hold_seconds"] == 5
    assert old["notes"] == ""
    assert signed_in(world.client).get("/api/me/program").json["version"] == 2
    assert therapist_http.get(f"/api/clients/{world.client.id}/program").json["notes"] == \
        "Shorter holds this week."


def test_a_program_reads_back_in_the_contracts_shape(world, therapist_http):
    body = _put(therapist_http, world, program_spec()).json
    assert set(body) == {"version", "created_at", "steps", "avoid", "schedule",
                         "movement_breaks", "notes"}
    assert set(body["steps"][0]) == {"group", "side", "landmark", "directions", "contact",
                                     "hold_seconds", "repetitions", "notes"}
    assert body["steps"][0]["directions"] == ["inferior", "medial", "lateral", "superior"]
    assert body["avoid"] == [{"activity": "sitting", "max_minutes": 30,
                              "note": "Stand up and walk."}]
    assert body["schedule"] == program_spec()["schedule"]
    assert body["movement_breaks"] == {"every_minutes": 45, "from": "09:00", "to": "17:00"}


def test_movement_breaks_may_be_null(world, therapist_http):
    assert _put(therapist_http, world, program_spec(movement_breaks=None)).json[
        "movement_breaks"] is None


def test_before_any_program_the_client_and_therapist_get_404(world, therapist_http, signed_in):
    assert_error(signed_in(world.client).get("/api/me/program"), 404)
    assert_error(therapist_http.get(f"/api/clients/{world.client.id}/program"), 404)
    assert_error(therapist_http.get(f"/api/clients/{world.client.id}/program/versions/1"), 404)


def _step(**changes):
    return {**program_spec()["steps"][0], **changes}


@pytest.mark.parametrize(("changes", "path"), [
    ({"steps": [_step(hold_seconds=2)]}, ("steps", "0", "hold_seconds")),
    ({"steps": [_step(hold_seconds=16)]}, ("steps", "0", "hold_seconds")),
    ({"steps": [_step(hold_seconds=61)]}, ("steps", "0", "hold_seconds")),
    ({"steps": [_step(hold_seconds="20")]}, ("steps", "0", "hold_seconds")),
    ({"steps": [_step(hold_seconds=20.5)]}, ("steps", "0", "hold_seconds")),
    ({"steps": [_step(hold_seconds=True)]}, ("steps", "0", "hold_seconds")),
    ({"steps": [_step(repetitions=0)]}, ("steps", "0", "repetitions")),
    ({"steps": [_step(repetitions=21)]}, ("steps", "0", "repetitions")),
    ({"steps": [_step(), _step(contact="thumb")]}, ("steps", "1", "contact")),
    ({"steps": [_step(contact="elbow")]}, ("steps", "0", "contact")),
    ({"steps": [_step(group="sciatic")]}, ("steps", "0", "group")),
    ({"steps": [_step(side="middle")]}, ("steps", "0", "side")),
    ({"steps": [_step(directions=[])]}, ("steps", "0", "directions")),
    ({"steps": [_step(directions=["inferior", "inferior"])]}, ("steps", "0", "directions")),
    ({"steps": [_step(directions=["up"])]}, ("steps", "0", "directions")),
    ({"steps": [_step(landmark="")]}, ("steps", "0", "landmark")),
    ({"steps": [_step(landmark="x" * 201)]}, ("steps", "0", "landmark")),
    ({"steps": [_step(notes="x" * 2001)]}, ("steps", "0", "notes")),
    ({"steps": [_step(pressure="deep")]}, ("steps", "0", "pressure")),
    ({"steps": [_step()] * 21}, ("steps",)),
    ({"steps": "none"}, ("steps",)),
    ({"avoid": [{"activity": "lying"}]}, ("avoid", "0", "activity")),
    ({"avoid": [{"activity": "sitting", "max_minutes": 0}]}, ("avoid", "0", "max_minutes")),
    ({"avoid": [{"activity": "sitting"}, {"activity": "sitting"}]}, ("avoid",)),
    ({"schedule": {"times": ["25:00"], "days": ["mon"]}}, ("schedule", "times")),
    ({"schedule": {"times": ["8:00"], "days": ["mon"]}}, ("schedule", "times")),
    ({"schedule": {"times": ["08:00", "08:00"], "days": ["mon"]}}, ("schedule", "times")),
    ({"schedule": {"times": ["08:00"], "days": ["funday"]}}, ("schedule", "days")),
    ({"schedule": {"times": ["08:00"]}}, ("schedule", "days")),
    ({"movement_breaks": {"every_minutes": 5, "from": "09:00", "to": "17:00"}},
     ("movement_breaks", "every_minutes")),
    ({"movement_breaks": {"every_minutes": 45, "from": "17:00", "to": "09:00"}},
     ("movement_breaks", "to")),
    ({"notes": "x" * 2001}, ("notes",)),
    ({"version": 7}, ("version",)),
])
def test_put_refuses_out_of_bounds_and_unknown_values_naming_the_field(world, therapist_http,
                                                                       changes, path):
    body = assert_error(_put(therapist_http, world, program_spec(**changes)), 422)
    errors = body["errors"]
    for key in path:
        assert key in errors, (key, body["errors"])
        errors = errors[key]
    assert_error(therapist_http.get(f"/api/clients/{world.client.id}/program"), 404)


def test_put_without_steps_or_schedule_is_refused(world, therapist_http):
    assert_error(_put(therapist_http, world, {"notes": ""}), 422, "steps", "schedule")


def test_a_client_cannot_put_a_program(world, signed_in):
    assert_error(_put(signed_in(world.client), world, program_spec()), 403)


@pytest.mark.parametrize("seconds", [3, 15])
def test_a_hold_of_3_to_15_seconds_is_stored(world, therapist_http, seconds):
    body = _put(therapist_http, world, program_spec(steps=[_step(hold_seconds=seconds)])).json
    assert body["steps"][0]["hold_seconds"] == seconds


def test_a_step_without_a_hold_gets_the_default_5_seconds(world, therapist_http):
    step = _step()
    del step["hold_seconds"]
    body = _put(therapist_http, world, program_spec(steps=[step])).json
    assert body["steps"][0]["hold_seconds"] == 5


def test_a_version_stored_under_the_old_60_second_bound_stays_readable_as_it_was(
        app, world, therapist_http, signed_in):
    _put(therapist_http, world, program_spec())
    with app.app_context():  # as the first release stored it
        db.session.execute(update(SkinDragStep).values(hold_seconds=60))
        db.session.commit()
    assert signed_in(world.client).get("/api/me/program").json["steps"][0]["hold_seconds"] == 60
    old = therapist_http.get(f"/api/clients/{world.client.id}/program/versions/1").json
    assert old["steps"][0]["hold_seconds"] == 60
    # A new version is held to the new bound, even when the therapist re-saves the old one.
    assert_error(_put(therapist_http, world, program_spec(steps=[old["steps"][0]])), 422,
                 "steps")
