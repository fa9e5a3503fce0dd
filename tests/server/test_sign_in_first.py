"""Authentication before validation, over every operation the OpenAPI document lists: anyone
not signed in gets 401 from an operation that needs a session, whatever body, query or content
type they send; never a 400, 415 or 422 that would tell them what a valid request looks like."""

from __future__ import annotations

import re
import tempfile

import pytest

from server import create_app
from server.extensions import db
from tests.conftest import test_settings as app_settings
from tests.server.expect import assert_error

GARBAGE_JSON = '{"surprise": [[[[{"\\ud800": "\\u0000"}]]]], "timezone": "Not/AZone", "pain": 1e999'
GARBAGE_QUERY = {"buckt": "week", "page": "-1", "from": "9999-99-99", "format": "nope"}


def _documented_operations() -> list[tuple[str, str, bool]]:
    """(method, path, needs a session) for each operation, read at collection time from an app
    of its own (the document touches no database)."""
    with tempfile.TemporaryDirectory() as instance:
        app = create_app({**app_settings("sqlite://"), "INSTANCE_PATH": instance})
        document = app.test_client().get("/api/openapi.json").json
        with app.app_context():
            db.engine.dispose()
    operations = []
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                operations.append((method, path, bool(operation.get("security"))))
    return sorted(operations)


OPERATIONS = _documented_operations()
NEEDS_SESSION = [(m, p) for m, p, secured in OPERATIONS if secured]


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def test_the_document_lists_operations_that_need_a_session_and_some_that_do_not():
    assert len(NEEDS_SESSION) > 40
    assert ("patch", "/api/me") in NEEDS_SESSION
    assert ("post", "/api/auth/login") not in NEEDS_SESSION


@pytest.mark.parametrize(("method", "path"), NEEDS_SESSION)
def test_anonymous_with_a_garbage_request_is_a_401(anonymous, method, path):
    url = _concrete(path)
    send = getattr(anonymous, method)
    assert_error(send(url, data=GARBAGE_JSON, content_type="application/json",
                      query_string=GARBAGE_QUERY), 401)
    assert_error(send(url, data="pain=5", content_type="text/plain"), 401)
    assert_error(send(url, data="[" * 5000, content_type="application/json"), 401)
