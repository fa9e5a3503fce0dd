"""Change in pain from a stated baseline (IMMPACT) on the client record and across the caseload:
classified once, coloured only when meaningful, from a fixed number of queries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine

from tests.factories import log_body
from tests.server.api.test_clients import _fill_caseload
from tests.server.expect import assert_error

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def _logs(days_ago_and_pain) -> list[dict]:
    return [log_body(pain=pain, recorded_at=(NOW - timedelta(days=days, hours=1)).isoformat(),
                     sensations=[], regions=[])
            for days, pain in days_ago_and_pain]


def _frozen():
    return time_machine.travel(NOW, tick=False)


def test_the_client_record_carries_the_change_since_the_first_week(world, signed_in):
    with _frozen():
        # First week (30 to 24 days ago): mean 6.9 ... as the client: 7, 7, 6.7 → 6.9.
        signed_in(world.client).post("/api/me/logs", json=_logs(
            [(30, 7), (28, 7), (26, 7), (25, 6), (24, 7)] + [(5, 3), (3, 4), (1, 3)]))
        outcome = signed_in(world.therapist).get(f"/api/clients/{world.client.id}").json[
            "outcome"]
    assert outcome["baseline_kind"] == "first-week"
    assert outcome["baseline"]["logs"] == 5 and outcome["baseline"]["pain_mean"] == 6.8
    assert outcome["now"]["logs"] == 3 and outcome["now"]["pain_mean"] == 3.33
    assert outcome["category"] == "substantial-improvement" and outcome["meaningful"] is True
    assert outcome["change_points"] == -3.47 and outcome["change_percent"] == -51.0
    assert outcome["why_not"] is None
    assert datetime.fromisoformat(outcome["baseline"]["start"]) == datetime(2026, 10, 31,
                                                                            tzinfo=UTC)


def test_a_small_change_is_no_clear_change_and_not_meaningful(world, signed_in):
    with _frozen():
        signed_in(world.client).post("/api/me/logs", json=_logs(
            [(30, 6), (29, 6), (28, 6)] + [(3, 6), (2, 6), (1, 7)]))
        outcome = signed_in(world.therapist).get(f"/api/clients/{world.client.id}").json[
            "outcome"]
    assert outcome["category"] == "no-clear-change" and outcome["meaningful"] is False
    assert outcome["change_points"] == 0.33


def test_no_outcome_until_both_windows_have_enough_logs_and_do_not_overlap(world, signed_in):
    url = f"/api/clients/{world.client.id}"
    with _frozen():  # signed in at NOW too: a session from another date would have lapsed
        therapist = signed_in(world.therapist)
        client = signed_in(world.client)
        assert therapist.get(url).json["outcome"]["why_not"] == "no-logs"
        client.post("/api/me/logs", json=_logs([(3, 5), (2, 5), (1, 5)]))
        too_early = therapist.get(url).json["outcome"]
        assert too_early["why_not"] == "too-early" and too_early["category"] is None
        client.post("/api/me/logs", json=_logs([(20, 5), (19, 5)]))
        few = therapist.get(url).json["outcome"]
        assert few["why_not"] == "few-logs" and few["meaningful"] is False


def test_the_therapist_may_take_the_week_before_a_program_change_as_the_baseline(
        world, signed_in, make_program):
    therapist = signed_in(world.therapist)
    url = f"/api/clients/{world.client.id}/outcome"
    with time_machine.travel(NOW - timedelta(days=40), tick=False):
        make_program(world.therapist, world.client)
    with time_machine.travel(NOW - timedelta(days=14), tick=False):
        make_program(world.therapist, world.client, notes="Second version")
    with _frozen():
        therapist = signed_in(world.therapist)
        signed_in(world.client).post("/api/me/logs", json=_logs(
            [(39, 2), (38, 2), (37, 2)] + [(19, 8), (18, 8), (17, 8)] + [(3, 5), (2, 5),
                                                                         (1, 5)]))
        assert therapist.get(url).json["category"] == "substantial-worsening"
        assert [c["version"] for c in therapist.get(url).json["program_changes"]] == [1, 2]
        chosen = therapist.put(url, json={"baseline": "before-program-change"})
        assert chosen.status_code == 200, chosen.json
        assert chosen.json["baseline"]["program_version"] == 2
        assert chosen.json["baseline"]["pain_mean"] == 8.0
        assert chosen.json["category"] == "meaningful-improvement"
        first = therapist.put(url, json={"baseline": "before-program-change",
                                         "program_version": 1}).json
        assert first["why_not"] == "few-logs" and first["baseline"]["logs"] == 0
        assert therapist.get(f"/api/clients/{world.client.id}").json["outcome"][
            "baseline"]["program_version"] == 1
        back = therapist.put(url, json={"baseline": "first-week"}).json
        assert back["baseline_kind"] == "first-week" and back["baseline"]["pain_mean"] == 2.0


def test_a_bad_baseline_choice_is_422(world, signed_in, make_program):
    make_program(world.therapist, world.client)
    therapist = signed_in(world.therapist)
    url = f"/api/clients/{world.client.id}/outcome"
    assert_error(therapist.put(url, json={"baseline": "last-month"}), 422, "baseline")
    assert_error(therapist.put(url, json={"baseline": "before-program-change",
                                          "program_version": 7}), 422, "program_version")
    assert_error(therapist.put(url, json={"baseline": "first-week", "program_version": 1}),
                 422, "program_version")
    assert_error(therapist.put(url, json={"baseline": "before-program-change",
                                          "program_version": "1"}), 422, "program_version")


def test_a_baseline_before_a_change_that_never_happened_says_so(world, signed_in):
    therapist = signed_in(world.therapist)
    url = f"/api/clients/{world.client.id}/outcome"
    chosen = therapist.put(url, json={"baseline": "before-program-change"}).json
    assert chosen["why_not"] == "no-program-change" and chosen["baseline"] is None


def test_the_caseload_counts_clients_meaningfully_better(world, signed_in, make_client):
    worse = make_client(world.therapist, "Wes Worse")
    make_client(world.therapist, "New Client")  # no logs yet
    with _frozen():
        signed_in(world.client).post("/api/me/logs", json=_logs(
            [(30, 8), (29, 8), (28, 8), (3, 4), (2, 4), (1, 4)]))
        signed_in(worse).post("/api/me/logs", json=_logs(
            [(30, 3), (29, 3), (28, 3), (3, 5), (2, 5), (1, 5)]))
        signed_in(world.other_client).post("/api/me/logs", json=_logs(
            [(30, 8), (29, 8), (28, 8), (3, 1), (2, 1), (1, 1)]))
        therapist = signed_in(world.therapist)
        summary = therapist.get("/api/clients/outcomes").json
        rows = {row["name"]: row["outcome"] for row in therapist.get("/api/clients").json}
    assert summary == {"clients": 3, "with_outcome": 2, "improved": 1, "worsened": 1,
                       "not_yet": 1, "by_category": {
                           "substantial-improvement": 1, "meaningful-improvement": 0,
                           "no-clear-change": 0, "meaningful-worsening": 0,
                           "substantial-worsening": 1}}
    assert rows["Robin Client"]["category"] == "substantial-improvement"
    assert rows["Wes Worse"]["category"] == "substantial-worsening"
    assert rows["New Client"]["why_not"] == "no-logs"


def test_the_caseload_outcomes_take_the_same_number_of_queries_for_5_or_50_clients(
        app, make_therapist, signed_in, count_queries):
    small, large = make_therapist("Small"), make_therapist("Large")
    _fill_caseload(app, small, 5)
    _fill_caseload(app, large, 50)
    small_http, large_http = signed_in(small), signed_in(large)
    small_http.get("/api/clients/outcomes")
    large_http.get("/api/clients/outcomes")
    with count_queries() as at_5:
        assert small_http.get("/api/clients/outcomes").json["clients"] == 5
    with count_queries() as at_50:
        assert large_http.get("/api/clients/outcomes").json["clients"] == 50
    assert len(at_5) == len(at_50), (at_5, at_50)


def test_the_week_on_week_change_is_classified_so_only_a_meaningful_one_is_coloured(
        world, signed_in, make_client):
    small = make_client(world.therapist, "Sam Small")
    with _frozen():
        signed_in(world.client).post("/api/me/logs", json=_logs([(9, 3), (2, 6)]))
        signed_in(small).post("/api/me/logs", json=_logs([(9, 6), (2, 6)]))
        rows = {r["name"]: r for r in signed_in(world.therapist).get("/api/clients").json}
    assert rows["Robin Client"]["pain_change_7d_category"] == "substantial-worsening"
    assert rows["Sam Small"]["pain_change_7d"] == 0.0
    assert rows["Sam Small"]["pain_change_7d_category"] == "no-clear-change"


def test_one_statement_serves_more_clients_than_sqlite_allows_in_one_compound_select(
        app, world, signed_in):
    from server.domain import pain_change as pc

    with _frozen():
        signed_in(world.client).post("/api/me/logs", json=_logs([(30, 6), (2, 4)]))
    baseline = pc.Window(NOW - timedelta(days=31), NOW - timedelta(days=24))
    now = pc.Window(NOW - timedelta(days=7), NOW)
    windows = {client_id: (baseline, now) for client_id in range(100_000, 100_900)}
    windows[world.client.id] = (baseline, now)
    with app.app_context():
        sums = pc._window_sums(windows)
    assert sums == {world.client.id: ((1, 6), (1, 4))}


def test_the_first_week_starts_on_the_clients_local_day_of_their_first_log(
        world, signed_in, make_client):
    kolkata = make_client(world.therapist, "Kavya Kolkata", timezone="Asia/Kolkata")
    # 20:00 UTC on 31 October is 01:30 on 1 November in Kolkata: the baseline is 1-7 November.
    first = datetime(2026, 10, 31, 20, 0, tzinfo=UTC)
    logs = [log_body(pain=6, recorded_at=(first + timedelta(days=d)).isoformat())
            for d in (0, 1, 6)] + [log_body(pain=5, recorded_at=(first + timedelta(days=7))
                                            .isoformat())]  # 8 November, local: outside
    with _frozen():
        signed_in(kolkata).post("/api/me/logs", json=logs)
        outcome = signed_in(world.therapist).get(f"/api/clients/{kolkata.id}/outcome").json
    assert datetime.fromisoformat(outcome["baseline"]["start"]) == datetime(
        2026, 10, 31, 18, 30, tzinfo=UTC)
    assert datetime.fromisoformat(outcome["baseline"]["end"]) == datetime(
        2026, 11, 7, 18, 30, tzinfo=UTC)
    assert outcome["baseline"]["logs"] == 3 and outcome["baseline"]["pain_mean"] == 6.0
