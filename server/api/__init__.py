"""Every API blueprint, registered in one list."""

from flask import Flask

from ..extensions import api
from . import (
    auth,
    calendar,
    clients,
    export,
    health,
    invites,
    programs,
    push,
    records,
    reminders,
    trends,
)

BLUEPRINTS = [
    health.blp,
    auth.blp,
    invites.blp,
    clients.blp,
    programs.blp,
    records.blp,
    trends.blp,
    export.blp,
    push.blp,
    calendar.blp,
    reminders.blp,
]


def register_blueprints(app: Flask) -> None:
    api.spec.components.security_scheme(
        "session", {"type": "apiKey", "in": "cookie", "name": "__Host-cc_session"})
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint)
