"""Accounts: therapists register (each into a clinic of their own); clients join only through a
therapist's invite (domain.invites); everyone signs in, edits their details and password."""

from __future__ import annotations

from ..errors import InvalidInput
from ..extensions import db
from ..models import THERAPIST, User
from ..security.passwords import hash_password, verify_password
from . import access_log, clinic
from .closing import erase_client  # noqa: F401  (callers know these as account verbs)
from .invites import accept_invite, create_invite, invite_preview  # noqa: F401
from .unique_email import account_with_email, insert_user, normalise_email  # noqa: F401

WRONG_CURRENT_PASSWORD = "That is not your current password."


def register_therapist(email: str, password: str, name: str, timezone: str = "UTC") -> User:
    """A therapist with a clinic of their own, which they administer. The installation's first
    therapist also becomes its administrator (who decides whether sign-up stays open)."""
    practice = clinic.new_clinic(name)
    user = insert_user(User(role=THERAPIST, email=normalise_email(email), name=name.strip(),
                            password_hash=hash_password(password), timezone=timezone,
                            clinic_id=practice.id, is_clinic_admin=True))
    db.session.flush()
    clinic.claim_installation(user)
    return user


def authenticate(email: str, password: str) -> User | None:
    """The account for these credentials, or None. A closed account cannot sign in, and says so
    no differently from a wrong password."""
    user = account_with_email(email)
    if not verify_password(user.password_hash if user else None, password):
        return None
    if user.closed_at is not None:
        return None
    return user


def update_profile(user: User, name: str | None = None, timezone: str | None = None,
                   **phone) -> User:
    """Change the display name, time zone, or (a client's) phone number; phone=None removes it."""
    if name is not None:
        user.name = name.strip()
    if timezone is not None:
        user.timezone = timezone
    if "phone" in phone:
        user.phone = phone["phone"] or None
    db.session.flush()
    return user


def change_password(user: User, current_password: str, new_password: str) -> User:
    if not verify_password(user.password_hash, current_password):
        raise InvalidInput(errors={"current_password": [WRONG_CURRENT_PASSWORD]})
    set_password(user, new_password)
    if user.is_client:
        access_log.record_access(user, user, access_log.UPDATE, access_log.PASSWORD)
    return user


def set_password(user: User, password: str) -> None:
    user.password_hash = hash_password(password)
    db.session.flush()
