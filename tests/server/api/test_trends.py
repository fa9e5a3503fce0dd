"""Trends: buckets of the client's local days or ISO weeks, counted in SQL, in the contract's
shape; local midnight and daylight-saving days bucketed on the client's wall clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from tests.factories import log_body, session_body
from tests.server.expect import assert_error

#: The records below are dated in 2026 and the server refuses records from the future, so every
#: test here runs after them, at one fixed instant, whatever day the suite runs on.
pytestmark = pytest.mark.frozen_at("2026-12-01T12:00:00+00:00")


def at(text: str) -> str:
    """An ISO instant in UTC from 'YYYY-MM-DD HH:MM'."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC).isoformat()


def _client_in(zone, world, signed_in):
    http = signed_in(world.client)
    assert http.patch("/api/me", json={"timezone": zone}).status_code == 200
    return http


def _series(http, query: str) -> list[dict]:
    response = http.get(f"/api/me/trends?{query}")
    assert response.status_code == 200, response.json
    return response.json["series"]


def test_trends_have_the_contracts_shape(world, signed_in):
    http = signed_in(world.client)
    http.post("/api/me/logs", json=[log_body(pain=5)])
    body = http.get("/api/me/trends").json
    assert {"bucket", "series", "relief", "flags"} <= set(body)
    assert body["bucket"] == "day" and len(body["series"]) == 30
    assert {"start", "pain_mean", "pain_min", "pain_max", "logs", "sessions_done",
            "sessions_planned", "sensations"} <= set(body["series"][0])
    assert body["series"][-1]["logs"] == 1
    assert body["series"][0]["pain_mean"] is None and body["series"][0]["logs"] == 0


def test_a_day_gives_pain_mean_min_max_count_and_sensation_counts(world, signed_in):
    http = signed_in(world.client)
    http.post("/api/me/logs", json=[
        log_body(pain=2, sensations=["aching"], recorded_at=at("2026-06-03 08:00")),
        log_body(pain=7, sensations=["aching", "burning"], recorded_at=at("2026-06-03 12:00")),
        log_body(pain=4, sensations=["tingling", "painful-cold"],
                 recorded_at=at("2026-06-03 20:00")),
        log_body(pain=9, sensations=[], recorded_at=at("2026-06-04 09:00")),
    ])
    day, next_day = _series(http, "from=2026-06-03&to=2026-06-04")
    assert day["start"] == "2026-06-03T00:00:00+00:00"
    assert (day["pain_mean"], day["pain_min"], day["pain_max"], day["logs"]) == (
        pytest.approx(13 / 3, abs=0.01), 2, 7, 3)
    assert day["sensations"] == {"aching": 2, "burning": 1, "tingling": 1, "painful-cold": 1}
    assert (next_day["pain_mean"], next_day["logs"], next_day["sensations"]) == (9.0, 1, {})


def test_week_buckets_are_iso_weeks_starting_monday_oldest_first(world, signed_in):
    http = signed_in(world.client)
    # 2026-06-07 is a Sunday, 2026-06-08 a Monday.
    http.post("/api/me/logs", json=[log_body(pain=2, recorded_at=at("2026-06-07 23:00")),
                                    log_body(pain=6, recorded_at=at("2026-06-08 00:30"))])
    series = _series(http, "from=2026-06-03&to=2026-06-10&bucket=week")
    assert [s["start"] for s in series] == ["2026-06-01T00:00:00+00:00",
                                            "2026-06-08T00:00:00+00:00"]
    assert [s["pain_mean"] for s in series] == [2.0, 6.0]


