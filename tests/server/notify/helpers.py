"""What an alert must never carry, and the alert ledger as tuples."""

from __future__ import annotations

from sqlalchemy import select

from server.domain.vocabulary import ACTIVITIES, RED_FLAGS, REGION_AREAS, SENSATIONS
from server.extensions import db
from server.models import AlertDelivery, MailMessage

#: Words that would tell a reader of a lock screen or an inbox something about a client's health.
HEALTH_WORDS = ("pain", "numb", "saddle", "bladder", "bowel", "weak", "cancer", "fever",
                "night", "trauma", "fall", "leg", "tingl", "burn", "sitting", "nerve")


def assert_no_health_details(text: str, *people: str) -> None:
    lowered = text.lower()
    for word in (*HEALTH_WORDS, *RED_FLAGS, *SENSATIONS, *REGION_AREAS, *ACTIVITIES):
        assert word.lower() not in lowered, (word, text)
    for name in people:
        assert name.lower() not in lowered, (name, text)


def alert_rows(app) -> list[tuple]:
    with app.app_context():
        rows = db.session.scalars(select(AlertDelivery).order_by(
            AlertDelivery.flag_id, AlertDelivery.round, AlertDelivery.channel))
        return [(r.flag_id, r.channel, r.round, r.status, r.reason) for r in rows]


def mail_rows(app) -> list[tuple]:
    with app.app_context():
        rows = db.session.scalars(select(MailMessage).order_by(MailMessage.id))
        return [(r.to_address, r.status, r.reason, r.attempts, r.body) for r in rows]
