"""Serves the progressive web app from pwa/ at /, and the API docs page at /api/docs."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from flask import Blueprint, Flask, Response, abort, request
from werkzeug.routing import PathConverter
from werkzeug.security import safe_join

from .api.access import public
from .pwa_precache import service_worker

PWA_ROOT = Path(__file__).resolve().parent.parent / "pwa"

#: npm packages the browser loads, and the one file of each it needs (ES module builds).
VENDOR_FILES = {
    "idb.js": "node_modules/idb/build/index.js",
    "uplot.js": "node_modules/uplot/dist/uPlot.esm.js",
    "uplot.css": "node_modules/uplot/dist/uPlot.min.css",
    "lean-qr.js": "node_modules/lean-qr/index.mjs",
}

blp = Blueprint("pwa", __name__)


def _send(relative: str):
    """The file's bytes with an ETag, answering 304 when the browser has them already.

    Read into memory rather than streamed from an open file: the files are small, and a
    streamed file is left open when a 304 replaces the body or the browser drops the request
    (a service worker precaching, a page navigating away).
    """
    path = safe_join(str(PWA_ROOT), relative)
    if path is None or not Path(path).is_file():
        abort(404)
    mimetype = mimetypes.guess_type(path)[0] or "application/octet-stream"
    if path.endswith((".js", ".mjs")):
        mimetype = "text/javascript"
    response = Response(Path(path).read_bytes(), mimetype=mimetype)
    response.add_etag()
    response.headers["Cache-Control"] = "no-cache"
    return response.make_conditional(request)


@blp.route("/")
def shell():
    return _send("index.html")


@blp.route("/sw.js")
def sw():
    """The service worker, with its VERSION and PRECACHE written in from the files' hashes."""
    response = Response(service_worker(PWA_ROOT, VENDOR_FILES).body, mimetype="text/javascript")
    response.add_etag()
    # Always re-checked with the server, so updates are found.
    response.headers["Cache-Control"] = "no-cache, max-age=0"
    return response.make_conditional(request)


@blp.route("/api/docs")
@public
def api_docs():
    return _send("docs.html")


@blp.route("/vendor/<name>")
def vendor(name: str):
    relative = VENDOR_FILES.get(name)
    if relative is None or not (PWA_ROOT / relative).is_file():
        abort(404)
    return _send(relative)


class NonApiPath(PathConverter):
    """A path under / that is not under /api/: API paths are routed by the API's own rules
    alone, so a wrong method there is a 405 whose Allow lists only what the API path takes,
    and an unknown API path is a 404 in the contract's JSON."""

    regex = r"(?!api/)[^/].*?"


@blp.route("/<non_api:relative>")
def static_file(relative: str):
    if relative.startswith("node_modules/") or relative.endswith(
            ("package.json", "package-lock.json")):
        abort(404)
    return _send(relative)


def init_app(app: Flask) -> None:
    app.url_map.converters["non_api"] = NonApiPath
    app.register_blueprint(blp)
