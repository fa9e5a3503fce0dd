"""The sensitisation watch (shared/domain.md, "Sensitisation and change over time"): four rules,
each opening at most one open watch flag per client, with the figures that tripped it.

The windows are the client's local days, midnight to midnight in their time zone (23 or 25 hours
on a daylight-saving change). T is the local day on which the logs arrive; "the 7-day mean" is
pain_mean.py's, the mean pain of every log whose local day is in the window.

- rise: the 7-day mean of T-6..T is at least `rise` (default 2) above the mean of T-13..T-7.
- creep: the 7-day mean of T-6..T is at least `creep` (default 1.5) above the mean of the same
  7 days four weeks earlier, T-34..T-28.
- nerve-like: the mean count per log of the seven DN4 nerve-pain descriptors, T-6..T, is at
  least `nerve_like` (default 1) above that of T-34..T-28.
- spread: at least `spread` (default 1) body regions logged in T-13..T were never logged in the
  client's baseline fortnight: the 14 local days starting on the day of their first log. Checked
  once that fortnight is over (its last day before T).

A comparison of means needs a log in each of its two windows, and "at least" is exact: the means
are compared as fractions. Thresholds are the defaults below unless the therapist set the
client's own (watch_thresholds).

When: each time newly stored logs include one whose local day is in T-34..T (no other log can
move a rule): one aggregate statement over that span for the three mean rules; for spread, when
a new log in T-13..T names a region the baseline fortnight lacks, the distinct regions of the
two fortnights (unnested in SQL). A rule whose flag
was raised less than REOPEN_AFTER ago, even if already acknowledged, stays quiet, so one episode
does not alert the therapist again with every log.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from fractions import Fraction
from functools import lru_cache
from typing import Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import and_, bindparam, case, func, select, true
from sqlalchemy.dialects import postgresql, sqlite

from ..extensions import db
from ..models import SafetyFlag, SymptomLog, User, UTCDateTime, WatchThresholds, utcnow
from ..models.logs import sensation_column
from . import pain_mean
from .urgency import REVIEW
from .vocabulary import CREEP, NERVE_LIKE, NEUROPATHIC_SENSATIONS, REGIONS, RISE, SPREAD, WATCH

#: Four weeks back, for creep and nerve-like.
WEEKS_BACK = 4
#: The spread rule's windows: the last fortnight against the first.
FORTNIGHT = 14
#: A rule stays quiet this long after its last flag was raised.
REOPEN_AFTER = timedelta(days=7)


@dataclass(frozen=True)
class Thresholds:
    """The watch's thresholds: points of mean pain for rise and creep, new regions for spread,
    DN4 descriptors per log for nerve_like."""

    rise: float = 2.0
    creep: float = 1.5
    spread: int = 1
    nerve_like: float = 1.0


DEFAULTS = Thresholds()
#: What a therapist may set: (lowest, highest), both allowed.
RANGES = {"rise": (0.5, 10.0), "creep": (0.5, 10.0), "spread": (1, len(REGIONS)),
          "nerve_like": (0.5, float(len(NEUROPATHIC_SENSATIONS)))}


def thresholds_for(client: User) -> Thresholds:
    return SessionReader(client).thresholds()


def set_thresholds(therapist: User, client: User, values: dict) -> Thresholds:
    """Store the client's thresholds (omitted ones take the defaults): one row per client,
    written with an upsert so two saves at once leave one row, the later one's."""
    chosen = Thresholds(**{**asdict(DEFAULTS), **values})
    row = {**asdict(chosen), "client_id": client.id, "updated_at": utcnow(),
           "updated_by_id": therapist.id}
    dialect = db.session.get_bind().dialect.name
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(
        WatchThresholds.__table__).values(row)
    db.session.execute(insert.on_conflict_do_update(
        index_elements=["client_id"],
        set_={key: value for key, value in row.items() if key != "client_id"}))
    db.session.expire_all()
    return chosen


@dataclass(frozen=True)
class Span:
    """Local days first..last and their UTC [start, end)."""

    first: date
    last: date
    start: datetime
    end: datetime

    @classmethod
    def of(cls, first: date, last: date, zone: ZoneInfo) -> Span:
        return cls(first, last, *pain_mean.day_bounds(first, last, zone))

    def holds(self, instant: datetime) -> bool:
        return self.start <= instant < self.end

    def sql(self):
        return and_(SymptomLog.recorded_at >= self.start, SymptomLog.recorded_at < self.end)

    def days(self) -> dict:
        return {"from": self.first.isoformat(), "to": self.last.isoformat()}


