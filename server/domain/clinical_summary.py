"""A clinical summary of one client over a range, for the notes or a doctor's letter: who and
when, pain at the baseline against now, the PSFS, adherence, the best direction with its
evidence, every flag raised in the range and how each was handled, and the program in force.

It gathers what other rules decide (trends, adherence, outcomes, best direction, safety) and
decides nothing itself. The range defaults to the whole record: from the client's first log or
session (or their joining) to today, at most trends.MAX_DAYS long.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from ..extensions import db
from ..models import PracticeSession, Program, SymptomLog, User, utcnow
from . import best_direction, pain_change, psfs
from .calendar_days import local_date
from .trends import MAX_DAYS, client_trends

#: Weeks the summary's table shows, the latest ones: a page holds about this many rows.
WEEKS_SHOWN = 8


def _first_record_day(client: User, zone: ZoneInfo) -> date:
    first = db.session.execute(select(
        select(func.min(SymptomLog.recorded_at)).where(SymptomLog.client_id == client.id)
        .scalar_subquery(),
        select(func.min(PracticeSession.started_at))
        .where(PracticeSession.client_id == client.id).scalar_subquery())).one()
    instants = [t for t in first if t is not None] or [client.created_at]
    return local_date(min(instants), zone)


def summary_range(client: User, start: date | datetime | None,
                  end: date | datetime | None) -> tuple[date | datetime, date | datetime]:
    """The range asked for, or the whole record (capped to the latest MAX_DAYS days)."""
    zone = ZoneInfo(client.timezone)
    last = end if end is not None else local_date(utcnow(), zone)
    if start is None:
        last_day = local_date(last, zone) if isinstance(last, datetime) else last
        start = max(_first_record_day(client, zone), last_day - timedelta(days=MAX_DAYS - 1))
        start = min(start, last_day)
    return start, last


def _adherence(series: list[dict]) -> dict:
    planned = sum(week["sessions_planned"] for week in series)
    on_time = sum(week["on_time"] for week in series)
    return {"sessions_done": sum(week["sessions_done"] for week in series),
            "sessions_planned": planned, "on_time": on_time,
            "ratio": round(on_time / planned, 2) if planned else None}


def _pain_in_range(series: list[dict]) -> dict:
    logged = [week for week in series if week["logs"]]
    count = sum(week["logs"] for week in logged)
    mean = sum(week["pain_mean"] * week["logs"] for week in logged) / count if count else None
    return {"logs": count, "mean": None if mean is None else round(mean, 1),
            "min": min((week["pain_min"] for week in logged), default=None),
            "max": max((week["pain_max"] for week in logged), default=None)}


def clinical_summary(author: User, client: User, start: date | datetime | None,
                     end: date | datetime | None) -> dict:
    """Everything the printed summary shows, as plain values for its schema."""
    start, end = summary_range(client, start, end)
    # Totals over the exact range from its days; the table from whole ISO weeks, the latest.
    daily = client_trends(client, start, end, "day")
    series = daily["series"]
    last_day = date.fromisoformat(daily["to"])
    table_from = max(date.fromisoformat(daily["from_"]),
                     last_day - timedelta(days=7 * WEEKS_SHOWN - 1))
    weeks = client_trends(client, table_from, last_day, "week")["series"][-WEEKS_SHOWN:]
    program = db.session.scalar(select(Program).where(Program.client_id == client.id)
                                .order_by(Program.version.desc()).limit(1))
    return {
        "client": client,
        "therapist": client.therapist,
        "prepared_by": author,
        "from_": daily["from_"],
        "to": daily["to"],
        "timezone": client.timezone,
        "printed_at": utcnow(),
        "pain": _pain_in_range(series),
        "adherence": _adherence(series),
        "weeks": weeks,
        # As the client page shows them: now is the last 7 days, whatever the range's end.
        "pain_change": pain_change.outcome_of(client).as_dict(),
        "psfs": psfs.psfs_record(client, retired=True).as_dict(),
        "best_direction": best_direction.best_directions(
            client, program.steps if program else None),
        "flags": list(reversed(daily["flags"])),  # oldest first, as a story reads
        "program": program,
    }