def test_a_half_hour_offset_zone_puts_logs_near_midnight_on_the_right_local_day(world,
                                                                              signed_in):
    http = _client_in("Asia/Kolkata", world, signed_in)
    # Kolkata is UTC+05:30: 18:29 UTC is 23:59 local, 18:31 UTC is 00:01 the next local day.
    http.post("/api/me/logs", json=[
        log_body(pain=1, recorded_at=at("2026-06-02 18:31")),   # 3 June 00:01
        log_body(pain=3, recorded_at=at("2026-06-03 18:29")),   # 3 June 23:59
        log_body(pain=8, recorded_at=at("2026-06-03 18:31")),   # 4 June 00:01
    ])
    day3, day4 = _series(http, "from=2026-06-03&to=2026-06-04")
    assert day3["start"] == "2026-06-03T00:00:00+05:30"
    assert (day3["logs"], day3["pain_min"], day3["pain_max"]) == (2, 1, 3)
    assert (day4["logs"], day4["pain_max"]) == (1, 8)


def test_the_23_hour_spring_forward_day_is_one_bucket(world, signed_in):
    http = _client_in("America/New_York", world, signed_in)
    # 2026-03-08: clocks jump 02:00 EST -> 03:00 EDT, so the local day lasts 23 hours.
    http.post("/api/me/logs", json=[
        log_body(pain=1, recorded_at=at("2026-03-08 04:59")),  # 7 March 23:59 EST
        log_body(pain=2, recorded_at=at("2026-03-08 05:01")),  # 8 March 00:01 EST
        log_body(pain=3, recorded_at=at("2026-03-09 03:59")),  # 8 March 23:59 EDT
        log_body(pain=4, recorded_at=at("2026-03-09 04:01")),  # 9 March 00:01 EDT
    ])
    series = _series(http, "from=2026-03-07&to=2026-03-09")
    assert [s["start"] for s in series] == ["2026-03-07T00:00:00-05:00",
                                            "2026-03-08T00:00:00-05:00",
                                            "2026-03-09T00:00:00-04:00"]
    assert [s["logs"] for s in series] == [1, 2, 1]
    assert (series[1]["pain_min"], series[1]["pain_max"]) == (2, 3)


def test_the_25_hour_fall_back_day_is_one_bucket(world, signed_in):
    http = _client_in("America/New_York", world, signed_in)
    # 2026-11-01: clocks fall back 02:00 EDT -> 01:00 EST, so the local day lasts 25 hours.
    http.post("/api/me/logs", json=[
        log_body(pain=1, recorded_at=at("2026-11-01 04:01")),  # 1 Nov 00:01 EDT
        log_body(pain=2, recorded_at=at("2026-11-01 05:30")),  # 1 Nov 01:30 EDT
        log_body(pain=3, recorded_at=at("2026-11-01 06:30")),  # 1 Nov 01:30 EST (again)
        log_body(pain=4, recorded_at=at("2026-11-02 04:59")),  # 1 Nov 23:59 EST
        log_body(pain=5, recorded_at=at("2026-11-02 05:01")),  # 2 Nov 00:01 EST
    ])
    series = _series(http, "from=2026-10-31&to=2026-11-02")
    assert [s["start"] for s in series] == ["2026-10-31T00:00:00-04:00",
                                            "2026-11-01T00:00:00-04:00",
                                            "2026-11-02T00:00:00-05:00"]
    assert [s["logs"] for s in series] == [0, 4, 1]
    assert (series[1]["pain_min"], series[1]["pain_max"]) == (1, 4)


def test_a_week_holding_a_dst_change_is_one_bucket(world, signed_in):
    http = _client_in("America/New_York", world, signed_in)
    http.post("/api/me/logs", json=[log_body(pain=2, recorded_at=at("2026-03-02 05:30")),
                                    log_body(pain=4, recorded_at=at("2026-03-09 03:30"))])
    series = _series(http, "from=2026-03-02&to=2026-03-08&bucket=week")
    assert len(series) == 1 and series[0]["logs"] == 2


