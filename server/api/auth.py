"""Registration (therapists), sign-in, sign-out, and the signed-in user's own account."""

from flask import current_app, request
from flask_smorest import Blueprint

from ..domain import accounts
from ..errors import InvalidInput, NotSignedIn
from ..extensions import db, limiter
from ..schemas.accounts import LoginSchema, ProfileUpdateSchema, RegisterSchema, UserSchema
from ..security import sessions
from .access import signed_in_client, signed_in_user

blp = Blueprint("auth", __name__, url_prefix="/api", description="Accounts and sign-in")


def login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _email_key() -> str:
    body = request.get_json(silent=True)
    email = body.get("email") if isinstance(body, dict) else None
    return f"email:{str(email).strip().lower()}" if email else request.remote_addr or "-"


@blp.route("/auth/register", methods=["POST"])
@limiter.limit(login_limit)
@blp.arguments(RegisterSchema)
@blp.response(200, UserSchema)
@blp.alt_response(409, description="An account with that email exists")
def register(fields):
    """Create a therapist account and sign in.

    ---
    Clients cannot register here: they join through a therapist's invite.
    """
    user = accounts.register_therapist(**fields)
    db.session.flush()
    sessions.begin_session(user)
    db.session.commit()
    return user


@blp.route("/auth/login", methods=["POST"])
@limiter.limit(login_limit)
@limiter.limit(login_limit, key_func=_email_key)
@blp.arguments(LoginSchema)
@blp.response(200, UserSchema)
@blp.alt_response(401, description="Wrong email or password")
def login(fields):
    """Sign in with email and password.

    ---
    Limited per address and per account. The answer never says which of the two was wrong.
    """
    user = accounts.authenticate(fields["email"], fields["password"])
    if user is None:
        raise NotSignedIn("Wrong email or password.")
    sessions.begin_session(user)
    db.session.commit()
    return user


@blp.route("/auth/logout", methods=["POST"])
@blp.response(204)
def logout():
    """Sign out: the session ends on the server, so a kept copy of the cookie stops working."""
    sessions.end_session()
    db.session.commit()


@blp.route("/me", methods=["GET"])
@blp.response(200, UserSchema)
@blp.alt_response(401, description="Not signed in")
def me():
    """The signed-in user."""
    return signed_in_user()


@blp.route("/me", methods=["PATCH"])
@blp.arguments(ProfileUpdateSchema)
@blp.response(200, UserSchema)
def update_me(fields):
    """Change one's display name or time zone."""
    if not fields:
        raise InvalidInput(errors={"_schema": ["Send name or timezone."]})
    user = accounts.update_profile(signed_in_user(), **fields)
    db.session.commit()
    return user


@blp.route("/me", methods=["DELETE"])
@blp.response(204)
def erase_me():
    """Erase the client's account and every record of theirs.

    ---
    Logs, sessions, programs, flags, push subscriptions and the calendar feed all go; this cannot
    be undone. Export first (GET /api/me/export) to keep a copy.
    """
    client = signed_in_client()
    accounts.erase_client(client)
    sessions.end_session()
    db.session.commit()
