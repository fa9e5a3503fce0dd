"""Flags with a lifecycle: listed open or all, newest first, in one shape everywhere;
acknowledged once, with a note of what was done where the tier asks for one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from tests.factories import log_body, session_body
from tests.server.expect import assert_error

NOW = datetime(2026, 5, 6, 9, 30, tzinfo=UTC)
FLAG_KEYS = {"id", "kind", "code", "urgency", "raised_at", "told_client", "acknowledged_at",
             "acknowledged_by", "note", "evidence", "log_id", "session_id"}


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def therapist_http(world, signed_in):
    return signed_in(world.therapist)


def _flags(http, world, query=""):
    response = http.get(f"/api/clients/{world.client.id}/flags{query}")
    assert response.status_code == 200, response.json
    return response.json


def _acknowledge(http, world, flag_id, body=None):
    return http.post(f"/api/clients/{world.client.id}/flags/{flag_id}/acknowledge", json=body)


def _raise(client_http, **log):
    body = log_body(**log)
    assert client_http.post("/api/me/logs", json=[body]).status_code == 200
    return body


def test_a_log_with_a_red_flag_weakness_and_high_pain_raises_three_flags_in_the_contract_shape(
        world, client_http, therapist_http):
    log = _raise(client_http, pain=9, red_flags=["saddle-numbness"], weakness=True)
    flags = _flags(therapist_http, world)
    assert all(set(flag) == FLAG_KEYS for flag in flags)
    by_kind = {flag["kind"]: flag for flag in flags}
    assert set(by_kind) == {"red-flag", "weakness", "high-pain"}
    assert (by_kind["red-flag"]["code"], by_kind["red-flag"]["urgency"]) == (
        "saddle-numbness", "emergency")
    # Weakness is same day (the nerves are sensory); the client saw the log's one notice, for
    # its most urgent answer: go to an emergency department now.
    assert by_kind["weakness"]["urgency"] == "same-day"
    assert by_kind["red-flag"]["told_client"] == by_kind["weakness"]["told_client"] == "emergency"
    assert by_kind["high-pain"]["urgency"] == "review"
    assert by_kind["high-pain"]["told_client"] is None
    for flag in flags:
        assert flag["log_id"] == log["id"] and flag["session_id"] is None
        assert datetime.fromisoformat(flag["raised_at"]) == NOW
        assert (flag["acknowledged_at"], flag["acknowledged_by"], flag["note"],
                flag["evidence"]) == (None, None, None, None)


def test_weakness_alone_is_same_day_and_the_client_was_told_same_day(
        world, client_http, therapist_http):
    _raise(client_http, pain=3, weakness=True)
    [flag] = _flags(therapist_http, world)
    assert (flag["kind"], flag["code"], flag["urgency"], flag["told_client"]) == (
        "weakness", "", "same-day", "same-day")


@pytest.mark.parametrize(("code", "tier"), [
    ("saddle-numbness", "emergency"), ("bladder-bowel", "emergency"),
    ("bilateral-leg", "emergency"), ("progressive-weakness", "same-day"),
    ("fever-weight-loss", "soon"), ("cancer-history", "soon"), ("night-pain", "soon"),
    ("trauma", "soon"),
])
def test_each_red_flag_has_its_tier_and_the_client_was_told_that_tier(
        world, client_http, therapist_http, code, tier):
    _raise(client_http, pain=2, red_flags=[code])
    [flag] = _flags(therapist_http, world)
    assert (flag["code"], flag["urgency"], flag["told_client"]) == (code, tier, tier)


def test_open_flags_come_newest_first(world, client_http, therapist_http):
    for minutes, code in ((0, "trauma"), (5, "night-pain"), (2, "cancer-history")):
        with time_machine.travel(NOW + timedelta(minutes=minutes), tick=False):
            _raise(client_http, pain=1, red_flags=[code])
    assert [f["code"] for f in _flags(therapist_http, world)] == [
        "night-pain", "cancer-history", "trauma"]


def test_state_all_keeps_acknowledged_flags_listed_with_who_when_and_the_note(
        world, client_http, therapist_http):
    _raise(client_http, pain=2, red_flags=["bladder-bowel"])
    _raise(client_http, pain=9)
    emergency = next(f for f in _flags(therapist_http, world) if f["urgency"] == "emergency")
    with time_machine.travel(NOW + timedelta(minutes=7), tick=False):
        done = _acknowledge(therapist_http, world, emergency["id"],
                            {"note": "  Phoned; she is on her way to A&E.  "})
    assert done.status_code == 200, done.json
    assert set(done.json) == FLAG_KEYS
    assert datetime.fromisoformat(done.json["acknowledged_at"]) == NOW + timedelta(minutes=7)
    assert done.json["acknowledged_by"] == {"id": world.therapist.id, "name": "Dana Therapist"}
    assert done.json["note"] == "Phoned; she is on her way to A&E."
    assert [f["kind"] for f in _flags(therapist_http, world)] == ["high-pain"]
    everything = _flags(therapist_http, world, "?state=all")
    assert [f["kind"] for f in everything] == ["high-pain", "red-flag"]
    assert everything[1] == done.json
    assert _flags(therapist_http, world, "?state=open") == _flags(therapist_http, world)


@pytest.mark.parametrize("state", ["closed", "OPEN", "", "acknowledged"])
def test_a_state_other_than_open_or_all_is_422(world, therapist_http, state):
    assert_error(therapist_http.get(f"/api/clients/{world.client.id}/flags?state={state}"), 422,
                 "state")


@pytest.mark.parametrize("body", [None, {}, {"note": None}, {"note": ""}, {"note": "  \n "}])
@pytest.mark.parametrize("code", ["saddle-numbness", "progressive-weakness"])
def test_an_emergency_or_same_day_flag_needs_a_note_to_be_acknowledged(
        world, client_http, therapist_http, body, code):
    _raise(client_http, pain=2, red_flags=[code])
    [flag] = _flags(therapist_http, world)
    assert_error(_acknowledge(therapist_http, world, flag["id"], body), 422, "note")
    assert _flags(therapist_http, world) == [flag]  # still open, nothing recorded


@pytest.mark.parametrize("body", [None, {}, {"note": None}, {"note": ""}])
def test_a_soon_or_review_flag_may_be_acknowledged_without_a_note(
        world, client_http, therapist_http, body):
    _raise(client_http, pain=9, red_flags=["night-pain"])
    for flag in _flags(therapist_http, world):
        done = _acknowledge(therapist_http, world, flag["id"], body)
        assert done.status_code == 200, done.json
        assert done.json["note"] is None and done.json["acknowledged_at"] is not None
    assert _flags(therapist_http, world) == []


def test_a_weakness_flag_acknowledged_with_a_note_keeps_it(world, client_http, therapist_http):
    _raise(client_http, pain=2, weakness=True)
    [flag] = _flags(therapist_http, world)
    done = _acknowledge(therapist_http, world, flag["id"], {"note": "GP today at 4 pm."})
    assert done.status_code == 200 and done.json["note"] == "GP today at 4 pm."


def test_acknowledging_twice_is_409_and_the_first_acknowledgement_stands(
        world, client_http, therapist_http):
    _raise(client_http, pain=2, red_flags=["trauma"])
    [flag] = _flags(therapist_http, world)
    first = _acknowledge(therapist_http, world, flag["id"], {"note": "X-ray booked."})
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        assert_error(_acknowledge(therapist_http, world, flag["id"], {"note": "Other."}), 409)
        assert_error(_acknowledge(therapist_http, world, flag["id"]), 409)
    [stored] = _flags(therapist_http, world, "?state=all")
    assert stored == first.json and stored["note"] == "X-ray booked."


def test_a_note_longer_than_2000_characters_is_422(world, client_http, therapist_http):
    _raise(client_http, pain=9)
    [flag] = _flags(therapist_http, world)
    assert_error(_acknowledge(therapist_http, world, flag["id"], {"note": "x" * 2001}), 422,
                 "note")
    assert _acknowledge(therapist_http, world, flag["id"], {"note": "x" * 2000}).status_code == 200


def test_an_unknown_field_in_the_acknowledgement_is_422(world, client_http, therapist_http):
    _raise(client_http, pain=9)
    [flag] = _flags(therapist_http, world)
    assert_error(_acknowledge(therapist_http, world, flag["id"], {"notes": "typo"}), 422,
                 "notes")


def test_a_flag_id_that_does_not_exist_is_404(world, therapist_http):
    assert_error(_acknowledge(therapist_http, world, 999_999, {"note": "x"}), 404)


def test_a_session_whose_pain_rose_raises_a_review_flag_the_client_was_not_told_of(
        world, client_http, therapist_http):
    session = session_body(pain_before=3, pain_after=5)
    client_http.post("/api/me/sessions", json=[session])
    [flag] = _flags(therapist_http, world)
    assert (flag["kind"], flag["urgency"], flag["told_client"], flag["session_id"]) == (
        "session-rise", "review", None, session["id"])


def test_trends_and_both_exports_show_flags_in_the_flags_list_shape(
        world, client_http, therapist_http):
    _raise(client_http, pain=2, red_flags=["night-pain"])
    [flag] = _flags(therapist_http, world)
    _acknowledge(therapist_http, world, flag["id"], {"note": "Booked with GP."})
    [listed] = _flags(therapist_http, world, "?state=all")
    assert therapist_http.get(f"/api/clients/{world.client.id}/trends").json["flags"] == [listed]
    assert client_http.get("/api/me/trends").json["flags"] == [listed]
    assert client_http.get("/api/me/export").json["flags"] == [listed]
