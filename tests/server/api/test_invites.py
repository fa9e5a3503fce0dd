"""Invites: single-use and expiring; accepting one creates the client, linked and signed in."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine

from tests.factories import CONSENT_VERSION
from tests.server.expect import assert_error

ACCEPT = {"password": "robins-password", "timezone": "Europe/London",
          "consent_version": CONSENT_VERSION}


@pytest.fixture
def therapist_http(make_therapist, signed_in):
    therapist = make_therapist("Dana")
    return signed_in(therapist)


def _invite(http, **body):
    response = http.post("/api/invites", json={"name": "Robin", **body})
    assert response.status_code == 200, response.json
    return response.json


def test_a_therapist_gets_a_token_a_link_and_an_expiry(app, therapist_http):
    invite = _invite(therapist_http, email="robin@example.test")
    assert set(invite) == {"token", "url", "expires_at"}
    assert invite["url"].endswith(f"/#/join/{invite['token']}")
    expires = datetime.fromisoformat(invite["expires_at"])
    assert expires.utcoffset() is not None
    hours = app.config["INVITE_TTL_HOURS"]
    assert timedelta(hours=hours - 1) < expires - datetime.now(expires.tzinfo) <= timedelta(
        hours=hours)


def test_the_preview_names_the_client_and_the_therapist(anonymous, therapist_http):
    invite = _invite(therapist_http, email="robin@example.test")
    preview = anonymous.get(f"/api/invites/{invite['token']}")
    assert preview.status_code == 200
    assert preview.json["name"] == "Robin"
    assert preview.json["therapist_name"] == "Dana"
    assert preview.json["email"] == "robin@example.test"


def test_accepting_creates_a_client_of_that_therapist_who_then_signs_in_with_the_invites_email(
        app, therapist_http):
    invite = _invite(therapist_http, email="Robin@Example.test")
    client = app.test_client()
    joined = client.post(f"/api/invites/{invite['token']}/accept",
                         json={**ACCEPT, "email": "ignored@example.test"})
    assert joined.status_code == 200
    assert joined.json["role"] == "client"
    assert joined.json["email"] == "robin@example.test"
    assert joined.json["therapist_name"] == "Dana"
    assert client.get("/api/me").json["timezone"] == "Europe/London"
    assert [row["id"] for row in therapist_http.get("/api/clients").json] == [joined.json["id"]]
    again = app.test_client().post("/api/auth/login", json={
        "email": "robin@example.test", "password": ACCEPT["password"]})
    assert again.status_code == 200


def test_when_the_invite_names_no_email_the_one_given_on_accepting_is_used(app, therapist_http):
    invite = _invite(therapist_http)
    joined = app.test_client().post(f"/api/invites/{invite['token']}/accept",
                                    json={**ACCEPT, "email": "Own@Example.test", "name": "Rob"})
    assert joined.status_code == 200
    assert joined.json["email"] == "own@example.test"
    assert joined.json["name"] == "Rob"


def test_accepting_is_422_when_neither_invite_nor_body_names_an_email_and_the_invite_survives(
        app, therapist_http):
    invite = _invite(therapist_http)
    url = f"/api/invites/{invite['token']}/accept"
    assert_error(app.test_client().post(url, json=ACCEPT), 422, "email")
    assert app.test_client().post(url, json={**ACCEPT, "email": "r@example.test"}).status_code \
        == 200


def test_an_invite_is_single_use_and_answers_410_when_used_again(app, therapist_http):
    invite = _invite(therapist_http, email="robin@example.test")
    url = f"/api/invites/{invite['token']}/accept"
    assert app.test_client().post(url, json=ACCEPT).status_code == 200
    assert_error(app.test_client().post(url, json=ACCEPT), 410)
    assert_error(app.test_client().get(f"/api/invites/{invite['token']}"), 410)


def test_an_expired_invite_answers_410(app, therapist_http):
    invite = _invite(therapist_http, email="robin@example.test")
    later = datetime.fromisoformat(invite["expires_at"]) + timedelta(seconds=1)
    with time_machine.travel(later):
        assert_error(app.test_client().post(f"/api/invites/{invite['token']}/accept",
                                            json=ACCEPT), 410)
        assert_error(app.test_client().get(f"/api/invites/{invite['token']}"), 410)


def test_an_unknown_invite_answers_404(anonymous):
    assert_error(anonymous.post("/api/invites/no-such-token/accept", json=ACCEPT), 404)
    assert_error(anonymous.get("/api/invites/no-such-token"), 404)


def test_accepting_with_an_email_already_taken_is_409_whatever_the_case_and_keeps_the_invite(
        app, therapist_http, make_therapist):
    make_therapist(email="taken@example.test")
    invite = _invite(therapist_http)
    url = f"/api/invites/{invite['token']}/accept"
    assert_error(app.test_client().post(url, json={**ACCEPT, "email": "TAKEN@example.test"}),
                 409, "email")
    assert app.test_client().post(url, json={**ACCEPT, "email": "free@example.test"}) \
        .status_code == 200


def test_an_invite_for_an_email_that_has_an_account_is_refused_when_made(
        therapist_http, make_therapist):
    make_therapist(email="taken@example.test")
    refused = therapist_http.post("/api/invites", json={"name": "R", "email": "Taken@Example.test"})
    body = assert_error(refused, 409, "email")
    assert "reset link" in body["message"]
    assert therapist_http.get("/api/invites").json == []


def test_an_invite_whose_email_got_an_account_meanwhile_answers_409_on_accepting(
        app, therapist_http):
    invite = _invite(therapist_http, email="robin@example.test")
    app.test_client().post("/api/auth/register", json={
        "email": "Robin@example.test", "password": "a-long-password", "name": "Robin"})
    assert_error(app.test_client().post(f"/api/invites/{invite['token']}/accept", json=ACCEPT),
                 409, "email")


@pytest.mark.parametrize(("body", "field"), [
    ({"timezone": "Europe/London", "consent_version": CONSENT_VERSION}, "password"),
    ({**ACCEPT, "password": "short"}, "password"),
    ({"password": "robins-password", "consent_version": CONSENT_VERSION}, "timezone"),
    ({**ACCEPT, "timezone": "Europe/Atlantis"}, "timezone"),
    ({**ACCEPT, "email": "nope"}, "email"),
    ({**ACCEPT, "role": "therapist"}, "role"),
])
def test_accepting_refuses_bad_fields_and_leaves_the_invite_open(app, therapist_http, body,
                                                                 field):
    invite = _invite(therapist_http, email="robin@example.test")
    url = f"/api/invites/{invite['token']}/accept"
    assert_error(app.test_client().post(url, json=body), 422, field)
    assert app.test_client().post(url, json=ACCEPT).status_code == 200


@pytest.mark.parametrize(("body", "field"), [
    ({}, "name"), ({"name": ""}, "name"), ({"name": "R", "email": "bad"}, "email"),
    ({"name": "R", "extra": 1}, "extra"),
])
def test_creating_an_invite_refuses_bad_fields(therapist_http, body, field):
    assert_error(therapist_http.post("/api/invites", json=body), 422, field)


def test_only_therapists_invite(world, signed_in, anonymous):
    assert_error(signed_in(world.client).post("/api/invites", json={"name": "X"}), 403)
    assert_error(anonymous.post("/api/invites", json={"name": "X"}), 401)


def test_the_invite_token_is_stored_only_as_a_hash(app, therapist_http):
    from sqlalchemy import select

    from server.extensions import db
    from server.models import Invite

    invite = _invite(therapist_http)
    with app.app_context():
        stored = db.session.scalar(select(Invite.token_hash))
    assert invite["token"] not in stored
