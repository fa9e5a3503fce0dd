"""Telling people outside the app: the therapist's safety alerts (push, and email for the tiers
that ask the client to see a doctor) and a general mail queue for anything else that must be
emailed (`queue_mail` in mail.py).

Its own package rather than part of server/reminders: reminders are decided from programs and
sent to clients on a schedule; these are events (a flag raised, a password to reset) sent to
whoever must act, and they share only the push sender, which is imported from there.

Importing this package starts nothing. init_app makes the app's Notifier: a pass runs on its
thread when a transaction that queued something commits, and at the end of every reminder
scheduler tick (reminders/scheduler.py: once per machine, in the serving process or in
`flask scheduler`; `flask send-due-reminders` too); `flask send-notifications` runs one pass.
"""

from __future__ import annotations

from flask import Flask

from .mail import queue_mail
from .runner import Notifier

__all__ = ["Notifier", "init_app", "queue_mail"]


def init_app(app: Flask) -> None:
    app.extensions["notify"] = Notifier(app)

    @app.cli.command("send-notifications")
    def send_notifications_command():
        """Send every alert and email due now, once, then exit (cron, or after downtime)."""
        import click

        report = Notifier(app).run()
        click.echo(f"alerts pushed {report.alerts.pushed}, mailed {report.alerts.mailed}, "
                   f"skipped {report.alerts.skipped}; mail sent {report.mail.sent}, "
                   f"retrying {report.mail.retrying}, failed {report.mail.failed}")
