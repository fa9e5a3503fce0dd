"""The therapist told at once: every raised safety flag queues an alert for the client's
therapist, pushed to every device they subscribed and, for the tiers in urgency.MAIL_TIERS,
emailed when mail is set up; a flag still unacknowledged is alerted again (urgency.RESEND).

The ledger (alert_deliveries) holds one row per (flag, channel, round), a unique key. The
guarantee:
- Round 0 is inserted in the transaction that raises the flag: a stored flag has its alerts
  queued, and a flag whose transaction rolled back has none.
- Later rounds are inserted by the sender with INSERT … ON CONFLICT DO NOTHING on that key, so
  however many processes look, each round exists once.
- A push row is claimed (pending → claimed: one UPDATE that only one process can win) before it
  is sent, and its outcome is written as soon as it is known. A process that dies after the push
  service accepted and before the outcome is written leaves the row claimed; after CLAIM_LEASE
  another pass sends it again, with the same notification tag and Topic, so the copy replaces the
  first on the device instead of adding a second.
- A mail row is handed to the mail queue (mail.py) in one transaction with its status: once.
- An alert whose flag was acknowledged before it went out is skipped, not sent.
- A round-0 row with nowhere to go when it is queued (no device of the therapist's subscribed,
  or mail not set up) is written already skipped, with the reason a pass would give: a request
  that raises flags for such a therapist asks for no send pass at all.

What is said: that a client needs attention, how urgently (the tier), the flag's id and a link to
the client's page. Never a name, a condition, a pain score or a code: a lock screen or an inbox
can be read by others; the app shows the details to the therapist once signed in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache

from flask import current_app, has_request_context, request
from sqlalchemy import and_, bindparam, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ..domain.urgency import EMERGENCY, MAIL_TIERS, PAUSING_TIERS, RESEND, SAME_DAY, SOON
from ..extensions import db
from ..models import AlertDelivery, PushSubscription, SafetyFlag, User, utcnow
from ..prepared import Prepared, insert_rows
from ..reminders.due import SkipReason
from ..reminders.push import Outcome, PushSender, deliver_with_retry
from ..reminders.subscriptions import drop_subscriptions, subscriptions_of
from .kick import kick_after_commit
from .mail import MAIL_NOT_SET_UP, mail_configured, queue_mail
from .states import CLAIM_LEASE, CLAIMED, FAILED, PENDING, SENT, SKIPPED

PUSH = "push"
MAIL = "mail"

#: A push service keeps an undelivered alert this long: the flag stays open until acknowledged,
#: so a phone that was off still learns of it the next morning.
TTL = 24 * 3600
#: Resends are looked for among flags raised this long ago at most (the longest RESEND plan,
#: plus a day for a server that was down when a round fell due).
_RESEND_HORIZON = max(plan.every * plan.times for plan in RESEND.values()) + timedelta(days=1)

_table = AlertDelivery.__table__
#: An alert with no subscribed device is skipped for the reason a reminder would be.
NO_SUBSCRIPTION = SkipReason.NO_SUBSCRIPTION.value

_TITLE = {
    EMERGENCY: "Urgent: a client needs your attention",
    SAME_DAY: "A client needs your attention today",
    SOON: "A client needs your attention",
}
_REVIEW_TITLE = "Something for you to review"
_WHEN = {EMERGENCY: " now", SAME_DAY: " today"}


def _insert():
    dialect = db.session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(_table)


def _origin() -> str | None:
    """The app's origin as this request names it, for email links when PUBLIC_BASE_URL is unset
    (set it, or Flask's TRUSTED_HOSTS, in production: a Host header is the sender's to choose)."""
    return request.host_url.rstrip("/")[:255] if has_request_context() else None


def alert_rows(flag_ids_by_urgency, therapist_id: int, round_: int, due_at: datetime,
               origin: str | None, nowhere: dict[str, str] | None = None) -> list[dict]:
    """Ledger rows for (flag id, urgency) pairs: push always, mail for the emailed tiers.

    nowhere: channels known to have nowhere to go, with the reason (undeliverable()); their
    rows are written skipped and finished at due_at, the rest pending."""
    nowhere = nowhere or {}
    rows = []
    for flag_id, urgency in flag_ids_by_urgency:
        channels = (PUSH, MAIL) if urgency in MAIL_TIERS else (PUSH,)
        rows += [{"flag_id": flag_id, "therapist_id": therapist_id, "channel": channel,
                  "round": round_, "due_at": due_at,
                  "status": SKIPPED if channel in nowhere else PENDING,
                  "reason": nowhere.get(channel, ""), "attempts": 0, "origin": origin,
                  "finished_at": due_at if channel in nowhere else None}
                 for channel in channels]
    return rows


def undeliverable(subscribed: bool, mail_set_up: bool) -> dict[str, str]:
    """The channels with nowhere to go, and why (the reasons a send pass would write)."""
    nowhere = {}
    if not subscribed:
        nowhere[PUSH] = NO_SUBSCRIPTION
    if not mail_set_up:
        nowhere[MAIL] = MAIL_NOT_SET_UP
    return nowhere


def can_reach(subscribed: bool, mail_set_up: bool, urgencies) -> bool:
    """Whether an alert of these tiers can reach the therapist: by push to a subscribed device,
    or by email when mail is set up and a tier is emailed."""
    return subscribed or (mail_set_up and any(u in MAIL_TIERS for u in urgencies))


def alert_channels(therapist: User) -> dict:
    """Where the therapist's alerts go, for their settings screen: how many devices receive them
    by push and when one last accepted an alert, the address emailed for the MAIL_TIERS (None
    while mail is not set up), and how often an unacknowledged alert is sent again."""
    devices, last_delivered_at = db.session.execute(
        select(func.count(PushSubscription.id), func.max(PushSubscription.last_success_at))
        .where(PushSubscription.user_id == therapist.id)).one()
    return {
        "push_subscriptions": devices,
        "last_delivered_at": last_delivered_at,
        "email": therapist.email if mail_configured() else None,
        "emailed_tiers": list(MAIL_TIERS),
        "resends": [{"urgency": urgency, "every_minutes": int(plan.every.total_seconds() // 60),
                     "times": plan.times} for urgency, plan in RESEND.items()],
    }


def queue_flag_alerts(flags) -> bool:
    """Queue round 0 of every flag's alerts for its client's therapist. flags: stored flags, or
    anything with their id, client_id and urgency (the rows an INSERT … RETURNING gave).

    Returns whether any of them can reach the therapist: a device of theirs is subscribed to
    push, or mail is set up and a flag is of a tier that is emailed. Only then may the client's
    app say that their therapist has been sent a notification."""
    if not flags:
        return False
    now, origin, mail_set_up = utcnow(), _origin(), mail_configured()
    rows = []
    reachable = False
    for client_id in sorted({f.client_id for f in flags}):
        [(therapist_id, subscribed)] = _therapist_of().rows({"client_id": client_id})
        if therapist_id is None:
            continue
        mine = [(f.id, f.urgency) for f in flags if f.client_id == client_id]
        rows += alert_rows(mine, therapist_id, 0, now, origin,
                           undeliverable(bool(subscribed), mail_set_up))
        reachable = reachable or can_reach(bool(subscribed), mail_set_up,
                                           [u for _id, u in mine])
    if rows:
        insert_rows(_table, rows)
        if any(row["status"] == PENDING for row in rows):
            kick_after_commit()
    return reachable


def therapist_statement():
    """A client's therapist, and whether a device of the therapist's is subscribed to push (the
    floor benchmark runs it too)."""
    device = (select(PushSubscription.id)
              .where(PushSubscription.user_id == User.therapist_id).exists())
    return select(User.therapist_id, device).where(User.id == bindparam("client_id"))


@lru_cache
def _therapist_of() -> Prepared:
    return Prepared(therapist_statement())


def queue_resends(now: datetime) -> int:
    """Insert every resend round now due (urgency.RESEND) for unacknowledged flags; returns how
    many rows this call inserted. After downtime only the latest due round is sent, once."""
    oldest = now - _RESEND_HORIZON
    # A resend's email links where the first one did.
    first_origin = (select(_table.c.origin)
                    .where(_table.c.flag_id == SafetyFlag.id, _table.c.origin.is_not(None))
                    .order_by(_table.c.round).limit(1).scalar_subquery())
    open_flags = db.session.execute(
        select(SafetyFlag.id, SafetyFlag.urgency, SafetyFlag.raised_at, User.therapist_id,
               first_origin)
        .join(User, User.id == SafetyFlag.client_id)
        .where(SafetyFlag.acknowledged_at.is_(None), SafetyFlag.urgency.in_(list(RESEND)),
               SafetyFlag.raised_at >= oldest, SafetyFlag.raised_at <= now,
               User.therapist_id.is_not(None))).all()
    rows = []
    for flag_id, urgency, raised_at, therapist_id, origin in open_flags:
        plan = RESEND[urgency]
        round_ = min(plan.times, int((now - raised_at) / plan.every))
        if round_ >= 1:
            rows += alert_rows([(flag_id, urgency)], therapist_id, round_,
                          raised_at + plan.every * round_, origin)
    if not rows:
        return 0
    statement = (_insert().on_conflict_do_nothing(index_elements=["flag_id", "channel", "round"])
                 .returning(_table.c.id))
    return len(db.session.execute(statement, rows).all())


@dataclass(frozen=True)
class Claim:
    id: int
    flag_id: int
    therapist_id: int
    round: int
    origin: str | None


def _take(channel: str, now: datetime) -> list[Claim]:
    due = and_(_table.c.channel == channel, _table.c.due_at <= now,
               or_(_table.c.status == PENDING,
                   and_(_table.c.status == CLAIMED, _table.c.claimed_at < now - CLAIM_LEASE)))
    rows = db.session.execute(
        update(_table).where(due)
        .values(status=CLAIMED, claimed_at=now, attempts=_table.c.attempts + 1)
        .returning(_table.c.id, _table.c.flag_id, _table.c.therapist_id, _table.c.round,
                   _table.c.origin))
    return sorted((Claim(*row) for row in rows), key=lambda claim: claim.id)


def _finish(outcomes: list[dict], now: datetime) -> None:
    if outcomes:
        db.session.connection().execute(
            update(_table).where(_table.c.id == bindparam("row_id"), _table.c.status == CLAIMED)
            .values(status=bindparam("new_status"), reason=bindparam("new_reason"),
                    finished_at=now),
            [{"row_id": o["id"], "new_status": o["status"], "new_reason": o["reason"][:64]}
             for o in outcomes])


def _flags(claims: list[Claim]) -> dict[int, tuple]:
    """(client_id, urgency, acknowledged) of each claimed alert's flag."""
    rows = db.session.execute(
        select(SafetyFlag.id, SafetyFlag.client_id, SafetyFlag.urgency,
               SafetyFlag.acknowledged_at.is_not(None))
        .where(SafetyFlag.id.in_({c.flag_id for c in claims})))
    return {flag_id: (client_id, urgency, acknowledged)
            for flag_id, client_id, urgency, acknowledged in rows}


