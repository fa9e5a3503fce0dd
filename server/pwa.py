"""Serves the progressive web app from pwa/ at /, and the API docs page at /api/docs."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from flask import Blueprint, Flask, Response, abort, current_app, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed
from werkzeug.security import safe_join

from server.pwa_precache import service_worker

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
def api_docs():
    return _send("docs.html")


@blp.route("/vendor/<name>")
def vendor(name: str):
    relative = VENDOR_FILES.get(name)
    if relative is None or not (PWA_ROOT / relative).is_file():
        abort(404)
    return _send(relative)


@blp.route("/<path:relative>")
def static_file(relative: str):
    if relative.startswith("api/"):
        _refuse_wrong_method_on_api_path()
    if relative.startswith(("api/", "node_modules/")) or relative.endswith(
            ("package.json", "package-lock.json")):
        abort(404)
    return _send(relative)


def _refuse_wrong_method_on_api_path() -> None:
    """This catch-all takes every GET, so a GET to a POST-only API path lands here: answer 405
    (with the methods the path does take), as the contract says, not 404."""
    adapter = current_app.url_map.bind_to_environ(request.environ)
    try:
        adapter.match(method="-")  # no rule takes "-": werkzeug lists those the path takes
    except MethodNotAllowed as refused:
        allowed = [m for m in refused.valid_methods or () if m not in {"GET", "HEAD", "OPTIONS"}]
        if allowed:
            raise MethodNotAllowed(valid_methods=allowed) from None
    except HTTPException:
        return


def init_app(app: Flask) -> None:
    app.register_blueprint(blp)