def _spans(zone: ZoneInfo, today: date) -> dict[str, Span]:
    return {
        "recent": Span.of(*pain_mean.window(today), zone),
        "week_before": Span.of(*pain_mean.window(today, 1), zone),
        "weeks_back": Span.of(*pain_mean.window(today, WEEKS_BACK), zone),
        "fortnight": Span.of(today - timedelta(days=FORTNIGHT - 1), today, zone),
    }


#: The three windows the mean rules compare.
_MEAN_WINDOWS = ("recent", "week_before", "weeks_back")


# The statements are built once, with the client, the bounds and the clock as parameters (the
# floor benchmark compiles the same ones): building them cost more than running them.

@lru_cache
def window_sums_statement():
    """(logs, pain sum, DN4 descriptor sum) of each mean window in one pass over the client's
    logs of the five weeks."""
    nerve_like = sum(case((getattr(SymptomLog, sensation_column(code)), 1), else_=0)
                     for code in NEUROPATHIC_SENSATIONS)
    columns = []
    for name in _MEAN_WINDOWS:
        inside = and_(SymptomLog.recorded_at >= bindparam(f"{name}_start", type_=UTCDateTime),
                      SymptomLog.recorded_at < bindparam(f"{name}_end", type_=UTCDateTime))
        columns += [func.count(case((inside, 1))), func.sum(case((inside, SymptomLog.pain))),
                    func.sum(case((inside, nerve_like)))]
    return select(*columns).where(
        SymptomLog.client_id == bindparam("client_id"),
        SymptomLog.recorded_at >= bindparam("weeks_back_start", type_=UTCDateTime),
        SymptomLog.recorded_at < bindparam("recent_end", type_=UTCDateTime))


def window_sums_params(client_id: int, spans: dict[str, Span]) -> dict:
    params = {"client_id": client_id}
    for name in _MEAN_WINDOWS:
        params |= {f"{name}_start": spans[name].start, f"{name}_end": spans[name].end}
    return params


@lru_cache
def regions_statement(dialect: str):
    """The distinct regions a client logged between two instants, unnested in SQL (at most 12
    rows come back, however many logs)."""
    if dialect == "postgresql":
        region = func.json_array_elements_text(SymptomLog.regions).table_valued("value")
    else:
        region = func.json_each(SymptomLog.regions).table_valued("value")
    return (select(region.c.value).distinct().select_from(SymptomLog).join(region, true())
            .where(SymptomLog.client_id == bindparam("client_id"),
                   SymptomLog.recorded_at >= bindparam("start", type_=UTCDateTime),
                   SymptomLog.recorded_at < bindparam("end", type_=UTCDateTime)))


@lru_cache
def first_log_statement():
    return select(func.min(SymptomLog.recorded_at)).where(
        SymptomLog.client_id == bindparam("client_id"))


@lru_cache
def thresholds_statement():
    table = WatchThresholds.__table__
    return select(table.c.rise, table.c.creep, table.c.spread, table.c.nerve_like).where(
        table.c.client_id == bindparam("client_id"))


@lru_cache
def quiet_codes_statement():
    """The rules whose flag was raised since a moment (open or acknowledged)."""
    return select(SafetyFlag.code).distinct().where(
        SafetyFlag.client_id == bindparam("client_id"), SafetyFlag.kind == WATCH,
        SafetyFlag.raised_at > bindparam("since", type_=UTCDateTime))


class WatchReader(Protocol):
    """What the rules read of one client's records (the app reads through its session; the
    floor benchmark through its own driver, with the same statements)."""

    def thresholds(self) -> Thresholds: ...
    def quiet_codes(self, since: datetime) -> set[str]: ...
    def window_sums(self, spans: dict[str, Span]) -> tuple: ...
    def first_log_at(self) -> datetime | None: ...
    def regions(self, span: Span) -> set[str]: ...


class SessionReader:
    """The rules' reads, on the request's (or job's) session and transaction."""

    def __init__(self, client: User):
        self.client_id = client.id

    def _run(self, statement, **params):
        return db.session.connection().execute(statement, {"client_id": self.client_id,
                                                           **params})

    def thresholds(self) -> Thresholds:
        row = self._run(thresholds_statement()).first()
        return DEFAULTS if row is None else Thresholds(*row)

    def quiet_codes(self, since: datetime) -> set[str]:
        return set(self._run(quiet_codes_statement(), since=since).scalars())

    def window_sums(self, spans: dict[str, Span]) -> tuple:
        return tuple(db.session.connection().execute(
            window_sums_statement(), window_sums_params(self.client_id, spans)).one())

    def first_log_at(self) -> datetime | None:
        return self._run(first_log_statement()).scalar()

    def regions(self, span: Span) -> set[str]:
        dialect = db.session.get_bind().dialect.name
        return set(self._run(regions_statement(dialect), start=span.start,
                             end=span.end).scalars())


