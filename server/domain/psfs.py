"""The Patient-Specific Functional Scale (shared/domain.md, "Standards to line up with"): the client
names up to MAX_ACTIVITIES activities that matter to them and rates each from 0 (unable to do
it) to 10 (able to do it as before the problem), once a week.

- A week is the client's local ISO week: Monday 00:00 to the next Monday 00:00 on their wall
  clock, so the week a daylight-saving change falls in lasts 167 or 169 hours.
- Ratings are due while an activity of the client's has no rating in the current local week;
  once every activity is rated, the next are due when the next local week starts (next_due_at).
- One rating per activity and week (a unique index); rating again in the same week replaces it.
- An activity the client stops rating is retired, not deleted, so its ratings keep their meaning.
- A change of MEANINGFUL_CHANGE (2) points or more on an activity, first rating to latest, is
  clinically meaningful (higher is better).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from ..errors import InvalidInput
from ..extensions import db
from ..models import PsfsActivity, PsfsRating, User, utcnow
from .calendar_days import local_date, local_midnight, to_utc

MAX_ACTIVITIES = 3
SCORE_MIN = 0
SCORE_MAX = 10
NAME_MAX_LENGTH = 120
#: A change this large on one activity is clinically meaningful (about 2 points: domain.md).
MEANINGFUL_CHANGE = 2
#: Ratings are asked once every local week.
PROMPT_EVERY_DAYS = 7


def week_start(zone: ZoneInfo, instant: datetime) -> date:
    """The Monday that starts the client's local week holding instant."""
    day = local_date(instant, zone)
    return day - timedelta(days=day.weekday())


def week_bounds(zone: ZoneInfo, monday: date) -> tuple[datetime, datetime]:
    """UTC [start, end) of the local week starting on monday."""
    return (to_utc(local_midnight(monday, zone)),
            to_utc(local_midnight(monday + timedelta(days=PROMPT_EVERY_DAYS), zone)))


@dataclass(frozen=True)
class ActivityChange:
    activity_id: int
    first_week: date
    first_score: int
    latest_week: date
    latest_score: int

    @property
    def points(self) -> int:
        return self.latest_score - self.first_score

    @property
    def meaningful(self) -> bool:
        return abs(self.points) >= MEANINGFUL_CHANGE


def _active(client: User) -> list[PsfsActivity]:
    return list(db.session.scalars(
        select(PsfsActivity).where(PsfsActivity.client_id == client.id,
                                   PsfsActivity.retired_at.is_(None))
        .order_by(PsfsActivity.slot)))


def _clean(name: str) -> str:
    return " ".join(name.split())


def set_activities(client: User, names: Sequence[str], now: datetime | None = None
                   ) -> list[PsfsActivity]:
    """Make `names` the client's activities. One already named (whatever its case or spacing)
    keeps its slot and its ratings; the others are retired; new ones take the free slots."""
    now = now or utcnow()
    cleaned = []
    errors = {}
    for index, name in enumerate(names):
        name = _clean(name)
        if not name:
            errors[str(index)] = ["Name the activity."]
        elif len(name) > NAME_MAX_LENGTH:
            errors[str(index)] = [f"At most {NAME_MAX_LENGTH} characters."]
        elif name.casefold() in {c.casefold() for c in cleaned}:
            errors[str(index)] = ["This activity is already listed."]
        else:
            cleaned.append(name)
    if errors:
        raise InvalidInput(errors={"activities": errors})
    if len(cleaned) > MAX_ACTIVITIES:
        raise InvalidInput(errors={"activities": [f"At most {MAX_ACTIVITIES} activities."]})

    wanted = {name.casefold(): name for name in cleaned}
    kept = []
    for activity in _active(client):
        if activity.name.casefold() in wanted:
            kept.append(activity)
            del wanted[activity.name.casefold()]
        else:
            activity.retired_at = now
    db.session.flush()  # frees the retired slots before new activities take them
    free = [slot for slot in range(1, MAX_ACTIVITIES + 1)
            if slot not in {activity.slot for activity in kept}]
    for slot, name in zip(free, wanted.values(), strict=False):
        db.session.add(PsfsActivity(client_id=client.id, slot=slot, name=name, created_at=now))
    db.session.flush()
    return _active(client)


