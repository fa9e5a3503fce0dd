"""Who may reach each endpoint: one table of role × endpoint → status.

Roles: anonymous; the client whose data it is ("own client"); a client of another clinic; that
client's therapist ("own therapist", who administers their clinic); a colleague of the same
clinic the client is not shared with; a colleague it is shared with; a therapist of another
clinic (its administrator). Not signed in is 401, the other role's endpoint 403, a client one
does not care for 404 (as for a client who does not exist).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from server.extensions import db
from server.models import SafetyFlag, User
from tests.factories import PASSWORD, log_body, program_spec, session_body

ROLES = ("anonymous", "own_client", "other_client", "own_therapist", "colleague",
         "sharing_colleague", "other_therapist")

#: (method, path, body, status for each role in ROLES order)
THERAPIST_SIDE = (401, 403, 403, 200, 404, 200, 404)
CLIENT_SIDE = (401, 200, 200, 403, 403, 403, 403)
ANY_THERAPIST = (401, 403, 403, 200, 200, 200, 200)
CLINIC_ADMIN = (401, 403, 403, 200, 403, 403, 200)
CARE_MANAGER = (401, 403, 403, 200, 404, 403, 404)
OWN_INVITE = (401, 403, 403, 204, 404, 404, 404)
ANYONE = (200,) * 7
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
    ("POST", "/api/clients/{client}/reset-link", None, THERAPIST_SIDE),
    ("GET", "/api/clients/{client}/access-log", None, THERAPIST_SIDE),
    ("GET", "/api/clients/{client}/export", None, THERAPIST_SIDE),
    ("GET", "/api/clients/{client}/summary", None, THERAPIST_SIDE),
    ("GET", "/api/clients/{client}/export?format=csv&records=sessions", None, THERAPIST_SIDE),
    ("GET", "/api/clients/{client}/export?format=fhir", None, THERAPIST_SIDE),
    ("POST", "/api/clients/{client}/discharge", None, THERAPIST_SIDE),
    ("DELETE", "/api/clients/{client}/discharge", None, THERAPIST_SIDE),
    ("GET", "/api/clients/{client}/care-team", None, THERAPIST_SIDE),
    ("POST", "/api/clients/{client}/care-team", {"therapist_id": "{colleague}"}, CARE_MANAGER),
    ("POST", "/api/clients/{client}/handover", {"therapist_id": "{colleague}"}, CARE_MANAGER),
    ("DELETE", "/api/clients/{client}/care-team/{sharing_colleague}", None,
     (401, 403, 403, 200, 404, 200, 404)),
    ("GET", "/api/clients/{client}/best-direction", None, THERAPIST_SIDE),
    ("PUT", "/api/clients/{client}/best-direction", {"lead_with_best": False}, THERAPIST_SIDE),
    ("GET", "/api/clients/{client}/outcome", None, THERAPIST_SIDE),
    ("PUT", "/api/clients/{client}/outcome", {"baseline": "first-week"}, THERAPIST_SIDE),
    ("GET", "/api/clients/{client}/psfs", None, THERAPIST_SIDE),
    ("GET", "/api/clients", None, ANY_THERAPIST),
    ("GET", "/api/clients/outcomes", None, ANY_THERAPIST),
    ("GET", "/api/me/alert-settings", None, ANY_THERAPIST),
    ("POST", "/api/invites", {"name": "New Client"}, ANY_THERAPIST),
    ("GET", "/api/invites", None, ANY_THERAPIST),
    ("DELETE", "/api/invites/{invite}", None, OWN_INVITE),
    ("POST", "/api/invites/{invite}/renew", None,
     tuple(200 if status == 204 else status for status in OWN_INVITE)),
    ("GET", "/api/clinic", None, ANY_THERAPIST),
    ("PATCH", "/api/clinic", {"name": "Back Care Clinic"}, CLINIC_ADMIN),
    ("POST", "/api/clinic/invites", {"name": "New Colleague", "email": "new@example.test"},
     CLINIC_ADMIN),
    ("GET", "/api/clinic/access-log", None, CLINIC_ADMIN),
    ("GET", "/api/notices", None, ANY_THERAPIST),
    ("GET", "/api/me/program", None, (401, 200, 404, 403, 403, 403, 403)),
    ("GET", "/api/me/logs", None, CLIENT_SIDE),
    ("POST", "/api/me/logs", "log", CLIENT_SIDE),
    ("GET", "/api/me/sessions", None, CLIENT_SIDE),
    ("POST", "/api/me/sessions", "session", CLIENT_SIDE),
    ("GET", "/api/me/trends", None, CLIENT_SIDE),
    ("GET", "/api/me/export", None, CLIENT_SIDE),
    ("GET", "/api/me/export?format=fhir", None, CLIENT_SIDE),
    ("GET", "/api/me/safety", None, CLIENT_SIDE),
    ("GET", "/api/me/access-log", None, CLIENT_SIDE),
    ("GET", "/api/me/psfs", None, CLIENT_SIDE),
    ("PUT", "/api/me/psfs/activities", {"activities": ["Sit through a meeting"]}, CLIENT_SIDE),
    ("DELETE", "/api/me", None, (401, 204, 204, 403, 403, 403, 403)),
    ("GET", "/api/me", None, (401, 200, 200, 200, 200, 200, 200)),
    ("PATCH", "/api/me", {"name": "A New Name"}, (401, 200, 200, 200, 200, 200, 200)),
    ("POST", "/api/me/password", {"current_password": PASSWORD,
                                  "new_password": "another-long-password"},
     (401, 204, 204, 204, 204, 204, 204)),
    # Queued, not sent on the request's thread: 202 for either role.
    ("POST", "/api/me/reminders/test", None, (401, 202, 202, 202, 202, 202, 202)),
    ("GET", "/api/auth/signup", None, ANYONE),
    ("GET", "/api/privacy", None, ANYONE),
    # Probes for process managers and load balancers: anyone, and nothing personal in them.
    ("GET", "/api/health/live", None, ANYONE),
    ("GET", "/api/health/ready", None, ANYONE),
]

CASES = [
    pytest.param(method, path, body, role, statuses[i], id=f"{role}-{method}-{path}")
    for method, path, body, statuses in ENDPOINTS
    for i, role in enumerate(ROLES)
]


@dataclass
class ClinicWorld:
    own_client: User
    other_client: User
    own_therapist: User
    colleague: User
    sharing_colleague: User
    other_therapist: User


@pytest.fixture
def clinic_world(world, make_colleague, share_client) -> ClinicWorld:
    colleague = make_colleague(world.therapist, "Fay Colleague")
    sharing = make_colleague(world.therapist, "Gil Colleague")
    share_client(world.client, sharing, by=world.therapist)
    return ClinicWorld(own_client=world.client, other_client=world.other_client,
                       own_therapist=world.therapist, colleague=colleague,
                       sharing_colleague=sharing, other_therapist=world.other_therapist)


@pytest.fixture
def seeded(app, clinic_world, signed_in, make_program):
    """The own client has a program, a log that raised a flag and a session; their therapist
    has an invite waiting."""
    make_program(clinic_world.own_therapist, clinic_world.own_client)
    http = signed_in(clinic_world.own_client)
    http.post("/api/me/logs", json=[log_body(pain=9)])
    http.post("/api/me/sessions", json=[session_body()])
    invite = signed_in(clinic_world.own_therapist).post("/api/invites", json={"name": "Kim"})
    with app.app_context():
        flag_id = db.session.scalar(select(SafetyFlag.id).where(
            SafetyFlag.client_id == clinic_world.own_client.id).limit(1))
        invite_id = db.session.execute(db.text("SELECT max(id) FROM invites")).scalar()
    assert invite.status_code == 200
    return {"client": clinic_world.own_client.id, "flag": flag_id, "invite": invite_id,
            "colleague": clinic_world.colleague.id,
            "sharing_colleague": clinic_world.sharing_colleague.id}


def _http_for(role, app, clinic_world, signed_in):
    if role == "anonymous":
        return app.test_client()
    return signed_in(getattr(clinic_world, role))


def _body(body, ids):
    if body == "log":
        return [log_body()]
    if body == "session":
        return [session_body()]
    if isinstance(body, dict):
        return {key: int(value.format(**ids)) if isinstance(value, str) and "{" in value
                else value for key, value in body.items()}
    return body


@pytest.mark.parametrize(("method", "path", "body", "role", "status"), CASES)
def test_access(app, clinic_world, signed_in, seeded, method, path, body, role, status):
    http = _http_for(role, app, clinic_world, signed_in)
    response = http.open(path.format(**seeded), method=method, json=_body(body, seeded))
    assert response.status_code == status, (response.status_code, response.get_json())


CLIENT_PAGES = ("", "/program", "/logs", "/sessions", "/trends", "/flags", "/watch-thresholds",
                "/access-log", "/care-team", "/best-direction", "/outcome", "/psfs")


@pytest.mark.parametrize("who", ["colleague", "other_therapist"])
def test_a_client_one_does_not_care_for_is_answered_exactly_as_a_client_who_does_not_exist(
        clinic_world, signed_in, seeded, who):
    therapist = signed_in(getattr(clinic_world, who))
    for suffix in CLIENT_PAGES:
        theirs = therapist.get(f"/api/clients/{clinic_world.own_client.id}{suffix}")
        absent = therapist.get(f"/api/clients/{clinic_world.own_client.id + 10_000}{suffix}")
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
    entries = other.get("/api/me/access-log").json
    assert {entry["client_id"] for entry in entries} == {world.other_client.id}


def test_the_caseload_lists_shared_clients_for_the_colleague_and_nobody_else(
        clinic_world, signed_in, seeded):
    def ids(who):
        return [row["id"] for row in signed_in(getattr(clinic_world, who))
                .get("/api/clients").json]

    assert ids("own_therapist") == [clinic_world.own_client.id]
    assert ids("sharing_colleague") == [clinic_world.own_client.id]
    assert ids("colleague") == []
    assert ids("other_therapist") == [clinic_world.other_client.id]


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
