"""Clinically important change in pain (IMMPACT; shared/domain.md, "Sensitisation and change over
time"): the client's mean pain now against a stated baseline, classified once here for the
client page, the caseload and the clinical summary.

- Baseline, as the therapist chooses per client (outcome_settings): FIRST_WEEK, the 7 local days
  starting on the day of the client's first log (the default); or BEFORE_PROGRAM_CHANGE, the 7
  local days before the day a program version was assigned (a chosen version, or the latest).
- Now: the 7-day mean (pain_mean.py), the client's last 7 local days, today included.
- Each window needs MIN_LOGS logs, and "now" must begin after the baseline ends; otherwise there
  is no outcome yet, and why_not says why.
- A fall of MEANINGFUL_FRACTION (30 %) or more of the baseline, or of MEANINGFUL_POINTS (2) or
  more, is a meaningful improvement; a fall of SUBSTANTIAL_FRACTION (50 %) or more is a
  substantial one. A rise of the same sizes is a meaningful or substantial worsening. Anything
  smaller is "no clear change", which is never coloured as better or worse. The comparisons are
  exact (means are fractions), so 30 % is meaningful and 29.9 % is not. With a baseline of 0 only
  the points count.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

from sqlalchemy import DateTime, and_, case, func, literal, or_, select, union_all

from ..errors import InvalidInput
from ..extensions import db
from ..models import OutcomeSettings, Program, SymptomLog, User, UTCDateTime, utcnow
from . import pain_mean
from .calendar_days import local_date
from .outcome_settings import save_settings

#: IMMPACT: a fall (or rise) of 30 % of the baseline mean, or of 2 points on the 0-10 scale,
#: is clinically meaningful; 50 % is substantial.
MEANINGFUL_FRACTION = Fraction(30, 100)
SUBSTANTIAL_FRACTION = Fraction(50, 100)
MEANINGFUL_POINTS = 2
#: Each window is this many local days.
BASELINE_DAYS = 7
#: The fewest logs in each window for a mean worth comparing.
MIN_LOGS = 3

FIRST_WEEK = "first-week"
BEFORE_PROGRAM_CHANGE = "before-program-change"
BASELINES = (FIRST_WEEK, BEFORE_PROGRAM_CHANGE)

SUBSTANTIAL_IMPROVEMENT = "substantial-improvement"
MEANINGFUL_IMPROVEMENT = "meaningful-improvement"
NO_CLEAR_CHANGE = "no-clear-change"
MEANINGFUL_WORSENING = "meaningful-worsening"
SUBSTANTIAL_WORSENING = "substantial-worsening"
#: Best first. Only the meaningful ones are ever coloured.
CATEGORIES = (SUBSTANTIAL_IMPROVEMENT, MEANINGFUL_IMPROVEMENT, NO_CLEAR_CHANGE,
              MEANINGFUL_WORSENING, SUBSTANTIAL_WORSENING)
IMPROVEMENTS = (SUBSTANTIAL_IMPROVEMENT, MEANINGFUL_IMPROVEMENT)
WORSENINGS = (MEANINGFUL_WORSENING, SUBSTANTIAL_WORSENING)

#: Why a client has no outcome yet.
NO_LOGS = "no-logs"
NO_PROGRAM_CHANGE = "no-program-change"
TOO_EARLY = "too-early"
FEW_LOGS = "few-logs"
WHY_NOT = (NO_LOGS, NO_PROGRAM_CHANGE, TOO_EARLY, FEW_LOGS)


def _exact(value) -> Fraction:
    """A mean as an exact fraction; a float is read as the decimal it prints as (8.1 is 81/10)."""
    if isinstance(value, Fraction):
        return value
    if isinstance(value, float):
        return Fraction(str(value))
    return Fraction(value)


@dataclass(frozen=True)
class Change:
    category: str
    #: now - baseline, in points: negative is less pain.
    points: Fraction
    #: (now - baseline) / baseline, or None with a baseline of 0.
    fraction: Fraction | None

    @property
    def meaningful(self) -> bool:
        return self.category != NO_CLEAR_CHANGE


def classify(baseline, now) -> Change:
    """The IMMPACT category of a change in mean pain from baseline to now (0-10 means)."""
    baseline, now = _exact(baseline), _exact(now)
    points = now - baseline
    fraction = points / baseline if baseline else None
    size = abs(fraction) if fraction is not None else None
    if size is not None and size >= SUBSTANTIAL_FRACTION:
        category = SUBSTANTIAL_IMPROVEMENT if points < 0 else SUBSTANTIAL_WORSENING
    elif abs(points) >= MEANINGFUL_POINTS or (size is not None and size >= MEANINGFUL_FRACTION):
        category = MEANINGFUL_IMPROVEMENT if points < 0 else MEANINGFUL_WORSENING
    else:
        category = NO_CLEAR_CHANGE
    return Change(category, points, fraction)


@dataclass(frozen=True)
class Window:
    start: datetime
    end: datetime
    logs: int = 0
    mean: Fraction | None = None


@dataclass(frozen=True)
class Outcome:
    baseline_kind: str
    #: The program version whose assignment was the change (BEFORE_PROGRAM_CHANGE), else None.
    program_version: int | None
    baseline: Window | None
    now: Window
    change: Change | None
    why_not: str | None
    #: The therapist's choice with BEFORE_PROGRAM_CHANGE: a version, or None for the latest.
    chosen_version: int | None = None

    def as_dict(self) -> dict:
        """The shape the API sends (schemas/outcomes.py)."""
        def window(w: Window | None):
            return None if w is None else {"start": w.start, "end": w.end, "logs": w.logs,
                                           "pain_mean": pain_mean.rounded(w.mean)}
        change = self.change
        return {
            "baseline": None if self.baseline is None else {
                **window(self.baseline), "kind": self.baseline_kind,
                "program_version": self.program_version},
            "baseline_kind": self.baseline_kind,
            "baseline_program_version": self.chosen_version,
            "now": window(self.now),
            "change_points": None if change is None else round(float(change.points), 2),
            "change_percent": None if change is None or change.fraction is None
            else round(float(change.fraction) * 100, 1),
            "category": None if change is None else change.category,
            "meaningful": bool(change and change.meaningful),
            "why_not": self.why_not,
        }


def _day_window(zone: ZoneInfo, first: date) -> Window:
    start, end = pain_mean.day_bounds(first, first + timedelta(days=BASELINE_DAYS - 1), zone)
    return Window(start, end)


def _baseline_window(client: User, settings: OutcomeSettings | None,
                     first_log_at: datetime | None,
                     versions: Sequence[tuple[int, datetime]]
                     ) -> tuple[str, int | None, Window | None, str | None]:
    zone = ZoneInfo(client.timezone)
    kind = settings.baseline if settings else FIRST_WEEK
    if kind == BEFORE_PROGRAM_CHANGE:
        chosen = settings.baseline_program_version
        change = next((v for v in reversed(versions) if chosen in (None, v[0])), None)
        if change is None:
            return kind, chosen, None, NO_PROGRAM_CHANGE
        change_day = local_date(change[1], zone)
        return (kind, change[0], _day_window(zone, change_day - timedelta(days=BASELINE_DAYS)),
                None)
    if first_log_at is None:
        return FIRST_WEEK, None, None, NO_LOGS
    return FIRST_WEEK, None, _day_window(zone, local_date(first_log_at, zone)), None


def outcomes(clients: Sequence[User], now: datetime | None = None,
             versions: Mapping[int, Sequence[tuple[int, datetime]]] | None = None
             ) -> dict[int, Outcome]:
    """Each client's outcome, in a fixed number of queries however many clients there are.
    versions: {client_id: [(version, created_at), ...] oldest first}, when the caller has them
    already (the caseload does); read here otherwise."""
    if not clients:
        return {}
    now = now or utcnow()
    ids = [client.id for client in clients]
    settings = {row.client_id: row for row in db.session.scalars(
        select(OutcomeSettings).where(OutcomeSettings.client_id.in_(ids)))}
    first_logs = dict(db.session.execute(
        select(SymptomLog.client_id, func.min(SymptomLog.recorded_at))
        .where(SymptomLog.client_id.in_(ids)).group_by(SymptomLog.client_id)).all())
    if versions is None:
        read: dict[int, list[tuple[int, datetime]]] = {}
        for client_id, version, created_at in db.session.execute(
                select(Program.client_id, Program.version, Program.created_at)
                .where(Program.client_id.in_(ids)).order_by(Program.client_id, Program.version)):
            read.setdefault(client_id, []).append((version, created_at))
        versions = read

    plans = {}
    for client in clients:
        zone = ZoneInfo(client.timezone)
        current = Window(*pain_mean.window_bounds(zone, pain_mean.today(zone, now)))
        plans[client.id] = (current, *_baseline_window(
            client, settings.get(client.id), first_logs.get(client.id),
            versions.get(client.id, ())))

    sums = _window_sums({cid: (plan[3], plan[0]) for cid, plan in plans.items()
                         if plan[3] is not None})
    found = {}
    for client in clients:
        current, kind, version, baseline, why_not = plans[client.id]
        if baseline is not None:
            (b_logs, b_sum), (c_logs, c_sum) = sums.get(client.id, ((0, 0), (0, 0)))
            baseline = Window(baseline.start, baseline.end, b_logs,
                              pain_mean.exact_mean(b_sum, b_logs))
            current = Window(current.start, current.end, c_logs,
                             pain_mean.exact_mean(c_sum, c_logs))
            if current.start < baseline.end:
                why_not = TOO_EARLY
            elif b_logs < MIN_LOGS or c_logs < MIN_LOGS:
                why_not = FEW_LOGS
        change = (classify(baseline.mean, current.mean)
                  if why_not is None and baseline is not None else None)
        chosen = settings.get(client.id)
        found[client.id] = Outcome(kind, version, baseline, current, change, why_not,
                                   chosen.baseline_program_version if chosen else None)
    return found


#: SQLite allows at most 500 terms in one compound SELECT: the bounds table is built of
#: UNION ALLs of at most this many rows each, themselves joined by UNION ALL.
_ROWS_PER_UNION = 400


def _bounds_table(windows: Mapping[int, tuple[Window, Window]]):
    """A derived table (client_id, b_start, b_end, n_start, n_end) of every client's two windows,
    made of literal rows, so one grouped join serves any number of clients."""
    # Bound as the column stores them (UTCDateTime's conversion, done here once), under the plain
    # DateTime type: building the statement's cache key for hundreds of TypeDecorator binds
    # costs more than running it.
    dialect = db.session.get_bind().dialect
    stored = UTCDateTime().process_bind_param
    plain = DateTime(timezone=True)

    def at(instant: datetime):
        return literal(stored(instant, dialect), plain)

    rows = [select(literal(cid).label("client_id"), at(b.start).label("b_start"),
                   at(b.end).label("b_end"), at(n.start).label("n_start"),
                   at(n.end).label("n_end"))
            for cid, (b, n) in windows.items()]
    chunks = [union_all(*rows[i:i + _ROWS_PER_UNION]) if len(rows[i:i + _ROWS_PER_UNION]) > 1
              else rows[i] for i in range(0, len(rows), _ROWS_PER_UNION)]
    if len(chunks) == 1:
        return chunks[0].subquery("outcome_windows")
    return union_all(*(select(chunk.subquery().c) for chunk in chunks)).subquery(
        "outcome_windows")


def _window_sums(windows: Mapping[int, tuple[Window, Window]]
                 ) -> dict[int, tuple[tuple[int, int], tuple[int, int]]]:
    """{client_id: ((logs, pain sum) in the baseline, (logs, pain sum) now)}: one grouped query
    joining the logs to each client's bounds."""
    if not windows:
        return {}
    bounds = _bounds_table(windows)
    in_baseline = and_(SymptomLog.recorded_at >= bounds.c.b_start,
                       SymptomLog.recorded_at < bounds.c.b_end)
    in_now = and_(SymptomLog.recorded_at >= bounds.c.n_start,
                  SymptomLog.recorded_at < bounds.c.n_end)
    rows = db.session.execute(
        select(SymptomLog.client_id,
               func.count(case((in_baseline, 1))), func.sum(case((in_baseline, SymptomLog.pain))),
               func.count(case((in_now, 1))), func.sum(case((in_now, SymptomLog.pain))))
        .join(bounds, bounds.c.client_id == SymptomLog.client_id)
        .where(or_(in_baseline, in_now))
        .group_by(SymptomLog.client_id))
    return {cid: ((b_logs, b_sum or 0), (c_logs, c_sum or 0))
            for cid, b_logs, b_sum, c_logs, c_sum in rows}


