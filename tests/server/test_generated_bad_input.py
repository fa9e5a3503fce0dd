"""Generated bad input against the real endpoints (issue 9): Hypothesis takes a valid request of
each body and query schema and spoils one part of it with a value of a class that has caused
500s before (datetimes at the edges of what can be represented, integers past 64 bits, lone
surrogates, NUL, deep nesting, long strings, wrong types, unknown keys). Every answer must be a
success or a 4xx in the contract's error shape, and what was stored before must still be there.

Bounded for CI (a fixed seed); FUZZ_EXAMPLES raises the number of examples per test."""

from __future__ import annotations

import json
import os
import uuid
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from server.domain.pain_change import FIRST_WEEK
from tests.bad_values import edge_datetimes, huge_integers, odd_text, spoiled
from tests.factories import PASSWORD, log_body, program_spec, session_body

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=False, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])

# ---------------------------------------------------------------- what is sent


def _post_json(http, method: str, url: str, body):
    # json.dumps writes NaN as the bare word and a lone surrogate as "\ud800", as some
    # clients do; the test client would refuse to encode either itself.
    return getattr(http, method)(url, data=json.dumps(body), content_type="application/json")


def _answer_is_sound(response) -> None:
    assert response.status_code < 500, (response.status_code, response.get_data()[:500])
    if response.status_code >= 400:
        body = response.get_json()
        assert set(body) == {"code", "status", "message", "errors"}, body
        assert body["code"] == response.status_code


@pytest.fixture
def stored(app, world, signed_in, make_program, add_logs, add_sessions):
    """A world with something stored: a program, a log, a session; and the way to check that
    it is all still there."""
    make_program(world.therapist, world.client)
    log, session = log_body(notes="kept"), session_body()
    add_logs(world.client, [log])
    add_sessions(world.client, [session])
    client = signed_in(world.client)

    def still_there():
        logs = {entry["id"]: entry["notes"] for entry in client.get("/api/me/logs").json}
        assert logs.get(log["id"]) == "kept", logs
        sessions = {entry["id"] for entry in client.get("/api/me/sessions").json}
        assert session["id"] in sessions
        assert client.get("/api/me/program").json["version"] >= 1

    return still_there


CLIENT_BODIES = [
    ("post", "/api/me/logs", lambda: [log_body()]),
    ("post", "/api/me/sessions", lambda: [session_body()]),
    ("patch", "/api/me", lambda: {"name": "Robin", "timezone": "Europe/London",
                                  "phone": "+44 7700 900123"}),
    ("put", "/api/me/reminder-settings", lambda: {
        "sessions_enabled": True, "movement_breaks_enabled": False, "quiet_from": "22:00",
        "quiet_to": "07:00", "pause_days": 0}),
    ("post", "/api/me/reminders/snooze", lambda: {"kind": "session", "minutes": 30}),
    ("post", "/api/me/push-subscriptions", lambda: {
        "endpoint": "http://127.0.0.1:9/push/fuzz", "expirationTime": None,
        "keys": {"p256dh": "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1"
                           "XbjhazAkj7I99e8QcYP7DkM", "auth": "tBHItJI5svbpez7KI4CCXg"}}),
    ("post", "/api/me/password", lambda: {"current_password": "not the password",
                                          "new_password": "another long password"}),
    ("put", "/api/me/psfs/activities", lambda: {"activities": ["Sitting through a film",
                                                               "Walking the dog"]}),
    ("post", "/api/me/psfs/ratings", lambda: {"ratings": [{"activity_id": 1, "score": 5}]}),
]
CLIENT_QUERIES = ["/api/me/logs", "/api/me/sessions", "/api/me/trends", "/api/me/access-log",
                  "/api/me/export", "/api/me/psfs"]
VALID_QUERIES = {"from": "2026-01-01", "to": "2026-02-01T00:00:00+01:00", "bucket": "week",
                 "page": 1, "page_size": 20, "format": "csv", "state": "all", "records": "flags"}


@seed(9001)
@FUZZ
@given(case=st.sampled_from(CLIENT_BODIES).flatmap(
    lambda case: st.tuples(st.just(case[0]), st.just(case[1]), spoiled(case[2]()))))
def test_a_client_body_spoiled_anywhere_is_never_a_500_and_loses_nothing(
        world, signed_in, stored, case):
    method, url, body = case
    _answer_is_sound(_post_json(signed_in(world.client), method, url, body))
    stored()


