"""The accounts' periodic jobs, run by the app's scheduler beside the reminder tick: the retention
sweep, which erases closed accounts' records once RECORD_RETENTION_DAYS have passed.

The sweep is idempotent (it erases what is due, and erased records are gone), so a second
scheduler, a restart or a late run changes nothing but when; it runs at start and hourly, so a
record is erased at most an hour after its period ends.
"""

from __future__ import annotations

import logging
from datetime import datetime

from flask import Flask

from .domain import closing
from .extensions import db

log = logging.getLogger(__name__)

RETENTION_SWEEP_MINUTES = 60


def sweep_expired_records(app: Flask, now: datetime | None = None) -> int:
    """Erase every closed record whose retention period has ended; returns how many."""
    with app.app_context():
        try:
            erased = closing.erase_expired_records(now)
            db.session.commit()
        finally:
            db.session.remove()
    if erased:
        log.info("retention sweep: erased %d closed record(s)", erased)
    return erased


def add_account_jobs(scheduler, app: Flask) -> None:
    scheduler.add_job(sweep_expired_records, "interval", args=[app],
                      minutes=RETENTION_SWEEP_MINUTES, id="retention-sweep", max_instances=1,
                      coalesce=True, next_run_time=datetime.now().astimezone())
