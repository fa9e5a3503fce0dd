"""The general mail queue: queue_mail(to, subject, text) in a transaction; sent over SMTP after
it commits; retried on passing trouble, given up on a permanent refusal; the body kept only
until then."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from server.extensions import db
from server.notify import queue_mail

from .helpers import mail_rows

NOW = datetime(2026, 11, 1, 5, 59, 30, tzinfo=UTC)  # New York's clocks go back at 06:00 UTC
RESET = "Set a new password here: https://care.example.org/#/reset/s3cret-token"


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _queue(app, to="pat@example.org", subject="Reset your password", text=RESET):
    with app.app_context():
        queue_mail(to, subject, text)
        db.session.commit()
    app.extensions["notify"].idle()


def _pass_at(app, instant):
    with time_machine.travel(instant, tick=False):
        app.extensions["notify"].run()
    app.extensions["notify"].idle()


def test_a_queued_mail_is_sent_after_commit_and_its_body_dropped(mail_app, mail_server):
    _queue(mail_app)
    [mail] = mail_server.wait_for(1)
    assert (mail.sender, mail.recipients) == ("alerts@clinic.example", ["pat@example.org"])
    assert mail.message["Subject"] == "Reset your password"
    assert mail.text == RESET + "\r\n"
    assert mail_rows(mail_app) == [("pat@example.org", "sent", "", 1, "")]


def test_a_mail_queued_in_a_transaction_that_rolls_back_is_never_sent(mail_app, mail_server):
    with mail_app.app_context():
        queue_mail("pat@example.org", "Reset your password", RESET)
        db.session.rollback()
    mail_app.extensions["notify"].run()
    assert mail_server.delivered == [] and mail_rows(mail_app) == []


def test_a_busy_smtp_server_is_tried_again_after_a_backoff(mail_app, mail_server):
    mail_server.answer_next("451 4.3.0 Try again later")
    _queue(mail_app)
    assert mail_server.delivered == []
    assert mail_rows(mail_app) == [("pat@example.org", "pending", "smtp-451", 1, RESET)]
    _pass_at(mail_app, NOW + timedelta(seconds=59))  # the first retry waits a minute
    assert mail_server.delivered == []
    _pass_at(mail_app, NOW + timedelta(minutes=1))
    assert len(mail_server.wait_for(1)) == 1
    assert mail_rows(mail_app) == [("pat@example.org", "sent", "", 2, "")]


def test_a_mail_that_keeps_failing_is_given_up_after_six_attempts(mail_app, mail_server):
    mail_server.answer_next(*["421 4.7.0 Closing"] * 6)
    _queue(mail_app)
    for minutes in (1, 3, 7, 15, 31, 63, 127):
        _pass_at(mail_app, NOW + timedelta(minutes=minutes))
    assert mail_server.delivered == []
    assert mail_rows(mail_app) == [("pat@example.org", "failed", "smtp-421", 6, "")]


def test_a_permanent_refusal_is_failed_at_once_and_its_body_dropped(mail_app, mail_server):
    mail_server.answer_next("554 5.7.1 Rejected")
    _queue(mail_app)
    _pass_at(mail_app, NOW + timedelta(hours=1))
    assert mail_server.delivered == []
    assert mail_rows(mail_app) == [("pat@example.org", "failed", "smtp-554", 1, "")]


def test_an_smtp_server_that_is_down_is_retried(fresh_app, mail_server):
    app = fresh_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=1, MAIL_USE_TLS=False)  # nothing there
    _queue(app)
    assert mail_rows(app) == [("pat@example.org", "pending", "smtp-unreachable", 1, RESET)]


def test_without_mail_set_up_a_queued_mail_is_recorded_as_skipped_and_keeps_no_text(app):
    _queue(app)
    assert mail_rows(app) == [("pat@example.org", "skipped", "mail-not-set-up", 0, "")]


@pytest.mark.parametrize(("to", "subject"), [
    ("pat@example.org\r\nBcc: eve@example.org", "Hello"),
    ("pat@example.org", "Hello\nBcc: eve@example.org"),
])
def test_a_line_break_in_an_address_or_subject_is_refused(mail_app, to, subject):
    with mail_app.app_context(), pytest.raises(ValueError):
        queue_mail(to, subject, "text")
