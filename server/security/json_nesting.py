"""Refuse JSON bodies nested deeper than any request of ours needs, before they are parsed.

Python's json module recurses once per level, so a body of a few thousand '[' ends in a
RecursionError (a 500) inside whichever parser meets it first; the deepest body the API takes
(a program's step's directions) is four levels. The raw bytes are scanned, skipping strings."""

from __future__ import annotations

from flask import Flask, request

from ..errors import DomainError

#: The deepest nesting of arrays and objects a request body may have.
MAX_DEPTH = 32
#: Every byte but the four brackets, for bytes.translate to delete.
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_OPENING = frozenset(b"[{")


class NestedTooDeeply(DomainError):
    status_code = 400
    default_message = f"The request body is nested too deeply (at most {MAX_DEPTH} levels)."


def too_deep(raw: bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether the JSON text raw opens more than limit arrays or objects inside each other."""
    if raw.count(b"[") + raw.count(b"{") <= limit:  # the usual small body: nothing to scan
        return False
    # Strings out (brackets inside them are text), then everything but brackets, all in C: a
    # batch of 500 logs leaves a few thousand bytes for the loop. Escaped backslashes go first,
    # then escaped quotes, so every quote left opens or closes a string, as a JSON parser reads
    # them; the parts between quotes are then inside and outside strings in turn.
    if b"\\" in raw:
        raw = raw.replace(b"\\\\", b"").replace(b'\\"', b"")
    outside_strings = b"".join(raw.split(b'"')[::2])
    depth = 0
    for byte in outside_strings.translate(None, _NOT_BRACKETS):
        if byte in _OPENING:
            depth += 1
            if depth > limit:
                return True
        else:
            depth -= 1
    return False


def init_app(app: Flask) -> None:
    @app.before_request
    def refuse_deep_json():
        if request.path.startswith("/api/") and request.is_json:
            raw = request.get_data(cache=True)
            if raw and too_deep(raw):
                raise NestedTooDeeply(errors={"_body": [NestedTooDeeply.default_message]})