def outcome_of(client: User, now: datetime | None = None) -> Outcome:
    return outcomes([client], now)[client.id]


def summary(found: Mapping[int, Outcome], clients: int) -> dict:
    """Across a caseload: how many clients fall in each category, and how many have no outcome
    yet ("9 of 14 clients meaningfully better than their baseline")."""
    counts = dict.fromkeys(CATEGORIES, 0)
    for outcome in found.values():
        if outcome.change is not None:
            counts[outcome.change.category] += 1
    return {"clients": clients, "with_outcome": sum(counts.values()),
            "improved": counts[SUBSTANTIAL_IMPROVEMENT] + counts[MEANINGFUL_IMPROVEMENT],
            "worsened": counts[MEANINGFUL_WORSENING] + counts[SUBSTANTIAL_WORSENING],
            "by_category": counts,
            "not_yet": clients - sum(counts.values())}


def choose_baseline(therapist: User, client: User, kind: str,
                    program_version: int | None = None) -> Outcome:
    """Set the baseline the client's pain is compared with. BEFORE_PROGRAM_CHANGE takes a
    version of the client's program (None: always the latest); FIRST_WEEK takes none."""
    if kind not in BASELINES:
        raise InvalidInput(errors={"baseline": [f"Must be one of: {', '.join(BASELINES)}."]})
    if kind == FIRST_WEEK and program_version is not None:
        raise InvalidInput(errors={"program_version": ["Only a program change has a version."]})
    if program_version is not None and db.session.scalar(select(Program.id).where(
            Program.client_id == client.id, Program.version == program_version)) is None:
        raise InvalidInput(errors={"program_version": ["No such version of the program."]})
    save_settings(therapist, client, baseline=kind, baseline_program_version=program_version)
    return outcome_of(client)
