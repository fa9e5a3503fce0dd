"""A general mail queue. `queue_mail(to, subject, text)` stores a message in the current
transaction; the background sender (runner.py: kicked when that transaction commits, and on every
scheduler tick) sends it over SMTP with smtplib when mail is set up (MAIL_SERVER).

The guarantee: a message is claimed (pending → claimed, one UPDATE that only one process can win)
before it is sent, and marked sent as soon as the SMTP server has accepted it. A process that dies
between the two leaves the row claimed; after CLAIM_LEASE another pass sends it again. So a
message is never lost, and arrives twice only in that one case; it carries a Message-ID made from
its row, so a mail client that removes duplicates shows it once.

What each failure means, decided here once (classify): the SMTP server's 4xx answers, a refused,
dropped or slow connection, a failed login or a missing STARTTLS are passing trouble (or a setting
someone will fix): retried with backoff (1, 2, 4, 8, 16 minutes), MAX_ATTEMPTS in all. A 5xx
answer about the message (a refused recipient, sender or content) is permanent: failed.

The body is cleared once the message is sent or given up (and never stored while mail is off): a
body may hold a link with a secret token, such as a password reset. No address, subject or body is
written to the log.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Protocol

from flask import current_app, has_app_context
from sqlalchemy import and_, bindparam, or_, select, update

from ..extensions import db
from ..models import MailMessage, utcnow
from .kick import kick_after_commit
from .states import CLAIM_LEASE, CLAIMED, FAILED, PENDING, SENT, SKIPPED

#: Why a message (or a mail alert) is skipped when MAIL_SERVER is not set.
MAIL_NOT_SET_UP = "mail-not-set-up"

log = logging.getLogger(__name__)

#: Attempts per message: the first and up to five retries.
MAX_ATTEMPTS = 6
#: Wait before retry n: BACKOFF * 2**(n-1).
BACKOFF = timedelta(minutes=1)
#: Longest we wait for the SMTP server to answer, in seconds.
SMTP_TIMEOUT = 20
#: Messages claimed per pass; the rest wait for the next one.
BATCH = 100

_table = MailMessage.__table__


def mail_configured(config=None) -> bool:
    """Whether mail is set up (MAIL_SERVER). Without an app context, no."""
    if config is None:
        if not has_app_context():
            return False
        config = current_app.config
    return bool(config.get("MAIL_SERVER"))


def queue_mail(to: str, subject: str, text: str) -> None:
    """Queue one plain-text email to `to`, sent after the current transaction commits.

    Call it inside a request or job (it reads the app's mail settings); it flushes, it does not
    commit. While mail is not set up, the message is recorded as skipped and its text dropped.
    Raises ValueError for an address or subject with a line break (header injection)."""
    for name, value in (("to", to), ("subject", subject)):
        if "\r" in value or "\n" in value:
            raise ValueError(f"a mail {name} must be one line")
    configured = mail_configured()
    db.session.add(MailMessage(
        to_address=to, subject=subject[:200], body=text if configured else "",
        status=PENDING if configured else SKIPPED,
        reason="" if configured else MAIL_NOT_SET_UP, attempts=0))
    db.session.flush()
    if configured:
        kick_after_commit()


@dataclass(frozen=True)
class OutgoingMail:
    id: int
    to: str
    subject: str
    body: str
    attempts: int


@dataclass(frozen=True)
class MailOutcome:
    status: str  # SENT, FAILED or PENDING (retry)
    reason: str = ""


class Mailer(Protocol):
    def send(self, messages: Sequence[OutgoingMail]) -> list[MailOutcome]: ...


def classify(code: int) -> str:
    """An SMTP reply code's meaning for this message: retry later or give up."""
    return FAILED if code >= 500 else PENDING


def _smtp_failure(exc: Exception) -> MailOutcome:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _text in exc.recipients.values()] or [550]
        return MailOutcome(classify(min(codes)), f"smtp-{min(codes)}")
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return MailOutcome(PENDING, "smtp-login")  # a setting to fix, not this message's fault
    if isinstance(exc, smtplib.SMTPResponseException):
        return MailOutcome(classify(exc.smtp_code), f"smtp-{exc.smtp_code}")
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return MailOutcome(PENDING, "smtp-no-starttls")
    return MailOutcome(PENDING, "smtp-unreachable")


@dataclass(frozen=True)
class SmtpSettings:
    server: str
    port: int
    use_tls: bool
    username: str | None
    password: str | None
    sender: str

    @classmethod
    def from_config(cls, config) -> SmtpSettings:
        return cls(config["MAIL_SERVER"], int(config["MAIL_PORT"]), bool(config["MAIL_USE_TLS"]),
                   config.get("MAIL_USERNAME"), config.get("MAIL_PASSWORD"), config["MAIL_FROM"])


