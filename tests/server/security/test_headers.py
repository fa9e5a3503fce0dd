"""Response headers: strict CSP without inline script or style, and no caching of API data."""

from __future__ import annotations

from server.security.headers import HARDENING, STRICT_TRANSPORT


def test_every_response_carries_a_strict_content_security_policy(anonymous):
    for path in ("/api/health", "/api/docs", "/"):
        with anonymous.get(path) as response:  # closes the static file it streams
            csp = response.headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "style-src 'self'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp


def test_api_answers_are_never_cached_and_never_sniffed(world, signed_in):
    response = signed_in(world.client).get("/api/me")
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_each_hardening_header_is_sent_once_and_hsts_only_over_https(anonymous):
    plain = anonymous.get("/api/health")
    secure = anonymous.get("/api/health", base_url="https://localhost")
    for name, value in HARDENING:
        assert plain.headers.getlist(name) == [value], name
        assert secure.headers.getlist(name) == [value], name
    assert "Strict-Transport-Security" not in plain.headers
    assert secure.headers.getlist("Strict-Transport-Security") == [STRICT_TRANSPORT[1]]


def test_a_header_the_view_set_itself_is_left_as_it_is(fresh_app):
    from flask import Response

    app = fresh_app()

    @app.get("/own-frame-policy")
    def own_frame_policy():
        return Response("x", headers={"x-frame-options": "SAMEORIGIN"})

    response = app.test_client().get("/own-frame-policy")
    assert response.headers.getlist("X-Frame-Options") == ["SAMEORIGIN"]
    assert response.headers["Referrer-Policy"] == "no-referrer"