def payload(flag_id: int, client_id: int, urgency: str, round_: int) -> bytes:
    """The push message: no health detail, only where to look and how urgently."""
    message = {
        "title": _TITLE.get(urgency, _REVIEW_TITLE),
        "body": ("Still not acknowledged. " if round_ else "")
        + "Open the app to see what was reported.",
        # One tag per flag: a repeat replaces the earlier notification, and renotify makes it
        # sound again (it would replace silently otherwise).
        "tag": f"flag-{flag_id}", "renotify": round_ > 0,
        # The tiers that pause self-massage stay on the therapist's screen until acted on.
        "require_interaction": urgency in PAUSING_TIERS,
        "kind": "flag", "urgency": urgency, "flag_id": flag_id,
        "url": f"/#/clients/{client_id}",
    }
    return json.dumps(message, separators=(",", ":")).encode()


def push_urgency(urgency: str) -> str:
    """RFC 8030 Urgency: a phone saving battery still wakes for the tiers that pause sessions."""
    return "high" if urgency in (EMERGENCY, SAME_DAY) else "normal"


@dataclass
class AlertReport:
    queued_resends: int = 0
    pushed: int = 0
    push_failed: int = 0
    mailed: int = 0
    skipped: int = 0
    gone: list[int] = field(default_factory=list)


