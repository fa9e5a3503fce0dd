"""The clinic: its therapists and settings, colleague invites, and notices for a therapist."""

from flask import current_app
from flask_smorest import Blueprint

from ..domain import clinic, closing, invites
from ..errors import InvalidInput, NotFound
from ..extensions import db
from ..models import COLLEAGUE_INVITE
from ..schemas.accounts import ColleagueInviteCreateSchema, InviteCreatedSchema
from ..schemas.clinic import ClinicSchema, ClinicUpdateSchema, NoticeSchema
from .access import clinic_admin_only, signed_in_clinic_admin, signed_in_therapist, therapist_only
from .invites import invite_link, invite_ttl

blp = Blueprint("clinic", __name__, url_prefix="/api", description="The clinic")


def _summary(therapist):
    return {**clinic.clinic_summary(therapist),
            "public_base_url": current_app.config.get("PUBLIC_BASE_URL") or None}


@blp.route("/clinic", methods=["GET"])
@therapist_only
@blp.response(200, ClinicSchema)
def get_clinic():
    """The therapist's clinic: its name, its therapists, and the installation's sign-up setting."""
    return _summary(signed_in_therapist())


@blp.route("/clinic", methods=["PATCH"])
@therapist_only
@blp.arguments(ClinicUpdateSchema())
@blp.response(200, ClinicSchema)
@blp.alt_response(403, description="Not the clinic's (or, for signup_open, the installation's) "
                                   "administrator")
def update_clinic(fields):
    """Rename the clinic (its administrator), or open or close sign-up (the installation's).

    ---
    With sign-up closed, POST /api/auth/register answers 403 and therapists join only by an
    administrator's invite (POST /api/clinic/invites).
    """
    therapist = signed_in_therapist()
    if not fields:
        raise InvalidInput(errors={"_schema": ["Send name or signup_open."]})
    if "name" in fields:
        clinic.rename_clinic(therapist, fields["name"])
    if "signup_open" in fields:
        clinic.set_signup_open(therapist, fields["signup_open"])
    db.session.commit()
    return _summary(therapist)


@blp.route("/clinic/invites", methods=["POST"])
@clinic_admin_only
@blp.arguments(ColleagueInviteCreateSchema())
@blp.response(200, InviteCreatedSchema)
@blp.alt_response(409, description="An account with that email exists already")
def invite_colleague(fields):
    """Invite a therapist to join the clinic (its administrator only; single use, expiring).

    ---
    The link is accepted like a client's (POST /api/invites/{token}/accept, no consent needed)
    and makes a therapist of this clinic. It is listed, withdrawn and renewed with the
    administrator's other invites (GET /api/invites).
    """
    admin = signed_in_clinic_admin()
    invite, token = invites.create_invite(admin, fields["name"], fields["email"], invite_ttl(),
                                          kind=COLLEAGUE_INVITE)
    db.session.commit()
    return invite_link(invite, token)


@blp.route("/notices", methods=["GET"])
@therapist_only
@blp.response(200, NoticeSchema(many=True))
def list_notices():
    """What the therapist must be told: clients who closed their account, newest first."""
    return closing.notices_for(signed_in_therapist())


@blp.route("/notices/<int:notice_id>", methods=["DELETE"])
@therapist_only
@blp.response(204)
@blp.alt_response(404, description="No such notice of yours")
def dismiss_notice(notice_id):
    """Dismiss a notice (it is deleted)."""
    if not closing.dismiss_notice(signed_in_therapist(), notice_id):
        raise NotFound("No such notice.")
    db.session.commit()
