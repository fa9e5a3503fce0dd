"""Who is asking, and may they touch this aggregate? One helper per aggregate, and the
decorators that declare a view's access where it is enforced.

Not signed in: 401. The other role's endpoint: 403. Another caseload's client: 404, the same
answer as a client who does not exist, so ids never leak across caseloads.

Every /api view declares its access with one decorator (@public, @signed_in, @client_only,
@therapist_only, @clinic_admin_only, @own_client, @care_team_client). The declaration both
documents the answers it can give (401/403/404 and the session cookie) in the OpenAPI document,
so the document cannot drift from the code, and is checked by one before_request hook, before
the view's body or query is parsed: someone not signed in learns nothing about what a valid
request would be (authentication before validation), whatever order the view's decorators are in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass

from flask import Flask, current_app, g, request
from sqlalchemy import exists, or_, select

from ..errors import NotFound, NotSignedIn, RecordClosed, WrongRole
from ..extensions import db
from ..models import CLIENT, THERAPIST, ClientShare, SafetyFlag, User
from ..security.sessions import load_signed_in_user, signed_in_copy
from .audit import note_access

log = logging.getLogger(__name__)


def _in_role(user: User | None, role: str | None) -> User:
    """Who is asking, or 401 if nobody is signed in; 403 if a role is asked for and theirs
    is another."""
    if user is None:
        raise NotSignedIn()
    if role is not None and user.role != role:
        raise WrongRole()
    return user


def signed_in_user() -> User:
    return _in_role(load_signed_in_user(), None)


def signed_in_therapist() -> User:
    return _in_role(load_signed_in_user(), THERAPIST)


def signed_in_client() -> User:
    return _in_role(load_signed_in_user(), CLIENT)


def reading_client() -> User:
    """The signed-in client, as this process's cached copy: for the hottest views (a batch of
    logs, trends) that only read the client's id and time zone. Attaching the client to the
    session (a merge, and expiring it at commit) cost those views more than a statement does.
    Read its columns; never change it, nor link a new row to it through a relationship."""
    return _in_role(signed_in_copy(), CLIENT)


def cares_for(therapist: User):
    """SQL condition: the client (a User row) is the therapist's, as main therapist or shared."""
    return or_(User.therapist_id == therapist.id, exists().where(
        ClientShare.client_id == User.id, ClientShare.therapist_id == therapist.id))


def therapists_client(client_id: int, *, changes: bool = False) -> User:
    """A client the signed-in therapist cares for (main therapist, or a colleague it is shared
    with), or 404, also for a colleague it is not shared with. changes: the view changes the
    record, which a closed account's kept record refuses (409)."""
    therapist = signed_in_therapist()
    client = _remembered("caseload", client_id, lambda: db.session.scalar(select(User).where(
        User.id == client_id, User.role == CLIENT, cares_for(therapist))))
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
    client = _remembered("clinic", client_id, lambda: db.session.scalar(select(User).where(
        User.id == client_id, User.role == CLIENT, condition)))
    note_access(therapist, client)
    return client


def _remembered(reach: str, client_id: int, look_up: Callable[[], User | None]) -> User:
    """The client found for this request (the access check found it before the view asked),
    or 404."""
    found = g.setdefault("access_clients", {})
    client = found.get((reach, client_id))
    if client is None:
        client = look_up()
        if client is None:
            raise NotFound("No such client.")
        found[(reach, client_id)] = client
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


@dataclass(frozen=True)
class Access:
    """One way a view may be reached: the check run before it, and the answers it documents."""

    name: str
    check: Callable[[], object] | None
    #: (status, shared response in the document, what it means here)
    answers: tuple[tuple[int, str, str], ...] = ()


_NOT_SIGNED_IN = (401, "NOT_SIGNED_IN", "Not signed in")
_WRONG_ROLE = (403, "WRONG_ROLE", "Signed in, but this endpoint is for the other role")
_NOT_IN_CASELOAD = (404, "NOT_IN_CASELOAD", "No such client in your caseload")


def _client_id() -> int:
    return request.view_args["client_id"]


PUBLIC = Access("public", None)
# The three checks below read who is asking from the sign-in cache's copy: no merge into the
# session for a check (views that change the user ask for it with signed_in_user()).
SIGNED_IN = Access("signed in", lambda: _in_role(signed_in_copy(), None), (_NOT_SIGNED_IN,))
CLIENT_ONLY = Access("client", lambda: _in_role(signed_in_copy(), CLIENT),
                     (_NOT_SIGNED_IN, _WRONG_ROLE))
