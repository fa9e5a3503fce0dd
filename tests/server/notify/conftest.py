"""Notify fixtures: the loopback push service (as for reminders), a loopback SMTP server, and an
app with mail set up that sends through it."""

from __future__ import annotations

import pytest

from server.reminders import vapid_keys
from tests.mail_service import LocalMailServer
from tests.server.reminders.conftest import push_service, subscribe  # noqa: F401 (fixtures)


@pytest.fixture
def mail_server():
    server = LocalMailServer().start()
    yield server
    server.stop()


@pytest.fixture
def mail_app(app, fresh_app, mail_server):
    """The app with MAIL_SERVER pointing at the loopback SMTP server (no TLS on loopback), and
    the first app's VAPID key, which the push service expects."""
    mailing = fresh_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=mail_server.port, MAIL_USE_TLS=False,
                        MAIL_FROM="Cluneal Companion <alerts@clinic.example>")
    mailing.extensions["vapid_keys"] = vapid_keys(app)
    yield mailing
    mailing.extensions["notify"].idle()


@pytest.fixture
def idle(app):
    """idle() waits until the notify thread has run every pass kicked so far."""
    return app.extensions["notify"].idle