@seed(9002)
@FUZZ
@given(path=st.sampled_from(CLIENT_QUERIES),
       query=st.dictionaries(st.sampled_from(sorted(VALID_QUERIES)),
                             st.one_of(edge_datetimes, huge_integers.map(str), odd_text,
                                       st.sampled_from(["day", "week", "csv", "fhir", "sessions",
                                                        "1", "-1", "0"])),
                             max_size=3))
def test_a_client_query_spoiled_is_never_a_500(world, signed_in, stored, path, query):
    # A URL is bytes: a lone surrogate arrives as its (invalid) UTF-8 bytes, percent-encoded.
    raw = urlencode({key: str(value).encode("utf-8", "surrogatepass")
                     for key, value in query.items()})
    _answer_is_sound(signed_in(world.client).get(f"{path}?{raw}"))


def _flag_id(app, world) -> int:
    from sqlalchemy import select

    from server.extensions import db
    from server.models import SafetyFlag

    with app.app_context():
        return db.session.scalar(select(SafetyFlag.id).where(
            SafetyFlag.client_id == world.client.id).limit(1))


@seed(9003)
@FUZZ
@given(data=st.data())
def test_a_therapist_body_spoiled_anywhere_is_never_a_500_and_loses_nothing(
        app, world, signed_in, stored, add_logs, data):
    if _flag_id(app, world) is None:
        add_logs(world.client, [log_body(pain=9)])  # pain of 8 or more raises a flag
    client_id, flag_id = world.client.id, _flag_id(app, world)
    cases = [
        ("put", f"/api/clients/{client_id}/program", program_spec()),
        ("post", "/api/invites", {"name": "Robin", "email": "robin.fuzz@example.test"}),
        ("post", f"/api/clients/{client_id}/flags/{flag_id}/acknowledge",
         {"note": "Phoned them."}),
        ("put", f"/api/clients/{client_id}/watch-thresholds",
         {"rise": 2, "creep": 1.5, "spread": 1, "nerve_like": 1}),
        ("post", f"/api/clients/{client_id}/care-team",
         {"therapist_id": world.other_therapist.id}),
        ("patch", "/api/clinic", {"name": "The clinic"}),
        ("put", f"/api/clients/{client_id}/best-direction", {"lead_with_best": False}),
        ("put", f"/api/clients/{client_id}/outcome", {"baseline": FIRST_WEEK}),
        ("post", "/api/clinic/invites", {"name": "Colleague", "email": "c.fuzz@example.test"}),
    ]
    method, url, valid = data.draw(st.sampled_from(cases))
    body = data.draw(spoiled(valid))
    _answer_is_sound(_post_json(signed_in(world.therapist), method, url, body))
    stored()


@seed(9004)
@FUZZ
@given(data=st.data())
def test_an_anonymous_body_spoiled_anywhere_is_never_a_500(world, anonymous, stored, data):
    cases = [
        ("post", "/api/auth/register", {"email": f"new{uuid.uuid4().hex[:8]}@example.test",
                                        "password": "a long password", "name": "New"}),
        ("post", "/api/auth/login", {"email": world.client.email, "password": "wrong one"}),
        ("post", "/api/auth/forgot", {"email": world.client.email}),
        ("post", "/api/auth/reset/not-a-token", {"password": "a long password"}),
        ("post", "/api/invites/not-a-token/accept", {
            "password": "a long password", "email": "joiner@example.test",
            "timezone": "Europe/London", "name": "Joiner"}),
    ]
    method, url, valid = data.draw(st.sampled_from(cases))
    _answer_is_sound(_post_json(anonymous, method, url, data.draw(spoiled(valid))))
    stored()
    login = anonymous.post("/api/auth/login", json={"email": world.client.email,
                                                    "password": PASSWORD})
    assert login.status_code == 200  # the account still signs in as before


@seed(9005)
@FUZZ
@given(secret=st.binary(min_size=1, max_size=120)
       | st.text(min_size=1, max_size=60).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_an_odd_secret_in_a_link_is_a_4xx_never_a_500(world, anonymous, secret):
    """Calendar feeds, invites and reset links take a secret in the path: any bytes at all
    (percent-encoded, as a URL carries them) are refused with a 4xx."""
    # A slash (even as %2F) divides the path: that is another URL, not a secret.
    quoted = quote(secret.replace(b"/", b"_"), safe="")
    for path in (f"/api/calendar/{quoted}.ics", f"/api/calendar/{quoted}",
                 f"/api/invites/{quoted}", f"/api/auth/reset/{quoted}"):
        response = anonymous.get(path)
        _answer_is_sound(response)
        assert response.status_code in {404, 405, 410}, (path, response.status_code)
