"""Response headers: strict CSP without inline script or style, and no caching of API data."""

from __future__ import annotations


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
