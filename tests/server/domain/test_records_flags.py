"""Recording logs raises flags from what was stored now: once per new log, and a watch flag
(rule "rise") when this week's mean pain is 2 or more above last week's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.factories import log_body, session_body

# A Wednesday mid-morning, clock stopped: "this week" and "last week" never straddle a change.
pytestmark = pytest.mark.frozen_at("2026-05-13T09:30:00+00:00")


def _days_ago(days: float) -> str:
    return (datetime.now(UTC) - timedelta(days=days)).isoformat()


def _flag_kinds(world, signed_in) -> list[str]:
    flags = signed_in(world.therapist).get(f"/api/clients/{world.client.id}/flags").json
    return sorted(f["kind"] + (f":{f['code']}" if f["kind"] == "watch" else "") for f in flags)


def test_a_batch_repeating_one_new_log_stores_and_flags_it_once(world, signed_in):
    log = log_body(pain=9)
    receipt = signed_in(world.client).post("/api/me/logs", json=[log, log]).json
    assert (receipt["received"], receipt["created"]) == (2, 1)
    assert _flag_kinds(world, signed_in) == ["high-pain"]


def test_a_resent_batch_raises_no_second_flag(world, signed_in):
    http = signed_in(world.client)
    batch = [log_body(pain=3, weakness=True), log_body(pain=2, red_flags=["saddle-numbness"])]
    http.post("/api/me/logs", json=batch)
    assert http.post("/api/me/logs", json=batch).json["created"] == 0
    assert _flag_kinds(world, signed_in) == ["red-flag", "weakness"]


def test_a_session_whose_pain_rose_is_flagged_once_when_resent(world, signed_in):
    http = signed_in(world.client)
    session = session_body(pain_before=3, pain_after=8)
    http.post("/api/me/sessions", json=[session])
    http.post("/api/me/sessions", json=[session])
    assert _flag_kinds(world, signed_in) == ["high-pain", "session-rise"]


def test_this_weeks_pain_well_above_last_weeks_raises_one_rise_watch_flag(world, signed_in):
    http = signed_in(world.client)
    http.post("/api/me/logs", json=[log_body(pain=2, recorded_at=_days_ago(d))
                                    for d in (8, 9, 10)])
    assert _flag_kinds(world, signed_in) == []
    http.post("/api/me/logs", json=[log_body(pain=5, recorded_at=_days_ago(d)) for d in (1, 2)])
    assert _flag_kinds(world, signed_in) == ["watch:rise"]
    http.post("/api/me/logs", json=[log_body(pain=6, recorded_at=_days_ago(0.5))])
    assert _flag_kinds(world, signed_in) == ["watch:rise"]


def test_a_small_rise_raises_no_watch_flag(world, signed_in):
    http = signed_in(world.client)
    http.post("/api/me/logs", json=[log_body(pain=3, recorded_at=_days_ago(9)),
                                    log_body(pain=4, recorded_at=_days_ago(1))])
    assert _flag_kinds(world, signed_in) == []
