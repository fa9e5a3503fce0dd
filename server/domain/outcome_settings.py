"""The therapist's per-client outcome settings (baseline, leading with the best direction): one
row per client, read or upserted; no row means the defaults."""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite

from ..extensions import db
from ..models import OutcomeSettings, User, utcnow


def settings_of(client: User) -> OutcomeSettings | None:
    return db.session.get(OutcomeSettings, client.id)


def save_settings(therapist: User, client: User, **values) -> OutcomeSettings:
    """Upsert the client's row with the values given (the others as stored, or the defaults),
    so two saves at once leave one row, the later one's."""
    row = {"client_id": client.id, "updated_at": utcnow(), "updated_by_id": therapist.id,
           **values}
    dialect = db.session.get_bind().dialect.name
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(
        OutcomeSettings.__table__).values(row)
    db.session.execute(insert.on_conflict_do_update(
        index_elements=["client_id"],
        set_={key: value for key, value in row.items() if key != "client_id"}))
    db.session.expire_all()
    return db.session.get(OutcomeSettings, client.id)
