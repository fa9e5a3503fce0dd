"""Who is asking, and may they touch this aggregate? One helper per aggregate.

Not signed in: 401. The other role's endpoint: 403. Another caseload's client: 404, the same
answer as a client who does not exist, so ids never leak across caseloads.
"""

from __future__ import annotations

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
