"""Symptom logs and practice sessions: the client sends batches; both roles read them."""

from flask_smorest import Blueprint, Page
from sqlalchemy import func, select

from ..domain import records
from ..domain.access_log import LOGS, READ, SESSIONS
from ..errors import InvalidInput
from ..extensions import db
from ..models import PracticeSession, SymptomLog, User
from ..schemas.base import INT64_MAX
from ..schemas.records import (
    BatchReceiptSchema,
    PagedRangeQuerySchema,
    PracticeSessionSchema,
    SymptomLogSchema,
)
from .access import client_only, own_client, reading_client, signed_in_client, therapists_client
from .audit import audited
from .batches import limit_batch
from .ranges import range_bounds

blp = Blueprint("records", __name__, url_prefix="/api",
                description="Symptom logs and practice sessions")

PAGE = {"page_size": 50, "max_page_size": 500}


class CountedPage(Page):
    """Pages over a SELECT: the total is a COUNT in SQL, the page a LIMIT/OFFSET."""

    def __init__(self, collection, page_params):
        # An OFFSET past 64 bits overflows the database driver; such a page cannot exist.
        if page_params.first_item + page_params.page_size > INT64_MAX:
            raise InvalidInput(errors={"page": ["Too large a page number."]})
        super().__init__(collection, page_params)

    @property
    def items(self):
        statement = self.collection.limit(self.page_params.page_size).offset(
            self.page_params.first_item)
        return list(db.session.scalars(statement))

    @property
    def item_count(self):
        return db.session.scalar(
            select(func.count()).select_from(self.collection.order_by(None).subquery()))


def _logs(client: User, query: dict):
    start, end = range_bounds(client, query)
    statement = select(SymptomLog).where(SymptomLog.client_id == client.id)
    if start is not None:
        statement = statement.where(SymptomLog.recorded_at >= start)
    if end is not None:
        statement = statement.where(SymptomLog.recorded_at < end)
    return statement.order_by(SymptomLog.recorded_at.desc(), SymptomLog.id)


def _sessions(client: User, query: dict):
    start, end = range_bounds(client, query)
    statement = select(PracticeSession).where(PracticeSession.client_id == client.id)
    if start is not None:
        statement = statement.where(PracticeSession.started_at >= start)
    if end is not None:
        statement = statement.where(PracticeSession.started_at < end)
    return statement.order_by(PracticeSession.started_at.desc(), PracticeSession.id)


def _receipt(recorded: records.Recorded) -> dict:
    return {"received": recorded.received, "created": len(recorded.created), "ids": recorded.ids,
            "therapist_alerted": recorded.therapist_alerted,
            "refused": [{"id": refused, "code": 409, "message": records.CANNOT_STORE}
                        for refused in recorded.refused]}


@blp.route("/me/logs", methods=["POST"])
@client_only
@limit_batch
@blp.arguments(SymptomLogSchema(many=True))
@blp.response(200, BatchReceiptSchema)
@blp.alt_response(413, description="More than 500 logs in one batch")
@blp.alt_response(422, description="An item is invalid; errors are keyed by its index")
def post_logs(logs):
    """Send a batch of symptom logs (at most 500).

    ---
    Each log carries a UUID made on the device. Re-sending an id already stored changes nothing
    and is not an error, so an outbox can retry freely. One bad item refuses the whole batch, and
    the errors name it by its index. ids lists only what is stored for the caller, so the outbox
    may forget exactly those; an id already used by someone else is listed under refused
    ({id, code: 409, message}) while the rest of the batch is stored, and the phone keeps it.
    therapist_alerted is true when a log stored now raised a safety flag whose alert is on its
    way to the therapist (a device of theirs is subscribed, or the flag is emailed): only then
    may the app say the therapist has been sent a notification.
    """
    recorded = records.record_logs(reading_client(), logs)
    db.session.commit()
    return _receipt(recorded)


@blp.route("/me/logs", methods=["GET"])
@client_only
@blp.arguments(PagedRangeQuerySchema(), location="query")
@blp.response(200, SymptomLogSchema(many=True))
@blp.paginate(CountedPage, **PAGE)
def get_my_logs(query):
    """The client's symptom logs, newest first (?from=&to=, paged)."""
    return _logs(signed_in_client(), query)


@blp.route("/clients/<int:client_id>/logs", methods=["GET"])
@own_client
@audited(READ, LOGS)
@blp.arguments(PagedRangeQuerySchema(), location="query")
@blp.response(200, SymptomLogSchema(many=True))
@blp.paginate(CountedPage, **PAGE)
def get_client_logs(query, client_id):
    """A client's symptom logs, newest first (?from=&to=, paged)."""
    return _logs(therapists_client(client_id), query)


@blp.route("/me/sessions", methods=["POST"])
@client_only
@limit_batch
@blp.arguments(PracticeSessionSchema(many=True))
@blp.response(200, BatchReceiptSchema)
@blp.alt_response(413, description="More than 500 sessions in one batch")
@blp.alt_response(422, description="An item is invalid; errors are keyed by its index")
def post_sessions(sessions):
    """Send a batch of practice sessions (at most 500), idempotent like logs."""
    recorded = records.record_sessions(signed_in_client(), sessions)
    db.session.commit()
    return _receipt(recorded)


@blp.route("/me/sessions", methods=["GET"])
@client_only
@blp.arguments(PagedRangeQuerySchema(), location="query")
@blp.response(200, PracticeSessionSchema(many=True))
@blp.paginate(CountedPage, **PAGE)
def get_my_sessions(query):
    """The client's practice sessions, newest first (?from=&to=, paged)."""
    return _sessions(signed_in_client(), query)


@blp.route("/clients/<int:client_id>/sessions", methods=["GET"])
@own_client
@audited(READ, SESSIONS)
@blp.arguments(PagedRangeQuerySchema(), location="query")
@blp.response(200, PracticeSessionSchema(many=True))
@blp.paginate(CountedPage, **PAGE)
def get_client_sessions(query, client_id):
    """A client's practice sessions, newest first (?from=&to=, paged)."""
    return _sessions(therapists_client(client_id), query)
