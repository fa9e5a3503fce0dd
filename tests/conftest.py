"""Test fixtures: one app over a real database migrated once by Alembic, emptied after each test.

The database is SQLite (a temporary file) unless TEST_DATABASE_URL names another, such as
postgresql://postgres@127.0.0.1:5432/test. Each test starts with empty tables; rows are deleted
after the test rather than rolled back, because the code under test commits (as it does in
production) and the browser tests reach the app through a real server thread.
"""

from __future__ import annotations

import os
import re
import time
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest
import time_machine
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from server import create_app
from server.extensions import db

pytest_plugins = ["tests.factories"]

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
#: Redis for the tests of shared rate limits (each test uses keys under a prefix of its own).
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")

#: CC_TEST_NOW="2027-01-04T00:05:00+00:00[Europe/London]" runs the whole session from that
#: instant, its clock ticking on from there, with the bracketed zone as the process's local zone
#: (scripts/test does this for a few awkward instants). A test that forgets to freeze "now" then
#: fails at those instants in review rather than on the calendar day that happens to break it.
#: Tests that freeze time themselves are unaffected: time-machine nests.
CC_TEST_NOW = os.environ.get("CC_TEST_NOW", "").strip()
_INSTANT = re.compile(r"(?P<at>[^\[\]]+?)(?:\[(?P<zone>[A-Za-z0-9_+\-/]+)\])?")


def _parse_test_now(value: str) -> datetime:
    """An ISO 8601 instant with an offset, then an optional [IANA zone] (RFC 9557's form)."""
    match = _INSTANT.fullmatch(value)
    try:
        at = datetime.fromisoformat(match["at"]) if match else None
        zone = ZoneInfo(match["zone"] or "UTC") if match else None
    except (ValueError, ZoneInfoNotFoundError):
        at = None
    if at is None or at.tzinfo is None:
        raise pytest.UsageError(
            f"CC_TEST_NOW={value!r}: expected an instant with its offset and an optional IANA "
            "zone, such as 2026-03-29T01:30:00+00:00[Europe/London]")
    # An aware datetime in a ZoneInfo makes time-machine set the process's local zone (TZ) too.
    return at.astimezone(zone)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "real_clock(reason): needs the machine's real clock (a process or service "
                   "outside this one compares times with ours); skipped when CC_TEST_NOW is set")
    config.addinivalue_line(
        "markers", "frozen_at(instant): run the test and its fixtures at instant, clock stopped")
    if CC_TEST_NOW:
        traveller = time_machine.travel(_parse_test_now(CC_TEST_NOW), tick=True)
        traveller.start()
        config._cc_test_now = traveller


@pytest.fixture(autouse=True)
def _frozen_at(request):
    """@pytest.mark.frozen_at("2026-04-12T12:00:00+00:00"): the test runs at that instant with the
    clock stopped, its fixtures too (a sign-in made at the real "now" may have lapsed by a date
    the test travels to, or not have begun)."""
    marker = request.node.get_closest_marker("frozen_at")
    if marker is None:
        yield
        return
    with time_machine.travel(marker.args[0], tick=False):
        yield


def pytest_unconfigure(config):
    traveller = getattr(config, "_cc_test_now", None)
    if traveller is not None:
        traveller.stop()


def pytest_report_header(config):
    if CC_TEST_NOW:
        return f"clock: CC_TEST_NOW={CC_TEST_NOW} (now {datetime.now().astimezone().isoformat()})"


def pytest_collection_modifyitems(config, items):
    if not CC_TEST_NOW:
        return
    for item in items:
        if f"{os.sep}browser{os.sep}" in str(item.path):
            # Browser tests set their own instant on both sides (tests/browser/conftest.py,
            # BROWSER_TESTS_AT); the awkward-instant runs cover the server's date arithmetic.
            item.add_marker(pytest.mark.skip(
                reason="browser tests run at their own fixed instant (BROWSER_TESTS_AT)"))
            continue
        marker = item.get_closest_marker("real_clock")
        if marker is not None:
            reason = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "")
            item.add_marker(pytest.mark.skip(reason=f"real clock needed: {reason}"))


def _reset_schema(url: str) -> None:
    """Drop everything so the migrations build the schema from nothing."""
    if url.startswith("postgresql"):
        engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()


def test_settings(database_url: str) -> dict:
    return {
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test-secret-key-not-for-production",
        "SCHEDULER_ENABLED": False,
        "SESSION_COOKIE_SECURE": False,
        "RATELIMIT_ENABLED": False,
        "PUSH_ALLOW_LOOPBACK": True,
        "NOTIFY_COALESCE_SECONDS": 0,  # a test waits for its pass (idle); no reason to delay it
        "TESTING": True,
    }


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    if TEST_DATABASE_URL:
        return TEST_DATABASE_URL
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    _reset_schema(database_url)
    instance = tmp_path_factory.mktemp("instance")
    application = create_app({**test_settings(database_url), "INSTANCE_PATH": str(instance)})
    with application.app_context():
        upgrade()
    yield application
    with application.app_context():
        db.engine.dispose()  # close pooled connections now, not in the garbage collector


@pytest.fixture(autouse=True)
def _clean_tables(request):
    """Empty every table after each test that used the database."""
    yield
    if "app" not in request.fixturenames:
        return
    application = request.getfixturevalue("app")
    # Alerts a test raised are sent on the notify thread: let it finish before the rows go.
    application.extensions["notify"].idle()
    with application.app_context():
        db.session.remove()
        tables = [t.name for t in reversed(db.metadata.sorted_tables)]
        # A browser test's live server may still be answering a late poll from a closed page;
        # on PostgreSQL its read locks can deadlock with TRUNCATE, which then loses. Try again.
        for attempt in range(10):
            try:
                with db.engine.begin() as connection:
                    if connection.dialect.name == "postgresql":
                        connection.execute(text("SET LOCAL lock_timeout = '5s'"))
                        connection.execute(
                            text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
                    else:
                        for table in tables:
                            connection.execute(text(f"DELETE FROM {table}"))
                return
            except OperationalError:
                if attempt == 9:
                    raise
                time.sleep(0.2 * (attempt + 1))


@pytest.fixture
def redis_url() -> str:
    """TEST_REDIS_URL, if Redis answers there; in CI it must (the machine runs one)."""
    import redis

    connection = redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=2)
    try:
        connection.ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no Redis answers at {TEST_REDIS_URL}")
    finally:
        connection.close()
    return TEST_REDIS_URL


class RedisCounters:
    """A client address and email addresses of one test's own, so tests sharing one Redis never
    count against each other, and the Redis keys naming them."""

    def __init__(self, connection):
        token = uuid.uuid4().hex
        self.token = token[:12]
        self.address = f"2001:db8::{token[:4]}:{token[4:8]}:{token[8:12]}"
        self._connection = connection

    def email(self, n: int) -> str:
        return f"nobody{n}-{self.token}@example.test"

    def keys(self) -> list[str]:
        return sorted(k.decode() for pattern in (self.address, self.token)
                      for k in self._connection.scan_iter(match=f"*{pattern}*"))

    def delete(self) -> None:
        for key in self.keys():
            self._connection.delete(key)


@pytest.fixture
def redis_counters(redis_url):
    import redis

    connection = redis.Redis.from_url(redis_url)
    counters = RedisCounters(connection)
    yield counters
    counters.delete()
    connection.close()


@pytest.fixture
def app_context(app):
    with app.app_context():
        yield
        db.session.remove()


@pytest.fixture
def anonymous(app):
    """A client with no session cookie."""
    return app.test_client()
