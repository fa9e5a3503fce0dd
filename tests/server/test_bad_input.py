"""Classes of bad input found by outside checks (issue 9): each is a 4xx with the contract's error
JSON, naming the field, and nothing of it is stored. Deep nesting, datetimes at the edges of
what can be represented, integers past 64 bits, lone surrogates and NUL in any text, odd
calendar-feed tokens."""

from __future__ import annotations

import json

import pytest

from server.models import SymptomLog
from server.security.json_nesting import too_deep
from tests.factories import log_body, program_spec, session_body
from tests.server.expect import assert_error, stored_count

# ---------------------------------------------------------------- deep nesting


def _nested(depth: int, leaf="x") -> object:
    value: object = leaf
    for level in range(depth):
        value = [value] if level % 2 else {"a": value}
    return value


@pytest.mark.parametrize("depth", [33, 200, 100_000])
def test_a_body_nested_deeper_than_32_levels_is_a_400_saying_so(anonymous, client_http, depth):
    raw = "[" * depth + "]" * depth
    for http, path in ((anonymous, "/api/auth/login"), (client_http, "/api/me/logs")):
        body = assert_error(http.post(path, data=raw, content_type="application/json"), 400)
        assert "nested" in body["message"].lower(), body


def test_nesting_inside_a_field_counts_too(client_http):
    body = [log_body(notes=_nested(40))]
    response = client_http.post("/api/me/logs", json=body)
    assert "nested" in assert_error(response, 400)["message"].lower()


def test_brackets_inside_strings_are_not_nesting(client_http):
    response = client_http.post("/api/me/logs", json=[log_body(notes="[" * 500 + "{" * 500)])
    assert response.status_code == 200, response.json


@pytest.mark.parametrize(("text", "deep"), [
    ('["a \\" [[[[", ' + "[" * 33 + "]" * 33 + "]", True),  # an escaped quote ends no string
    ('["a \\\\", ' + "[" * 33 + "]" * 33 + "]", True),  # an escaped backslash: the quote ends it
    ('["\\\\\\" ' + "[" * 40 + '"]', False),  # backslash, then a quote still inside the string
    ('{"a \\" [": "' + "{" * 40 + '"}', False),  # escaped quotes in a key and a value
    ("[" * 32 + "]" * 32, False),
])
def test_only_brackets_outside_strings_count_as_nesting(text, deep):
    json.loads(text)  # each is valid JSON, read as a parser reads it
    assert too_deep(text.encode()) is deep


def test_nesting_of_32_levels_is_still_parsed_into_the_schema(client_http):
    response = client_http.post("/api/me/logs", json=[log_body(notes=_nested(30))])
    assert_error(response, 422, "0")


# ---------------------------------------------------------------- datetimes at the edges

EDGE_INSTANTS = ["0001-01-01T00:00:00+02:00", "0001-01-01T00:00:00-02:00",
                 "0001-01-01T00:00:00Z", "9999-12-31T23:59:59-02:00",
                 "9999-12-31T23:59:59+14:00", "9999-12-31T23:59:59.999999Z",
                 "1969-12-31T23:59:59Z", "2200-01-01T00:00:00Z"]
EDGE_BOUNDS = [*EDGE_INSTANTS, "0001-01-01", "9999-12-31", "1969-12-31", "2200-01-01"]


@pytest.mark.parametrize("instant", EDGE_INSTANTS)
def test_an_instant_outside_1970_to_2200_in_a_body_is_a_422_naming_it(app, client_http,
                                                                    instant):
    log = client_http.post("/api/me/logs", json=[log_body(recorded_at=instant)])
    assert "recorded_at" in assert_error(log, 422, "0")["errors"]["0"]
    for field in ("started_at", "ended_at"):
        body = {**session_body(started_at="2026-05-01T08:00:00Z"), field: instant}
        session = client_http.post("/api/me/sessions", json=[body])
        assert field in assert_error(session, 422, "0")["errors"]["0"]
    assert stored_count(app, SymptomLog) == 0


