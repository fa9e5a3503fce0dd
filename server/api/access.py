"""Who is asking, and may they touch this aggregate? One helper per aggregate.

Not signed in: 401. The other role's endpoint: 403. Another caseload's client: 404, the same
answer as a client who does not exist, so ids never leak across caseloads.
"""

from __future__ import annotations

from apispec import BasePlugin
from sqlalchemy import select

from ..errors import NotFound, NotSignedIn, WrongRole
from ..extensions import db
from ..models import CLIENT, THERAPIST, SafetyFlag, User
from ..security.sessions import load_signed_in_user


def signed_in_user() -> User:
    user = load_signed_in_user()
    if user is None:
        raise NotSignedIn()
    return user


def signed_in_therapist() -> User:
    user = signed_in_user()
    if user.role != THERAPIST:
        raise WrongRole()
    return user


def signed_in_client() -> User:
    user = signed_in_user()
    if user.role != CLIENT:
        raise WrongRole()
    return user


def therapists_client(client_id: int) -> User:
    """The signed-in therapist's client, or 404."""
    therapist = signed_in_therapist()
    client = db.session.scalar(select(User).where(
        User.id == client_id, User.role == CLIENT, User.therapist_id == therapist.id))
    if client is None:
        raise NotFound("No such client.")
    return client


def therapists_client_flag(client_id: int, flag_id: int) -> SafetyFlag:
    client = therapists_client(client_id)
    flag = db.session.scalar(select(SafetyFlag).where(
        SafetyFlag.id == flag_id, SafetyFlag.client_id == client.id))
    if flag is None:
        raise NotFound("No such flag.")
    return flag


class AccessDocs(BasePlugin):
    """Writes the rules above into the OpenAPI document: which operations need the session
    cookie, and the 401/403/404 answers each can give, so no view has to repeat them."""

    PUBLIC = {("get", "/api/health"), ("get", "/api/health/live"), ("get", "/api/health/ready"),
              ("post", "/api/auth/register"),
              ("post", "/api/auth/login"), ("post", "/api/auth/logout"),
              ("get", "/api/invites/{token}"), ("post", "/api/invites/{token}/accept"),
              ("get", "/api/push/public-key"), ("get", "/api/calendar/{token}.ics"),
              ("get", "/api/openapi.json")}
    CLIENT_ONLY = ("/api/me/program", "/api/me/logs", "/api/me/sessions", "/api/me/trends",
                   "/api/me/export", "/api/me/safety")
    THERAPIST_ONLY = ("/api/me/alert-settings",)

    def operation_helper(self, path=None, operations=None, **_kwargs):
        for method, operation in (operations or {}).items():
            if (method, path) in self.PUBLIC or not path.startswith("/api/"):
                continue
            operation.setdefault("security", [{"session": []}])
            responses = operation.setdefault("responses", {})
            responses.setdefault("401", "NOT_SIGNED_IN")
            if self._role_bound(method, path):
                responses.setdefault("403", "WRONG_ROLE")
            if "{client_id}" in path:
                responses.setdefault("404", "NOT_IN_CASELOAD")

    def _role_bound(self, method: str, path: str) -> bool:
        return (path.startswith("/api/clients") or (method, path) == ("post", "/api/invites")
                or path.startswith(self.CLIENT_ONLY) or path.startswith(self.THERAPIST_ONLY)
                or (method, path) == ("delete", "/api/me"))


def register_access_docs(spec, cookie: str) -> None:
    """The session security scheme and the shared error answers AccessDocs refers to."""
    spec.components.security_scheme("session", {"type": "apiKey", "in": "cookie", "name": cookie})
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for name, description in (
        ("NOT_SIGNED_IN", "Not signed in (no session cookie, or it has ended)"),
        ("WRONG_ROLE", "Signed in, but this endpoint is for the other role"),
        ("NOT_IN_CASELOAD", "No such client in your caseload (the same answer as for a client "
                            "who does not exist)"),
    ):
        spec.components.response(name, {"description": description, "content": error})
