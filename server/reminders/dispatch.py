"""Sending claimed reminders: to every subscription of each client, several at a time, writing
each outcome to the ledger as it arrives, so a crash loses as little as possible."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

from sqlalchemy import bindparam, update

from ..extensions import db
from ..models import PushSubscription, utcnow
from . import ledger, messages
from .due import SkipReason
from .push import Outcome, PushSender, SendResult, Subscription, deliver_with_retry
from .subscriptions import drop_subscriptions, subscriptions_of


@dataclass
class DispatchReport:
    sent: int = 0
    failed: int = 0
    gone: list[int] = field(default_factory=list)
    #: Per device (subscription), not per reminder.
    devices_sent: int = 0
    devices_failed: int = 0


@dataclass(frozen=True)
class _Delivered:
    claim: ledger.Claim
    results: list[tuple[Subscription, SendResult]]


def _send_one(sender: PushSender, claim: ledger.Claim, subscriptions: list[Subscription],
              sleep: Callable[[float], None]) -> _Delivered:
    body = messages.payload(claim.kind, claim.due_at)
    results = [(s, deliver_with_retry(sender, s, body, ttl=messages.TTL[claim.kind],
                                      topic=messages.topic(claim.kind), sleep=sleep))
               for s in subscriptions]
    return _Delivered(claim, results)


def _outcome_row(delivered: _Delivered) -> dict:
    results = [r for _s, r in delivered.results]
    attempts = max((r.attempts for r in results), default=0)
    if any(r.outcome is Outcome.SENT for r in results):
        failures = sum(r.outcome is not Outcome.SENT for r in results)
        reason = f"{failures} of {len(results)} devices failed" if failures else ""
        return {"id": delivered.claim.id, "status": ledger.SENT, "reason": reason,
                "attempts": attempts}
    reason = ",".join(sorted({r.reason for r in results})) or SkipReason.NO_SUBSCRIPTION.value
    return {"id": delivered.claim.id, "status": ledger.FAILED, "reason": reason,
            "attempts": attempts}


def _record(batch: list[_Delivered], report: DispatchReport) -> None:
    now = utcnow()
    rows = [_outcome_row(d) for d in batch]
    ledger.finish(rows, now)
    gone = [s.id for d in batch for s, r in d.results if r.outcome is Outcome.GONE]
    drop_subscriptions(gone)
    succeeded = [{"sub_id": s.id} for d in batch for s, r in d.results
                 if r.outcome is Outcome.SENT]
    if succeeded:
        db.session.connection().execute(
            update(PushSubscription.__table__)
            .where(PushSubscription.__table__.c.id == bindparam("sub_id"))
            .values(last_success_at=now), succeeded)
    db.session.commit()
    report.sent += sum(r["status"] == ledger.SENT for r in rows)
    report.failed += sum(r["status"] == ledger.FAILED for r in rows)
    report.gone += gone
    report.devices_sent += len(succeeded)
    report.devices_failed += sum(len(d.results) for d in batch) - len(succeeded)


def dispatch(claims: list[ledger.Claim], sender: PushSender, *, workers: int = 8,
             sleep: Callable[[float], None] = time.sleep) -> DispatchReport:
    """Send every claim (already committed as "claimed") and record what happened."""
    report = DispatchReport()
    if not claims:
        return report
    subscriptions = subscriptions_of({c.client_id for c in claims})
    db.session.commit()  # hold no transaction open while the network is slow
    jobs = [(c, subscriptions.get(c.client_id, [])) for c in claims]
    if workers <= 1:
        for claim, subs in jobs:
            _record([_send_one(sender, claim, subs, sleep)], report)
        return report
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="push") as pool:
        pending = {pool.submit(_send_one, sender, claim, subs, sleep) for claim, subs in jobs}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            _record([future.result() for future in done], report)
    return report
