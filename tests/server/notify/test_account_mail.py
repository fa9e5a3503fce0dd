"""Account emails through a real local SMTP server (aiosmtpd): a forgotten password is reset with
the link read from the email its owner receives; an unknown email gets the same answer and no
mail; without the app's public address no link is emailed; a therapist is emailed (no name, no
health detail) when a client closes their account."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from sqlalchemy import event

from server.extensions import db
from server.models import MailMessage, ResetRequest, utcnow
from tests.factories import PASSWORD
from tests.server.expect import assert_error, stored_count

from .helpers import assert_no_health_details, mail_rows

BASE = "https://care.example.org"
NEW = "a-brand-new-password"


@pytest.fixture
def reset_app(fresh_app, mail_server):
    """Mail set up through the loopback SMTP server, and the app's public address known."""
    mailing = fresh_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=mail_server.port, MAIL_USE_TLS=False,
                        MAIL_FROM="Cluneal Companion <care@clinic.example>",
                        PUBLIC_BASE_URL=BASE)
    yield mailing
    mailing.extensions["notify"].idle()


def _forgot(app, email):
    answer = app.test_client().post("/api/auth/forgot", json={"email": email})
    app.extensions["notify"].idle()
    return answer


def _signed_in(app, user, password=PASSWORD):
    http = app.test_client()
    assert http.post("/api/auth/login", json={"email": user.email, "password": password}) \
        .status_code == 200
    return http


def test_a_forgotten_password_is_reset_with_the_link_from_the_email(
        reset_app, mail_server, world):
    older_phone = _signed_in(reset_app, world.therapist)
    assert _forgot(reset_app, world.therapist.email.upper()).status_code == 202
    [mail] = mail_server.wait_for(1)
    assert mail.recipients == [world.therapist.email]
    assert mail.message["Subject"] == "Set a new password for Cluneal Companion"
    assert_no_health_details(mail.text)
    link = re.search(rf"{re.escape(BASE)}/#/reset/(\S+)", mail.text)
    assert link, mail.text

    new_phone = reset_app.test_client()
    reset = new_phone.post(f"/api/auth/reset/{link.group(1)}", json={"password": NEW})
    assert reset.status_code == 200 and reset.json["id"] == world.therapist.id
    assert new_phone.get("/api/me").status_code == 200
    assert_error(older_phone.get("/api/me"), 401)
    assert_error(reset_app.test_client().post(f"/api/auth/reset/{link.group(1)}",
                                              json={"password": "yet-another-password"}), 404)
    _signed_in(reset_app, world.therapist, NEW)
    assert [row[4] for row in mail_rows(reset_app)] == [""]  # the token left with the mail


def test_an_unknown_email_gets_the_same_answer_and_no_mail(reset_app, mail_server, world):
    known = _forgot(reset_app, world.client.email)
    unknown = _forgot(reset_app, "nobody@example.test")
    assert (known.status_code, unknown.status_code) == (202, 202)
    assert known.json == unknown.json
    mail_server.wait_for(1)
    assert [d.recipients for d in mail_server.delivered] == [[world.client.email]]
    assert stored_count(reset_app, ResetRequest) == 0  # both were taken and looked up


def _statements(app, request) -> list[str]:
    """The SQL app runs for request()."""
    seen: list[str] = []
    with app.app_context():
        engine = db.engine

    def record(_conn, _cursor, statement, *_args):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        request()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen


def test_the_request_does_the_same_work_whether_or_not_the_account_exists(
        reset_app, world, monkeypatch):
    """No lookup of the email in the request (it happens on the notify thread), so neither the
    statements nor their number say whether an account exists."""
    monkeypatch.setattr(reset_app.extensions["notify"], "kick", lambda: None)
    http = reset_app.test_client()
    known = _statements(reset_app, lambda: http.post("/api/auth/forgot",
                                                     json={"email": world.client.email}))
    unknown = _statements(reset_app, lambda: http.post("/api/auth/forgot",
                                                       json={"email": "nobody@example.test"}))
    assert known == unknown
    assert [q for q in known if "INSERT INTO reset_requests" in q]
    assert not [q for q in known if "FROM users" in q]
    assert stored_count(reset_app, ResetRequest) == 2


def test_the_emailed_link_works_only_for_an_hour(reset_app, mail_server, world):
    asked_at = utcnow()
    with time_machine.travel(asked_at, tick=False):
        _forgot(reset_app, world.client.email)
    [mail] = mail_server.wait_for(1)
    token = re.search(r"/#/reset/(\S+)", mail.text).group(1)
    assert "within 60 minutes" in mail.text
    with time_machine.travel(asked_at + timedelta(minutes=61)):
        assert_error(reset_app.test_client().post(f"/api/auth/reset/{token}",
                                                  json={"password": NEW}), 410)


def test_without_the_apps_public_address_no_link_is_emailed(fresh_app, mail_server, world):
    no_address = fresh_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=mail_server.port,
                           MAIL_USE_TLS=False)
    assert _forgot(no_address, world.client.email).status_code == 202
    assert stored_count(no_address, ResetRequest) == 0
    assert stored_count(no_address, MailMessage) == 0
    assert mail_server.delivered == []


def test_a_closed_account_is_emailed_to_its_therapist_without_the_clients_name(
        reset_app, mail_server, world):
    assert _signed_in(reset_app, world.client).delete("/api/me").status_code == 204
    reset_app.extensions["notify"].idle()
    [mail] = mail_server.wait_for(1)
    assert mail.recipients == [world.therapist.email]
    assert mail.message["Subject"] == "A client closed their Cluneal Companion account"
    assert f"{BASE}/#/clients" in mail.text
    assert_no_health_details(mail.text, "Robin", world.client.email)
