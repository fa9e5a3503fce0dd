"""No invite token, password or email in the logs while a real server handles an invite."""

from __future__ import annotations

import logging
import threading

import pytest
import requests
from werkzeug.serving import make_server

from tests.factories import CONSENT_VERSION


@pytest.fixture
def served(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()
    server.server_close()


def test_accepting_an_invite_leaves_no_token_password_or_email_in_the_logs(
        served, world, signed_in, caplog):
    invite = signed_in(world.therapist).post("/api/invites", json={"name": "Jo Secret"}).json
    token = invite["token"]
    caplog.set_level(logging.DEBUG)
    with requests.Session() as http:
        preview = http.get(f"{served}/api/invites/{token}", timeout=10)
        joined = http.post(f"{served}/api/invites/{token}/accept", timeout=10, json={
            "password": "jos-secret-password", "email": "jo.secret@example.test",
            "timezone": "UTC", "consent_version": CONSENT_VERSION})
        reused = http.post(f"{served}/api/invites/{token}/accept", timeout=10, json={
            "password": "jos-secret-password", "timezone": "UTC",
            "consent_version": CONSENT_VERSION})
    assert (preview.status_code, joined.status_code, reused.status_code) == (200, 200, 410)

    # The test's own HTTP client (urllib3) logs its URLs at DEBUG; only the server's logs count.
    messages = [record.getMessage() for record in caplog.records
                if not record.name.startswith("urllib3")]
    assert any("/api/invites/[redacted]/accept" in m for m in messages), messages
    written = "\n".join(messages)
    for secret in (token, "jos-secret-password", "jo.secret@example.test"):
        assert secret not in written
