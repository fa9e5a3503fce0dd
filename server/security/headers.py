"""Response headers: a strict Content Security Policy with no inline script, and the rest of the
browser hardening set. API answers are never cached (they hold health data)."""

from __future__ import annotations

from flask import Flask, request

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


#: Set on every answer unless the view set its own.
HARDENING = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
)
STRICT_TRANSPORT = ("Strict-Transport-Security", "max-age=31536000; includeSubDomains")


def init_app(app: Flask) -> None:
    @app.after_request
    def harden(response):
        headers = response.headers
        # One pass over what the view set, instead of a scan of all headers for each of ours.
        present = {name.lower() for name, _value in headers.items()}
        wanted = (*HARDENING, STRICT_TRANSPORT) if request.is_secure else HARDENING
        headers.extend([(name, value) for name, value in wanted
                        if name.lower() not in present])
        if request.path.startswith("/api/"):
            headers["Cache-Control"] = "no-store"
        return response
