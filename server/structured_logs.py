"""Logs as one JSON object a line (LOG_FORMAT=json), for deployments whose log collector reads
fields rather than prose; plain text otherwise.

Health data must stay out of logs. Our own messages carry ids and counts only; secrets in URL
paths (invite tokens, calendar-feed secrets) are redacted; an exception is written as its type and
stack of code locations without its message, because a database error's message quotes the
row it refused (an email address, a note). The access log keeps method, path, status, size and
time, never the client's address or user agent.
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from datetime import UTC, datetime

from flask import Flask

from .security.log_redaction import RedactSecretPaths, redact

#: gunicorn's access-log atoms kept, under readable names (no address, user agent or referrer).
_ACCESS_FIELDS = {"m": "method", "U": "path", "s": "status", "B": "bytes", "M": "duration_ms"}


class JsonFormatter(logging.Formatter):
    """One JSON object per record: at, level, logger, message, plus the access fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "at": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "pid": record.process,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            entry["message"] = "request"
            for atom, name in _ACCESS_FIELDS.items():
                value = record.args.get(atom)
                entry[name] = redact(value) if isinstance(value, str) else value
        else:
            entry["message"] = redact(record.getMessage())
        if record.exc_info and record.exc_info[0] is not None:
            kind, _error, trace = record.exc_info
            entry["error"] = f"{kind.__module__}.{kind.__qualname__}"
            entry["stack"] = [f"{frame.filename}:{frame.lineno} {frame.name}"
                              for frame in traceback.extract_tb(trace)]
        return json.dumps(entry, default=str)


def json_handler(stream=None) -> logging.Handler:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RedactSecretPaths())
    return handler


def init_app(app: Flask) -> None:
    """Under LOG_FORMAT=json, the root logger writes JSON lines to stderr (once a process)."""
    root = logging.getLogger()
    level = app.config["LOG_LEVEL"].upper()
    # APScheduler writes a line at INFO for every 15-second tick; our tick logs what it did.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    if app.config["LOG_FORMAT"] == "json":
        if not any(isinstance(h.formatter, JsonFormatter) for h in root.handlers):
            for handler in list(root.handlers):
                root.removeHandler(handler)
            root.addHandler(json_handler())
        root.setLevel(level)
        # Flask's app logger adds its own text handler when none is set above it.
        app.logger.handlers.clear()
    elif not root.handlers and not app.config.get("TESTING"):
        logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
