"""Backing the database up while the app runs, and restoring a backup.

SQLite: SQLite's online backup API (sqlite3 Connection.backup) copies a consistent snapshot
page by page while requests go on writing; a plain file copy of a WAL database can catch the
main file and its write-ahead log at different moments and restore as a corrupt database. The
copy is written beside its destination, checked (PRAGMA integrity_check) and only then renamed
into place, so a backup file is complete or absent. Restoring copies a checked backup into the
live database through the same API, under SQLite's own lock, so running processes see the old
database or the restored one, never a mixture.

PostgreSQL: pg_dump's custom format (a consistent snapshot, restored with pg_restore).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, with no secret in it."""


def sqlite_path(database_url: str) -> Path | None:
    """The database file of a sqlite:/// URL, or None for any other database."""
    url = make_url(database_url)
    if not url.drivername.startswith("sqlite"):
        return None
    if not url.database or url.database == ":memory:":
        raise BackupError("An in-memory SQLite database cannot be backed up.")
    return Path(url.database)


def backup_file_name(now: datetime, suffix: str) -> str:
    return f"cluneal-{now.astimezone(UTC):%Y%m%dT%H%M%SZ}{suffix}"


def _destination(destination: Path, suffix: str) -> Path:
    """A folder (one that exists, or a name without a suffix) gets a time-stamped file."""
    if destination.is_dir() or not destination.suffix:
        destination.mkdir(parents=True, exist_ok=True)
        return destination / backup_file_name(datetime.now(UTC), suffix)
    destination.parent.mkdir(parents=True, exist_ok=True)
    return destination


def _integrity_problems(connection: sqlite3.Connection) -> list[str]:
    rows = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    return [] if rows == ["ok"] else rows


def backup_sqlite(source: Path, destination: Path) -> Path:
    """Copy the live SQLite database at source to destination (a file, or a folder to put a
    time-stamped file in); return the file written."""
    if not source.exists():
        raise BackupError(f"There is no database file at {source}.")
    target = _destination(destination, ".sqlite3")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    live = sqlite3.connect(source, timeout=30)
    copy = sqlite3.connect(partial)
    try:
        # Pages in steps, so writers wait on the lock for one step at a time, not the whole copy.
        live.backup(copy, pages=1024)
        problems = _integrity_problems(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    finally:
        copy.close()
        live.close()
    if problems:
        partial.unlink(missing_ok=True)
        raise BackupError("The copy failed its integrity check: " + "; ".join(problems[:3]))
    os.replace(partial, target)
    return target


def schema_revision(path: Path) -> str | None:
    """The migration revision a SQLite database file (or backup) is at, if any."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    except sqlite3.DatabaseError:
        return None
    finally:
        connection.close()


def restore_sqlite(backup: Path, live: Path, known_revisions: set[str]) -> str:
    """Replace the live SQLite database's contents with a checked backup; return the backup's
    migration revision (run `flask db upgrade` afterwards if it is older than the code)."""
    if not backup.is_file():
        raise BackupError(f"There is no backup file at {backup}.")
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        try:
            problems = _integrity_problems(source)
        except sqlite3.DatabaseError as error:
            raise BackupError("That file is not a SQLite database.") from error
        if problems:
            raise BackupError("The backup failed its integrity check: " + "; ".join(problems[:3]))
        revision = schema_revision(backup)
        if revision not in known_revisions:
            raise BackupError("That backup is not of this app's database, or was made by a "
                              "newer version of it.")
        target = sqlite3.connect(live, timeout=30)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
    return revision


def _pg_environment(database_url: str) -> dict:
    """libpq's variables for the URL, so no password shows on a command line (ps)."""
    url = make_url(database_url)
    env = dict(os.environ)
    for variable, value in (("PGHOST", url.host), ("PGPORT", url.port),
                            ("PGUSER", url.username), ("PGPASSWORD", url.password),
                            ("PGDATABASE", url.database)):
        if value is not None:
            env[variable] = str(value)
    return env


def backup_postgresql(database_url: str, destination: Path) -> Path:
    """pg_dump --format=custom into destination (a file, or a folder for a time-stamped one)."""
    if shutil.which("pg_dump") is None:
        raise BackupError("pg_dump is not installed (Debian: apt-get install postgresql-client).")
    target = _destination(destination, ".pgdump")
    partial = target.with_name(target.name + ".partial")
    done = subprocess.run(["pg_dump", "--format=custom", "--no-owner", "--file", str(partial)],
                          env=_pg_environment(database_url), capture_output=True, text=True)
    if done.returncode != 0:
        partial.unlink(missing_ok=True)
        raise BackupError("pg_dump failed: " + done.stderr.strip().splitlines()[-1][:200])
    os.replace(partial, target)
    return target
