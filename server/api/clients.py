"""The therapist's caseload and one client (their flags: api/safety.py); reset links; who
cares for the client (sharing, handing over); discharging."""

from datetime import timedelta

from flask import current_app
from flask_smorest import Blueprint

from ..domain import caseload, clinic, closing, recovery
from ..domain.access_log import CARE_TEAM, CREATE, PROFILE, READ, RESET_LINK, STATUS, UPDATE
from ..extensions import db
from ..schemas.accounts import ResetLinkSchema
from ..schemas.clients import CaseloadRowSchema, ClientDetailSchema
from ..schemas.clinic import CareTeamSchema, HandoverSchema, ShareSchema
from .access import (
    care_team_client,
    clinic_client,
    own_client,
    signed_in_therapist,
    therapist_only,
    therapists_client,
)
from .audit import audited
from .invites import public_base_url

blp = Blueprint("clients", __name__, url_prefix="/api/clients",
                description="The therapist's clients")


@blp.route("", methods=["GET"])
@therapist_only
@blp.response(200, CaseloadRowSchema(many=True))
def list_clients():
    """The caseload, clients needing attention first.

    ---
    Each row: last log time, 7-day mean pain (the client's last 7 local days) and its change
    from the 7 days before, adherence over the last 7 days, open safety flags and the most
    urgent one, the pause on self-massage (or null), recent pain for a sparkline; status
    (active, discharged, or closed with the record kept until erase_after), and whether the
    client is shared with you rather than yours.
    """
    return caseload.caseload(signed_in_therapist())


@blp.route("/<int:client_id>", methods=["GET"])
@own_client
@audited(READ, PROFILE)
@blp.response(200, ClientDetailSchema)
@blp.alt_response(404, description="No such client in your caseload")
def get_client(client_id):
    """One client, with the caseload figures, the pause (null unless paused) and their phone
    number for emergencies."""
    client = therapists_client(client_id)
    return caseload.caseload(signed_in_therapist(), client_id=client.id)[0]


@blp.route("/<int:client_id>/reset-link", methods=["POST"])
@own_client
@audited(CREATE, RESET_LINK)
@blp.response(200, ResetLinkSchema)
@blp.alt_response(409, description="The client closed their account")
def make_reset_link(client_id):
    """A single-use, expiring link with which the client sets a new password.

    ---
    Show it as a QR code or send it to the client; any earlier link of theirs stops working.
    Using it ends every other session of the client. Lasts RESET_LINK_TTL_HOURS.
    """
    client = therapists_client(client_id, changes=True)
    ttl = timedelta(hours=current_app.config["RESET_LINK_TTL_HOURS"])
    token, expires_at = recovery.issue_reset_link(client, ttl, issued_by=signed_in_therapist())
    db.session.commit()
    return {"url": f"{public_base_url()}/#/reset/{token}", "expires_at": expires_at}


@blp.route("/<int:client_id>/care-team", methods=["GET"])
@care_team_client
@blp.response(200, CareTeamSchema)
def get_care_team(client_id):
    """Who cares for the client: the main therapist and colleagues it is shared with."""
    return clinic.care_team(clinic_client(client_id))


@blp.route("/<int:client_id>/care-team", methods=["POST"])
@care_team_client
@audited(UPDATE, CARE_TEAM)
@blp.arguments(ShareSchema())
@blp.response(200, CareTeamSchema)
@blp.alt_response(403, description="Not the main therapist or the clinic's administrator")
@blp.alt_response(404, description="No such client, or no such therapist in your clinic")
def share_client(fields, client_id):
    """Share the client with a colleague of the clinic: both see and change the record.

    ---
    The main therapist or the clinic's administrator decides; sharing twice changes nothing.
    """
    team = clinic.share_client(signed_in_therapist(), clinic_client(client_id),
                               fields["therapist_id"])
    db.session.commit()
    return team


@blp.route("/<int:client_id>/care-team/<int:therapist_id>", methods=["DELETE"])
@care_team_client
@audited(UPDATE, CARE_TEAM)
@blp.response(200, CareTeamSchema)
@blp.alt_response(404, description="Not shared with that therapist")
def unshare_client(client_id, therapist_id):
    """Stop sharing the client with a colleague (anyone may step back from a share of theirs)."""
    team = clinic.unshare_client(signed_in_therapist(), clinic_client(client_id), therapist_id)
    db.session.commit()
    return team


@blp.route("/<int:client_id>/handover", methods=["POST"])
@care_team_client
@audited(UPDATE, CARE_TEAM)
@blp.arguments(HandoverSchema())
@blp.response(200, CareTeamSchema)
@blp.alt_response(403, description="Not the main therapist or the clinic's administrator")
@blp.alt_response(404, description="No such client, or no such therapist in your clinic")
def hand_over(fields, client_id):
    """Make a colleague the client's main therapist (keep_access: stay on the care team)."""
    team = clinic.hand_over(signed_in_therapist(), clinic_client(client_id),
                            fields["therapist_id"], fields["keep_access"])
    db.session.commit()
    return team


@blp.route("/<int:client_id>/discharge", methods=["POST"])
@own_client
@audited(UPDATE, STATUS)
@blp.response(200, ClientDetailSchema)
@blp.alt_response(409, description="The client closed their account")
def discharge(client_id):
    """Discharge (archive) the client: reminders and the calendar feed stop, the record stays.

    ---
    The client can still sign in, read their program and history, export and close the account.
    """
    client = closing.discharge(therapists_client(client_id, changes=True))
    db.session.commit()
    return caseload.caseload(signed_in_therapist(), client_id=client.id)[0]


@blp.route("/<int:client_id>/discharge", methods=["DELETE"])
@own_client
@audited(UPDATE, STATUS)
@blp.response(200, ClientDetailSchema)
@blp.alt_response(409, description="The client closed their account")
def readmit(client_id):
    """Take a discharged client back into care: reminders follow the program again."""
    client = closing.readmit(therapists_client(client_id, changes=True))
    db.session.commit()
    return caseload.caseload(signed_in_therapist(), client_id=client.id)[0]
