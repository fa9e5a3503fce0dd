"""The access log: who read or changed a client's record, for the client, their therapists and
the clinic's administrator. Newest first, paged like logs (X-Pagination)."""

from flask_smorest import Blueprint

from ..domain import access_log
from ..schemas.base import PagedQuerySchema
from ..schemas.clinic import AccessLogEntrySchema, AccessLogQuerySchema
from .access import (
    client_only,
    clinic_admin_only,
    own_client,
    signed_in_client,
    signed_in_clinic_admin,
    therapists_client,
)
from .records import PAGE, CountedPage

blp = Blueprint("access_log", __name__, url_prefix="/api", description="Access log")


@blp.route("/me/access-log", methods=["GET"])
@client_only
@blp.arguments(PagedQuerySchema(), location="query")
@blp.response(200, AccessLogEntrySchema(many=True))
@blp.paginate(CountedPage, **PAGE)
def my_access_log(_query):
    """Who has read or changed the client's record, newest first (paged).

    ---
    Entries name the person, what they did and to which part of the record; never its content.
    The client's own reading is not listed.
    """
    return access_log.entries_about(signed_in_client().id)


@blp.route("/clients/<int:client_id>/access-log", methods=["GET"])
@own_client
@blp.arguments(PagedQuerySchema(), location="query")
@blp.response(200, AccessLogEntrySchema(many=True))
@blp.paginate(CountedPage, **PAGE)
def client_access_log(_query, client_id):
    """Who has read or changed this client's record, newest first (paged)."""
    return access_log.entries_about(therapists_client(client_id).id)


@blp.route("/clinic/access-log", methods=["GET"])
@clinic_admin_only
@blp.arguments(AccessLogQuerySchema(), location="query")
@blp.response(200, AccessLogEntrySchema(many=True))
@blp.paginate(CountedPage, **PAGE)
def clinic_access_log(query):
    """Every entry about the clinic's clients (its administrator only), newest first (paged).

    ---
    ?client_id= narrows it to one record, erased ones included: entries outlive the record.
    """
    admin = signed_in_clinic_admin()
    return access_log.entries_in_clinic(admin.clinic_id, query.get("client_id"))