@pytest.mark.parametrize("bound", EDGE_BOUNDS)
@pytest.mark.parametrize("key", ["from", "to"])
def test_a_range_bound_outside_1970_to_2200_is_a_422_naming_it(world, signed_in, key, bound):
    client, therapist = signed_in(world.client), signed_in(world.therapist)
    query = {key: bound}
    for http, path in ((client, "/api/me/logs"), (client, "/api/me/sessions"),
                       (client, "/api/me/trends"),
                       (therapist, f"/api/clients/{world.client.id}/logs"),
                       (therapist, f"/api/clients/{world.client.id}/trends")):
        assert_error(http.get(path, query_string=query), 422, key)


def test_instants_and_dates_inside_the_range_still_work(client_http):
    for query in ({"from": "1970-01-01", "to": "1970-01-03"},
                  {"from": "2199-12-29T00:00:00+14:00", "to": "2199-12-31"}):
        for path in ("/api/me/logs", "/api/me/trends"):
            assert client_http.get(path, query_string=query).status_code == 200, (path, query)
    ok = client_http.post("/api/me/logs", json=[log_body(recorded_at="1970-01-01T00:00:00Z")])
    assert ok.status_code == 200, ok.json


# ---------------------------------------------------------------- integers past 64 bits

HUGE = [2**63, 2**64 + 1, -(2**63) - 1, 10**30]


@pytest.mark.parametrize("number", HUGE + [2**62])
def test_a_page_number_whose_rows_cannot_be_addressed_is_a_422(world, signed_in, number):
    client, therapist = signed_in(world.client), signed_in(world.therapist)
    for http, path in ((client, "/api/me/logs"), (client, "/api/me/sessions"),
                       (client, "/api/me/access-log"),
                       (therapist, f"/api/clients/{world.client.id}/logs"),
                       (therapist, f"/api/clients/{world.client.id}/access-log")):
        response = http.get(path, query_string={"page": str(number)})
        assert_error(response, 422, "page")


@pytest.mark.parametrize("number", HUGE)
def test_an_integer_past_64_bits_in_a_body_is_a_422_naming_it(app, world, signed_in, number):
    client = signed_in(world.client)
    session = client.post("/api/me/sessions", json=[session_body(program_version=number)])
    assert "program_version" in assert_error(session, 422, "0")["errors"]["0"]
    therapist = signed_in(world.therapist)
    share = therapist.post(f"/api/clients/{world.client.id}/care-team",
                           json={"therapist_id": number})
    assert share.status_code in {404, 422}, share.json
    if share.status_code == 422:
        assert_error(share, 422, "therapist_id")


# ---------------------------------------------------------------- lone surrogates and NUL

BAD_TEXT = ["\ud800", "a\udfffb", "\udc00\ud800", "x\x00y", "\x00"]


@pytest.mark.parametrize("text", BAD_TEXT)
def test_a_lone_surrogate_or_nul_in_any_text_field_is_a_422_naming_it(app, world, signed_in,
                                                                      anonymous, text):
    client, therapist = signed_in(world.client), signed_in(world.therapist)
    cases = [
        (anonymous, "post", "/api/auth/register",
         {"email": "n@example.test", "password": "a long password", "name": text}, "name"),
        (anonymous, "post", "/api/auth/register",
         {"email": "n@example.test", "password": f"a long password{text}", "name": "N"},
         "password"),
        (anonymous, "post", "/api/auth/register",
         {"email": f"n{text}@example.test", "password": "a long password", "name": "N"},
         "email"),
        (anonymous, "post", "/api/auth/login",
         {"email": world.client.email, "password": text}, "password"),
        (anonymous, "post", "/api/auth/forgot", {"email": f"{text}@example.test"}, "email"),
        (client, "patch", "/api/me", {"name": f"Robin{text}"}, "name"),
        (client, "post", "/api/me/password",
         {"current_password": "a-long-test-password", "new_password": f"new pass{text}word"},
         "new_password"),
        (therapist, "post", "/api/invites", {"name": f"R{text}"}, "name"),
        (therapist, "put", f"/api/clients/{world.client.id}/program",
         program_spec(notes=text), "notes"),
    ]
    for http, method, path, body, field in cases:
        response = getattr(http, method)(path, json=body)
        assert_error(response, 422, field)
    log = client.post("/api/me/logs", json=[log_body(notes=f"ok{text}")])
    assert "notes" in assert_error(log, 422, "0")["errors"]["0"]
    assert stored_count(app, SymptomLog) == 0


