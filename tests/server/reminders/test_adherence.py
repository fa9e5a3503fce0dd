"""On time: a session started from an hour before to three hours after its due time."""

import uuid
from datetime import UTC, datetime, timedelta

import time_machine

from server.domain.adherence import on_time_due_times
from tests.factories import session_body

from .helpers import program_at

DUE = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)


def test_the_window_runs_from_an_hour_before_to_three_hours_after():
    starts = [DUE - timedelta(minutes=60), DUE + timedelta(days=1, hours=3, minutes=1)]
    assert on_time_due_times([DUE, DUE + timedelta(days=1)], starts) == [DUE]
    assert on_time_due_times([DUE], [DUE - timedelta(minutes=61)]) == []


def test_one_session_answers_one_due_time_only():
    twice_daily = [DUE, DUE + timedelta(hours=2)]
    assert on_time_due_times(twice_daily, [DUE + timedelta(minutes=30)]) == [DUE]
    assert on_time_due_times([DUE], [DUE, DUE + timedelta(minutes=5)]) == [DUE]


def test_trends_and_caseload_show_sessions_done_on_time(
        world, make_client, make_program, add_sessions, signed_in):
    client = make_client(world.therapist)
    program_at(make_program, world.therapist, client, DUE - timedelta(days=3), ["08:00"])
    with time_machine.travel(DUE + timedelta(days=2, hours=1), tick=False):
        # Sent two days on: the server refuses sessions from the future.
        add_sessions(client, [
            session_body(id=str(uuid.uuid4()),
                         started_at=(DUE + timedelta(minutes=20)).isoformat()),
            session_body(id=str(uuid.uuid4()),
                         started_at=(DUE + timedelta(days=1, hours=5)).isoformat()),
        ])
        trends = signed_in(client).get("/api/me/trends?from=2026-06-01&to=2026-06-03").json
        row = signed_in(world.therapist).get(f"/api/clients/{client.id}").json
    assert [(b["sessions_planned"], b["sessions_done"], b["on_time"])
            for b in trends["series"]] == [(1, 1, 1), (1, 1, 0), (1, 0, 0)]
    assert row["adherence"]["on_time"] == 1 and row["adherence"]["done"] == 2
