"""One send pass over the notify ledgers, and the thread that runs it right after a commit.

A pass: queue the resend rounds now due, hand due mail alerts to the mail queue, push due
alerts to the therapists' devices, turn forgot-password requests into emails, then send due
email, then send the test notifications people asked for (reminders/test_sends.py; after the
alerts, so a slow push service never holds up a safety alert). The same pass runs kicked after a
request's commit (on this process's one notify thread, so the request never waits on a network)
and at the end of every scheduler tick (REMINDER_TICK_SECONDS, reminders/scheduler.py), which
sends whatever a lost kick left and the resends as they fall due. Two passes at once, in one
process or several, are safe: every row is claimed before it is sent (alerts.py, mail.py).
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime

from flask import Flask

from ..extensions import db
from ..models import utcnow
from ..reminders.push import PushSender
from ..reminders.test_sends import send_queued_tests
from . import account_mail, alerts, mail

log = logging.getLogger(__name__)


@dataclass
class NotifyReport:
    alerts: alerts.AlertReport
    mail: mail.MailReport
    #: Forgot-password emails queued in this pass.
    reset_links: int = 0
    #: Test notifications claimed and sent in this pass.
    tests: int = 0


class Notifier:
    """The app's notify sender. push_sender and mailer may be given (tests); otherwise Web Push
    as for reminders, and SMTP when MAIL_SERVER is set."""

    def __init__(self, app: Flask, push_sender: PushSender | None = None,
                 mailer: mail.Mailer | None = None, *, sleep=time.sleep):
        self.app = app
        self._push_sender = push_sender
        self.mailer = mailer
        self.sleep = sleep
        self._lock = threading.Condition()
        self._queued = False
        #: Passes submitted to the notify thread and not finished yet.
        self._outstanding = 0
        self._executor: ThreadPoolExecutor | None = None

    @property
    def push_sender(self) -> PushSender:
        if self._push_sender is None:
            from ..reminders.scheduler import make_sender

            self._push_sender = make_sender(self.app)
        return self._push_sender

    @push_sender.setter
    def push_sender(self, sender: PushSender | None) -> None:
        self._push_sender = sender

    def _mailer(self) -> mail.Mailer | None:
        if self.mailer is not None:
            return self.mailer
        if not mail.mail_configured(self.app.config):
            return None
        return mail.SmtpMailer(mail.SmtpSettings.from_config(self.app.config))

    def run(self, now: datetime | None = None) -> NotifyReport:
        """One pass (see the module's docstring); commits as it goes."""
        def at() -> datetime:  # each step reads the clock anew: rows a step queued are due
            return now or utcnow()

        with self.app.app_context():
            try:
                report = NotifyReport(alerts.AlertReport(), mail.MailReport())
                report.alerts.queued_resends = alerts.queue_resends(at())
                db.session.commit()
                alerts.hand_mail_to_queue(at(), report.alerts)
                alerts.send_push(self.push_sender, at(), report.alerts, sleep=self.sleep)
                report.reset_links = account_mail.hand_reset_links_to_queue(at())
                report.mail = mail.send_queued(self._mailer(), at())
                report.tests = send_queued_tests(self.push_sender, at(), sleep=self.sleep)
                return report
            finally:
                db.session.remove()

    def kick(self) -> None:
        """Run a pass soon on the notify thread; a kick while one is already waiting joins it."""
        with self._lock:
            if self._queued:
                return
            self._queued = True
            self._outstanding += 1
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="notify")
            self._executor.submit(self._kicked_pass)

    def _kicked_pass(self) -> None:
        # Kicks during this wait join the pass (it is still queued): under a burst of requests
        # that raise flags, the web process runs a few passes a second instead of one a request.
        time.sleep(self.app.config.get("NOTIFY_COALESCE_SECONDS", 0))
        with self._lock:
            self._queued = False
        try:
            self.run()
        except Exception:  # the tick retries; a kick must never take the thread down
            log.exception("notify pass failed")
        finally:
            with self._lock:
                self._outstanding -= 1
                self._lock.notify_all()

    def idle(self, timeout: float = 30) -> None:
        """Wait until every kicked pass has run, those kicked meanwhile too (tests, shutdown)."""
        with self._lock:
            if not self._lock.wait_for(lambda: self._outstanding == 0, timeout):
                raise TimeoutError("the notify thread is still busy")

    def tick(self, now: datetime | None = None) -> None:
        """The scheduler tick's pass, with failures logged rather than raised."""
        try:
            self.run(now)
        except Exception:
            log.exception("notify tick failed")
