"""One account per email, whatever its case: how an email is compared, and the insert that
enforces it (the unique index decides, never a SELECT before the INSERT)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..errors import EmailTaken
from ..extensions import db
from ..models import User

TAKEN_MESSAGE = "An account with that email already exists."


def normalise_email(email: str) -> str:
    return email.strip().lower()


def insert_user(user: User) -> User:
    """Insert and catch: the unique index on email decides, not a prior SELECT (no race)."""
    try:
        with db.session.begin_nested():
            db.session.add(user)
    except IntegrityError as exc:
        raise EmailTaken(errors={"email": [TAKEN_MESSAGE]}) from exc
    return user


def account_with_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))
