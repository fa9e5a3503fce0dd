"""The reminder tick and its APScheduler wiring.

Every REMINDER_TICK_SECONDS the tick works out, from the programs, which reminders have fallen
due, records each in the ledger (claimed to send, skipped with a reason, or missed), and sends
what it claimed; then it runs a notify pass (alerts and email left unsent, resends now due). A
process's first tick also looks back MISSED_LOOKBACK, so reminders that fell due while the server
was down are marked missed rather than forgotten or sent in a burst.
"""

from __future__ import annotations

import atexit
import logging
import signal
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from flask import Flask
from sqlalchemy import select

from ..extensions import db
from ..models import Program, PushSubscription, ReminderSettings, User, utcnow
from . import ledger, window
from .dispatch import DispatchReport, dispatch
from .due import DueReminder, SkipReason, decide, due_reminders
from .push import ConsolePushSender, PushSender, WebPushSender

log = logging.getLogger(__name__)

MISSED_LOOKBACK = timedelta(hours=12)
#: Besides the grace window, each tick re-reads this much, so a slow tick leaves no gap.
OVERLAP = timedelta(minutes=2)


@dataclass
class TickReport:
    claimed: int = 0
    skipped: int = 0
    missed: int = 0
    sent: int = 0
    failed: int = 0
    gone: int = 0


def make_sender(app: Flask) -> PushSender:
    from . import vapid_keys

    if app.config.get("REMINDER_SENDER") == "console":
        return ConsolePushSender()
    return WebPushSender(vapid_keys(app), allow_loopback=app.config["PUSH_ALLOW_LOOPBACK"])


class _ProgramRow:
    """The columns of a program version the schedule needs, without its steps."""

    __slots__ = ("version", "created_at", "schedule_times", "schedule_days",
                 "break_every_minutes", "break_from", "break_to")

    def __init__(self, row):
        for name in self.__slots__:
            setattr(self, name, getattr(row, name))


def _due_everywhere(start: datetime, end: datetime) -> tuple[list[DueReminder], dict]:
    """Every reminder due in [start, end) for every client, and each such client's zone. Only the
    clients with something that may fall due are read (window.py), not every program."""
    zones_in_use = set(db.session.scalars(
        select(User.timezone).where(window.active_clients()).distinct()))
    rows = db.session.execute(window.programs_due_query(
        (Program.client_id, User.timezone, *(getattr(Program, n) for n in _ProgramRow.__slots__)),
        zones_in_use, start, end))
    programs: dict[int, list[_ProgramRow]] = {}
    zones: dict[int, ZoneInfo] = {}
    for row in rows:
        programs.setdefault(row.client_id, []).append(_ProgramRow(row))
        zones.setdefault(row.client_id, ZoneInfo(row.timezone))
    found = []
    for client_id, versions in programs.items():
        found += due_reminders(client_id, versions, zones[client_id], start, end)
    return found, zones


class ReminderRunner:
    """One process's scheduler state: the sender, and whether it has looked back yet."""

    def __init__(self, app: Flask, sender: PushSender | None = None, *, sleep=time.sleep,
                 workers: int | None = None):
        self.app = app
        self.sender = sender or make_sender(app)
        self.sleep = sleep
        self.workers = workers or app.config.get("REMINDER_SEND_WORKERS", 16)
        self._looked_back = False

    def tick(self, now: datetime | None = None) -> TickReport:
        with self.app.app_context():
            try:
                report = self._tick(now or utcnow())
            finally:
                db.session.remove()
        # The same tick sends any safety alert or email a lost after-commit kick left unsent
        # (server/notify); its failures are logged there, never raised into the reminders.
        notifier = self.app.extensions.get("notify")
        if notifier is not None:
            notifier.tick(now)
        return report

    def _tick(self, now: datetime) -> TickReport:
        grace = timedelta(minutes=self.app.config["REMINDER_GRACE_MINUTES"])
        grace_start = now - grace
        lookback = MISSED_LOOKBACK if not self._looked_back else grace + OVERLAP
        start = now - max(lookback, grace + OVERLAP)
        report = TickReport()

        due, zones = _due_everywhere(start, now + timedelta(microseconds=1))
        known = ledger.known_keys(start, now)
        fresh = [d for d in due if (d.client_id, d.kind, d.due_at) not in known]
        settings = {s.client_id: s for s in db.session.scalars(select(ReminderSettings).where(
            ReminderSettings.client_id.in_({d.client_id for d in fresh})))} if fresh else {}
        subscribed = set(db.session.scalars(select(PushSubscription.user_id).distinct()))
        rows = []
        for reminder in fresh:
            reason = decide(reminder, settings=settings.get(reminder.client_id),
                            zone=zones[reminder.client_id],
                            has_subscription=reminder.client_id in subscribed, now=now,
                            grace=grace)
            status = (ledger.CLAIMED if reason is None else
                      ledger.MISSED if reason is SkipReason.MISSED else ledger.SKIPPED)
            rows.append({"client_id": reminder.client_id, "kind": reminder.kind,
                         "due_at": reminder.due_at, "status": status,
                         "reason": reason.value if reason else ""})
            report.skipped += status == ledger.SKIPPED
            report.missed += status == ledger.MISSED
        claims = ledger.record(rows, now)
        claims += self._snoozed_and_abandoned(now, grace, grace_start, subscribed, report)
        db.session.commit()  # the claims are ours before anything is sent
        self._looked_back = True

        report.claimed = len(claims)
        sent: DispatchReport = dispatch(claims, self.sender, workers=self.workers,
                                        sleep=self.sleep)
        report.sent, report.failed, report.gone = sent.sent, sent.failed, len(sent.gone)
        if report.claimed or report.missed:
            log.info("reminder tick: %s", report)
        return report

    def _snoozed_and_abandoned(self, now, grace, grace_start, subscribed, report):
        report.missed += ledger.mark_missed(now, grace_start)
        taken = ledger.take_due_snoozes(now, grace_start) + ledger.take_abandoned(now,
                                                                                 grace_start)
        if not taken:
            return []
        settings = {s.client_id: s for s in db.session.scalars(select(ReminderSettings).where(
            ReminderSettings.client_id.in_({c.client_id for c in taken})))}
        zones = dict(db.session.execute(select(User.id, User.timezone).where(
            User.id.in_({c.client_id for c in taken}))).all())
        keep, skipped = [], []
        for claim in taken:
            reason = decide(DueReminder(claim.due_at, claim.client_id, claim.kind),
                            settings=settings.get(claim.client_id),
                            zone=ZoneInfo(zones[claim.client_id]),
                            has_subscription=claim.client_id in subscribed, now=now,
                            grace=grace)
            if reason is None:
                keep.append(claim)
            else:
                skipped.append({"id": claim.id, "status": ledger.SKIPPED,
                                "reason": reason.value, "attempts": 0})
        ledger.finish(skipped, now)
        report.skipped += len(skipped)
        return keep


