"""The therapist's caseload and one client; acknowledging safety flags."""

from flask_smorest import Blueprint

from ..domain import caseload, safety
from ..extensions import db
from ..schemas.clients import CaseloadRowSchema, ClientDetailSchema
from ..schemas.trends import SafetyFlagSchema
from .access import signed_in_therapist, therapists_client, therapists_client_flag

blp = Blueprint("clients", __name__, url_prefix="/api/clients",
                description="The therapist's clients")


@blp.route("", methods=["GET"])
@blp.response(200, CaseloadRowSchema(many=True))
def list_clients():
    """The caseload, clients needing attention first.

    ---
    Each row: last log time, 7-day mean pain and its change from the week before, adherence over
    the last 7 days, open safety flags and the most urgent one, recent pain for a sparkline.
    """
    return caseload.caseload(signed_in_therapist())


@blp.route("/<int:client_id>", methods=["GET"])
@blp.response(200, ClientDetailSchema)
@blp.alt_response(404, description="No such client in your caseload")
def get_client(client_id):
    """One client, with the caseload figures."""
    client = therapists_client(client_id)
    return caseload.caseload(signed_in_therapist(), client_id=client.id)[0]


@blp.route("/<int:client_id>/flags", methods=["GET"])
@blp.response(200, SafetyFlagSchema(many=True))
def list_open_flags(client_id):
    """The client's open (unacknowledged) safety flags, newest first."""
    return safety.open_flags(therapists_client(client_id))


@blp.route("/<int:client_id>/flags/<int:flag_id>/acknowledge", methods=["POST"])
@blp.response(200, SafetyFlagSchema)
def acknowledge_flag(client_id, flag_id):
    """Mark a safety flag as seen and dealt with."""
    flag = safety.acknowledge_flag(signed_in_therapist(),
                                   therapists_client_flag(client_id, flag_id))
    db.session.commit()
    return flag
