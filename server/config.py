"""Every setting the app reads from the environment, in one table: name, default, meaning."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def _flag(raw: str) -> bool:
    return raw.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Setting:
    name: str
    default: Callable[[Path, bool], Any] | Any
    meaning: str
    parse: Callable[[str], Any] = str


#: The settings table. A default may be a callable of (instance_path, debug).
SETTINGS: tuple[Setting, ...] = (
    Setting("DATABASE_URL", lambda inst, _d: f"sqlite:///{inst / 'cluneal.sqlite3'}",
            "SQLAlchemy URL; SQLite in the instance folder by default, PostgreSQL for deployments"),
    Setting("SECRET_KEY", None,
            "signs calendar-feed links; generated into the instance folder when unset"),
    Setting("VAPID_PRIVATE_KEY", None,
            "Web Push signing key (PEM or base64url); generated when unset"),
    Setting("VAPID_PUBLIC_KEY", None, "Web Push public key (base64url, uncompressed point)"),
    Setting("VAPID_SUBJECT", "mailto:admin@cluneal.invalid", "contact the push services may use"),
    Setting("SCHEDULER_ENABLED", True, "run the reminder scheduler inside the web process", _flag),
    Setting("SESSION_COOKIE_SECURE", lambda _i, debug: not debug,
            "session cookie only over HTTPS (and then named __Host-…)", _flag),
    Setting("PUSH_ALLOW_LOOPBACK", False,
            "admit http://127.0.0.1 / localhost push endpoints (local push service, tests)", _flag),
    Setting("SESSION_IDLE_MINUTES", 7 * 24 * 60,
            "a sign-in ends after this long without a request", int),
    Setting("SESSION_MAX_DAYS", 30, "a sign-in ends this many days after it began, whatever", int),
    Setting("INVITE_TTL_HOURS", 72, "how long an invite link can be accepted", int),
    Setting("RATELIMIT_ENABLED", True, "apply request rate limits", _flag),
    Setting("REDIS_URL", None,
            "Redis shared by every process (redis://host:6379/0); rate-limit counters live "
            "there when set, so a limit holds across all web processes"),
    Setting("RATELIMIT_STORAGE_URI", None,
            "where rate-limit counters live; overrides REDIS_URL for them (memory:// keeps "
            "them per process); default: REDIS_URL when set, else memory://"),
    Setting("RATELIMIT_KEY_PREFIX", "cluneal",
            "prefix of the rate-limit keys, so apps sharing one Redis keep their own counters"),
    Setting("LOGIN_RATE_LIMIT", "10 per minute;50 per hour",
            "failed sign-ins per account, from any address (then 429 for that account only)"),
    Setting("LOGIN_ADDRESS_RATE_LIMIT", "60 per minute;300 per hour",
            "failed sign-ins per address, any account; also every sign-up, join, reset and "
            "forgot-password request per address (people behind one clinic's router share it)"),
    Setting("FORGOT_RATE_LIMIT", "3 per hour",
            "forgot-password requests per email (no mailbox is flooded)"),
    Setting("RESET_LINK_TTL_HOURS", 24, "how long a reset link from a therapist works", int),
    Setting("FORGOT_LINK_TTL_MINUTES", 60, "how long an emailed reset link works", int),
    Setting("RECORD_RETENTION_DAYS", 0,
            "days the clinic keeps a closed account's record, read-only, before it is erased; "
            "0 erases everything when the client closes the account", int),
    Setting("API_RATE_LIMIT", "600 per minute",
            "requests per address to each route (static files and health probes not counted)"),
    Setting("PUBLIC_BASE_URL", None,
            "origin used in invite, reset, calendar and email links; the request's own origin when "
            "unset, except in forgot-password emails, which are sent only when it is set"),
    Setting("REMINDER_TICK_SECONDS", 15, "how often the scheduler looks for due reminders", int),
    Setting("NOTIFY_COALESCE_SECONDS", 0.25,
            "a send pass kicked after a commit waits this long, so that the kicks of a burst of "
            "requests share one pass (alerts still leave within a second)", float),
    Setting("REMINDER_GRACE_MINUTES", 30,
            "a reminder found late (after downtime) is still sent within this window", int),
    Setting("PROXY_COUNT", 0,
            "reverse proxies in front of the app whose X-Forwarded-For/-Proto to trust (1 "
            "behind one nginx); 0 trusts none, so limits count the connecting address", int),
    Setting("LOG_FORMAT", "text",
            "text, or json: one JSON object a line (deployments); no personal data either way"),
    Setting("LOG_LEVEL", "INFO", "least severe log level written"),
    Setting("REMINDER_SEND_WORKERS", 16,
            "pushes one scheduler sends at once (each waits on a push service)", int),
    Setting("MAX_CONTENT_LENGTH", 2 * 1024 * 1024, "largest request body in bytes", int),
    Setting("MAIL_SERVER", None, "SMTP host; mail is off (nothing is emailed) while it is unset"),
    Setting("MAIL_PORT", 587, "SMTP port", int),
    Setting("MAIL_USE_TLS", True, "upgrade the SMTP connection with STARTTLS before anything else",
            _flag),
    Setting("MAIL_USERNAME", None, "SMTP login; none when unset"),
    Setting("MAIL_PASSWORD", None, "SMTP password"),
    Setting("MAIL_FROM", "Cluneal Companion <no-reply@localhost>",
            "the From address of every email"),
)


def load_settings(instance_path: Path, debug: bool, overrides: dict | None = None) -> dict:
    """Read each setting from the environment, falling back to its default."""
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = os.environ.get(setting.name)
        if raw is not None and raw != "":
            values[setting.name] = setting.parse(raw)
        elif callable(setting.default):
            values[setting.name] = setting.default(instance_path, debug)
        else:
            values[setting.name] = setting.default
    values.update(overrides or {})
    return values
