"""Health: ok with a reachable database, 503 in the contract's error shape without one."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from server.extensions import db
from tests.server.expect import assert_error


def test_health_is_ok_with_the_database_reachable(anonymous):
    response = anonymous.get("/api/health")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("url", [
    "sqlite:////nonexistent-directory/for/sure/cluneal.sqlite3",
    "postgresql://postgres@127.0.0.1:1/unreachable",
])
def test_health_is_503_when_the_database_is_unreachable(fresh_app, url):
    broken = fresh_app(DATABASE_URL=url)
    response = broken.test_client().get("/api/health")
    body = assert_error(response, 503, "database")
    assert "127.0.0.1" not in response.get_data(as_text=True)
    assert "nonexistent" not in body["message"]


def test_liveness_answers_without_touching_the_database(fresh_app):
    broken = fresh_app(DATABASE_URL="postgresql://postgres@127.0.0.1:1/unreachable")
    response = broken.test_client().get("/api/health/live")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_readiness_is_ok_with_the_database_migrated_to_this_code(anonymous):
    response = anonymous.get("/api/health/ready")
    assert response.status_code == 200
    assert response.json["status"] == "ok"
    assert response.json["database"] == "ok"
    assert response.json["rate_limits"] == "memory"


def test_readiness_is_503_while_the_schema_is_behind_this_code(app, anonymous):
    with app.app_context():
        revision = db.session.execute(text("SELECT version_num FROM alembic_version")).scalar()
        db.session.execute(text("UPDATE alembic_version SET version_num = 'older'"))
        db.session.commit()
    try:
        body = assert_error(anonymous.get("/api/health/ready"), 503, "schema")
        assert "older" not in str(body)
    finally:
        with app.app_context():
            db.session.execute(text("UPDATE alembic_version SET version_num = :r"),
                               {"r": revision})
            db.session.commit()


def test_readiness_is_503_when_the_database_is_unreachable(fresh_app):
    broken = fresh_app(DATABASE_URL="postgresql://postgres@127.0.0.1:1/unreachable")
    assert_error(broken.test_client().get("/api/health/ready"), 503, "database")


def test_readiness_is_503_when_the_shared_rate_limit_store_is_unreachable(fresh_app):
    # Port 1 on loopback refuses at once: a Redis that is down.
    apart = fresh_app(RATELIMIT_ENABLED=True, REDIS_URL="redis://127.0.0.1:1/0")
    assert_error(apart.test_client().get("/api/health/ready"), 503, "rate_limits")


def test_health_probes_are_never_counted_against_a_rate_limit(fresh_app):
    http = fresh_app(RATELIMIT_ENABLED=True).test_client()
    for path in ("/api/health", "/api/health/live", "/api/health/ready"):
        response = http.get(path)
        assert response.status_code == 200
        assert "X-RateLimit-Limit" not in response.headers, path
    # Other requests are counted (the negative control for the assertion above).
    assert "X-RateLimit-Limit" in http.get("/api/push/public-key").headers
