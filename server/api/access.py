"""Who is asking, and may they touch this aggregate? One helper per aggregate.

Not signed in: 401. The other role's endpoint: 403. Another caseload's client: 404, the same
answer as a client who does not exist, so ids never leak across caseloads.
"""

from __future__ import annotations

from apispec import BasePlugin
from sqlalchemy import exists, or_, select

from ..errors import NotFound, NotSignedIn, RecordClosed, WrongRole
from ..extensions import db
from ..models import CLIENT, THERAPIST, ClientShare, SafetyFlag, User
from ..security.sessions import load_signed_in_user
from .audit import note_access


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


def cares_for(therapist: User):
    """SQL condition: the client (a User row) is the therapist's, as main therapist or shared."""
    return or_(User.therapist_id == therapist.id, exists().where(
        ClientShare.client_id == User.id, ClientShare.therapist_id == therapist.id))


def therapists_client(client_id: int, *, changes: bool = False) -> User:
    """A client the signed-in therapist cares for (main therapist, or a colleague it is shared
    with), or 404, also for a colleague it is not shared with. changes: the view changes the
    record, which a closed account's kept record refuses (409)."""
    therapist = signed_in_therapist()
    client = db.session.scalar(select(User).where(
        User.id == client_id, User.role == CLIENT, cares_for(therapist)))
    if client is None:
        raise NotFound("No such client.")
    note_access(therapist, client)
    if changes and client.closed_at is not None:
        raise RecordClosed()
    return client


def clinic_client(client_id: int) -> User:
    """A client whose care the signed-in therapist may arrange: one they care for, or any client
    of their clinic for its administrator (who reassigns a departing colleague's clients
    without reading their records). Others: 404."""
    therapist = signed_in_therapist()
    condition = cares_for(therapist)
    if therapist.is_clinic_admin:
        condition = or_(condition, User.clinic_id == therapist.clinic_id)
    client = db.session.scalar(select(User).where(
        User.id == client_id, User.role == CLIENT, condition))
    if client is None:
        raise NotFound("No such client.")
    note_access(therapist, client)
    return client


def signed_in_clinic_admin() -> User:
    therapist = signed_in_therapist()
    if not therapist.is_clinic_admin:
        raise WrongRole("Only your clinic's administrator can do this.")
    return therapist


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
              ("post", "/api/auth/register"), ("get", "/api/auth/signup"), ("get", "/api/privacy"),
              ("post", "/api/auth/login"), ("post", "/api/auth/logout"),
              ("post", "/api/auth/forgot"), ("get", "/api/auth/reset/{token}"),
              ("post", "/api/auth/reset/{token}"),
              ("get", "/api/invites/{token}"), ("post", "/api/invites/{token}/accept"),
              ("get", "/api/push/public-key"), ("get", "/api/calendar/{token}.ics"),
              ("get", "/api/openapi.json")}
    CLIENT_ONLY = ("/api/me/program", "/api/me/logs", "/api/me/sessions", "/api/me/trends",
                   "/api/me/export", "/api/me/safety", "/api/me/access-log", "/api/me/psfs")
    THERAPIST_ONLY = ("/api/clients", "/api/invites", "/api/clinic", "/api/notices",
                      "/api/me/alert-settings")

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
        return (path.startswith(self.THERAPIST_ONLY) or path.startswith(self.CLIENT_ONLY)
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
