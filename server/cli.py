"""Command-line verbs: flask --app server demo | create-therapist | clinical-rules | scheduler |
backup | restore | send-due-reminders (send-notifications: server/notify)."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app

from .extensions import db

#: The generated module the PWA reads every clinical rule from.
CLINICAL_RULES_JS = Path(__file__).resolve().parent.parent / "pwa" / "js" / "clinical-rules.js"


def init_app(app: Flask) -> None:
    @app.cli.command("demo")
    def demo_command():
        """Seed a therapist and a client with 60 days of logs and sessions."""
        from .demo import CLIENT_EMAIL, DEMO_PASSWORD, THERAPIST_EMAIL, seed_demo

        seed_demo()
        db.session.commit()
        # The demo's flags kicked the notify thread: let its pass end before the process does
        # (a pass still running at exit fails noisily in the interpreter's shutdown).
        current_app.extensions["notify"].idle()
        click.echo(f"Therapist: {THERAPIST_EMAIL}  Client: {CLIENT_EMAIL}  "
                   f"Password (both): {DEMO_PASSWORD}")

    @app.cli.command("clinical-rules")
    @click.option("--check", is_flag=True,
                  help="Write nothing; fail when the committed module differs.")
    def clinical_rules_command(check):
        """Write pwa/js/clinical-rules.js from server/domain (codes, tiers, thresholds)."""
        from .domain.clinical_rules import drift, render

        text = render()
        if check:
            current = CLINICAL_RULES_JS.read_text() if CLINICAL_RULES_JS.exists() else ""
            if current != text:
                names = ", ".join(drift(current)) or "formatting"
                raise click.ClickException(
                    f"{CLINICAL_RULES_JS.name} is out of date ({names}): run "
                    "`flask --app server clinical-rules`.")
            click.echo(f"{CLINICAL_RULES_JS.name} is up to date.")
            return
        CLINICAL_RULES_JS.write_text(text)
        click.echo(f"Wrote {CLINICAL_RULES_JS}.")

    @app.cli.command("create-therapist")
    @click.option("--email", prompt=True)
    @click.option("--name", prompt=True)
    @click.password_option()
    def create_therapist_command(email, name, password):
        """Create a therapist account."""
        from .domain.accounts import register_therapist
        from .security.passwords import password_problems

        problems = password_problems(password)
        if problems:
            raise click.BadParameter(" ".join(problems), param_hint="password")
        register_therapist(email, password, name)
        db.session.commit()
        click.echo("Therapist created.")

    @app.cli.command("reset-link")
    @click.argument("email")
    @click.option("--hours", default=1, show_default=True, help="how long the link works")
    def reset_link_command(email, hours):
        """Print a single-use link that sets a new password for EMAIL's account (for someone
        locked out when mail is not set up, a therapist or the administrator included)."""
        from datetime import timedelta

        from .domain.recovery import issue_reset_link
        from .domain.unique_email import account_with_email

        user = account_with_email(email)
        if user is None or user.closed_at is not None:
            raise click.ClickException("No open account uses that email.")
        token, expires_at = issue_reset_link(user, timedelta(hours=hours))
        db.session.commit()
        base = (current_app.config.get("PUBLIC_BASE_URL") or "http://127.0.0.1:5000").rstrip("/")
        click.echo(f"{base}/#/reset/{token}  (works once, until {expires_at:%Y-%m-%d %H:%M} UTC)")

    @app.cli.command("scheduler")
    def scheduler_command():
        """Run the reminder scheduler in the foreground (for deployments)."""
        from .reminders.scheduler import run_blocking

        run_blocking(app, announce=lambda: click.echo(
            "Reminder scheduler running; Ctrl-C or SIGTERM stops it after the tick in progress."))

    @app.cli.command("backup")
    @click.argument("destination", type=click.Path(path_type=Path), default="backups/")
    def backup_command(destination: Path):
        """Back the database up while the app runs (a file, or a folder: time-stamped file).

        SQLite through its online backup API; PostgreSQL through pg_dump (custom format)."""
        from .backups import BackupError, backup_postgresql, backup_sqlite, sqlite_path

        url = app.config["DATABASE_URL"]
        try:
            live = sqlite_path(url)
            written = (backup_sqlite(live, destination) if live is not None
                       else backup_postgresql(url, destination))
        except BackupError as error:
            raise click.ClickException(str(error)) from error
        click.echo(f"Backup written to {written}")

    @app.cli.command("restore")
    @click.argument("backup", type=click.Path(path_type=Path, exists=True, dir_okay=False))
    @click.option("--yes", is_flag=True, help="Replace the live database without asking.")
    def restore_command(backup: Path, yes: bool):
        """Replace the SQLite database with a backup made by `flask backup` (checked first).

        PostgreSQL: pg_restore (README, "Backups")."""
        from alembic.script import ScriptDirectory

        from .backups import BackupError, restore_sqlite, sqlite_path

        url = app.config["DATABASE_URL"]
        live = sqlite_path(url)
        if live is None:
            raise click.ClickException("This database is PostgreSQL: restore with pg_restore "
                                       "(README, \"Backups\").")
        if not yes:
            click.confirm(f"Replace everything in {live} with {backup}?", abort=True)
        scripts = ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config())
        known = {revision.revision for revision in scripts.walk_revisions()}
        try:
            revision = restore_sqlite(backup, live, known)
        except BackupError as error:
            raise click.ClickException(str(error)) from error
        click.echo(f"Restored {backup} (schema {revision}).")
        if revision != scripts.get_current_head():
            click.echo("The backup predates this version: run `flask db upgrade` now.")

    @app.cli.command("erase-expired-records")
    def erase_expired_records_command():
        """Erase closed accounts' records whose retention period has ended, then exit."""
        from .accounts_jobs import sweep_expired_records

        click.echo(f"erased {sweep_expired_records(app)} record(s)")

    @app.cli.command("send-due-reminders")
    def send_due_reminders_command():
        """Send every reminder due now, once, then exit (for cron or a one-off)."""
        from .reminders.scheduler import ReminderRunner

        report = ReminderRunner(app).tick()
        click.echo(f"claimed {report.claimed}, sent {report.sent}, failed {report.failed}, "
                   f"skipped {report.skipped}, missed {report.missed}")
