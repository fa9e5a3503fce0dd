"""Every error answers the contract's JSON; bad input is a 4xx, never a 500."""

from __future__ import annotations

import json

import pytest

from tests.factories import log_body, program_spec, session_body
from tests.server.expect import assert_error


def test_an_unknown_api_path_is_a_404_in_the_error_shape(anonymous):
    assert_error(anonymous.get("/api/no-such-thing"), 404)


@pytest.mark.parametrize(("method", "path"), [("delete", "/api/health"),
                                              ("put", "/api/auth/login"),
                                              ("get", "/api/auth/logout")])
def test_a_wrong_method_is_a_405(anonymous, method, path):
    assert_error(getattr(anonymous, method)(path), 405)


def test_a_body_that_is_not_json_is_a_415(world, signed_in):
    http = signed_in(world.client)
    response = http.post("/api/me/logs", data="pain=5", content_type="text/plain")
    assert_error(response, 415)
    form = http.post("/api/auth/login", data={"email": "a@b.test", "password": "x"})
    assert_error(form, 415)


def test_a_body_over_the_size_limit_is_a_413(app, world, signed_in):
    http = signed_in(world.client)
    huge = json.dumps([log_body(notes="x" * 1999) for _ in range(1200)])
    assert len(huge) > app.config["MAX_CONTENT_LENGTH"]
    assert_error(http.post("/api/me/logs", data=huge, content_type="application/json"), 413)


def test_a_body_over_the_size_limit_is_a_413_even_on_sign_in(app, anonymous):
    huge = json.dumps({"email": "a@b.test", "password": "p" * app.config["MAX_CONTENT_LENGTH"]})
    assert_error(anonymous.post("/api/auth/login", data=huge, content_type="application/json"),
                 413)


@pytest.mark.parametrize("raw", ["{", "[1,", "nul", "\"unterminated", "{'single': 1}"])
def test_malformed_json_is_a_400_saying_so(anonymous, raw):
    response = anonymous.post("/api/auth/login", data=raw, content_type="application/json")
    body = assert_error(response, 400)
    assert "JSON" in body["message"]


BAD_VALUES = [None, 0, -1, 1.5, True, "", "x" * 5000, [], {}, [None], {"a": None},
              "2026-13-45T99:99:99Z"]


@pytest.mark.parametrize("value", BAD_VALUES)
def test_no_bad_value_in_any_field_of_a_client_body_is_a_500(world, signed_in, value):
    http = signed_in(world.client)
    for body, path in ((log_body(), "/api/me/logs"), (session_body(), "/api/me/sessions")):
        for field in body:
            response = http.post(path, json=[{**body, field: value}])
            assert response.status_code < 500, (path, field, value, response.json)
        assert http.post(path, json=value).status_code < 500
    assert http.patch("/api/me", json={"timezone": value}).status_code < 500


@pytest.mark.parametrize("value", BAD_VALUES)
def test_no_bad_value_in_any_field_of_a_therapist_body_is_a_500(world, signed_in, value):
    http = signed_in(world.therapist)
    spec = program_spec()
    url = f"/api/clients/{world.client.id}/program"
    for field in spec:
        assert http.put(url, json={**spec, field: value}).status_code < 500, field
    for field in spec["steps"][0]:
        step = {**spec["steps"][0], field: value}
        assert http.put(url, json={**spec, "steps": [step]}).status_code < 500, field
    for field in ("name", "email"):
        assert http.post("/api/invites", json={"name": "R", field: value}).status_code < 500
    for field in ("email", "password", "name", "timezone"):
        body = {"email": "n@example.test", "password": "a-long-password", "name": "N",
                field: value}
        assert http.post("/api/auth/register", json=body).status_code < 500
        assert http.post("/api/auth/login", json=body).status_code < 500


@pytest.mark.parametrize("query", ["from=%00", "to=9999-99-99", "page=-1", "page_size=1e9",
                                   "bucket=%FF", "from=2026-01-01T00:00:00%2B99:00"])
def test_no_bad_query_is_a_500(world, signed_in, query):
    """Each is a 422 naming the field: a bad value, or a key the path does not take (trends are
    not paged; only trends have buckets)."""
    http = signed_in(world.client)
    field = query.split("=", 1)[0]
    for path in ("/api/me/logs", "/api/me/sessions", "/api/me/trends"):
        assert_error(http.get(f"{path}?{query}"), 422, field)


def test_a_huge_client_id_in_a_path_is_a_404_not_a_500(world, signed_in):
    assert_error(signed_in(world.therapist).get(f"/api/clients/{10 ** 30}"), 404)