def test_a_bad_text_in_a_nested_field_names_its_path(world, signed_in):
    spec = program_spec()
    spec["steps"][0]["landmark"] = "crest\x00"
    response = signed_in(world.therapist).put(f"/api/clients/{world.client.id}/program",
                                              json=spec)
    assert assert_error(response, 422, "steps")["errors"]["steps"] == {
        "0": {"landmark": ["Text must not contain NUL characters or unpaired surrogates."]}}


def test_a_lone_surrogate_in_a_field_name_is_a_422_too(client_http):
    raw = json.dumps([{**log_body(), "\ud800": 1}])
    assert_error(client_http.post("/api/me/logs", data=raw, content_type="application/json"),
                 422, "0")


def test_a_whole_batch_with_one_nul_stores_nothing_and_keeps_what_was_stored(app, client_http):
    first = log_body(notes="kept")
    assert client_http.post("/api/me/logs", json=[first]).status_code == 200
    again = client_http.post("/api/me/logs", json=[{**first, "notes": "changed\x00"},
                                                    log_body()])
    assert_error(again, 422, "0")
    logs = client_http.get("/api/me/logs").json
    assert [(log["id"], log["notes"]) for log in logs] == [(first["id"], "kept")]


# ---------------------------------------------------------------- calendar-feed tokens

ODD_TOKENS = ["é", "ü.ü", "%C3%A9.abc", "ø" * 300, "a.b.c", "..", "%00", "%00.%00",
              "abc.%FF", "日本", "\u212a.x", "%E2%80%8B"]


@pytest.mark.parametrize("token", ODD_TOKENS)
def test_an_odd_calendar_token_is_a_404_never_a_500(anonymous, token):
    assert_error(anonymous.get(f"/api/calendar/{token}.ics"), 404)


# ---------------------------------------------------------------- HTTP details


@pytest.mark.parametrize(("method", "path", "allowed"), [
    ("delete", "/api/health", {"GET", "HEAD", "OPTIONS"}),
    ("put", "/api/auth/login", {"POST", "OPTIONS"}),
    ("put", "/api/me/logs", {"GET", "HEAD", "OPTIONS", "POST"}),
    ("post", "/api/me", {"GET", "HEAD", "OPTIONS", "PATCH", "DELETE"}),
])
def test_every_405_says_which_methods_are_allowed(anonymous, method, path, allowed):
    response = getattr(anonymous, method)(path)
    assert_error(response, 405)
    assert {m.strip() for m in response.headers["Allow"].split(",")} == allowed


def test_anonymous_patch_of_me_with_a_bad_body_is_a_401_not_a_422(anonymous):
    response = anonymous.patch("/api/me", json={"timezone": "Not/AZone", "surprise": 1})
    assert_error(response, 401)


@pytest.mark.parametrize("path", ["/api/me/trends", "/api/me/logs", "/api/me/sessions",
                                  "/api/me/access-log"])
def test_every_query_schema_refuses_unknown_keys(client_http, path):
    assert_error(client_http.get(path, query_string={"buckt": "week"}), 422, "buckt")


def test_pagination_keys_still_work_beside_the_range(client_http, add_logs, world):
    add_logs(world.client, [log_body(), log_body(), log_body()])
    response = client_http.get("/api/me/logs", query_string={
        "page": 2, "page_size": 2, "from": "2000-01-01"})
    assert response.status_code == 200, response.json
    assert len(response.json) == 1
    assert json.loads(response.headers["X-Pagination"])["total"] == 3
    assert client_http.get("/api/me/trends", query_string={"page": 1}).status_code == 422


def test_guarding_text_leaves_the_declared_fields_alone():
    """Each schema instance guards its own bound copies: the class's fields, shared by every
    instance, do not gather a validator per instance."""
    from server.schemas.base import UNSTORABLE_TEXT
    from server.schemas.records import SymptomLogSchema

    declared = SymptomLogSchema._declared_fields["notes"]
    before = list(declared.validators)
    schemas = [SymptomLogSchema() for _ in range(3)]
    assert declared.validators == before
    assert len(schemas[-1].fields["notes"].validators) == len(before) + 1
    assert schemas[-1].validate({"id": "x", "recorded_at": "x", "pain": 1,
                                 "notes": "\x00"})["notes"] == [UNSTORABLE_TEXT]
