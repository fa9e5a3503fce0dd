"""The sign-in lookup is cached for a few seconds per process and never writes on a read: an
ended session stops at once in the process that ended it and within SIGN_IN_CACHE_SECONDS in the
others; the idle clock still moves."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import flask
import pytest
import time_machine
from sqlalchemy import event, select

from server.extensions import db
from server.models import AuthSession
from server.security.sessions import SIGN_IN_CACHE_SECONDS, end_all_sessions
from tests.factories import PASSWORD, log_body
from tests.server.expect import assert_error

NOW = datetime(2026, 6, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def _sign_in(http, user):
    response = http.post("/api/auth/login", json={"email": user.email, "password": PASSWORD})
    assert response.status_code == 200
    return http.get_cookie("cc_session").value


def test_a_cached_read_spends_no_sql_on_the_sign_in_and_writes_nothing(
        world, signed_in, count_queries, clock):
    http = signed_in(world.client)
    assert http.get("/api/me").status_code == 200
    with count_queries() as statements:
        assert http.get("/api/me").json["id"] == world.client.id
    # What remains is the view's own reading (the therapist's name on /api/me).
    assert not [s for s in statements if "auth_sessions" in s]
    assert not [s for s in statements if s.lstrip().split()[0].upper() != "SELECT"]


def test_a_fresh_lookup_is_one_select_and_commits_nothing(world, signed_in, count_queries,
                                                            clock):
    http = signed_in(world.client)
    assert http.get("/api/me").status_code == 200
    clock.shift(timedelta(seconds=SIGN_IN_CACHE_SECONDS))
    with count_queries() as statements:
        assert http.get("/api/me").status_code == 200
    sign_in = [s for s in statements if "auth_sessions" in s]
    assert len(sign_in) == 1 and sign_in[0].lstrip().upper().startswith("SELECT")
    assert not [s for s in statements if s.lstrip().split()[0].upper() != "SELECT"]


def test_logout_ends_the_session_at_once_in_this_process(world, signed_in, clock):
    http = signed_in(world.client)
    kept = http.get_cookie("cc_session").value
    assert http.get("/api/me").status_code == 200
    assert http.post("/api/auth/logout").status_code == 204
    http.set_cookie("cc_session", kept)
    assert_error(http.get("/api/me"), 401)


def test_another_process_honours_an_ended_session_only_for_the_cache_seconds(
        world, fresh_app, clock):
    here, elsewhere = fresh_app().test_client(), fresh_app().test_client()
    token = _sign_in(here, world.client)
    elsewhere.set_cookie("cc_session", token)
    assert elsewhere.get("/api/me").status_code == 200  # now in the other process's cache
    assert here.post("/api/auth/logout").status_code == 204
    assert elsewhere.get("/api/me").status_code == 200  # the stated window
    clock.shift(timedelta(seconds=SIGN_IN_CACHE_SECONDS))
    assert_error(elsewhere.get("/api/me"), 401)


def test_ending_every_session_of_a_user_takes_effect_at_once_here(app, world, signed_in, clock):
    phone, laptop = signed_in(world.client), signed_in(world.client)
    assert phone.get("/api/me").status_code == laptop.get("/api/me").status_code == 200
    with app.test_request_context():
        end_all_sessions(world.client.id)  # what a password change does
        db.session.commit()
    assert_error(phone.get("/api/me"), 401)
    assert_error(laptop.get("/api/me"), 401)


def test_a_changed_time_zone_is_seen_at_once(world, signed_in, clock):
    http = signed_in(world.client)
    assert http.get("/api/me").json["timezone"] == "UTC"
    assert http.patch("/api/me", json={"timezone": "Asia/Kolkata"}).status_code == 200
    assert http.get("/api/me/trends").json["timezone"] == "Asia/Kolkata"


def _last_seen(app, token_hash_prefix=None):
    with app.app_context():
        return db.session.scalars(select(AuthSession.last_seen_at)).all()


def test_reads_leave_the_idle_clock_alone_until_a_quarter_of_the_idle_limit(
        app, world, signed_in, clock):
    http = signed_in(world.client)
    idle = timedelta(minutes=app.config["SESSION_IDLE_MINUTES"])
    clock.shift(timedelta(hours=1))
    assert http.get("/api/me").status_code == 200
    assert _last_seen(app) == [NOW]
    clock.shift(idle / 4)
    assert http.get("/api/me").status_code == 200
    assert _last_seen(app) == [NOW + timedelta(hours=1) + idle / 4]
    # Still signed in after more than the idle limit in all, reading all along.
    clock.shift(idle * 3 / 4)
    assert http.get("/api/me").status_code == 200


def test_a_writing_request_moves_the_idle_clock_once_a_minute_at_most(
        app, world, signed_in, clock):
    http = signed_in(world.client)
    clock.shift(timedelta(minutes=5))
    assert http.post("/api/me/logs", json=[]).status_code == 200
    assert _last_seen(app) == [NOW + timedelta(minutes=5)]


def test_an_idle_session_ends_even_while_cached(app, world, signed_in, clock):
    http = signed_in(world.client)
    assert http.get("/api/me").status_code == 200
    clock.shift(timedelta(minutes=app.config["SESSION_IDLE_MINUTES"], seconds=1))
    assert_error(http.get("/api/me"), 401)


@pytest.fixture
def touches(app):
    """Each UPDATE of auth_sessions, as (the response was made by then, connections this
    process's pool had out at that moment)."""
    from flask import g, request_finished

    seen, out = [], [0]
    with app.app_context():
        engine = db.engine

    def checkout(*_args):
        out[0] += 1

    def checkin(*_args):
        out[0] -= 1

    def finished(_sender, **_extra):
        g.response_made = True

    def record(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith("UPDATE AUTH_SESSIONS"):
            seen.append((g.get("response_made", False), out[0]))

    event.listen(engine.pool, "checkout", checkout)
    event.listen(engine.pool, "checkin", checkin)
    event.listen(engine, "before_cursor_execute", record)
    request_finished.connect(finished, app)
    try:
        yield seen
    finally:
        request_finished.disconnect(finished, app)
        event.remove(engine, "before_cursor_execute", record)
        event.remove(engine.pool, "checkin", checkin)
        event.remove(engine.pool, "checkout", checkout)


def test_a_read_moves_the_idle_clock_after_its_response_holding_one_connection(
        app, world, signed_in, clock, touches):
    http = signed_in(world.client)
    clock.shift(timedelta(minutes=app.config["SESSION_IDLE_MINUTES"]) / 4)
    assert http.get("/api/me").status_code == 200
    # Not in the middle of the request (a GET never writes while it runs), and not on a second
    # connection while the request holds its own (a full pool would wait on itself).
    assert touches == [(True, 1)]
    assert _last_seen(app) == [NOW + timedelta(minutes=app.config["SESSION_IDLE_MINUTES"]) / 4]


def test_a_writing_request_leaves_the_idle_clock_out_of_its_own_transaction(
        app, world, signed_in, clock, touches):
    http = signed_in(world.client)
    clock.shift(timedelta(minutes=5))
    assert http.post("/api/me/logs", json=[log_body()]).status_code == 200
    assert touches == [(True, 1)]


def test_a_request_refused_after_the_check_still_counts_as_use(app, world, signed_in, clock):
    """The person was there: a refused body moves the idle clock as a stored one does (it used
    to be rolled back with the request)."""
    http = signed_in(world.client)
    clock.shift(timedelta(minutes=5))
    assert http.post("/api/me/logs", json=[{"pain": 99}]).status_code == 422
    assert _last_seen(app) == [NOW + timedelta(minutes=5)]


def test_flasks_own_cookie_session_is_never_opened_nor_sent(app, world, signed_in):
    http = signed_in(world.client)
    response = http.get("/api/me")
    assert response.status_code == 200
    assert [cookie for cookie in response.headers.getlist("Set-Cookie")
            if cookie.startswith("session=")] == []
    with app.test_request_context("/api/me"):
        with pytest.raises(RuntimeError, match="not used"):
            flask.session["anything"] = "would have gone into a cookie"


def test_the_hottest_views_read_the_cached_copy_and_attach_no_user(world, signed_in, clock):
    from sqlalchemy.orm import Session

    from server.models import User

    http = signed_in(world.client)
    assert http.get("/api/me").status_code == 200  # the sign-in is cached from here on
    attached = []

    def note(_session, instance):
        if isinstance(instance, User):
            attached.append(instance)

    event.listen(Session, "after_attach", note)
    try:
        assert http.post("/api/me/logs", json=[log_body()]).status_code == 200
        assert http.get("/api/me/trends").status_code == 200
        assert attached == []
        # A view that may change who is asking still has them in its session (the control).
        assert http.get("/api/me").status_code == 200
        assert [user.id for user in attached] == [world.client.id]
    finally:
        event.remove(Session, "after_attach", note)
