"""The clinical summary of one client, for the notes or a doctor's letter."""

from flask_smorest import Blueprint

from ..domain.access_log import READ, RECORD
from ..domain.clinical_summary import clinical_summary
from ..schemas.summary import SummaryQuerySchema, SummarySchema
from .access import own_client, signed_in_therapist, therapists_client
from .audit import audited

blp = Blueprint("summary", __name__, url_prefix="/api", description="Clinical summary")


@blp.route("/clients/<int:client_id>/summary", methods=["GET"])
@own_client
@audited(READ, RECORD)
@blp.arguments(SummaryQuerySchema(), location="query")
@blp.response(200, SummarySchema)
def get_client_summary(query, client_id):
    """One client's clinical summary over a range (?from=&to=; default the whole record).

    ---
    Client and therapist, the range and when it was made; pain in the range and at the baseline
    against now; the PSFS; adherence (sessions on time / sessions planned); the best direction
    with its evidence; every flag raised in the range with who acknowledged it and their note;
    the program in force. Dates are the client's local days.
    """
    client = therapists_client(client_id)
    return clinical_summary(signed_in_therapist(), client, query["from_"], query["to"])
