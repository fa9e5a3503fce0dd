"""Registration (therapists), sign-in and sign-out, recovering a forgotten password, the
privacy notice, and the signed-in user's own account."""

from flask import current_app, request
from flask_smorest import Blueprint

from ..domain import access_log, accounts, clinic, closing, consent, recovery
from ..errors import InvalidInput, NotSignedIn
from ..extensions import db, limiter
from ..notify.account_mail import mail_account_closed
from ..notify.kick import kick_after_commit
from ..notify.mail import mail_configured
from ..schemas.accounts import (
    ForgotReceivedSchema,
    ForgotSchema,
    LoginSchema,
    NewPasswordSchema,
    PasswordChangeSchema,
    PrivacyNoticeSchema,
    ProfileUpdateSchema,
    RegisterSchema,
    ResetPreviewSchema,
    SignupStatusSchema,
    UserSchema,
)
from ..security import sessions
from ..security.sessions import load_signed_in_user
from .access import client_only, public, signed_in, signed_in_client, signed_in_user

blp = Blueprint("auth", __name__, url_prefix="/api", description="Accounts and sign-in")

FORGOT_RECEIVED = ("If an account uses this email, a link to set a new password is on its way "
                   "and works for a short while. No email after a few minutes? Check the spam "
                   "folder, or ask your therapist for a reset link.")


def login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def address_limit() -> str:
    return current_app.config["LOGIN_ADDRESS_RATE_LIMIT"]


def forgot_limit() -> str:
    return current_app.config["FORGOT_RATE_LIMIT"]


def _email_key() -> str:
    body = request.get_json(silent=True)
    email = body.get("email") if isinstance(body, dict) else None
    if not email:
        return request.remote_addr or "-"
    # The key goes to Redis as UTF-8: an unpaired surrogate (refused later, 422) must not fail it.
    key = str(email).strip().lower().encode("utf-8", "backslashreplace").decode()
    return f"email:{key}"


def _account_key() -> str:
    """The signed-in account, so a password guessed at from many addresses is limited too."""
    user = load_signed_in_user()
    return f"user:{user.id}" if user else request.remote_addr or "-"


def _failed(response) -> bool:
    return response.status_code == 401


def retention_days() -> int:
    return current_app.config["RECORD_RETENTION_DAYS"]


@blp.route("/auth/signup", methods=["GET"])
@public
@blp.response(200, SignupStatusSchema)
def signup_status():
    """Whether therapists may sign up here, or join only by invite."""
    return {"open": clinic.signup_is_open()}


@blp.route("/auth/register", methods=["POST"])
@public
@limiter.limit(address_limit)
@blp.arguments(RegisterSchema())
@blp.response(200, UserSchema)
@blp.alt_response(403, description="Sign-up is closed: therapists join by invite")
@blp.alt_response(409, description="An account with that email exists")
def register(fields):
    """Create a therapist account and sign in.

    ---
    The new therapist gets a clinic of their own, which they administer; the installation's
    first therapist also decides whether sign-up stays open. Clients cannot register here: they
    join through a therapist's invite.
    """
    clinic.require_signup_open()
    user = accounts.register_therapist(**fields)
    db.session.flush()
    sessions.begin_session(user)
    db.session.commit()
    return user


@blp.route("/auth/login", methods=["POST"])
@public
@limiter.limit(address_limit, deduct_when=_failed)
@limiter.limit(login_limit, key_func=_email_key, deduct_when=_failed)
@blp.arguments(LoginSchema())
@blp.response(200, UserSchema)
@blp.alt_response(401, description="Wrong email or password")
@blp.alt_response(429, description="Too many failed tries for this account, or this address")
def login(fields):
    """Sign in with email and password.

    ---
    Failed tries are limited per account (LOGIN_RATE_LIMIT, from any address) and per address
    (LOGIN_ADDRESS_RATE_LIMIT, any account, set well above one person's tries), so someone
    guessing at one account never locks out other people signing in from the same address. The
    answer never says which of email and password was wrong.
    """
    user = accounts.authenticate(fields["email"], fields["password"])
    if user is None:
        raise NotSignedIn("Wrong email or password.")
    sessions.begin_session(user)
    db.session.commit()
    return user


@blp.route("/auth/logout", methods=["POST"])
@public
@blp.response(204)
def logout():
    """Sign out: the session ends on the server, so a kept copy of the cookie stops working."""
    sessions.end_session()
    db.session.commit()


