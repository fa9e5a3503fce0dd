"""The caseload: who needs attention first, from a fixed number of queries at any size."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from server.domain import programs, records
from server.extensions import db
from server.models import CLIENT, User
from server.schemas.programs import ProgramSchema
from server.schemas.records import PracticeSessionSchema, SymptomLogSchema
from tests.factories import log_body, program_spec, session_body
from tests.server.expect import assert_error

# Every test here runs at this instant (a Wednesday mid-morning), clock stopped.
NOW = datetime(2026, 5, 13, 9, 30, tzinfo=UTC)
pytestmark = pytest.mark.frozen_at(NOW.isoformat())


def _ago(**delta) -> str:
    """Before the clock's "now": NOW in this module's tests, whatever clock another module's
    test has when it borrows _fill_caseload."""
    return (datetime.now(UTC) - timedelta(**delta)).isoformat()


def test_each_row_carries_the_caseload_figures(world, signed_in, make_program):
    with time_machine.travel(NOW - timedelta(days=3)):
        make_program(world.therapist, world.client)  # due at 08:00 and 19:00 every day
    client = signed_in(world.client)
    client.post("/api/me/logs", json=[log_body(pain=6, recorded_at=_ago(days=1)),
                                      log_body(pain=4, recorded_at=_ago(days=2)),
                                      log_body(pain=2, recorded_at=_ago(days=9))])
    client.post("/api/me/sessions", json=[session_body(started_at=_ago(hours=5))])
    rows = signed_in(world.therapist).get("/api/clients").json
    assert len(rows) == 1
    row = rows[0]
    assert row["id"] == world.client.id and row["name"] == "Robin Client"
    assert row["pain_mean_7d"] == 5.0
    assert row["pain_change_7d"] == 3.0
    assert datetime.fromisoformat(row["last_log_at"]) == datetime.fromisoformat(_ago(days=1))
    assert row["recent_pain"] == [2, 4, 6]
    # Assigned three days ago at 09:30, so six sessions were due: 19:00 that day, 08:00 and 19:00
    # on each of the two days between, and 08:00 today.
    # The one session (at 04:30) was not near a due time, and no reminder went out.
    assert row["adherence"] == {"done": 1, "planned": 6, "ratio": round(1 / 6, 2), "on_time": 0,
                                "reminders_sent": 0}
    # This week's mean is 3 points above last week's: a sensitising nerve, flagged for review.
    assert row["open_flags"] == 1 and row["top_urgency"] == "review"
    assert row["program_version"] == 1


def test_a_client_without_logs_has_empty_figures(world, signed_in):
    row = signed_in(world.therapist).get("/api/clients").json[0]
    assert (row["last_log_at"], row["pain_mean_7d"], row["pain_change_7d"]) == (None, None, None)
    assert row["recent_pain"] == [] and row["program_version"] is None
    assert row["adherence"]["ratio"] is None


def test_the_most_urgent_open_flag_comes_first(world, signed_in, make_client):
    calm = world.client
    urgent = make_client(world.therapist, "Urgent Client")
    soon = make_client(world.therapist, "Soon Client")
    signed_in(calm).post("/api/me/logs", json=[log_body(pain=7)])
    signed_in(soon).post("/api/me/logs", json=[log_body(pain=1, red_flags=["night-pain"])])
    signed_in(urgent).post("/api/me/logs", json=[log_body(pain=1,
                                                          red_flags=["bladder-bowel"])])
    rows = signed_in(world.therapist).get("/api/clients").json
    assert [r["name"] for r in rows] == ["Urgent Client", "Soon Client", "Robin Client"]
    assert rows[0]["top_urgency"] == "emergency" and rows[0]["open_flags"] == 1


def test_acknowledging_a_flag_closes_it(world, signed_in):
    signed_in(world.client).post("/api/me/logs", json=[log_body(pain=9, weakness=True)])
    therapist = signed_in(world.therapist)
    flags = therapist.get(f"/api/clients/{world.client.id}/flags").json
    assert {f["kind"] for f in flags} == {"weakness", "high-pain"}
    done = therapist.post(f"/api/clients/{world.client.id}/flags/{flags[0]['id']}/acknowledge")
    assert done.status_code == 200 and done.json["acknowledged_at"] is not None
    assert len(therapist.get(f"/api/clients/{world.client.id}/flags").json) == 1
    assert therapist.get("/api/clients").json[0]["open_flags"] == 1


def test_a_flag_of_another_client_cannot_be_acknowledged_through_ones_own(world, signed_in):
    signed_in(world.other_client).post("/api/me/logs", json=[log_body(pain=9)])
    theirs = signed_in(world.other_therapist).get(
        f"/api/clients/{world.other_client.id}/flags").json[0]
    mine = signed_in(world.therapist)
    assert_error(mine.post(f"/api/clients/{world.client.id}/flags/{theirs['id']}/acknowledge"),
                 404)


def test_one_client_is_the_caseload_row_and_others_clients_are_404(world, signed_in):
    therapist = signed_in(world.therapist)
    one = therapist.get(f"/api/clients/{world.client.id}")
    assert one.status_code == 200 and one.json["id"] == world.client.id
    assert_error(therapist.get(f"/api/clients/{world.other_client.id}"), 404)
    assert_error(therapist.get(f"/api/clients/{world.other_therapist.id}"), 404)


def _fill_caseload(app, therapist: User, size: int) -> None:
    """size clients, each with a program, logs, a session and a flag (rows made directly, with
    the domain verbs, to keep the test quick)."""
    with app.app_context():
        owner = db.session.get(User, therapist.id)
        password_hash = owner.password_hash
        for n in range(size):
            client = User(role=CLIENT, email=f"bulk{therapist.id}-{n}@example.test",
                          name=f"Bulk {n}", password_hash=password_hash,
                          timezone=("Europe/London", "Asia/Kolkata")[n % 2],
                          therapist_id=owner.id)
            db.session.add(client)
            db.session.flush()
            programs.assign_program_version(owner, client, ProgramSchema().load(program_spec()))
            records.record_logs(client, SymptomLogSchema(many=True).load(
                [log_body(pain=n % 11, recorded_at=_ago(days=d)) for d in (1, 3, 9)]))
            records.record_sessions(client, PracticeSessionSchema(many=True).load(
                [session_body(started_at=_ago(hours=3))]))
        db.session.commit()


def test_the_caseload_takes_the_same_number_of_queries_for_5_or_50_clients(
        app, make_therapist, signed_in, count_queries):
    small, large = make_therapist("Small"), make_therapist("Large")
    _fill_caseload(app, small, 5)
    _fill_caseload(app, large, 50)
    small_http, large_http = signed_in(small), signed_in(large)
    small_http.get("/api/clients")  # the session's last-seen touch is not part of the count
    large_http.get("/api/clients")
    with count_queries() as at_5:
        rows_5 = small_http.get("/api/clients").json
    with count_queries() as at_50:
        rows_50 = large_http.get("/api/clients").json
    assert (len(rows_5), len(rows_50)) == (5, 50)
    assert all(r["recent_pain"] and r["program_version"] == 1 for r in rows_50)
    assert len(at_5) == len(at_50), (at_5, at_50)


def test_an_empty_caseload_is_an_empty_list(make_therapist, signed_in):
    assert signed_in(make_therapist()).get("/api/clients").json == []


def test_the_caseload_takes_the_same_number_of_queries_for_40_clients_as_for_5(
        app, make_therapist, make_client, signed_in, count_queries):
    # The caseload screen's forty: the usual rows plus clients who never logged, whose rows the
    # search and filters work over in the browser (one answer, no query per filter).
    small, large = make_therapist("Five"), make_therapist("Forty")
    _fill_caseload(app, small, 4)
    make_client(small, "Never Logs")
    _fill_caseload(app, large, 36)
    for n in range(4):
        make_client(large, f"Never Logs {n}")
    small_http, large_http = signed_in(small), signed_in(large)
    small_http.get("/api/clients")
    large_http.get("/api/clients")
    with count_queries() as at_5:
        rows_5 = small_http.get("/api/clients").json
    with count_queries() as at_40:
        rows_40 = large_http.get("/api/clients").json
    assert (len(rows_5), len(rows_40)) == (5, 40)
    assert len(at_5) == len(at_40), (at_5, at_40)


def _joined(make_client, therapist, name, days_ago):
    with time_machine.travel(NOW - timedelta(days=days_ago), tick=False):
        return make_client(therapist, name)


@time_machine.travel(NOW, tick=False)
def test_not_logging_means_no_log_for_the_stated_days_or_none_since_joining_that_long_ago(
        world, make_client, add_logs, signed_in):
    from server.domain.caseload import NOT_LOGGING_DAYS

    quiet = _joined(make_client, world.therapist, "Quiet", 30)
    add_logs(quiet, [log_body(pain=3, recorded_at=_ago(days=NOT_LOGGING_DAYS))])
    recent = _joined(make_client, world.therapist, "Recent", 30)
    add_logs(recent, [log_body(pain=3, recorded_at=_ago(days=NOT_LOGGING_DAYS, seconds=-1))])
    never_old = _joined(make_client, world.therapist, "Never Old", NOT_LOGGING_DAYS)
    never_new = _joined(make_client, world.therapist, "Never New", NOT_LOGGING_DAYS - 1)
    rows = {r["name"]: r for r in signed_in(world.therapist).get("/api/clients").json}
    assert rows[quiet.name]["not_logging"] is True
    assert rows[recent.name]["not_logging"] is False
    assert rows[never_old.name]["not_logging"] is True
    assert rows[never_new.name]["not_logging"] is False


@time_machine.travel(NOW, tick=False)
def test_a_client_who_never_logs_comes_after_open_flags_and_before_calm_clients(
        world, make_client, add_logs, signed_in):
    flagged = _joined(make_client, world.therapist, "Flagged", 30)
    add_logs(flagged, [log_body(pain=2, recorded_at=_ago(hours=2), red_flags=["night-pain"])])
    rising = _joined(make_client, world.therapist, "Rising", 30)
    add_logs(rising, [log_body(pain=6, recorded_at=_ago(days=1)),
                      log_body(pain=5, recorded_at=_ago(days=8))])
    silent = _joined(make_client, world.therapist, "Silent", 10)
    rows = signed_in(world.therapist).get("/api/clients").json
    names = [r["name"] for r in rows]
    # Robin Client (the world's) joined just now and never logged: not yet a reason.
    assert names == ["Flagged", silent.name, "Rising", "Robin Client"]
    assert [r["not_logging"] for r in rows] == [False, True, False, False]
