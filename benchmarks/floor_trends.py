"""The floor's 90-day trends: the app's statements executed directly and the body built with
the domain's own bucketing, means and on-time matching."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from floor_database import Database, SignedIn, day_of, utc_instant, uuid_text

from server.domain import pain_mean, trends
from server.domain.adherence import ON_TIME_AFTER, ON_TIME_BEFORE, on_time_due_times
from server.domain.calendar_days import local_midnight, to_utc
from server.domain.vocabulary import (
    SENSATIONS,
)
from server.models import (
    SafetyFlag,
)


class _Program:
    __slots__ = ("version", "created_at", "schedule_times", "schedule_days")

    def __init__(self, version, created_at, times, days):
        self.version, self.created_at = version, utc_instant(created_at)
        self.schedule_times = json.loads(times) if isinstance(times, str) else times
        self.schedule_days = json.loads(days) if isinstance(days, str) else days


def _by_day(database: Database, statements: dict, client, zone, start, end) -> dict:
    arms, params = trends.local_day_params(database.dialect.name, zone, start, end)
    rows = database.rows(statements[arms], {"client_id": client.user_id, "start": start,
                                            "end": end, **params})
    return {day_of(day): tuple(rest) for day, *rest in rows}


def trends_body(database: Database, client: SignedIn, zone: ZoneInfo, first: date,
            last: date) -> dict:
    spans = trends._spans(first, last, zone, "day")
    start, end = spans[0].start, spans[-1].end
    # Six days before the range too: the first days' 7-day means reach back into them.
    reach_back = to_utc(local_midnight(first - timedelta(days=pain_mean.WINDOW_DAYS - 1), zone))
    logs = _by_day(database, database.daily_logs, client, zone, reach_back, end)
    done = _by_day(database, database.daily_sessions, client, zone, start, end)
    programs = [_Program(*row) for row in database.rows(database.programs,
                                                        {"client_id": client.user_id})]
    now = datetime.now(UTC)
    today = pain_mean.today(zone, now)
    means_7d = pain_mean.means_ending_on(
        [b.days[0] for b in spans if b.days[0] <= today],
        {day: (figures[0], int(figures[1])) for day, figures in logs.items()})
    due = trends.due_so_far(programs, zone, spans, now)
    planned = Counter(trends.count_by_bucket(due, spans))
    on_time: Counter = Counter()
    if due:
        starts = [utc_instant(r[0]) for r in database.rows(database.session_starts, {
            "client_id": client.user_id, "start": start - ON_TIME_BEFORE,
            "end": min(end, now) + ON_TIME_AFTER})]
        on_time = trends.count_by_bucket(on_time_due_times(due, starts), spans)
    series = []
    for bucket in spans:
        day = bucket.days[0]
        entry = {"start": bucket.local_start.isoformat()}
        if day in logs:
            count, pain, low, high, neuropathic, *sensations = logs[day]
            entry |= {"pain_mean": round(int(pain) / count, 2), "pain_min": low,
                      "pain_max": high, "logs": count,
                      "neuropathic_mean": round(int(neuropathic) / count, 2),
                      "sensations": {code: int(n) for code, n in zip(SENSATIONS, sensations,
                                                                     strict=True) if n}}
        else:
            entry |= {"pain_mean": None, "pain_min": None, "pain_max": None, "logs": 0,
                      "neuropathic_mean": None, "sensations": {}}
        entry["pain_mean_7d"] = means_7d.get(day)
        entry |= {"sessions_done": done[day][0] if day in done else 0,
                  "sessions_planned": planned.get(bucket.index, 0),
                  "on_time": on_time.get(bucket.index, 0)}
        series.append(entry)
    relief = [{"group": g, "side": s, "direction": d, "better": int(b), "same": int(m),
               "worse": int(w)}
              for g, s, d, b, m, w in database.rows(database.relief, {
                  "client_id": client.user_id, "start": start, "end": end})]
    columns = [c.name for c in SafetyFlag.__table__.c] + ["acknowledged_by_name"]
    flags = []
    for row in database.rows(database.flags, {"client_id": client.user_id, "start": start,
                                              "end": end}):
        flag = dict(zip(columns, row, strict=True))
        evidence = flag["evidence"]
        ack = flag["acknowledged_at"]
        flags.append({
            "id": flag["id"], "kind": flag["kind"], "code": flag["code"],
            "urgency": flag["urgency"], "raised_at": utc_instant(flag["raised_at"]).isoformat(),
            "told_client": flag["told_client"],
            "acknowledged_at": utc_instant(ack).isoformat() if ack is not None else None,
            "acknowledged_by": None if flag["acknowledged_by_id"] is None else {
                "id": flag["acknowledged_by_id"], "name": flag["acknowledged_by_name"]},
            "note": flag["note"],
            "evidence": json.loads(evidence) if isinstance(evidence, str) else evidence,
            "log_id": uuid_text(flag["log_id"]), "session_id": uuid_text(flag["session_id"])})
    return {"bucket": "day", "timezone": client.timezone, "from": first.isoformat(),
            "to": last.isoformat(), "series": series, "relief": relief, "flags": flags}