def _compare(threshold: float, recent: tuple[Span, int, int], earlier: tuple[Span, int, int]
             ) -> dict | None:
    """Evidence when the recent mean is at least threshold above the earlier one."""
    (recent_span, recent_logs, recent_total), (earlier_span, earlier_logs, earlier_total) = (
        recent, earlier)
    if not recent_logs or not earlier_logs:
        return None
    now_mean = Fraction(recent_total, recent_logs)
    before_mean = Fraction(earlier_total, earlier_logs)
    if now_mean - before_mean < Fraction(str(threshold)):
        return None
    return {
        "threshold": threshold, "change": pain_mean.rounded(now_mean - before_mean),
        "recent": {**recent_span.days(), "logs": recent_logs,
                   "mean": pain_mean.rounded(now_mean)},
        "earlier": {**earlier_span.days(), "logs": earlier_logs,
                    "mean": pain_mean.rounded(before_mean)},
    }


def mean_rules(sums: tuple, spans: dict[str, Span], limits: Thresholds) -> dict[str, dict]:
    """Evidence of each mean rule (rise, creep, nerve-like) that trips, from window sums."""
    recent, before, back = (tuple(int(value or 0) for value in sums[i * 3:i * 3 + 3])
                            for i in range(len(_MEAN_WINDOWS)))
    found = {
        RISE: _compare(limits.rise, (spans["recent"], *recent[:2]),
                       (spans["week_before"], *before[:2])),
        CREEP: _compare(limits.creep, (spans["recent"], *recent[:2]),
                        (spans["weeks_back"], *back[:2])),
        NERVE_LIKE: _compare(limits.nerve_like, (spans["recent"], recent[0], recent[2]),
                             (spans["weeks_back"], back[0], back[2])),
    }
    return {code: evidence for code, evidence in found.items() if evidence is not None}


def spread_rule(reader: WatchReader, zone: ZoneInfo, today: date, spans: dict[str, Span],
                limits: Thresholds, arrived_regions: set[str]) -> dict | None:
    """Evidence when enough regions of the last fortnight are new since the baseline one.
    Only a newly arrived region outside the baseline can raise the count, so without one the
    fortnight is not read."""
    first_at = reader.first_log_at()
    if first_at is None:
        return None
    first_day = pain_mean.today(zone, first_at)
    baseline = Span.of(first_day, first_day + timedelta(days=FORTNIGHT - 1), zone)
    if baseline.last >= today:
        return None  # the baseline fortnight is not over yet
    known = reader.regions(baseline)
    if not arrived_regions - known:
        return None
    new = sorted(reader.regions(spans["fortnight"]) - known)
    if len(new) < limits.spread:
        return None
    return {"threshold": limits.spread, "new_regions": new,
            "recent": spans["fortnight"].days(), "baseline": baseline.days()}


def tripped_rules(reader: WatchReader, zone: ZoneInfo, new_logs: Iterable[dict],
                  now: datetime) -> dict[str, dict]:
    """Each rule the newly stored logs trip, with its evidence."""
    today = pain_mean.today(zone, now)
    spans = _spans(zone, today)
    relevant = Span(spans["weeks_back"].first, today, spans["weeks_back"].start,
                    spans["recent"].end)
    arrived = [log for log in new_logs if relevant.holds(log["recorded_at"])]
    if not arrived:
        return {}
    limits = reader.thresholds()
    quiet = reader.quiet_codes(now - REOPEN_AFTER)
    tripped = {}
    if not {RISE, CREEP, NERVE_LIKE} <= quiet:
        tripped = {code: evidence for code, evidence in mean_rules(
            reader.window_sums(spans), spans, limits).items() if code not in quiet}
    arrived_regions = {region for log in arrived if spans["fortnight"].holds(log["recorded_at"])
                       for region in log["regions"]}
    if SPREAD not in quiet and arrived_regions:
        evidence = spread_rule(reader, zone, today, spans, limits, arrived_regions)
        if evidence is not None:
            tripped[SPREAD] = evidence
    return tripped


def watch_flags(client: User, new_logs: Iterable[dict], now: datetime | None = None
                ) -> list[SafetyFlag]:
    """The watch flags the newly stored logs trip (not yet raised: safety.raise_unless_open)."""
    now = now or utcnow()
    tripped = tripped_rules(SessionReader(client), ZoneInfo(client.timezone), new_logs, now)
    return [SafetyFlag(client_id=client.id, kind=WATCH, code=code, urgency=REVIEW,
                       told_client=None, evidence=evidence, raised_at=now)
            for code, evidence in tripped.items()]
