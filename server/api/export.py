"""A client's export of all their data (JSON, or CSV of the symptom logs)."""

from flask import Response
from flask_smorest import Blueprint

from ..domain import access_log, export
from ..extensions import db
from ..models import utcnow
from ..schemas.export import ExportQuerySchema, ExportSchema
from .access import client_only, signed_in_client

blp = Blueprint("export", __name__, url_prefix="/api", description="Export")


@blp.route("/me/export", methods=["GET"])
@client_only
@blp.arguments(ExportQuerySchema, location="query")
@blp.response(200, ExportSchema, content_type="application/json")
@blp.alt_response(200, description="CSV of the symptom logs", content_type="text/csv",
                  success=True)
def export_me(query):
    """Download all of one's data: ?format=json (everything) or ?format=csv (symptom logs)."""
    client = signed_in_client()
    access_log.record_access(client, client, access_log.EXPORT, access_log.RECORD)
    db.session.commit()
    stamp = utcnow().strftime("%Y%m%d")
    if query["format"] == "csv":
        return Response(export.logs_as_csv(client), mimetype="text/csv", headers={
            "Content-Disposition": f'attachment; filename="cluneal-logs-{stamp}.csv"'})
    return {"exported_at": utcnow().isoformat(), **export.everything(client)}