def send_push(sender: PushSender, now: datetime, report: AlertReport, *, sleep) -> None:
    """Claim due push alerts, send each to every device of its therapist, record outcomes."""
    claims = _take(PUSH, now)
    db.session.commit()  # the claims are ours before anything is sent
    if not claims:
        return
    flags = _flags(claims)
    subscriptions = subscriptions_of({c.therapist_id for c in claims})
    # Alerts with nowhere to go (flag acknowledged, or no device) are finished together, in one
    # statement and one commit: a flood of flags with no subscribed device costs one write.
    skipped, to_send = [], []
    for claim in claims:
        _client_id, _urgency, acknowledged = flags.get(claim.flag_id, (None, None, True))
        if acknowledged or not subscriptions.get(claim.therapist_id):
            skipped.append({"id": claim.id, "status": SKIPPED,
                            "reason": "acknowledged" if acknowledged else NO_SUBSCRIPTION})
        else:
            to_send.append(claim)
    _finish(skipped, now)
    report.skipped += len(skipped)
    db.session.commit()  # hold no transaction open while a push service is slow
    for claim in to_send:
        client_id, urgency, _acknowledged = flags[claim.flag_id]
        devices = subscriptions[claim.therapist_id]
        body = payload(claim.flag_id, client_id, urgency, claim.round)
        results = [(device, deliver_with_retry(
            sender, device, body, ttl=TTL, topic=f"flag{claim.flag_id}",
            urgency=push_urgency(urgency), sleep=sleep)) for device in devices]
        accepted = [device.id for device, result in results if result.outcome is Outcome.SENT]
        gone = [device.id for device, result in results if result.outcome is Outcome.GONE]
        failures = len(results) - len(accepted)
        if accepted:
            outcome = {"id": claim.id, "status": SENT,
                       "reason": f"{failures} of {len(results)} devices failed" if failures
                       else ""}
        else:
            outcome = {"id": claim.id, "status": FAILED,
                       "reason": ",".join(sorted({r.reason for _d, r in results}))}
        _finish([outcome], utcnow())
        drop_subscriptions(gone)
        if accepted:
            db.session.execute(update(PushSubscription).where(PushSubscription.id.in_(accepted))
                               .values(last_success_at=utcnow()))
        db.session.commit()
        report.pushed += bool(accepted)
        report.push_failed += not accepted
        report.gone += gone


