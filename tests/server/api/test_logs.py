"""Symptom logs: idempotent batches of at most 500, validated whole, read back newest first."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from server.models import SafetyFlag, SymptomLog
from tests.factories import log_body
from tests.server.expect import assert_error, stored_count

# Every test here runs at this instant, clock stopped: records are dated relative to it.
NOW = datetime(2026, 5, 13, 9, 30, tzinfo=UTC)
pytestmark = pytest.mark.frozen_at(NOW.isoformat())


def test_a_batch_is_stored_and_acknowledged_by_id(app, client_http):
    batch = [log_body(pain=3), log_body(pain=5)]
    response = client_http.post("/api/me/logs", json=batch)
    assert response.status_code == 200
    assert response.json == {"received": 2, "created": 2, "ids": [b["id"] for b in batch],
                             "therapist_alerted": False, "refused": []}
    assert stored_count(app, SymptomLog) == 2


def test_resending_the_same_ids_changes_nothing_and_is_not_an_error(app, client_http):
    batch = [log_body(pain=9, red_flags=["night-pain"])]
    client_http.post("/api/me/logs", json=batch)
    flags = stored_count(app, SafetyFlag)
    resent = client_http.post("/api/me/logs", json=[{**batch[0], "pain": 1}])
    assert resent.status_code == 200
    assert resent.json["created"] == 0 and resent.json["received"] == 1
    assert stored_count(app, SymptomLog) == 1
    assert stored_count(app, SafetyFlag) == flags
    assert client_http.get("/api/me/logs").json[0]["pain"] == 9


def test_a_batch_mixing_stored_and_new_ids_stores_only_the_new(app, client_http):
    old = log_body()
    client_http.post("/api/me/logs", json=[old])
    response = client_http.post("/api/me/logs", json=[old, log_body()])
    assert response.json["created"] == 1 and response.json["received"] == 2
    assert stored_count(app, SymptomLog) == 2


def test_an_empty_batch_is_accepted(client_http):
    assert client_http.post("/api/me/logs", json=[]).json == {"received": 0, "created": 0,
                                                               "ids": [],
                                                               "therapist_alerted": False,
                                                               "refused": []}


def test_a_batch_of_500_is_accepted_and_501_refused(app, client_http):
    start = NOW - timedelta(days=10)
    batch = [log_body(recorded_at=(start + timedelta(minutes=i)).isoformat())
             for i in range(501)]
    refused = client_http.post("/api/me/logs", json=batch)
    assert refused.status_code == 413
    assert_error(refused, 413)
    assert stored_count(app, SymptomLog) == 0
    assert client_http.post("/api/me/logs", json=batch[:500]).json["created"] == 500


def test_one_bad_item_refuses_the_whole_batch_and_names_its_index(app, client_http):
    batch = [log_body(), log_body(pain=11), log_body()]
    body = assert_error(client_http.post("/api/me/logs", json=batch), 422, "1")
    assert "pain" in body["errors"]["1"]
    assert "0" not in body["errors"] and "2" not in body["errors"]
    assert stored_count(app, SymptomLog) == 0


@pytest.mark.parametrize(("changes", "field"), [
    ({"pain": -1}, "pain"), ({"pain": 11}, "pain"), ({"pain": 4.5}, "pain"),
    ({"pain": "4"}, "pain"), ({"pain": True}, "pain"), ({"pain": None}, "pain"),
    ({"sensations": ["stabbing"]}, "sensations"),
    ({"sensations": ["aching", "aching"]}, "sensations"),
    ({"sensations": "aching"}, "sensations"),
    ({"regions": ["superior-gluteal"]}, "regions"),
    ({"aggravators": ["running"]}, "aggravators"),
    ({"red_flags": ["headache"]}, "red_flags"),
    ({"weakness": "maybe"}, "weakness"), ({"weakness": "yes"}, "weakness"),
    ({"weakness": 1}, "weakness"),
    ({"notes": "x" * 2001}, "notes"), ({"notes": 7}, "notes"),
    ({"id": "not-a-uuid"}, "id"), ({"id": None}, "id"),
    ({"recorded_at": "2026-05-01T08:00:00"}, "recorded_at"),
    ({"recorded_at": "yesterday"}, "recorded_at"),
    ({"recorded_at": (NOW + timedelta(days=3)).isoformat()}, "recorded_at"),
    ({"mood": "fine"}, "mood"),
])
def test_each_out_of_range_or_unknown_value_is_a_422_naming_the_field(client_http, changes,
                                                                      field):
    body = assert_error(client_http.post("/api/me/logs", json=[log_body(**changes)]), 422, "0")
    assert field in body["errors"]["0"], body["errors"]


def test_a_missing_required_field_is_named(client_http):
    body = log_body()
    del body["pain"], body["recorded_at"]
    errors = assert_error(client_http.post("/api/me/logs", json=[body]), 422, "0")["errors"]["0"]
    assert {"pain", "recorded_at"} <= set(errors)


def test_notes_of_exactly_2000_characters_and_pain_0_and_10_are_accepted(client_http):
    batch = [log_body(pain=0, notes="x" * 2000), log_body(pain=10)]
    assert client_http.post("/api/me/logs", json=batch).json["created"] == 2


@pytest.mark.parametrize("payload", [{"id": str(uuid.uuid4())}, "logs", 5, None])
def test_a_body_that_is_not_a_list_is_refused(client_http, payload):
    response = client_http.post("/api/me/logs", data=json.dumps(payload),
                                content_type="application/json")
    assert_error(response, 422)


def test_malformed_json_is_a_400(client_http):
    response = client_http.post("/api/me/logs", data="[{\"id\": ",
                                content_type="application/json")
    assert_error(response, 400)


def test_a_log_reads_back_in_the_contracts_shape(client_http):
    sent = log_body(pain=6, sensations=["burning", "aching", "electric"], notes="after a drive",
                    regions=["middle-gluteal-right"], weakness=True, red_flags=["trauma"])
    client_http.post("/api/me/logs", json=[sent])
    log = client_http.get("/api/me/logs").json[0]
    assert {"id", "recorded_at", "pain", "sensations", "regions", "aggravators", "weakness",
            "red_flags", "notes"} <= set(log)
    assert log["id"] == sent["id"]
    assert sorted(log["sensations"]) == ["aching", "burning", "electric"]
    assert log["neuropathic_score"] == 2
    assert log["weakness"] is True and log["red_flags"] == ["trauma"]
    assert datetime.fromisoformat(log["recorded_at"]) == datetime.fromisoformat(
        sent["recorded_at"])


def _logs_at(hours_ago: list[int]) -> list[dict]:
    return [log_body(pain=h % 11, recorded_at=(NOW - timedelta(hours=h)).isoformat())
            for h in hours_ago]


def test_logs_come_newest_first(client_http):
    client_http.post("/api/me/logs", json=_logs_at([30, 2, 50, 10]))
    times = [datetime.fromisoformat(x["recorded_at"]) for x in client_http.get(
        "/api/me/logs").json]
    assert times == sorted(times, reverse=True) and len(times) == 4


@pytest.mark.frozen_at("2026-04-12T12:00:00+00:00")  # after the logs: none is from the future
def test_from_and_to_filter_by_instant_and_by_the_clients_local_day(app, client_http):
    client_http.patch("/api/me", json={"timezone": "Asia/Kolkata"})
    # 18:20 UTC is 23:50 in Kolkata; 18:40 UTC is 00:10 the next local day.
    day = datetime(2026, 4, 10, tzinfo=UTC)
    late, next_day = day.replace(hour=18, minute=20), day.replace(hour=18, minute=40)
    assert client_http.post("/api/me/logs", json=[
        log_body(recorded_at=late.isoformat()),
        log_body(recorded_at=next_day.isoformat())]).status_code == 200
    on_the_10th = client_http.get("/api/me/logs?from=2026-04-10&to=2026-04-10").json
    assert [datetime.fromisoformat(x["recorded_at"]) for x in on_the_10th] == [late]
    on_the_11th = client_http.get("/api/me/logs?from=2026-04-11").json
    assert [datetime.fromisoformat(x["recorded_at"]) for x in on_the_11th] == [next_day]
    by_instant = client_http.get("/api/me/logs", query_string={
        "from": "2026-04-10T18:30:00Z", "to": "2026-04-10T19:00:00+00:00"}).json
    assert len(by_instant) == 1


@pytest.mark.parametrize("query", ["from=2026-05-02&to=2026-05-01", "from=soon",
                                   "to=2026-05-01T08:00:00", "page_size=501", "page=0",
                                   "page_size=0", "page=x"])
def test_bad_range_or_paging_is_a_422(client_http, query):
    assert_error(client_http.get(f"/api/me/logs?{query}"), 422)


def test_pages_default_to_50_with_totals_in_x_pagination(client_http):
    client_http.post("/api/me/logs", json=_logs_at(list(range(1, 121))))
    first = client_http.get("/api/me/logs")
    assert len(first.json) == 50
    header = json.loads(first.headers["X-Pagination"])
    assert header["total"] == 120 and header["total_pages"] == 3 and header["page"] == 1
    third = client_http.get("/api/me/logs?page=3")
    assert len(third.json) == 20
    everything = client_http.get("/api/me/logs?page_size=500").json
    assert [x["id"] for x in first.json + client_http.get("/api/me/logs?page=2").json
            + third.json] == [x["id"] for x in everything]


def test_reading_a_page_takes_the_same_few_queries_for_10_or_300_logs(client_http,
                                                                      count_queries):
    client_http.post("/api/me/logs", json=_logs_at(list(range(1, 11))))
    with count_queries() as small:
        client_http.get("/api/me/logs?page_size=500")
    client_http.post("/api/me/logs", json=_logs_at(list(range(11, 301))))
    with count_queries() as large:
        client_http.get("/api/me/logs?page_size=500")
    assert len(small) == len(large) <= 4


def test_a_therapist_reads_their_clients_logs(world, client_http, signed_in):
    client_http.post("/api/me/logs", json=_logs_at([1, 2, 3]))
    response = signed_in(world.therapist).get(f"/api/clients/{world.client.id}/logs?page_size=2")
    assert response.status_code == 200 and len(response.json) == 2
    assert json.loads(response.headers["X-Pagination"])["total"] == 3


def test_a_client_never_sees_another_clients_logs(world, client_http, signed_in):
    client_http.post("/api/me/logs", json=_logs_at([1, 2]))
    assert signed_in(world.other_client).get("/api/me/logs").json == []


def test_the_same_log_id_from_another_client_is_not_taken_over(app, world, client_http,
                                                               signed_in):
    shared = log_body(pain=2)
    client_http.post("/api/me/logs", json=[shared])
    other = signed_in(world.other_client)
    response = other.post("/api/me/logs", json=[{**shared, "pain": 9}])
    assert response.status_code == 200
    assert [r["id"] for r in response.json["refused"]] == [shared["id"]]
    assert other.get("/api/me/logs").json == []
    assert client_http.get("/api/me/logs").json[0]["pain"] == 2


def test_an_id_another_client_used_is_refused_for_that_item_and_the_rest_is_stored(
        app, world, client_http, signed_in):
    taken = log_body(pain=2)
    client_http.post("/api/me/logs", json=[taken])
    other = signed_in(world.other_client)
    fresh = log_body(pain=4, recorded_at=(NOW - timedelta(minutes=2)).isoformat())
    resent = log_body(pain=5, recorded_at=(NOW - timedelta(minutes=1)).isoformat())
    other.post("/api/me/logs", json=[resent])
    response = other.post("/api/me/logs", json=[fresh, {**taken, "pain": 9}, resent])
    assert response.status_code == 200
    body = response.json
    # Only what is stored for this client is acknowledged: the outbox forgets nothing else.
    assert body["ids"] == [fresh["id"], resent["id"]]
    assert body["received"] == 3 and body["created"] == 1
    [refused] = body["refused"]
    assert refused["id"] == taken["id"] and refused["code"] == 409
    # newest first
    assert [log["id"] for log in other.get("/api/me/logs").json] == [resent["id"], fresh["id"]]


def test_a_refused_id_is_told_nothing_about_whose_it_is(world, client_http, signed_in):
    """The answer for an id someone else holds names no owner, no content and no time."""
    taken = log_body(pain=7, notes="private words")
    client_http.post("/api/me/logs", json=[taken])
    refused = signed_in(world.other_client).post("/api/me/logs", json=[taken]).json["refused"]
    assert set(refused[0]) == {"id", "code", "message"}
    text = refused[0]["message"].lower()
    assert "private" not in text and world.client.name.lower() not in text
    assert "exist" not in text and "another" not in text