class SmtpMailer:
    """Sends a batch over one SMTP connection: STARTTLS first when MAIL_USE_TLS, then login when
    MAIL_USERNAME is set."""

    def __init__(self, settings: SmtpSettings):
        self.settings = settings

    def _message(self, mail: OutgoingMail) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.settings.sender
        message["To"] = mail.to
        message["Subject"] = mail.subject
        message["Date"] = format_datetime(utcnow())
        # The same Message-ID on a re-send after a crash lets mail clients drop the copy.
        message["Message-ID"] = make_msgid(idstring=f"cluneal-mail-{mail.id}",
                                           domain=self.settings.sender.rpartition("@")[2]
                                           .strip(" >") or "localhost")
        message.set_content(mail.body)
        return message

    def _connect(self) -> smtplib.SMTP:
        s = self.settings
        smtp = smtplib.SMTP(s.server, s.port, timeout=SMTP_TIMEOUT)
        try:
            if s.use_tls:
                smtp.starttls(context=ssl.create_default_context())
            if s.username:
                smtp.login(s.username, s.password or "")
        except BaseException:
            smtp.close()
            raise
        return smtp

    def send(self, messages: Sequence[OutgoingMail]) -> list[MailOutcome]:
        try:
            smtp = self._connect()
        except (smtplib.SMTPException, OSError) as exc:
            return [_smtp_failure(exc)] * len(messages)
        outcomes = []
        try:
            for mail in messages:
                try:
                    smtp.send_message(self._message(mail))
                    outcomes.append(MailOutcome(SENT))
                except (smtplib.SMTPException, OSError) as exc:
                    outcomes.append(_smtp_failure(exc))
                    # (SMTPException is an OSError too: only a lost connection ends the batch.)
                    if (isinstance(exc, smtplib.SMTPServerDisconnected)
                            or not isinstance(exc, smtplib.SMTPException)):
                        # The connection is gone: the rest wait for the next pass.
                        outcomes += [MailOutcome(PENDING, "smtp-unreachable")] * (
                            len(messages) - len(outcomes))
                        break
        finally:
            try:
                smtp.quit()
            except (smtplib.SMTPException, OSError):
                smtp.close()
        return outcomes


def _claim(now: datetime) -> list[OutgoingMail]:
    due = or_(and_(_table.c.status == PENDING, _table.c.next_attempt_at <= now),
              and_(_table.c.status == CLAIMED, _table.c.claimed_at < now - CLAIM_LEASE))
    ids = select(_table.c.id).where(due).order_by(_table.c.id).limit(BATCH).scalar_subquery()
    rows = db.session.execute(
        update(_table).where(_table.c.id.in_(ids), due)
        .values(status=CLAIMED, claimed_at=now, attempts=_table.c.attempts + 1)
        .returning(_table.c.id, _table.c.to_address, _table.c.subject, _table.c.body,
                   _table.c.attempts))
    return sorted((OutgoingMail(*row) for row in rows), key=lambda mail: mail.id)


def _finish(mail: OutgoingMail, outcome: MailOutcome, now: datetime) -> dict:
    status = outcome.status
    if status == PENDING and mail.attempts >= MAX_ATTEMPTS:
        status = FAILED
    retry_at = now + BACKOFF * 2 ** (mail.attempts - 1)
    return {"row_id": mail.id, "new_status": status, "new_reason": outcome.reason[:64],
            "new_body": mail.body if status == PENDING else "",
            "new_finished_at": None if status == PENDING else now,
            "new_next_attempt_at": retry_at if status == PENDING else now}


@dataclass
class MailReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def send_queued(mailer: Mailer | None, now: datetime | None = None) -> MailReport:
    """Claim what is due, send it, write each outcome; commits (a job's verb). Without a mailer
    (mail not set up), due messages are skipped and their text dropped."""
    now = now or utcnow()
    report = MailReport()
    claimed = _claim(now)
    db.session.commit()  # the claims are ours before anything is sent
    if not claimed:
        return report
    if mailer is None:
        outcomes = [MailOutcome(SKIPPED, MAIL_NOT_SET_UP)] * len(claimed)
    else:
        outcomes = mailer.send(claimed)
    rows = [_finish(mail, outcome, now) for mail, outcome in zip(claimed, outcomes, strict=True)]
    db.session.connection().execute(
        update(_table).where(_table.c.id == bindparam("row_id"), _table.c.status == CLAIMED)
        .values(status=bindparam("new_status"), reason=bindparam("new_reason"),
                body=bindparam("new_body"), finished_at=bindparam("new_finished_at"),
                next_attempt_at=bindparam("new_next_attempt_at")), rows)
    db.session.commit()
    report.sent = sum(r["new_status"] == SENT for r in rows)
    report.retrying = sum(r["new_status"] == PENDING for r in rows)
    report.failed = sum(r["new_status"] == FAILED for r in rows)
    if report.retrying or report.failed:
        log.warning("mail: %d sent, %d to retry, %d failed", report.sent, report.retrying,
                    report.failed)
    return report
