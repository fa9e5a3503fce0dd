"""Reminders: the scheduler, what is due, the delivery ledger and the push senders.

Importing this package starts nothing. init_app starts the in-process scheduler once, and only
in a process that serves requests: not when TESTING, not in other CLI commands (db upgrade,
demo, the separate `scheduler` command runs its own), not in the reloader's watching parent
(WERKZEUG_RUN_MAIN), and in only one of several workers on a machine (an instance-folder lock).
Should two start anyway, the ledger still sends each reminder once.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import click
from flask import Flask
from flask.helpers import get_debug_flag

from .vapid import VapidKeys, load_vapid_keys

log = logging.getLogger(__name__)

LOCK_FILE = "reminder-scheduler.lock"


def vapid_keys(app: Flask) -> VapidKeys:
    keys = app.extensions.get("vapid_keys")
    if keys is None:
        keys = app.extensions["vapid_keys"] = load_vapid_keys(app.config,
                                                              Path(app.instance_path))
    return keys


def _serves_requests_here() -> bool:
    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return True  # a WSGI server (gunicorn) or make_server imported the app
    if ctx.command.name != "run":
        return False
    reload = ctx.params.get("reload")
    if reload is None:
        reload = get_debug_flag()
    # With the reloader, the parent only watches files; the child (WERKZEUG_RUN_MAIN) serves.
    return not reload or os.environ.get("WERKZEUG_RUN_MAIN") == "true"


def _hold_machine_lock(app: Flask):
    """An exclusive lock on a file in the instance folder, held for the life of the process, so
    several workers on one machine start one scheduler between them."""
    import fcntl

    handle = open(Path(app.instance_path) / LOCK_FILE, "a")  # held open for the process
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


def init_app(app: Flask) -> None:
    vapid_keys(app)  # made on first run, so the public key is ready for the first visitor
    if not app.config.get("SCHEDULER_ENABLED") or app.config.get("TESTING"):
        return
    if not _serves_requests_here():
        return
    lock = _hold_machine_lock(app)
    if lock is None:
        log.info("another process on this machine runs the reminder scheduler")
        return
    from .scheduler import start_background

    app.extensions["reminder_scheduler"] = (start_background(app), lock)
