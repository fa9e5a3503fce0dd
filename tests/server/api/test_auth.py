"""Registration, sign-in, sign-out and /api/me; the session cookie's attributes."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import select

from server.config import load_settings
from server.extensions import db
from server.models import AuthSession, User, utcnow
from server.security import passwords
from tests.factories import PASSWORD
from tests.server.expect import assert_error

REGISTRATION = {"email": "Pat.Doe@Example.test", "password": "a-long-password", "name": "Pat"}


def _set_cookie_header(response) -> str:
    cookies = response.headers.getlist("Set-Cookie")
    assert len(cookies) == 1, cookies
    return cookies[0]


def test_register_creates_a_therapist_and_signs_in(app):
    http = app.test_client()
    response = http.post("/api/auth/register", json=REGISTRATION)
    assert response.status_code == 200
    assert response.json["role"] == "therapist"
    assert response.json["email"] == "pat.doe@example.test"
    me = http.get("/api/me")
    assert me.status_code == 200
    assert {"id", "role", "name", "email", "timezone"} <= set(me.json)
    assert me.json["id"] == response.json["id"]


def test_register_keeps_only_an_argon2id_hash_of_the_password(app):
    app.test_client().post("/api/auth/register", json=REGISTRATION)
    with app.app_context():
        stored = db.session.scalar(select(User.password_hash))
    assert stored.startswith("$argon2id$")
    assert REGISTRATION["password"] not in stored


@pytest.mark.parametrize("password", ["short", "1234567", "password", "12345678"])
def test_register_refuses_a_short_or_common_password(app, password):
    response = app.test_client().post("/api/auth/register",
                                      json={**REGISTRATION, "password": password})
    assert_error(response, 422, "password")


def test_the_apps_password_forms_ask_for_the_servers_shortest_password():
    """The phone checks the length before sending (minlength); it must be the server's rule."""
    form_field = (Path(__file__).resolve().parents[3] / "pwa" / "js" / "views" / "form-field.js")
    found = re.search(r"export const PASSWORD_MIN_LENGTH = (\d+);", form_field.read_text())
    assert found and int(found.group(1)) == passwords.MIN_LENGTH


def test_register_refuses_an_email_already_taken_whatever_its_case(app):
    app.test_client().post("/api/auth/register", json=REGISTRATION)
    response = app.test_client().post(
        "/api/auth/register", json={**REGISTRATION, "email": "PAT.DOE@example.TEST"})
    assert_error(response, 409, "email")


@pytest.mark.parametrize(("body", "field"), [
    ({**REGISTRATION, "email": "not-an-email"}, "email"),
    ({**REGISTRATION, "email": "a" * 250 + "@x.test"}, "email"),
    ({**REGISTRATION, "name": ""}, "name"),
    ({**REGISTRATION, "name": "n" * 121}, "name"),
    ({**REGISTRATION, "password": "p" * 129}, "password"),
    ({**REGISTRATION, "timezone": "Mars/Olympus"}, "timezone"),
    ({**REGISTRATION, "role": "client"}, "role"),
    ({"email": "x@example.test", "password": "a-long-password"}, "name"),
    ({**REGISTRATION, "name": 42}, "name"),
])
def test_register_refuses_bad_fields_naming_each(app, body, field):
    assert_error(app.test_client().post("/api/auth/register", json=body), 422, field)


def test_login_with_the_right_password_signs_in_whatever_the_emails_case(app, make_therapist):
    therapist = make_therapist(email="kim@example.test")
    http = app.test_client()
    response = http.post("/api/auth/login",
                         json={"email": "  KIM@Example.test ", "password": PASSWORD})
    assert response.status_code == 200
    assert http.get("/api/me").json["id"] == therapist.id


def test_login_answers_the_same_for_a_wrong_password_and_an_unknown_email(app, make_therapist):
    make_therapist(email="kim@example.test")
    wrong = app.test_client().post("/api/auth/login",
                                   json={"email": "kim@example.test", "password": "nope-nope"})
    unknown = app.test_client().post("/api/auth/login",
                                     json={"email": "who@example.test", "password": "nope-nope"})
    assert_error(wrong, 401)
    assert wrong.json == unknown.json
    assert "Set-Cookie" not in wrong.headers


def test_each_login_gets_a_fresh_session_token(app, make_therapist):
    therapist = make_therapist()
    body = {"email": therapist.email, "password": PASSWORD}
    first = _set_cookie_header(app.test_client().post("/api/auth/login", json=body))
    second = _set_cookie_header(app.test_client().post("/api/auth/login", json=body))
    assert first.split(";")[0] != second.split(";")[0]


def test_the_database_keeps_only_a_hash_of_the_session_token(app, make_therapist):
    therapist = make_therapist()
    response = app.test_client().post(
        "/api/auth/login", json={"email": therapist.email, "password": PASSWORD})
    token = _set_cookie_header(response).split(";")[0].split("=", 1)[1]
    with app.app_context():
        stored = list(db.session.scalars(select(AuthSession.token_hash)))
    assert len(stored) == 1 and token not in stored[0]


