"""Exports of one client's record: the client's own, and their therapist's of them. JSON with
everything, CSV of logs, sessions or flags (?records=), or a FHIR R4 Bundle."""

import json

from flask import Response
from flask_smorest import Blueprint

from ..domain import access_log, export
from ..domain.csv_export import records_as_csv
from ..domain.fhir_export import client_bundle
from ..extensions import db
from ..models import User, utcnow
from ..schemas.export import CSV, FHIR, ExportQuerySchema, ExportSchema
from .access import client_only, own_client, signed_in_client, therapists_client
from .audit import audited

blp = Blueprint("export", __name__, url_prefix="/api", description="Export")

FHIR_JSON = "application/fhir+json"


def _download(client: User, query: dict):
    stamp = utcnow().strftime("%Y%m%d")
    if query["format"] == CSV:
        kind = query["records"]
        return Response(records_as_csv(client, kind), mimetype="text/csv", headers={
            "Content-Disposition": f'attachment; filename="cluneal-{kind}-{stamp}.csv"'})
    if query["format"] == FHIR:
        return Response(json.dumps(client_bundle(client), ensure_ascii=False), mimetype=FHIR_JSON,
                        headers={"Content-Disposition":
                                 f'attachment; filename="cluneal-fhir-{stamp}.json"'})
    return {"exported_at": utcnow().isoformat(), **export.everything(client)}


def _document(view):
    # One status, three bodies: OpenAPI keys responses by status, so the others are said here.
    return blp.alt_response(
        200, success=True, content_type="application/json",
        description="format=json: the record (Export); format=csv: text/csv; format=fhir: a FHIR "
                    "R4 Bundle as application/fhir+json")(view)


@blp.route("/me/export", methods=["GET"])
@client_only
@blp.arguments(ExportQuerySchema(), location="query")
@blp.response(200, ExportSchema, content_type="application/json")
@_document
def export_me(query):
    """Download all of one's data: JSON, CSV or FHIR.

    ---
    ?format=json (default): everything, in the API's own shapes. ?format=csv: one kind of record
    per file, ?records=logs (default), sessions or flags; UTF-8 with a byte-order mark, each time
    in UTC and in the client's local time, plain words beside each code. ?format=fhir: a FHIR R4
    Bundle (type collection) of the Patient, pain Observations (LOINC 72514-3), each program
    version as a CarePlan (activities SNOMED 229065009) and PSFS answers as
    QuestionnaireResponses.
    """
    client = signed_in_client()
    access_log.record_access(client, client, access_log.EXPORT, access_log.RECORD)
    db.session.commit()
    return _download(client, query)


@blp.route("/clients/<int:client_id>/export", methods=["GET"])
@own_client
@audited(access_log.EXPORT, access_log.RECORD)
@blp.arguments(ExportQuerySchema(), location="query")
@blp.response(200, ExportSchema, content_type="application/json")
@_document
def export_client(query, client_id):
    """Download one client's record: JSON, CSV or FHIR (the access log notes it).

    ---
    ?format=json (default): everything, in the API's own shapes. ?format=csv: one kind of record
    per file, ?records=logs (default), sessions or flags; UTF-8 with a byte-order mark, each time
    in UTC and in the client's local time, plain words beside each code. ?format=fhir: a FHIR R4
    Bundle (type collection) of the Patient, pain Observations (LOINC 72514-3), each program
    version as a CarePlan (activities SNOMED 229065009) and PSFS answers as
    QuestionnaireResponses.
    """
    return _download(therapists_client(client_id), query)