def test_sessions_done_and_planned_per_day_follow_the_program(world, signed_in, make_program):
    http = _client_in("Europe/London", world, signed_in)
    with time_machine.travel(datetime(2026, 6, 1, 6, 0, tzinfo=UTC)):
        make_program(world.therapist, world.client,
                     schedule={"times": ["08:00", "19:00"], "days": ["mon", "tue", "wed"]})
    http.post("/api/me/sessions", json=[
        session_body(started_at=at("2026-06-01 07:05")),  # Mon 08:05 BST
        session_body(started_at=at("2026-06-01 18:10")),
        session_body(started_at=at("2026-06-02 07:00")),
    ])
    with time_machine.travel(datetime(2026, 6, 3, 12, 0, tzinfo=UTC)):
        series = _series(http, "from=2026-06-01&to=2026-06-04")
    assert [s["sessions_done"] for s in series] == [2, 1, 0, 0]
    # Wednesday's evening session is not due yet at noon; Thursday is not a program day.
    assert [s["sessions_planned"] for s in series] == [2, 2, 1, 0]


def test_relief_counts_each_group_side_and_direction_from_the_drags(world, signed_in):
    http = signed_in(world.client)

    def drag(direction, response, group="superior", side="left"):
        return {"group": group, "side": side, "direction": direction, "response": response,
                "held_seconds": 10}

    http.post("/api/me/sessions", json=[
        session_body(started_at=at("2026-06-01 08:00"), drags=[
            drag("inferior", "better"), drag("medial", "worse"),
            drag("inferior", "same", group="middle", side="right")]),
        session_body(started_at=at("2026-06-02 08:00"), drags=[
            drag("inferior", "better"), drag("medial", "same")]),
        session_body(started_at=at("2026-05-01 08:00"), drags=[drag("inferior", "worse")]),
    ])
    relief = http.get("/api/me/trends?from=2026-06-01&to=2026-06-02").json["relief"]
    assert relief == [
        {"group": "middle", "side": "right", "direction": "inferior", "better": 0, "same": 1,
         "worse": 0},
        {"group": "superior", "side": "left", "direction": "inferior", "better": 2, "same": 0,
         "worse": 0},
        {"group": "superior", "side": "left", "direction": "medial", "better": 0, "same": 1,
         "worse": 1},
    ]


def test_flags_raised_in_the_range_are_listed(world, signed_in):
    http = signed_in(world.client)
    http.post("/api/me/logs", json=[log_body(pain=9, red_flags=["saddle-numbness"])])
    flags = http.get("/api/me/trends").json["flags"]
    assert {(f["kind"], f["urgency"]) for f in flags} == {("red-flag", "emergency"),
                                                          ("high-pain", "review")}


def test_a_therapist_sees_the_same_trends_as_the_client(world, signed_in):
    client_http = _client_in("Asia/Kolkata", world, signed_in)
    client_http.post("/api/me/logs", json=[log_body(pain=4), log_body(pain=6)])
    theirs = signed_in(world.therapist).get(f"/api/clients/{world.client.id}/trends?bucket=week")
    assert theirs.status_code == 200
    assert theirs.json == client_http.get("/api/me/trends?bucket=week").json


def test_the_longest_allowed_range_of_days_is_answered(world, signed_in):
    http = signed_in(world.client)
    http.post("/api/me/logs", json=[log_body(pain=3, recorded_at=at("2025-01-01 12:00"))])
    series = _series(http, "from=2025-01-01&to=2026-12-31")
    assert len(series) == 730 and series[0]["logs"] == 1


def test_the_range_defaults_to_the_last_30_days_ending_today(world, signed_in):
    http = _client_in("Pacific/Auckland", world, signed_in)
    with time_machine.travel(datetime(2026, 6, 30, 13, 0, tzinfo=UTC)):  # 1 July in Auckland
        series = _series(http, "")
    assert series[-1]["start"].startswith("2026-07-01T00:00:00+12:00")
    assert series[0]["start"].startswith("2026-06-02")


@pytest.mark.parametrize("query", ["bucket=month", "from=2026-06-05&to=2026-06-01",
                                   "from=2020-01-01&to=2026-01-01", "from=06/01/2026",
                                   "to=2026-06-01T10:00"])
