"""The migrations build exactly the schema the models describe, and run down and up again."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from server import create_app
from server.extensions import db
from tests.conftest import test_settings as app_settings


def test_the_migrated_database_matches_the_models(app):
    """Runs on whichever database the suite uses (SQLite, or PostgreSQL via TEST_DATABASE_URL),
    which the session fixture built by running every migration."""
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == []


def test_upgrade_downgrade_to_base_and_upgrade_again_on_a_fresh_sqlite_file(tmp_path):
    fresh = create_app({**app_settings(f"sqlite:///{tmp_path / 'fresh.sqlite3'}"),
                        "INSTANCE_PATH": str(tmp_path / "instance")})
    with fresh.app_context():
        upgrade()
        tables = set(inspect(db.engine).get_table_names())
        assert set(db.metadata.tables) <= tables
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, db.metadata) == []
        db.engine.dispose()
