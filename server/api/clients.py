"""The therapist's caseload and one client (their flags: api/safety.py)."""

from flask_smorest import Blueprint

from ..domain import caseload
from ..schemas.clients import CaseloadRowSchema, ClientDetailSchema
from .access import signed_in_therapist, therapists_client

blp = Blueprint("clients", __name__, url_prefix="/api/clients",
                description="The therapist's clients")


@blp.route("", methods=["GET"])
@blp.response(200, CaseloadRowSchema(many=True))
def list_clients():
    """The caseload, clients needing attention first.

    ---
    Each row: last log time, 7-day mean pain (the client's last 7 local days) and its change
    from the 7 days before, adherence over the last 7 days, open safety flags and the most
    urgent one, the pause on self-massage (or null), recent pain for a sparkline.
    """
    return caseload.caseload(signed_in_therapist())


@blp.route("/<int:client_id>", methods=["GET"])
@blp.response(200, ClientDetailSchema)
@blp.alt_response(404, description="No such client in your caseload")
def get_client(client_id):
    """One client, with the caseload figures and the pause (null unless paused)."""
    client = therapists_client(client_id)
    return caseload.caseload(signed_in_therapist(), client_id=client.id)[0]
