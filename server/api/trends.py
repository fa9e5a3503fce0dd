"""Symptom trends for charts: per local day or ISO week, oldest first."""

from flask_smorest import Blueprint

from ..domain.access_log import READ, TRENDS
from ..domain.trends import client_trends
from ..schemas.trends import TrendsQuerySchema, TrendsSchema
from .access import client_only, own_client, reading_client, therapists_client
from .audit import audited

blp = Blueprint("trends", __name__, url_prefix="/api", description="Symptom trends")


@blp.route("/me/trends", methods=["GET"])
@client_only
@blp.arguments(TrendsQuerySchema(), location="query")
@blp.response(200, TrendsSchema)
def get_my_trends(query):
    """The client's own trends (?from=&to=&bucket=day|week).

    ---
    Buckets are the client's local days or ISO weeks (Monday first), in their time zone, oldest
    first; empty buckets are present with null pain figures. Defaults to the last 30 days.
    """
    return client_trends(reading_client(), query["from_"], query["to"], query["bucket"])


@blp.route("/clients/<int:client_id>/trends", methods=["GET"])
@own_client
@audited(READ, TRENDS)
@blp.arguments(TrendsQuerySchema(), location="query")
@blp.response(200, TrendsSchema)
def get_client_trends(query, client_id):
    """A client's trends, as the client sees them."""
    return client_trends(therapists_client(client_id), query["from_"], query["to"],
                         query["bucket"])
