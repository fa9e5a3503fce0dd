"""Health: ok with a reachable database, 503 in the contract's error shape without one."""

from __future__ import annotations

import pytest

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
