"""Keeps secrets out of request logs: invite tokens, password-reset tokens and calendar-feed
secrets sit in URL paths, and the access log would otherwise write them down."""

from __future__ import annotations

import logging
import re

_SECRET_PATHS = re.compile(r"(/api/invites/|/api/auth/reset/|/api/calendar/|/calendar/)"
                           r"[^\s/?\"]+")


def redact(text: str) -> str:
    return _SECRET_PATHS.sub(r"\1[redacted]", text)


class RedactSecretPaths(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, dict):  # gunicorn's access log passes a mapping of atoms
            record.args = {k: redact(v) if isinstance(v, str) else v
                           for k, v in record.args.items()}
        elif record.args:
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        record.msg = redact(str(record.msg))
        return True


def init_app() -> None:
    for name in ("werkzeug", "gunicorn.access"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactSecretPaths) for f in logger.filters):
            logger.addFilter(RedactSecretPaths())
