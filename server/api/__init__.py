"""Every API blueprint, registered in one list."""

from flask import Flask

from ..extensions import api
from . import (
    access_log,
    alerts,
    auth,
    calendar,
    clients,
    clinic,
    export,
    health,
    invites,
    outcomes,
    programs,
    push,
    records,
    reminders,
    safety,
    summary,
    trends,
)
from .access import register_access_docs

BLUEPRINTS = [
    health.blp,
    auth.blp,
    invites.blp,
    clients.blp,
    clinic.blp,
    access_log.blp,
    safety.blp,
    alerts.blp,
    programs.blp,
    records.blp,
    trends.blp,
    outcomes.blp,
    summary.blp,
    export.blp,
    push.blp,
    calendar.blp,
    reminders.blp,
]


def register_blueprints(app: Flask) -> None:
    cookie = "__Host-cc_session" if app.config["SESSION_COOKIE_SECURE"] else "cc_session"
    register_access_docs(api.spec, cookie)
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint)