def _add_tick_job(scheduler, runner: ReminderRunner, seconds: int) -> None:
    # One tick at a time per process (max_instances); a late tick runs once, not many times.
    scheduler.add_job(runner.tick, "interval", seconds=seconds, id="reminder-tick",
                      max_instances=1, coalesce=True, misfire_grace_time=seconds,
                      next_run_time=datetime.now().astimezone())


def add_jobs(scheduler, app: Flask) -> None:
    """Every periodic job of the app: reminders, and the retention sweep of closed accounts."""
    from ..accounts_jobs import add_account_jobs

    _add_tick_job(scheduler, ReminderRunner(app), app.config["REMINDER_TICK_SECONDS"])
    add_account_jobs(scheduler, app)


def start_background(app: Flask) -> BackgroundScheduler:
    """The scheduler inside the web process (a daemon thread)."""
    scheduler = BackgroundScheduler(daemon=True)
    add_jobs(scheduler, app)
    scheduler.start()
    # A worker stopping gracefully (gunicorn's SIGTERM) lets a tick in progress finish sending.
    atexit.register(_finish_tick, scheduler)
    return scheduler


def _finish_tick(scheduler: BackgroundScheduler) -> None:
    if scheduler.running:
        scheduler.shutdown(wait=True)


def run_blocking(app: Flask, stop: threading.Event | None = None, announce=None) -> None:
    """The scheduler as its own process (flask --app server scheduler).

    SIGTERM (systemd, a deploy, `kill`) or Ctrl-C asks it to stop: a tick in progress finishes,
    so every reminder it claimed is sent and its outcome written before the process exits, and
    no new tick starts. A process killed outright instead leaves its claims to the ledger's
    lease: another scheduler takes them over after the lease and still sends each once."""
    stop = stop or threading.Event()

    def ask_to_stop(signum, _frame):
        log.info("reminder scheduler: %s received, stopping after the tick in progress",
                 signal.Signals(signum).name)
        stop.set()

    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, ask_to_stop)
    if announce is not None:  # only now: a SIGTERM from here on is handled
        announce()
    from ..accounts_jobs import RETENTION_SWEEP_MINUTES, sweep_expired_records

    runner = ReminderRunner(app)
    every = app.config["REMINDER_TICK_SECONDS"]
    log.info("reminder scheduler running, a tick every %s s", every)
    swept_at = None
    while not stop.is_set():
        started = time.monotonic()
        try:
            runner.tick()
        except Exception:  # one failed tick (database restarting, say) must not end the loop
            log.exception("reminder tick failed; trying again at the next tick")
        if swept_at is None or started - swept_at >= RETENTION_SWEEP_MINUTES * 60:
            swept_at = started
            try:
                sweep_expired_records(app)
            except Exception:  # as a tick: the next sweep tries again
                log.exception("retention sweep failed; trying again at the next sweep")
        stop.wait(max(0.0, every - (time.monotonic() - started)))
    log.info("reminder scheduler stopped")