def _email(therapist_name: str, urgency: str, round_: int,
           link: str | None) -> tuple[str, str]:
    subject = ("Reminder: " if round_ else "") + _TITLE.get(urgency, _REVIEW_TITLE)
    text = (
        f"Hello {therapist_name},\n\n"
        f"A client of yours needs your attention{_WHEN.get(urgency, '')}. Please sign in to "
        "Cluneal Companion to see what was reported"
        + (f":\n\n{link}\n\n" if link else ".\n\n")
        + ("This is a reminder: the alert has not been acknowledged yet.\n\n" if round_ else "")
        + "This email leaves out every detail on purpose; the app shows them once you are "
        "signed in.\n"
    )
    return subject, text


def hand_mail_to_queue(now: datetime, report: AlertReport) -> None:
    """Turn due mail alerts into queued emails, in one transaction with their status."""
    claims = _take(MAIL, now)
    if not claims:
        db.session.commit()
        return
    flags = _flags(claims)
    therapists = {row.id: row for row in db.session.execute(
        select(User.id, User.name, User.email).where(User.id.in_({c.therapist_id
                                                                   for c in claims})))}
    base = current_app.config.get("PUBLIC_BASE_URL")
    outcomes = []
    for claim in claims:
        client_id, urgency, acknowledged = flags.get(claim.flag_id, (None, None, True))
        if acknowledged:
            outcomes.append({"id": claim.id, "status": SKIPPED, "reason": "acknowledged"})
            continue
        if not mail_configured():
            outcomes.append({"id": claim.id, "status": SKIPPED, "reason": MAIL_NOT_SET_UP})
            continue
        therapist = therapists[claim.therapist_id]
        origin = (base or claim.origin or "").rstrip("/")
        subject, text = _email(therapist.name, urgency, claim.round,
                               f"{origin}/#/clients/{client_id}" if origin else None)
        queue_mail(therapist.email, subject, text)
        outcomes.append({"id": claim.id, "status": SENT, "reason": "queued"})
    _finish(outcomes, now)
    db.session.commit()
    report.mailed += sum(o["status"] == SENT for o in outcomes)
    report.skipped += sum(o["status"] == SKIPPED for o in outcomes)
