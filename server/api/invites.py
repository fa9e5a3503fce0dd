"""Invites: a therapist asks a client to join; the client accepts and is signed in. The
therapist lists the invites still waiting, withdraws or renews them."""

from datetime import timedelta

from flask import current_app, request
from flask_smorest import Blueprint

from ..domain import consent, invites
from ..extensions import db, limiter
from ..models import CLIENT_INVITE
from ..schemas.accounts import (
    InviteAcceptSchema,
    InviteCreatedSchema,
    InviteCreateSchema,
    InvitePreviewSchema,
    InviteRowSchema,
    UserSchema,
)
from ..security import sessions
from .access import public, signed_in_therapist, therapist_only
from .auth import address_limit, retention_days

blp = Blueprint("invites", __name__, url_prefix="/api/invites", description="Client invites")


def public_base_url() -> str:
    return (current_app.config.get("PUBLIC_BASE_URL") or request.host_url).rstrip("/")


def invite_ttl() -> timedelta:
    return timedelta(hours=current_app.config["INVITE_TTL_HOURS"])


def invite_link(invite, token: str) -> dict:
    """The token is after '#', so it never reaches a server log as part of a request."""
    return {"token": token, "url": f"{public_base_url()}/#/join/{token}",
            "expires_at": invite.expires_at}


@blp.route("", methods=["POST"])
@therapist_only
@blp.arguments(InviteCreateSchema())
@blp.response(200, InviteCreatedSchema)
@blp.alt_response(409, description="An account with that email exists already")
def create_invite(fields):
    """Invite a client (single use, expiring).

    ---
    Refused (409) when the email already has an account: a client who forgot their password
    needs a reset link from their record, not a new account.
    """
    therapist = signed_in_therapist()
    invite, token = invites.create_invite(therapist, fields["name"], fields["email"],
                                          invite_ttl())
    db.session.commit()
    return invite_link(invite, token)


@blp.route("", methods=["GET"])
@therapist_only
@blp.response(200, InviteRowSchema(many=True))
def list_invites():
    """The therapist's invites that nobody has used or withdrawn, newest first.

    ---
    Expired ones are listed too (expires_at in the past), so they can be renewed.
    """
    return invites.waiting_invites(signed_in_therapist())


@blp.route("/<int:invite_id>", methods=["DELETE"])
@therapist_only
@blp.response(204)
@blp.alt_response(404, description="No such invite waiting among yours")
def revoke_invite(invite_id):
    """Withdraw an invite: its link then answers 410 and says it was withdrawn."""
    invites.revoke_invite(invites.therapists_waiting_invite(signed_in_therapist(), invite_id))
    db.session.commit()


@blp.route("/<int:invite_id>/renew", methods=["POST"])
@therapist_only
@blp.response(200, InviteCreatedSchema)
@blp.alt_response(404, description="No such invite waiting among yours")
@blp.alt_response(409, description="The email has an account by now")
def renew_invite(invite_id):
    """A new link and expiry for an invite; the old link stops working (404)."""
    invite = invites.therapists_waiting_invite(signed_in_therapist(), invite_id)
    token = invites.renew_invite(invite, invite_ttl())
    db.session.commit()
    return invite_link(invite, token)


@blp.route("/<invite_token:token>", methods=["GET"])
@public
@limiter.limit(address_limit)
@blp.response(200, InvitePreviewSchema)
@blp.alt_response(404, description="No such invite")
@blp.alt_response(410, description="Used, withdrawn or expired")
def preview_invite(token):
    """Who the invite is for and from, and (for a client) the privacy notice to agree to."""
    preview = invites.invite_preview(token)
    preview["privacy"] = (consent.privacy_notice(retention_days())
                          if preview["kind"] == CLIENT_INVITE else None)
    return preview


@blp.route("/<invite_token:token>/accept", methods=["POST"])
@public
@limiter.limit(address_limit)
@blp.arguments(InviteAcceptSchema())
@blp.response(200, UserSchema)
@blp.alt_response(404, description="No such invite")
@blp.alt_response(409, description="An account with that email exists")
@blp.alt_response(410, description="Used, withdrawn or expired")
@blp.alt_response(422, description="No email on the invite and none given, or the privacy "
                                   "notice not agreed to (consent_version missing or stale)")
def accept_invite(fields, token):
    """Accept an invite: create the account, linked to the therapist, and sign in.

    ---
    A client must send consent_version: the version of the privacy notice (GET on the invite, or
    GET /api/privacy) they read and agreed to; it is stored with the account. A colleague's
    invite makes a therapist of the inviting clinic instead.
    """
    user = invites.accept_invite(token, **fields, retention_days=retention_days())
    db.session.flush()
    sessions.begin_session(user)
    db.session.commit()
    return user
