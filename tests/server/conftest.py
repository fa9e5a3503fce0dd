"""Fixtures shared by the server tests: a small world of two caseloads and a query counter."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from argon2 import PasswordHasher
from sqlalchemy import event

from server import create_app
from server.extensions import db
from server.models import User
from server.security import passwords
from tests.conftest import test_settings as app_settings


@pytest.fixture(scope="session", autouse=True)
def _quick_argon2():
    """Still argon2id, with the smallest cost: the production profile takes about half a second
    per hash, and every test here makes several accounts. The stored hash names its own
    parameters, so sign-in checks it exactly as in production."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "_hasher",
                      PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
        yield


@dataclass
class World:
    """Two therapists, each with one client: 'own' and 'other' caseloads."""

    therapist: User
    client: User
    other_therapist: User
    other_client: User


@pytest.fixture
def world(make_therapist, make_client) -> World:
    therapist = make_therapist("Dana Therapist")
    other_therapist = make_therapist("Eli Therapist")
    return World(therapist=therapist, client=make_client(therapist, "Robin Client"),
                 other_therapist=other_therapist,
                 other_client=make_client(other_therapist, "Sasha Client"))


@pytest.fixture
def client_http(world, signed_in):
    """The own client of the world, signed in."""
    return signed_in(world.client)


@pytest.fixture
def count_queries(app):
    """count_queries() -> a context manager whose value is a list of the SQL this thread ran
    inside it (not the notify thread's, which sends alerts in the background meanwhile)."""

    @contextmanager
    def counting() -> Iterator[list[str]]:
        statements: list[str] = []
        with app.app_context():
            engine = db.engine
        this_thread = threading.get_ident()

        def record(_conn, _cursor, statement, *_args):
            if threading.get_ident() == this_thread:
                statements.append(statement)

        event.listen(engine, "before_cursor_execute", record)
        try:
            yield statements
        finally:
            event.remove(engine, "before_cursor_execute", record)

    return counting


@pytest.fixture
def fresh_app(app, database_url, tmp_path):
    """fresh_app(**settings) -> a second app over the same migrated database with some settings
    changed; its connections are closed afterwards (an open PostgreSQL connection left to the
    garbage collector is a ResourceWarning, and warnings are errors)."""
    made = []

    def make(**settings):
        instance = tmp_path / f"instance{len(made)}"
        made.append(create_app({**app_settings(database_url), "INSTANCE_PATH": str(instance),
                                **settings}))
        return made[-1]

    yield make
    for other in made:
        with other.app_context():
            db.session.remove()
            db.engine.dispose()
