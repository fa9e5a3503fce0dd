"""Who may reach each client-data endpoint: one table of role × endpoint → status.

Roles: anonymous; the client whose data it is ("own client"); a client of another therapist;
that client's therapist ("own therapist"); another therapist. Not signed in is 401, the other
role's endpoint 403, another caseload's client 404 (as for a client who does not exist).
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from server.extensions import db
from server.models import SafetyFlag
from tests.factories import log_body, program_spec, session_body

ROLES = ("anonymous", "own_client", "other_client", "own_therapist", "other_therapist")

#: (method, path, body, status for each role in ROLES order)
THERAPIST_SIDE = (401, 403, 403, 200, 404)
CLIENT_SIDE = (401, 200, 200, 403, 403)
ENDPOINTS = [
    ("GET", "/api/clients/{client}", None, THERAPIST_SIDE),
    ("GET", "/api/clients/{client}/program", None, THERAPIST_SIDE),
    ("PUT", "/api/clients/{client}/program", program_spec(), THERAPIST_SIDE),
    ("GET", "/api/clients/{client}/program/versions", None, THERAPIST_SIDE),
    ("GET", "/api/clients/{client}/program/versions/1", None, THERAPIST_SIDE),
    ("GET", "/api/clients/{client}/logs", None, THERAPIST_SIDE),
    ("GET", "/api/clients/{client}/sessions", None, THERAPIST_SIDE),
    ("GET", "/api/clients/{client}/trends", None, THERAPIST_SIDE),
    ("GET", "/api/clients/{client}/flags", None, THERAPIST_SIDE),
    ("GET", "/api/clients/{client}/flags?state=all", None, THERAPIST_SIDE),
    ("POST", "/api/clients/{client}/flags/{flag}/acknowledge", None, THERAPIST_SIDE),
    ("POST", "/api/clients/{client}/flags/{flag}/acknowledge", {"note": "Phoned the client."},
     THERAPIST_SIDE),
    ("GET", "/api/clients/{client}/watch-thresholds", None, THERAPIST_SIDE),
    ("PUT", "/api/clients/{client}/watch-thresholds", {"rise": 3}, THERAPIST_SIDE),
    ("GET", "/api/clients", None, (401, 403, 403, 200, 200)),
    ("GET", "/api/me/alert-settings", None, (401, 403, 403, 200, 200)),
    ("POST", "/api/invites", {"name": "New Client"}, (401, 403, 403, 200, 200)),
    ("GET", "/api/me/program", None, (401, 200, 404, 403, 403)),
    ("GET", "/api/me/logs", None, CLIENT_SIDE),
    ("POST", "/api/me/logs", "log", CLIENT_SIDE),
    ("GET", "/api/me/sessions", None, CLIENT_SIDE),
    ("POST", "/api/me/sessions", "session", CLIENT_SIDE),
    ("GET", "/api/me/trends", None, CLIENT_SIDE),
    ("GET", "/api/me/export", None, CLIENT_SIDE),
    ("GET", "/api/me/safety", None, CLIENT_SIDE),
    ("DELETE", "/api/me", None, (401, 204, 204, 403, 403)),
    ("GET", "/api/me", None, (401, 200, 200, 200, 200)),
    # Probes for process managers and load balancers: anyone, and nothing personal in them.
    ("GET", "/api/health/live", None, (200, 200, 200, 200, 200)),
    ("GET", "/api/health/ready", None, (200, 200, 200, 200, 200)),
]

CASES = [
    pytest.param(method, path, body, role, statuses[i], id=f"{role}-{method}-{path}")
    for method, path, body, statuses in ENDPOINTS
    for i, role in enumerate(ROLES)
]


@pytest.fixture
def seeded(app, world, signed_in, make_program):
    """The own client has a program, a log that raised a flag and a session."""
    make_program(world.therapist, world.client)
    http = signed_in(world.client)
    http.post("/api/me/logs", json=[log_body(pain=9)])
    http.post("/api/me/sessions", json=[session_body()])
    with app.app_context():
        flag_id = db.session.scalar(select(SafetyFlag.id).where(
            SafetyFlag.client_id == world.client.id).limit(1))
    return {"client": world.client.id, "flag": flag_id}


def _http_for(role, app, world, signed_in):
    if role == "anonymous":
        return app.test_client()
    return signed_in(getattr(world, role.removeprefix("own_")))


def _body(body):
    if body == "log":
        return [log_body()]
    if body == "session":
        return [session_body()]
    return body


@pytest.mark.parametrize(("method", "path", "body", "role", "status"), CASES)
def test_access(app, world, signed_in, seeded, method, path, body, role, status):
    http = _http_for(role, app, world, signed_in)
    response = http.open(path.format(**seeded), method=method, json=_body(body))
    assert response.status_code == status, (response.status_code, response.get_json())


def test_another_caseloads_client_is_answered_exactly_as_a_client_who_does_not_exist(
        world, signed_in, seeded):
    therapist = signed_in(world.other_therapist)
    for suffix in ("", "/program", "/logs", "/sessions", "/trends", "/flags",
                   "/watch-thresholds"):
        theirs = therapist.get(f"/api/clients/{world.client.id}{suffix}")
        absent = therapist.get(f"/api/clients/{world.client.id + 10_000}{suffix}")
        assert (theirs.status_code, theirs.json) == (absent.status_code, absent.json), suffix


def test_a_client_id_that_is_a_therapist_is_404_too(world, signed_in, seeded):
    therapist = signed_in(world.therapist)
    assert therapist.get(f"/api/clients/{world.other_therapist.id}/logs").status_code == 404
    assert therapist.get(f"/api/clients/{world.therapist.id}").status_code == 404


def test_another_client_reading_their_own_endpoints_sees_none_of_the_own_clients_data(
        world, signed_in, seeded):
    other = signed_in(world.other_client)
    assert other.get("/api/me/logs").json == []
    assert other.get("/api/me/sessions").json == []
    trends = other.get("/api/me/trends").json
    assert all(b["logs"] == 0 for b in trends["series"]) and trends["flags"] == []
    export = other.get("/api/me/export").json
    assert export["logs"] == [] and export["programs"] == [] and export["flags"] == []


def test_a_flag_of_another_caseload_is_answered_as_a_flag_that_does_not_exist(
        world, signed_in, seeded):
    other = signed_in(world.other_therapist)
    own_client_flag = f"/api/clients/{world.client.id}/flags/{seeded['flag']}/acknowledge"
    absent_flag = f"/api/clients/{world.client.id}/flags/{seeded['flag'] + 10_000}/acknowledge"
    theirs, absent = other.post(own_client_flag, json={}), other.post(absent_flag, json={})
    assert (theirs.status_code, theirs.json) == (absent.status_code, absent.json)
    assert theirs.status_code == 404
    # Nor through the other therapist's own client: the flag id belongs to another client.
    through_own = other.post(
        f"/api/clients/{world.other_client.id}/flags/{seeded['flag']}/acknowledge", json={})
    assert through_own.status_code == 404
    assert signed_in(world.therapist).get(f"/api/clients/{world.client.id}/flags").json[0][
        "acknowledged_at"] is None
