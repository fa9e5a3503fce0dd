"""Schemathesis drives every operation of the OpenAPI document as anonymous, client and therapist
(issue 9): no answer is a 5xx, and every answer matches the document (its status is documented,
its body fits the documented schema, its content type and headers are the documented ones).

Bounded for CI: derandomized (a fixed seed) with SCHEMATHESIS_MAX_EXAMPLES examples per
operation and role (default 5). For a longer run, see the README ("Bad input, generated")."""

from __future__ import annotations

import os
import tempfile

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from server import create_app
from server.extensions import db
from tests.conftest import test_settings as app_settings
from tests.factories import PASSWORD, log_body, session_body

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "5"))

#: Operations that end the signed-in role's own session or account: sent without the cookie,
#: so one early example does not leave the rest of that role's run signed out.
ENDS_THE_SESSION = {("POST", "/api/auth/logout"), ("DELETE", "/api/me"),
                    ("POST", "/api/me/password")}


def _document_app():
    """An app of its own, only to read the document at collection time (it touches no
    database); the requests go to the suite's app."""
    with tempfile.TemporaryDirectory() as instance:
        app = create_app({**app_settings("sqlite://"), "INSTANCE_PATH": instance})
        with app.app_context():
            db.engine.dispose()
        return app


#: Schema-valid bodies may still break a rule no JSON schema states (a password's strength, a
#: time zone's existence, a range whose start is after its end), so a 422 for one is no fault.
NOT_CHECKED = [positive_data_acceptance]

SCHEMA = schemathesis.openapi.from_wsgi("/api/openapi.json", _document_app())


@pytest.fixture
def stored(world, make_program, add_logs, add_sessions):
    """A small world with something in it: a program, a log and a session of the client."""
    make_program(world.therapist, world.client)
    add_logs(world.client, [log_body()])
    add_sessions(world.client, [session_body()])
    return world


def _cookie(app, user) -> dict:
    http = app.test_client()
    assert http.post("/api/auth/login",
                     json={"email": user.email, "password": PASSWORD}).status_code == 200
    return {"Cookie": f"cc_session={http.get_cookie('cc_session').value}"}


@pytest.fixture(params=["anonymous", "client", "therapist"])
def role_headers(request, app, stored) -> dict:
    if request.param == "anonymous":
        return {}
    return _cookie(app, stored.client if request.param == "client" else stored.therapist)


@SCHEMA.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_documented_and_never_5xx(case, app, role_headers):
    headers = role_headers
    if (case.method.upper(), case.path) in ENDS_THE_SESSION:
        headers = {}
    case.call_and_validate(app=app, headers=headers, excluded_checks=NOT_CHECKED)