@blp.route("/auth/forgot", methods=["POST"])
@public
@limiter.limit(address_limit)
@limiter.limit(forgot_limit, key_func=_email_key)
@blp.arguments(ForgotSchema())
@blp.response(202, ForgotReceivedSchema)
def forgot_password(fields):
    """Ask for a reset link by email.

    ---
    The same answer whether or not an account uses the email, and in about the same time: the
    request is only queued here; a background job looks the account up and, when mail is set up,
    emails its owner a single-use link.
    """
    mail_on = mail_configured()
    recovery.request_reset_email(fields["email"], mail_enabled=mail_on)
    if mail_on:
        kick_after_commit()  # the notify thread makes and emails the link, not this request
    db.session.commit()
    return {"message": FORGOT_RECEIVED}


@blp.route("/auth/reset/<token>", methods=["GET"])
@public
@limiter.limit(address_limit)
@blp.response(200, ResetPreviewSchema)
@blp.alt_response(404, description="No such link, or already used or replaced")
@blp.alt_response(410, description="Expired")
def reset_preview(token):
    """Whose password a reset link sets, so the page can say so."""
    return recovery.reset_preview(token)


@blp.route("/auth/reset/<token>", methods=["POST"])
@public
@limiter.limit(address_limit)
@blp.arguments(NewPasswordSchema())
@blp.response(200, UserSchema)
@blp.alt_response(404, description="No such link, or already used or replaced")
@blp.alt_response(410, description="Expired")
@blp.alt_response(422, description="The password is too short or too common")
def reset_password(fields, token):
    """Set a new password with a reset link, and sign in.

    ---
    The link works once. Every other session of that user ends, so a lost or shared phone that
    was still signed in is signed out.
    """
    user = recovery.use_reset_link(token, fields["password"])
    sessions.end_all_sessions(user.id)
    sessions.begin_session(user)
    db.session.commit()
    return user


@blp.route("/privacy", methods=["GET"])
@public
@blp.response(200, PrivacyNoticeSchema)
def privacy_notice():
    """The privacy notice: what is kept, who sees it, for how long, and one's choices."""
    return consent.privacy_notice(retention_days())


@blp.route("/me", methods=["GET"])
@signed_in
@blp.response(200, UserSchema)
@blp.alt_response(401, description="Not signed in")
def me():
    """The signed-in user."""
    return signed_in_user()


@blp.route("/me", methods=["PATCH"])
@signed_in
@blp.arguments(ProfileUpdateSchema())
@blp.response(200, UserSchema)
def update_me(fields):
    """Change one's name, time zone or phone number (null or empty removes it)."""
    if not fields:
        raise InvalidInput(errors={"_schema": ["Send name, timezone or phone."]})
    user = signed_in_user()
    accounts.update_profile(user, **fields)
    if user.is_client:
        access_log.record_access(user, user, access_log.UPDATE, access_log.PROFILE)
    db.session.commit()
    return user


@blp.route("/me/password", methods=["POST"])
@signed_in
@limiter.limit(login_limit, key_func=_account_key)
@blp.arguments(PasswordChangeSchema())
@blp.response(204)
@blp.alt_response(422, description="Wrong current password, or a weak new one")
def change_password(fields):
    """Change one's password; every other session of the user ends."""
    user = signed_in_user()
    accounts.change_password(user, fields["current_password"], fields["new_password"])
    sessions.end_other_sessions(user)
    db.session.commit()


@blp.route("/me", methods=["DELETE"])
@client_only
@blp.response(204)
def close_me():
    """Close the client's account.

    ---
    Sign-in, reminders and the calendar feed end at once, and the client's therapists are told
    (with any safety flags still open). What the clinic keeps follows RECORD_RETENTION_DAYS
    (GET /api/privacy says it): 0 erases every record at once; otherwise the therapists keep a
    read-only clinical record for that many days, which a scheduled job then erases. Export
    first (GET /api/me/export) to keep a copy. Invites other people made are never touched.
    """
    client = signed_in_client()
    therapists = closing.close_account(client, retention_days())
    mail_account_closed(therapists)  # on top of the caseload notice, when mail is set up
    sessions.end_all_sessions(client.id)
    sessions.end_session()
    db.session.commit()