def record_ratings(client: User, ratings: Sequence[dict], now: datetime | None = None) -> date:
    """Store this local week's ratings [{activity_id, score}] (replacing any given earlier this
    week); returns the week's Monday. Every activity must be one of the client's current ones."""
    now = now or utcnow()
    active = {activity.id for activity in _active(client)}
    errors = {str(i): {"activity_id": ["Not one of your activities."]}
              for i, rating in enumerate(ratings) if rating["activity_id"] not in active}
    if errors:
        raise InvalidInput(errors={"ratings": errors})
    monday = week_start(ZoneInfo(client.timezone), now)
    rows = [{"client_id": client.id, "activity_id": rating["activity_id"], "week_start": monday,
             "score": rating["score"], "recorded_at": now} for rating in ratings]
    if rows:
        dialect = db.session.get_bind().dialect.name
        insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(
            PsfsRating.__table__)
        for row in {row["activity_id"]: row for row in rows}.values():  # the last one counts
            db.session.execute(insert.values(row).on_conflict_do_update(
                index_elements=["client_id", "activity_id", "week_start"],
                set_={"score": row["score"], "recorded_at": row["recorded_at"]}))
        db.session.expire_all()
    return monday


def changes(ratings: Sequence[PsfsRating]) -> dict[int, ActivityChange]:
    """Per activity: its first and latest ratings, once it has two weeks rated."""
    by_activity: dict[int, list[PsfsRating]] = {}
    for rating in sorted(ratings, key=lambda r: r.week_start):
        by_activity.setdefault(rating.activity_id, []).append(rating)
    return {activity_id: ActivityChange(activity_id, rows[0].week_start, rows[0].score,
                                        rows[-1].week_start, rows[-1].score)
            for activity_id, rows in by_activity.items() if len(rows) > 1}


@dataclass(frozen=True)
class PsfsRecord:
    activities: list[PsfsActivity]
    ratings: list[PsfsRating]
    this_week: date
    #: Activities still to rate this week.
    due: list[int]
    #: When the next ratings are asked (start of next local week) once this week's are done.
    next_due_at: datetime | None
    changes: dict[int, ActivityChange]

    def as_dict(self) -> dict:
        return {
            "activities": [{"id": a.id, "slot": a.slot, "name": a.name,
                            "created_at": a.created_at, "retired_at": a.retired_at,
                            "change": _change_dict(self.changes.get(a.id))}
                           for a in self.activities],
            "ratings": [{"activity_id": r.activity_id, "week_start": r.week_start,
                         "score": r.score, "recorded_at": r.recorded_at} for r in self.ratings],
            "this_week": self.this_week,
            "due": bool(self.due),
            "due_activity_ids": self.due,
            "next_due_at": self.next_due_at,
        }


def _change_dict(change: ActivityChange | None) -> dict | None:
    if change is None:
        return None
    return {"first_week": change.first_week, "first_score": change.first_score,
            "latest_week": change.latest_week, "latest_score": change.latest_score,
            "points": change.points, "meaningful": change.meaningful}


def psfs_record(client: User, now: datetime | None = None, *, retired: bool = False
                ) -> PsfsRecord:
    """The client's activities (also the retired ones for the therapist), every rating oldest
    first, this week, what is due and each activity's change so far."""
    now = now or utcnow()
    zone = ZoneInfo(client.timezone)
    query = select(PsfsActivity).where(PsfsActivity.client_id == client.id)
    if not retired:
        query = query.where(PsfsActivity.retired_at.is_(None))
    activities = list(db.session.scalars(query.order_by(
        PsfsActivity.retired_at.is_not(None), PsfsActivity.slot, PsfsActivity.id)))
    shown = {a.id for a in activities}
    ratings = [r for r in db.session.scalars(
        select(PsfsRating).where(PsfsRating.client_id == client.id)
        .order_by(PsfsRating.week_start, PsfsRating.activity_id)) if r.activity_id in shown]
    monday = week_start(zone, now)
    rated = {r.activity_id for r in ratings if r.week_start == monday}
    due = [a.id for a in activities if a.retired_at is None and a.id not in rated]
    has_active = any(a.retired_at is None for a in activities)
    next_due_at = week_bounds(zone, monday)[1] if has_active and not due else None
    return PsfsRecord(activities, ratings, monday, due, next_due_at, changes(ratings))
