"""Change in pain across a therapist's caseload: "9 of 14 clients meaningfully better than their
baseline", counted over the active clients, in a fixed number of queries."""

from __future__ import annotations

from sqlalchemy import select

from ..extensions import db
from ..models import User
from . import pain_change
from .caseload import clients_of


def caseload_outcomes(therapist: User) -> dict:
    clients = [client for client in db.session.scalars(
        select(User).where(User.id.in_(clients_of(therapist).scalar_subquery()))
        .order_by(User.id)) if client.status == "active"]
    return pain_change.summary(pain_change.outcomes(clients), len(clients))
