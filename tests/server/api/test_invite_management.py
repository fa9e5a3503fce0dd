"""Invites that can be managed: the waiting ones are listed; one can be withdrawn (its link then
says so) or renewed (a new link; the old one stops working)."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from server.extensions import db
from server.models import Invite, utcnow
from tests.factories import CONSENT_VERSION
from tests.server.expect import assert_error

ACCEPT = {"password": "robins-password", "timezone": "UTC", "consent_version": CONSENT_VERSION}


@pytest.fixture
def therapist_http(world, signed_in):
    return signed_in(world.therapist)


def _invite(http, name="Robin", **body):
    response = http.post("/api/invites", json={"name": name, **body})
    assert response.status_code == 200, response.json
    return response.json


def _id_of(app, token_url: str) -> int:
    token = token_url.rsplit("/", 1)[1]
    with app.app_context():
        return db.session.scalar(select(Invite.id).where(
            Invite.token_hash == hashlib.sha256(token.encode()).hexdigest()))


def test_the_waiting_invites_are_listed_newest_first_with_their_fields(
        app, therapist_http):
    start = utcnow()
    with time_machine.travel(start, tick=False):
        _invite(therapist_http, "Robin", email="robin@example.test")
    with time_machine.travel(start + timedelta(minutes=5), tick=False):
        _invite(therapist_http, "Sam")
    listed = therapist_http.get("/api/invites")
    assert listed.status_code == 200
    assert [row["name"] for row in listed.json] == ["Sam", "Robin"]
    assert set(listed.json[1]) == {"id", "kind", "name", "email", "created_at", "expires_at"}
    assert listed.json[1]["email"] == "robin@example.test"
    assert datetime.fromisoformat(listed.json[1]["created_at"]) == start


def test_an_accepted_invite_is_no_longer_listed(app, therapist_http):
    invite = _invite(therapist_http, email="robin@example.test")
    app.test_client().post(f"/api/invites/{invite['token']}/accept", json=ACCEPT)
    assert therapist_http.get("/api/invites").json == []


def test_an_expired_invite_stays_listed_so_it_can_be_renewed(app, therapist_http):
    invite = _invite(therapist_http)
    with time_machine.travel(datetime.fromisoformat(invite["expires_at"]) + timedelta(days=1)):
        [row] = therapist_http.get("/api/invites").json
        renewed = therapist_http.post(f"/api/invites/{row['id']}/renew")
        assert renewed.status_code == 200
        assert app.test_client().get(f"/api/invites/{renewed.json['token']}").status_code == 200


def test_a_withdrawn_invites_link_answers_410_and_says_it_was_withdrawn(app, therapist_http):
    invite = _invite(therapist_http)
    [row] = therapist_http.get("/api/invites").json
    assert therapist_http.delete(f"/api/invites/{row['id']}").status_code == 204
    assert therapist_http.get("/api/invites").json == []
    preview = assert_error(app.test_client().get(f"/api/invites/{invite['token']}"), 410)
    assert "withdrawn" in preview["message"]
    assert_error(app.test_client().post(f"/api/invites/{invite['token']}/accept", json=ACCEPT),
                 410)
    assert_error(therapist_http.delete(f"/api/invites/{row['id']}"), 404)


def test_renewing_gives_a_new_link_and_expiry_under_the_same_id_and_the_old_link_stops(
        app, therapist_http):
    first = _invite(therapist_http, email="robin@example.test")
    invite_id = _id_of(app, first["url"])
    later = utcnow() + timedelta(hours=2)
    with time_machine.travel(later, tick=False):
        renewed = therapist_http.post(f"/api/invites/{invite_id}/renew")
    assert renewed.status_code == 200
    assert set(renewed.json) == {"token", "url", "expires_at"}
    assert renewed.json["token"] != first["token"]
    assert renewed.json["url"].endswith(f"/#/join/{renewed.json['token']}")
    assert datetime.fromisoformat(renewed.json["expires_at"]) == later + timedelta(
        hours=app.config["INVITE_TTL_HOURS"])
    assert [row["id"] for row in therapist_http.get("/api/invites").json] == [invite_id]
    assert_error(app.test_client().get(f"/api/invites/{first['token']}"), 404)
    joined = app.test_client().post(f"/api/invites/{renewed.json['token']}/accept", json=ACCEPT)
    assert joined.status_code == 200 and joined.json["email"] == "robin@example.test"


def test_another_therapists_invite_cannot_be_seen_withdrawn_or_renewed(
        app, world, therapist_http, signed_in):
    invite = _invite(therapist_http)
    invite_id = _id_of(app, invite["url"])
    other = signed_in(world.other_therapist)
    assert other.get("/api/invites").json == []
    assert_error(other.delete(f"/api/invites/{invite_id}"), 404)
    assert_error(other.post(f"/api/invites/{invite_id}/renew"), 404)
    assert app.test_client().get(f"/api/invites/{invite['token']}").status_code == 200


def test_a_used_invite_cannot_be_withdrawn_or_renewed(app, therapist_http):
    invite = _invite(therapist_http, email="robin@example.test")
    invite_id = _id_of(app, invite["url"])
    app.test_client().post(f"/api/invites/{invite['token']}/accept", json=ACCEPT)
    assert_error(therapist_http.delete(f"/api/invites/{invite_id}"), 404)
    assert_error(therapist_http.post(f"/api/invites/{invite_id}/renew"), 404)


def test_renewing_is_refused_once_the_email_has_an_account(app, therapist_http):
    first = _invite(therapist_http, email="robin@example.test")
    second = _invite(therapist_http, email="robin@example.test")
    app.test_client().post(f"/api/invites/{first['token']}/accept", json=ACCEPT)
    assert_error(therapist_http.post(f"/api/invites/{_id_of(app, second['url'])}/renew"),
                 409, "email")


def test_listing_invites_takes_as_many_queries_for_six_as_for_one(therapist_http, count_queries):
    _invite(therapist_http)
    with count_queries() as one:
        therapist_http.get("/api/invites")
    for n in range(5):
        _invite(therapist_http, f"Client {n}")
    with count_queries() as six:
        assert len(therapist_http.get("/api/invites").json) == 6
    # The sign-in lookup is cached for a few seconds: count the listing's own statements.
    assert len([q for q in six if "invites" in q]) == len([q for q in one if "invites" in q]) == 1
