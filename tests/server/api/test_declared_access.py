"""Access is declared on each view, where it is enforced: every /api view carries a declaration,
the OpenAPI document says what each declaration answers, and the check runs before the body or
query is read (someone not signed in gets 401 however wrong the request is)."""

from __future__ import annotations

import re

import pytest

from server.api import access
from tests.server.api.test_openapi import PARAMETER

ROLE_BOUND = {access.CLIENT_ONLY, access.THERAPIST_ONLY, access.CLINIC_ADMIN_ONLY,
              access.OWN_CLIENT, access.CARE_TEAM_CLIENT}
THERAPIST_SIDE = {access.THERAPIST_ONLY, access.CLINIC_ADMIN_ONLY, access.OWN_CLIENT,
                  access.CARE_TEAM_CLIENT}
#: Every way a request can be wrong before the view runs: a body that is not JSON, JSON of the
#: wrong shape, deep nesting, and query values no schema takes.
BAD_BODIES = ({"data": "not json at all", "content_type": "text/plain"},
              {"json": {"unknown": [[[[[["deep"]]]]]], "name": "\ud800", "pain": 2**70}},
              {"json": ["not", "an", "object"]})
BAD_QUERY = "?page=-1&page_size=99999999999999999999999&from=garbage&bucket=x&format=zz&state=zz"


def _api_views(app):
    """(method, rule, endpoint) of every view under /api, each method on its own."""
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield method, rule, rule.endpoint


def _declared(app, endpoint):
    view = app.view_functions[endpoint]
    return getattr(view, "access", None) or access.LIBRARY_ENDPOINTS.get(endpoint)


def _filled(rule, ids: dict | None = None) -> str:
    ids = ids or {}
    return re.sub(r"<(?:([a-z]+):)?([a-z_]+)>",
                  lambda m: str(ids.get(m.group(2), 1 if m.group(1) == "int" else "x")),
                  rule.rule)


def _non_public(app):
    return [(method, rule, _declared(app, endpoint)) for method, rule, endpoint in _api_views(app)
            if _declared(app, endpoint) is not access.PUBLIC]


def test_every_api_view_declares_its_access(app):
    undeclared = [(method, rule.rule) for method, rule, endpoint in _api_views(app)
                  if _declared(app, endpoint) is None]
    assert undeclared == []


def test_the_document_says_what_each_declaration_can_answer(app, anonymous):
    spec = anonymous.get("/api/openapi.json").json
    wrong = []
    for method, rule, endpoint in _api_views(app):
        declared = _declared(app, endpoint)
        operation = spec["paths"].get(PARAMETER.sub(r"{\1}", rule.rule), {}).get(method.lower())
        if operation is None:
            continue  # the document and the docs page themselves
        codes = set(operation["responses"])
        expected = set()
        if declared is not access.PUBLIC:
            expected |= {"401"}
            if operation.get("security") != [{"session": []}]:
                wrong.append((method, rule.rule, "security"))
        elif "security" in operation:
            wrong.append((method, rule.rule, "public, yet says it needs the session"))
        if declared in ROLE_BOUND:
            expected |= {"403"}
        if declared in {access.OWN_CLIENT, access.CARE_TEAM_CLIENT}:
            expected |= {"404"}
        if not expected <= codes:
            wrong.append((method, rule.rule, sorted(expected - codes)))
    assert wrong == []


@pytest.mark.parametrize(("method", "path"), [
    ("get", "/api/me/reminder-settings"),
    ("put", "/api/me/reminder-settings"),
    ("post", "/api/me/reminders/snooze"),
    ("get", "/api/me/calendar-feed"),
    ("post", "/api/me/calendar-feed"),
    ("delete", "/api/me/calendar-feed"),
])
def test_client_only_operations_that_lived_outside_the_path_prefixes_document_their_403(
        anonymous, method, path):
    operation = anonymous.get("/api/openapi.json").json["paths"][path][method]
    assert {"401", "403"} <= set(operation["responses"])


def test_an_anonymous_profile_change_with_a_bad_body_is_401_not_422(anonymous):
    response = anonymous.patch("/api/me", json={"name": "", "timezone": "Mars/Olympus"})
    assert response.status_code == 401, response.json
    assert response.json["errors"] == {}


def test_anyone_not_signed_in_is_refused_before_anything_they_sent_is_read(app, anonymous):
    wrong = []
    for method, rule, _declared_access in _non_public(app):
        for body in BAD_BODIES:
            response = anonymous.open(_filled(rule) + BAD_QUERY, method=method, **body)
            if response.status_code != 401:
                wrong.append((method, rule.rule, response.status_code))
    assert wrong == []


def test_the_other_role_is_refused_before_anything_it_sent_is_read(app, world, signed_in):
    client, therapist = signed_in(world.client), signed_in(world.therapist)
    ids = {"client_id": world.client.id}
    wrong = []
    for method, rule, declared in _non_public(app):
        if declared is access.CLIENT_ONLY:
            http = therapist
        elif declared in THERAPIST_SIDE:
            http = client
        else:
            continue
        for body in BAD_BODIES:
            response = http.open(_filled(rule, ids) + BAD_QUERY, method=method, **body)
            if response.status_code != 403:
                wrong.append((method, rule.rule, response.status_code))
    assert wrong == []


def test_a_client_one_does_not_care_for_is_404_before_anything_sent_is_read(
        app, world, signed_in):
    other = signed_in(world.other_therapist)
    ids = {"client_id": world.client.id}
    wrong = []
    for method, rule, declared in _non_public(app):
        if declared not in {access.OWN_CLIENT, access.CARE_TEAM_CLIENT}:
            continue
        for body in BAD_BODIES:
            response = other.open(_filled(rule, ids) + BAD_QUERY, method=method, **body)
            if response.status_code != 404:
                wrong.append((method, rule.rule, response.status_code))
    assert wrong == []
