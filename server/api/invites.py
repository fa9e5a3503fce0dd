"""Invites: a therapist asks a client to join; the client accepts and is signed in."""

from datetime import timedelta

from flask import current_app, request
from flask_smorest import Blueprint

from ..domain import accounts
from ..extensions import db, limiter
from ..schemas.accounts import (
    InviteAcceptSchema,
    InviteCreatedSchema,
    InviteCreateSchema,
    InvitePreviewSchema,
    UserSchema,
)
from ..security import sessions
from .access import signed_in_therapist
from .auth import login_limit

blp = Blueprint("invites", __name__, url_prefix="/api/invites", description="Client invites")


def public_base_url() -> str:
    return (current_app.config.get("PUBLIC_BASE_URL") or request.host_url).rstrip("/")


@blp.route("", methods=["POST"])
@blp.arguments(InviteCreateSchema)
@blp.response(200, InviteCreatedSchema)
def create_invite(fields):
    """Invite a client (single use, expiring).

    ---
    The link puts the token after '#', so it never reaches a server log as part of a request.
    """
    therapist = signed_in_therapist()
    ttl = timedelta(hours=current_app.config["INVITE_TTL_HOURS"])
    invite, token = accounts.create_invite(therapist, fields["name"], fields["email"], ttl)
    db.session.commit()
    return {"token": token, "url": f"{public_base_url()}/#/join/{token}",
            "expires_at": invite.expires_at}


@blp.route("/<token>", methods=["GET"])
@limiter.limit(login_limit)
@blp.response(200, InvitePreviewSchema)
@blp.alt_response(404, description="No such invite")
@blp.alt_response(410, description="Used or expired")
def preview_invite(token):
    """Who the invite is for and from, so the join page can greet the client."""
    return accounts.invite_preview(token)


@blp.route("/<token>/accept", methods=["POST"])
@limiter.limit(login_limit)
@blp.arguments(InviteAcceptSchema)
@blp.response(200, UserSchema)
@blp.alt_response(404, description="No such invite")
@blp.alt_response(409, description="An account with that email exists")
@blp.alt_response(410, description="Used or expired")
@blp.alt_response(422, description="No email on the invite and none given")
def accept_invite(fields, token):
    """Accept an invite: create the client account, linked to the therapist, and sign in."""
    client = accounts.accept_invite(token, **fields)
    db.session.flush()
    sessions.begin_session(client)
    db.session.commit()
    return client
