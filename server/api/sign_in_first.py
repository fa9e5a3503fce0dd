"""Authentication before validation: an API operation that needs a session answers 401 to
anyone without one before its arguments are read, so an anonymous caller learns nothing about
what a valid body would be (and gets the same answer whatever it sends)."""

from __future__ import annotations

import re

from flask import Flask, request

from ..errors import NotSignedIn
from ..security.sessions import load_signed_in_user
from .access import AccessDocs

_CONVERTER = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


def openapi_path(rule: str) -> str:
    """/api/clients/<int:client_id> -> /api/clients/{client_id}, as the OpenAPI document has it."""
    return _CONVERTER.sub(r"{\1}", rule)


def needs_sign_in(method: str, rule: str) -> bool:
    """Whether the documented operation (method, Flask rule) is for signed-in users only."""
    method = "get" if method.upper() == "HEAD" else method.lower()
    return (method, openapi_path(rule)) not in AccessDocs.PUBLIC


def init_app(app: Flask, blueprint_names) -> None:
    api_blueprints = frozenset(blueprint_names)

    @app.before_request
    def sign_in_before_validation():
        rule = request.url_rule
        if (rule is None or request.method == "OPTIONS"
                or request.blueprint not in api_blueprints):
            return
        if needs_sign_in(request.method, rule.rule) and load_signed_in_user() is None:
            raise NotSignedIn()