THERAPIST_ONLY = Access("therapist", lambda: _in_role(signed_in_copy(), THERAPIST),
                        (_NOT_SIGNED_IN, _WRONG_ROLE))
CLINIC_ADMIN_ONLY = Access("clinic administrator", signed_in_clinic_admin, (
    _NOT_SIGNED_IN, (403, "WRONG_ROLE", "Not a therapist, or not the clinic's administrator")))
OWN_CLIENT = Access("therapist of the client", lambda: therapists_client(_client_id()),
                    (_NOT_SIGNED_IN, _WRONG_ROLE, _NOT_IN_CASELOAD))
CARE_TEAM_CLIENT = Access(
    "therapist of the client, or the clinic's administrator",
    lambda: clinic_client(_client_id()), (_NOT_SIGNED_IN, _WRONG_ROLE, _NOT_IN_CASELOAD))
#: Views that libraries register under /api (the OpenAPI document itself).
LIBRARY_ENDPOINTS = {"api-docs.openapi_json": PUBLIC}


def _declare(access: Access):
    def decorate(view):
        view.access = access
        apidoc = deepcopy(getattr(view, "_apidoc", {}))
        if access.check is not None:
            apidoc.setdefault("manual_doc", {})["security"] = [{"session": []}]
            responses = apidoc.setdefault("response", {}).setdefault("responses", {})
            for status, shared, meaning in access.answers:
                _document(responses, status, shared, meaning)
        view._apidoc = apidoc
        return view

    return decorate


def _document(responses: dict, status: int, shared: str, meaning: str) -> None:
    """The shared answer, or, when the view describes this status itself (a 403 of a domain
    rule, a 404 of a missing program), the view's description with ours beside it."""
    own = responses.get(status) or responses.get(str(status))
    if not own:
        responses[status] = [shared]
        return
    for entry in own:
        if isinstance(entry, dict) and meaning.lower() not in entry.get("description", "").lower():
            entry["description"] = f"{entry.get('description', '')}; or: {meaning.lower()}"


#: Anyone, signed in or not.
public = _declare(PUBLIC)
#: Anyone signed in, either role (401 otherwise).
signed_in = _declare(SIGNED_IN)
#: Clients only (401, 403 for a therapist).
client_only = _declare(CLIENT_ONLY)
#: Therapists only (401, 403 for a client).
therapist_only = _declare(THERAPIST_ONLY)
#: The clinic's administrator only (401, 403 for anyone else).
clinic_admin_only = _declare(CLINIC_ADMIN_ONLY)
#: A therapist who cares for the <client_id> of the path (401, 403, 404 for not-yours).
own_client = _declare(OWN_CLIENT)
#: As own_client, or any client of the clinic for its administrator.
care_team_client = _declare(CARE_TEAM_CLIENT)


def declared_access(endpoint: str | None) -> Access | None:
    view = current_app.view_functions.get(endpoint) if endpoint else None
    return getattr(view, "access", None) or LIBRARY_ENDPOINTS.get(endpoint)


def init_app(app: Flask) -> None:
    @app.before_request
    def enforce_declared_access():
        """Runs before the view and its decorators: before the body or the query is parsed."""
        if request.method == "OPTIONS" or request.url_rule is None:
            return  # automatic OPTIONS, and unknown paths or methods (404, 405)
        access = declared_access(request.endpoint)
        if access is None:
            if not request.url_rule.rule.startswith("/api/"):
                return  # the PWA's own files and pages
            # A view that forgot to declare is closed to anyone not signed in; a test walks
            # every route so this never ships.
            log.error("no access declared for %s", request.endpoint)
            access = SIGNED_IN
        if access.check is not None:
            view = current_app.view_functions[request.endpoint]
            g.audit = getattr(view, "audit", None)  # the access log entry the check may write
            access.check()


def register_access_docs(spec, cookie: str) -> None:
    """The session security scheme and the shared error answers the declarations refer to."""
    spec.components.security_scheme("session", {"type": "apiKey", "in": "cookie", "name": cookie})
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for name, description in (
        ("NOT_SIGNED_IN", "Not signed in (no session cookie, or it has ended)"),
        ("WRONG_ROLE", "Signed in, but this endpoint is for the other role"),
        ("NOT_IN_CASELOAD", "No such client in your caseload (the same answer as for a client "
                            "who does not exist)"),
    ):
        spec.components.response(name, {"description": description, "content": error})