def test_bad_trend_queries_are_422(world, signed_in, query):
    assert_error(signed_in(world.client).get(f"/api/me/trends?{query}"), 422)


def test_trends_take_the_same_number_of_queries_for_a_week_or_a_year(world, signed_in,
                                                                     make_program,
                                                                     count_queries):
    http = signed_in(world.client)
    make_program(world.therapist, world.client)
    now = datetime.now(UTC)
    http.post("/api/me/logs", json=[log_body(recorded_at=(now - timedelta(days=d)).isoformat())
                                    for d in range(0, 300, 3)])
    with count_queries() as week:
        http.get("/api/me/trends?bucket=day&from=" + (now - timedelta(days=6)).date().isoformat())
    with count_queries() as year:
        http.get("/api/me/trends?bucket=day&from=" + (now - timedelta(days=364)).date()
                 .isoformat())
    assert len(week) == len(year)


def test_a_weeks_mean_weighs_every_log_not_every_day(world, signed_in):
    http = signed_in(world.client)
    # Monday 1 June 2026 has three logs of 2, Tuesday one of 8: the mean of logs is 14 / 4,
    # where a mean of the two daily means would say 5.
    http.post("/api/me/logs", json=[
        *[log_body(pain=2, recorded_at=at(f"2026-06-01 0{h}:00")) for h in (7, 8, 9)],
        log_body(pain=8, sensations=["burning"], recorded_at=at("2026-06-02 09:00")),
    ])
    (week,) = _series(http, "from=2026-06-01&to=2026-06-07&bucket=week")
    assert (week["pain_mean"], week["pain_min"], week["pain_max"], week["logs"]) == (
        3.5, 2, 8, 4)
    assert week["neuropathic_mean"] == 0.25


def test_a_half_hour_offset_zone_starts_the_week_at_local_monday_midnight(world, signed_in):
    http = _client_in("Asia/Kolkata", world, signed_in)
    http.post("/api/me/logs", json=[
        log_body(pain=1, recorded_at=at("2026-06-07 18:29")),  # Sunday 7 June 23:59
        log_body(pain=9, recorded_at=at("2026-06-07 18:31")),  # Monday 8 June 00:01
    ])
    first, second = _series(http, "from=2026-06-01&to=2026-06-08&bucket=week")
    assert (first["start"], first["logs"], first["pain_max"]) == (
        "2026-06-01T00:00:00+05:30", 1, 1)
    assert (second["start"], second["logs"], second["pain_max"]) == (
        "2026-06-08T00:00:00+05:30", 1, 9)


def test_a_range_across_both_clock_changes_puts_late_evening_logs_on_their_local_day(
        world, signed_in):
    http = _client_in("America/New_York", world, signed_in)
    # 23:30 local in winter, summer and winter again: each stays on its own local day.
    http.post("/api/me/logs", json=[
        log_body(pain=1, recorded_at=at("2026-03-08 04:30")),  # 7 March 23:30 EST
        log_body(pain=2, recorded_at=at("2026-07-01 03:30")),  # 30 June 23:30 EDT
        log_body(pain=3, recorded_at=at("2026-11-02 04:30")),  # 1 Nov 23:30 EST
    ])
    series = _series(http, "from=2026-03-01&to=2026-11-30")
    logged = {s["start"][:10]: s["pain_max"] for s in series if s["logs"]}
    assert logged == {"2026-03-07": 1, "2026-06-30": 2, "2026-11-01": 3}


def test_sessions_done_count_on_the_local_day_they_started(world, signed_in):
    http = _client_in("Asia/Kolkata", world, signed_in)
    http.post("/api/me/sessions", json=[
        session_body(started_at=at("2026-06-02 18:29")),  # 2 June 23:59
        session_body(started_at=at("2026-06-02 18:31")),  # 3 June 00:01
    ])
    day2, day3 = _series(http, "from=2026-06-02&to=2026-06-03")
    assert (day2["sessions_done"], day3["sessions_done"]) == (1, 1)
