"""The clinical summary of one client: who, when, the range, pain and adherence in it, every flag
raised with how it was handled, and the program in force."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from tests.factories import log_body, session_body
from tests.server.expect import assert_error

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def at(days_ago: float, hour: int = 9) -> str:
    return (NOW.replace(hour=hour) - timedelta(days=days_ago)).isoformat()


@pytest.fixture
def record(make_therapist, make_client, make_program, add_logs, add_sessions):
    with time_machine.travel(NOW - timedelta(days=21), tick=False):
        therapist = make_therapist("Dana Reid")
        client = make_client(therapist, "Morgan Avery", timezone="Europe/London")
        make_program(therapist, client, notes="Stand every 30 minutes.")
    with time_machine.travel(NOW - timedelta(days=1), tick=False):  # flags: raised on arrival
        add_logs(client, [log_body(pain=p, recorded_at=at(d)) for d, p in
                          [(20, 8), (19, 6), (10, 5), (2, 3), (1, 3)]])
        add_logs(client, [log_body(pain=4, recorded_at=at(3), red_flags=["night-pain"])])
        add_sessions(client, [session_body(started_at=at(1, hour=8), pain_before=4,
                                           pain_after=3)])
    return therapist, client


@time_machine.travel(NOW, tick=False)
def test_the_summary_says_who_when_and_the_whole_record_by_default(record, signed_in):
    therapist, client = record
    body = signed_in(therapist).get(f"/api/clients/{client.id}/summary").json
    assert body["client"]["name"] == "Morgan Avery"
    assert body["therapist"]["name"] == body["prepared_by"]["name"] == "Dana Reid"
    assert (body["from"], body["to"]) == ("2026-11-10", "2026-11-30")
    assert body["printed_at"] == "2026-11-30T12:00:00+00:00"
    assert body["pain"] == {"logs": 6, "mean": 4.8, "min": 3, "max": 8}
    assert body["program"]["version"] == 1
    assert body["program"]["notes"] == "Stand every 30 minutes."
    assert len(body["weeks"]) == 4  # 10 Nov (a Tuesday) to 30 Nov: parts of four ISO weeks
    assert body["adherence"]["sessions_done"] == 1
    assert body["adherence"]["sessions_planned"] == 2 * 21 - 1  # 08:00 and 19:00, not 19:00 today
    assert body["adherence"]["on_time"] == 1


@time_machine.travel(NOW, tick=False)
def test_a_range_limits_the_figures_and_the_flags(record, signed_in):
    therapist, client = record
    body = signed_in(therapist).get(
        f"/api/clients/{client.id}/summary?from=2026-11-27&to=2026-11-30").json
    assert (body["from"], body["to"]) == ("2026-11-27", "2026-11-30")
    assert body["pain"]["logs"] == 3
    assert {(f["kind"], f["code"]) for f in body["flags"]} == {("high-pain", ""),
                                                                ("red-flag", "night-pain")}
    assert all(f["acknowledged_at"] is None for f in body["flags"])
    earlier = signed_in(therapist).get(
        f"/api/clients/{client.id}/summary?from=2026-11-10&to=2026-11-28").json
    assert earlier["flags"] == [] and earlier["pain"]["logs"] == 5


@time_machine.travel(NOW, tick=False)
def test_each_flag_comes_with_who_handled_it_and_their_note_oldest_first(record, signed_in):
    therapist, client = record
    http = signed_in(therapist)
    flags = http.get(f"/api/clients/{client.id}/flags?state=all").json
    for flag in flags:
        http.post(f"/api/clients/{client.id}/flags/{flag['id']}/acknowledge",
                  json={"note": f"Rang about {flag['kind']}."})
    body = http.get(f"/api/clients/{client.id}/summary").json
    assert [f["raised_at"] for f in body["flags"]] == sorted(f["raised_at"] for f in flags)
    assert all(f["acknowledged_by"]["name"] == "Dana Reid" for f in body["flags"])
    assert {f["note"] for f in body["flags"]} == {"Rang about red-flag.", "Rang about high-pain."}


@time_machine.travel(NOW, tick=False)
def test_a_client_with_nothing_recorded_has_an_empty_summary(make_therapist, make_client,
                                                             signed_in):
    therapist = make_therapist()
    client = make_client(therapist)
    body = signed_in(therapist).get(f"/api/clients/{client.id}/summary").json
    assert (body["from"], body["to"]) == ("2026-11-30", "2026-11-30")
    assert body["pain"] == {"logs": 0, "mean": None, "min": None, "max": None}
    assert body["adherence"]["ratio"] is None and body["program"] is None


@time_machine.travel(NOW, tick=False)
def test_reading_the_summary_is_in_the_clients_access_log(record, signed_in):
    therapist, client = record
    signed_in(therapist).get(f"/api/clients/{client.id}/summary")
    entries = signed_in(client).get("/api/me/access-log").json
    assert (entries[0]["action"], entries[0]["resource"]) == ("read", "record")


def test_a_bad_range_is_422_and_another_therapists_client_404(record, signed_in, make_therapist):
    therapist, client = record
    assert_error(signed_in(therapist).get(
        f"/api/clients/{client.id}/summary?from=2026-12-01&to=2026-11-01"), 422, "from")
    assert_error(signed_in(make_therapist()).get(f"/api/clients/{client.id}/summary"), 404)


@time_machine.travel(NOW, tick=False)
def test_the_summary_carries_the_baseline_against_now_the_psfs_and_the_best_direction(
        make_therapist, make_client, make_program, add_logs, add_sessions, signed_in):
    therapist = make_therapist("Dana Reid")
    client = make_client(therapist, timezone="UTC")
    make_program(therapist, client)
    add_logs(client, [log_body(pain=7, recorded_at=at(d)) for d in (30, 29, 28)]
             + [log_body(pain=3, recorded_at=at(d)) for d in (3, 2, 1)])
    drag = {"group": "superior", "side": "left", "held_seconds": 5}
    add_sessions(client, [session_body(started_at=at(d, hour=8), drags=[
        {**drag, "direction": "inferior", "response": "better"},
        {**drag, "direction": "superior", "response": "same"}]) for d in range(10, 4, -1)])
    body = signed_in(therapist).get(f"/api/clients/{client.id}/summary").json
    change = body["pain_change"]
    assert change["baseline"]["pain_mean"] == 7.0 and change["now"]["pain_mean"] == 3.0
    assert change["category"] == "substantial-improvement" and change["meaningful"] is True
    (spot,) = body["best_direction"]["spots"]
    assert (spot["group"], spot["side"], spot["best"]) == ("superior", "left", "inferior")
    assert spot["directions"][0]["eased"] == 6 and spot["directions"][0]["trials"] == 6
    assert body["psfs"]["activities"] == []