def test_logout_ends_the_session_so_a_kept_copy_of_the_cookie_no_longer_works(
        app, make_therapist):
    therapist = make_therapist()
    http = app.test_client()
    login = http.post("/api/auth/login", json={"email": therapist.email, "password": PASSWORD})
    token = _set_cookie_header(login).split(";")[0].split("=", 1)[1]

    assert http.post("/api/auth/logout").status_code == 204
    assert_error(http.get("/api/me"), 401)

    thief = app.test_client()
    thief.set_cookie("cc_session", token)
    assert_error(thief.get("/api/me"), 401)


def test_logout_without_a_session_is_harmless(anonymous):
    assert anonymous.post("/api/auth/logout").status_code == 204


def test_me_answers_401_to_anyone_not_signed_in(anonymous):
    assert_error(anonymous.get("/api/me"), 401)


def test_a_clients_me_id_is_the_one_their_therapist_uses(world, signed_in):
    me = signed_in(world.client).get("/api/me").json
    assert me["role"] == "client"
    assert me["id"] == world.client.id
    assert signed_in(world.therapist).get(f"/api/clients/{me['id']}").status_code == 200


def test_me_can_change_name_and_timezone(world, signed_in):
    http = signed_in(world.client)
    response = http.patch("/api/me", json={"timezone": "Asia/Kolkata", "name": "Robin R."})
    assert response.status_code == 200
    assert http.get("/api/me").json["timezone"] == "Asia/Kolkata"
    assert http.get("/api/me").json["name"] == "Robin R."


@pytest.mark.parametrize(("body", "field"), [
    ({}, "_schema"), ({"timezone": "Not/AZone"}, "timezone"), ({"email": "x@y.test"}, "email"),
])
def test_me_refuses_an_empty_or_bad_change(world, signed_in, body, field):
    assert_error(signed_in(world.client).patch("/api/me", json=body), 422, field)


def test_a_session_ends_after_the_idle_limit(app, world, signed_in):
    http = signed_in(world.client)
    idle = timedelta(minutes=app.config["SESSION_IDLE_MINUTES"])
    with time_machine.travel(utcnow() + idle + timedelta(minutes=1)):
        assert_error(http.get("/api/me"), 401)


def test_a_session_ends_at_its_maximum_age_even_when_used(app, world, signed_in):
    http = signed_in(world.client)
    start = utcnow()
    for day in range(1, app.config["SESSION_MAX_DAYS"]):
        with time_machine.travel(start + timedelta(days=day)):
            assert http.get("/api/me").status_code == 200
    with time_machine.travel(start + timedelta(days=app.config["SESSION_MAX_DAYS"], minutes=1)):
        assert_error(http.get("/api/me"), 401)


def test_the_cookie_is_httponly_samesite_lax_and_not_secure_when_secure_is_off(
        app, make_therapist):
    therapist = make_therapist()
    cookie = _set_cookie_header(app.test_client().post(
        "/api/auth/login", json={"email": therapist.email, "password": PASSWORD}))
    name, attributes = cookie.split("=", 1)[0], [a.strip() for a in cookie.split(";")]
    assert name == "cc_session"
    assert "HttpOnly" in attributes
    assert "SameSite=Lax" in attributes
    assert "Path=/" in attributes
    assert "Secure" not in attributes


@pytest.fixture
def secure_app(fresh_app):
    return fresh_app(SESSION_COOKIE_SECURE=True)


def test_the_cookie_is_secure_and_host_prefixed_when_secure_is_on(app, secure_app):
    http = secure_app.test_client()
    response = http.post("/api/auth/register", json=REGISTRATION)
    cookie = _set_cookie_header(response)
    attributes = [a.strip() for a in cookie.split(";")]
    assert cookie.startswith("__Host-cc_session=")
    assert {"Secure", "HttpOnly", "SameSite=Lax", "Path=/"} <= set(attributes)
    assert not any(a.lower().startswith("domain=") for a in attributes)
    assert http.get("/api/me").status_code == 200


def test_logout_with_secure_cookies_clears_the_host_prefixed_cookie(app, secure_app):
    http = secure_app.test_client()
    http.post("/api/auth/register", json=REGISTRATION)
    cleared = _set_cookie_header(http.post("/api/auth/logout"))
    assert cleared.startswith("__Host-cc_session=;")
    assert "Secure" in [a.strip() for a in cleared.split(";")]


@pytest.mark.parametrize(("debug", "secure"), [(False, True), (True, False)])
def test_cookies_are_secure_by_default_except_when_debugging(tmp_path, monkeypatch, debug,
                                                            secure):
    monkeypatch.delenv("SESSION_COOKIE_SECURE", raising=False)
    assert load_settings(tmp_path, debug)["SESSION_COOKIE_SECURE"] is secure


@pytest.mark.parametrize(("raw", "secure"), [("0", False), ("off", False), ("1", True),
                                             ("true", True)])
def test_the_secure_setting_is_read_from_the_environment(tmp_path, monkeypatch, raw, secure):
    monkeypatch.setenv("SESSION_COOKIE_SECURE", raw)
    assert load_settings(tmp_path, False)["SESSION_COOKIE_SECURE"] is secure
