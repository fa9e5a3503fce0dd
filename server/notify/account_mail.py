"""Account emails through the mail queue: the forgot-password link, and a therapist told that a
client closed their account.

Forgot-password requests (POST /api/auth/forgot, queued by domain.recovery) become links in the
notify pass, not in the request, so the request answers in the same time whether or not the
email has an account. A link is made only for an open account, and only when the app knows its
public address (PUBLIC_BASE_URL): taking the address from a request's Host header would let
anyone have our email send a victim's live token to a site of their choosing (password-reset
poisoning). No email names a client or says anything about their health.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from ..domain import recovery
from ..extensions import db
from ..models import User
from .mail import mail_configured, queue_mail

log = logging.getLogger(__name__)

RESET_SUBJECT = "Set a new password for Cluneal Companion"
CLOSED_SUBJECT = "A client closed their Cluneal Companion account"


def _base() -> str | None:
    base = current_app.config.get("PUBLIC_BASE_URL")
    return base.rstrip("/") if base else None


def _reset_text(name: str, link: str, minutes: int) -> str:
    return (
        f"Hello {name},\n\n"
        "Someone (we hope you) asked to set a new password for your Cluneal Companion account. "
        f"To choose one, open this link within {minutes} minutes:\n\n{link}\n\n"
        "It works once. Setting a new password signs out every other phone or computer signed "
        "in to your account.\n\n"
        "If you did not ask, ignore this email: your password stays as it is.\n")


def hand_reset_links_to_queue(now: datetime) -> int:
    """Turn waiting forgot-password requests into queued emails (one transaction); returns how
    many emails were queued."""
    emails = recovery.take_reset_requests()
    base = _base()
    if emails and base is None:
        log.warning("forgot-password requests dropped: set PUBLIC_BASE_URL so that emailed "
                    "links point at this app")
    if not emails or base is None:
        db.session.commit()
        return 0
    minutes = current_app.config["FORGOT_LINK_TTL_MINUTES"]
    links = recovery.emailed_reset_links(emails, timedelta(minutes=minutes), now)
    for user, token in links:
        queue_mail(user.email, RESET_SUBJECT,
                   _reset_text(user.name, f"{base}/#/reset/{token}", minutes))
    db.session.commit()
    return len(links)


def mail_account_closed(therapist_ids: list[int]) -> None:
    """Queue, in the current transaction, an email to each therapist told that a client closed
    their account; the caseload shows which client and what was kept."""
    if not therapist_ids or not mail_configured():
        return
    base = _base()
    where = f":\n\n{base}/#/clients\n\n" if base else ".\n\n"
    for name, email in db.session.execute(select(User.name, User.email).where(
            User.id.in_(therapist_ids))):
        queue_mail(email, CLOSED_SUBJECT, (
            f"Hello {name},\n\n"
            "A client of yours closed their account. Sign in to Cluneal Companion to see who, "
            f"what the clinic keeps, and whether a safety flag was still open{where}"
            "This email leaves out every detail on purpose; the app shows them once you are "
            "signed in.\n"))
