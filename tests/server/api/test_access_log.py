"""The access log: every read or change of a client's record by someone else, newest first and
paged, with who, what and when and never the record's content; the client, their therapists and
the clinic's administrator each read it."""

from __future__ import annotations

import json
from datetime import timedelta

import time_machine

from server.models import utcnow
from tests.factories import log_body, program_spec
from tests.server.expect import assert_error


def test_a_therapist_reading_trends_is_logged_and_the_client_sees_it(world, signed_in):
    client, therapist = signed_in(world.client), signed_in(world.therapist)
    client.post("/api/me/logs", json=[log_body(pain=6, notes="private words")])
    read_at = utcnow()
    with time_machine.travel(read_at, tick=False):
        assert therapist.get(f"/api/clients/{world.client.id}/trends").status_code == 200
    mine = client.get("/api/me/access-log")
    assert mine.status_code == 200
    assert mine.json[0] == {
        "at": read_at.isoformat(),
        "actor": {"id": world.therapist.id, "name": "Dana Therapist", "role": "therapist"},
        "action": "read", "resource": "trends", "client_id": world.client.id}
    assert json.loads(mine.headers["X-Pagination"])["total"] == len(mine.json)
    assert therapist.get(f"/api/clients/{world.client.id}/access-log").json == mine.json


def test_entries_hold_no_health_content(world, signed_in):
    client, therapist = signed_in(world.client), signed_in(world.therapist)
    client.post("/api/me/logs", json=[log_body(pain=9, notes="private words",
                                               red_flags=["bladder-bowel"])])
    for page in ("", "/logs", "/flags", "/program/versions", "/sessions", "/trends"):
        therapist.get(f"/api/clients/{world.client.id}{page}")
    therapist.put(f"/api/clients/{world.client.id}/program", json=program_spec(notes="secret"))
    answer = client.get("/api/me/access-log")
    assert all(set(entry) == {"at", "actor", "action", "resource", "client_id"}
               for entry in answer.json)
    for content in ("private words", "bladder", "secret", "pain"):
        assert content not in answer.get_data(as_text=True)


def test_each_read_and_change_is_one_entry_newest_first(world, signed_in):
    therapist, start = signed_in(world.therapist), utcnow()
    steps = [("GET", "", "read", "profile"), ("GET", "/logs", "read", "logs"),
             ("PUT", "/program", "update", "program"), ("GET", "/program", "read", "program"),
             ("POST", "/reset-link", "create", "reset-link")]
    for minute, (method, page, _action, _resource) in enumerate(steps):
        with time_machine.travel(start + timedelta(minutes=minute), tick=False):
            body = program_spec() if method == "PUT" else None
            assert therapist.open(f"/api/clients/{world.client.id}{page}", method=method,
                                  json=body).status_code == 200
    entries = signed_in(world.client).get("/api/me/access-log").json
    assert [(e["action"], e["resource"]) for e in entries[:5]] == [
        (action, resource) for *_rest, action, resource in reversed(steps)]


def test_a_failed_or_refused_request_leaves_no_entry(world, signed_in):
    therapist, other = signed_in(world.therapist), signed_in(world.other_therapist)
    assert_error(other.get(f"/api/clients/{world.client.id}/trends"), 404)
    assert_error(therapist.get(f"/api/clients/{world.client.id}/trends?bucket=year"), 422)
    assert_error(therapist.put(f"/api/clients/{world.client.id}/program", json={}), 422)
    assert signed_in(world.client).get("/api/me/access-log").json[0]["resource"] == "consent"


def test_the_client_reading_their_own_record_is_not_listed_but_their_export_is(
        world, signed_in):
    client = signed_in(world.client)
    for page in ("/api/me/logs", "/api/me/trends", "/api/me/sessions"):
        client.get(page)
    client.get("/api/me/export")
    entries = client.get("/api/me/access-log").json
    assert [(e["actor"]["role"], e["action"], e["resource"]) for e in entries] == [
        ("client", "export", "record"), ("client", "create", "consent")]


def test_the_log_is_paged_like_logs(world, signed_in):
    therapist = signed_in(world.therapist)
    for _ in range(3):
        therapist.get(f"/api/clients/{world.client.id}")
    page = signed_in(world.client).get("/api/me/access-log?page=2&page_size=2")
    assert len(page.json) == 2
    assert json.loads(page.headers["X-Pagination"])["total"] == 4
    assert_error(signed_in(world.client).get("/api/me/access-log?page_size=501"), 422)


def test_the_clinic_administrator_sees_every_entry_of_the_clinic_and_only_theirs(
        world, make_colleague, share_client, signed_in):
    colleague = make_colleague(world.therapist, "Cy Colleague")
    share_client(world.client, colleague, by=world.therapist)
    signed_in(colleague).get(f"/api/clients/{world.client.id}/logs")
    signed_in(world.other_therapist).get(f"/api/clients/{world.other_client.id}/logs")
    admin = signed_in(world.therapist)
    entries = admin.get("/api/clinic/access-log").json
    assert {e["client_id"] for e in entries} == {world.client.id}
    assert ("Cy Colleague", "read", "logs") in {
        (e["actor"]["name"], e["action"], e["resource"]) for e in entries}
    narrowed = admin.get(f"/api/clinic/access-log?client_id={world.other_client.id}").json
    assert narrowed == []
    assert_error(signed_in(colleague).get("/api/clinic/access-log"), 403)


def test_a_page_of_the_log_takes_as_many_queries_for_many_entries_as_for_one(
        world, signed_in, count_queries):
    client, therapist = signed_in(world.client), signed_in(world.therapist)
    with count_queries() as few:
        client.get("/api/me/access-log")
    for _ in range(8):
        therapist.get(f"/api/clients/{world.client.id}")
    with count_queries() as many:
        assert len(client.get("/api/me/access-log").json) == 9
    # The sign-in lookup is cached for a few seconds: count the log's own statements.
    assert len([q for q in many if "access_log" in q]) == \
        len([q for q in few if "access_log" in q]) == 2
