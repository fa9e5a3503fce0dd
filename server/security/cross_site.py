"""Refuse state-changing requests that a browser says came from another site (CSRF).

Browsers send Origin and Sec-Fetch-Site on such requests; a request with neither (an API client,
curl, a test) is let through, since it cannot be a browser being tricked into sending our cookie.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, request

from ..errors import CrossSiteRequest

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _own_origin() -> str:
    return f"{request.scheme}://{request.host}".lower()


def is_cross_site() -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site", "").lower()
    if fetch_site in {"cross-site", "same-site"}:
        return True
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    if origin == "null":
        return True
    parts = urlsplit(origin)
    return f"{parts.scheme}://{parts.netloc}".lower() != _own_origin()


def init_app(app: Flask) -> None:
    @app.before_request
    def refuse_cross_site_writes():
        if request.method not in _SAFE_METHODS and is_cross_site():
            raise CrossSiteRequest()
