"""Assertions on the contract's shapes and on what is stored, shared by the server tests."""

from sqlalchemy import func, select

from server.extensions import db


def assert_error(response, status: int, *fields: str) -> dict:
    """The contract's error JSON with this status, naming each of these fields."""
    assert response.status_code == status, (response.status_code, response.get_json())
    body = response.get_json()
    assert set(body) == {"code", "status", "message", "errors"}, body
    assert body["code"] == status
    assert isinstance(body["status"], str) and body["status"]
    assert isinstance(body["message"], str) and body["message"]
    assert isinstance(body["errors"], dict)
    for field in fields:
        assert field in body["errors"], (field, body["errors"])
    return body


def stored_count(app, model) -> int:
    """How many rows of model the database holds now."""
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))
