"""Getting back in: a therapist's reset link for a client (single use, expiring, hashed at rest),
changing one's password, and forgot-password answering the same whatever the email. Each reset
or change signs out every other session of that user."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select

from server.extensions import db
from server.models import PasswordReset, ResetRequest
from tests.factories import PASSWORD
from tests.server.expect import assert_error, stored_count

NEW = "a-brand-new-password"


def _token(link: dict) -> str:
    return link["url"].rsplit("/", 1)[1]


@pytest.fixture
def reset_link(world, signed_in):
    response = signed_in(world.therapist).post(f"/api/clients/{world.client.id}/reset-link")
    assert response.status_code == 200, response.json
    return response.json


def test_a_reset_link_is_a_url_and_an_expiry_and_only_its_hash_is_kept(app, reset_link):
    assert set(reset_link) == {"url", "expires_at"}
    assert "/#/reset/" in reset_link["url"]
    expires = datetime.fromisoformat(reset_link["expires_at"])
    hours = app.config["RESET_LINK_TTL_HOURS"]
    assert timedelta(hours=hours - 1) < expires - datetime.now(expires.tzinfo) <= timedelta(
        hours=hours)
    with app.app_context():
        stored = db.session.scalar(select(PasswordReset.token_hash))
    assert _token(reset_link) not in stored


def test_the_link_says_whose_password_it_sets(app, world, reset_link):
    preview = app.test_client().get(f"/api/auth/reset/{_token(reset_link)}")
    assert preview.status_code == 200
    assert preview.json["email"] == world.client.email


def test_setting_a_new_password_signs_in_and_signs_out_every_other_session(
        app, world, signed_in, reset_link):
    older_phone = signed_in(world.client)
    assert older_phone.get("/api/me").status_code == 200
    new_phone = app.test_client()
    reset = new_phone.post(f"/api/auth/reset/{_token(reset_link)}", json={"password": NEW})
    assert reset.status_code == 200
    assert reset.json["id"] == world.client.id
    assert new_phone.get("/api/me").status_code == 200
    assert_error(older_phone.get("/api/me"), 401)
    assert_error(app.test_client().post("/api/auth/login", json={
        "email": world.client.email, "password": PASSWORD}), 401)
    assert app.test_client().post("/api/auth/login", json={
        "email": world.client.email, "password": NEW}).status_code == 200


def test_a_reset_link_works_once(app, reset_link):
    url = f"/api/auth/reset/{_token(reset_link)}"
    assert app.test_client().post(url, json={"password": NEW}).status_code == 200
    assert_error(app.test_client().post(url, json={"password": "yet-another-password"}), 404)
    assert_error(app.test_client().get(url), 404)


def test_an_expired_reset_link_answers_410_and_changes_nothing(app, world, reset_link):
    later = datetime.fromisoformat(reset_link["expires_at"]) + timedelta(seconds=1)
    with time_machine.travel(later):
        url = f"/api/auth/reset/{_token(reset_link)}"
        assert_error(app.test_client().post(url, json={"password": NEW}), 410)
        assert app.test_client().post("/api/auth/login", json={
            "email": world.client.email, "password": PASSWORD}).status_code == 200


def test_a_newer_reset_link_replaces_the_older_one(app, world, signed_in, reset_link):
    newer = signed_in(world.therapist).post(f"/api/clients/{world.client.id}/reset-link").json
    assert_error(app.test_client().post(f"/api/auth/reset/{_token(reset_link)}",
                                        json={"password": NEW}), 404)
    assert app.test_client().post(f"/api/auth/reset/{_token(newer)}",
                                  json={"password": NEW}).status_code == 200
    assert stored_count(app, PasswordReset) == 0


@pytest.mark.parametrize(("body", "field"), [({"password": "short"}, "password"),
                                             ({"password": "password"}, "password"),
                                             ({}, "password")])
def test_a_weak_new_password_is_refused_and_the_link_still_works(app, reset_link, body, field):
    url = f"/api/auth/reset/{_token(reset_link)}"
    assert_error(app.test_client().post(url, json=body), 422, field)
    assert app.test_client().post(url, json={"password": NEW}).status_code == 200


def test_an_unknown_reset_link_answers_404(anonymous):
    assert_error(anonymous.post("/api/auth/reset/not-a-token", json={"password": NEW}), 404)


def test_changing_ones_password_keeps_this_session_and_ends_the_others(world, signed_in, app):
    here, elsewhere = signed_in(world.client), signed_in(world.client)
    changed = here.post("/api/me/password", json={"current_password": PASSWORD,
                                                  "new_password": NEW})
    assert changed.status_code == 204
    assert here.get("/api/me").status_code == 200
    assert_error(elsewhere.get("/api/me"), 401)
    assert app.test_client().post("/api/auth/login", json={
        "email": world.client.email, "password": NEW}).status_code == 200


@pytest.mark.parametrize(("body", "field"), [
    ({"current_password": "not-my-password", "new_password": NEW}, "current_password"),
    ({"current_password": PASSWORD, "new_password": "short"}, "new_password"),
    ({"new_password": NEW}, "current_password"),
])
def test_changing_the_password_refuses_a_wrong_current_or_weak_new_one(world, signed_in, body,
                                                                       field):
    http = signed_in(world.therapist)
    assert_error(http.post("/api/me/password", json=body), 422, field)
    assert http.get("/api/me").status_code == 200


def test_forgot_answers_202_with_the_same_body_whether_or_not_the_account_exists(app, world):
    known = app.test_client().post("/api/auth/forgot", json={"email": world.client.email})
    unknown = app.test_client().post("/api/auth/forgot", json={"email": "nobody@example.test"})
    assert (known.status_code, unknown.status_code) == (202, 202)
    assert known.json == unknown.json
    assert known.headers.get("Set-Cookie") is None and unknown.headers.get("Set-Cookie") is None


def test_forgot_without_mail_set_up_answers_the_same_and_keeps_nothing(app, world):
    answer = app.test_client().post("/api/auth/forgot", json={"email": world.client.email})
    assert answer.status_code == 202
    assert stored_count(app, ResetRequest) == 0


def test_forgot_refuses_a_missing_email(anonymous):
    assert_error(anonymous.post("/api/auth/forgot", json={}), 422, "email")


def test_the_operator_prints_a_reset_link_for_anyone_locked_out(app, world):
    printed = app.test_cli_runner().invoke(args=["reset-link", world.therapist.email])
    assert printed.exit_code == 0, printed.output
    token = printed.output.split("/#/reset/")[1].split()[0]
    assert app.test_client().post(f"/api/auth/reset/{token}",
                                  json={"password": NEW}).status_code == 200
    unknown = app.test_cli_runner().invoke(args=["reset-link", "nobody@example.test"])
    assert unknown.exit_code != 0 and "No open account" in unknown.output
