"""`flask backup` on PostgreSQL: a pg_dump archive (custom format) that pg_restore can read."""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import TEST_DATABASE_URL

pytestmark = pytest.mark.skipif(not (TEST_DATABASE_URL or "").startswith("postgres"),
                                reason="the PostgreSQL run only")


def test_flask_backup_writes_a_pg_dump_archive_with_every_table(app, world, tmp_path):
    made = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "nightly")])
    assert made.exit_code == 0, made.output
    (archive,) = (tmp_path / "nightly").iterdir()
    assert archive.suffix == ".pgdump"
    assert "postgres@" not in made.output
    listing = subprocess.run(["pg_restore", "--list", str(archive)], capture_output=True,
                             text=True, check=True).stdout
    for table in ("users", "symptom_logs", "practice_sessions", "reminder_deliveries"):
        assert f"TABLE DATA public {table} " in listing, table
