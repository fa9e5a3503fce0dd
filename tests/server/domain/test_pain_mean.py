"""One "7-day mean": the mean pain of every log whose local day is among the 7 local days ending
on a day. The caseload, each trend bucket and the watch's evidence give the same figure, across
a clock change, and a log in the first or last minute of the window's local days counts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine

from server.domain import pain_mean
from tests.factories import log_body

ZONE = "America/New_York"
#: Sunday 8 March 2026, 02:00 local: New York's clocks go forward (a 23-hour day).
NOW = datetime(2026, 3, 12, 15, 0, tzinfo=UTC)  # 11:00 EDT, Thursday 12 March


def _at(local: str) -> str:
    return datetime.fromisoformat(local).replace(tzinfo=ZoneInfo(ZONE)).isoformat()


def test_the_window_is_7_local_days_midnight_to_midnight_23_hours_on_the_clock_change():
    zone = ZoneInfo(ZONE)
    assert pain_mean.window(date(2026, 3, 12)) == (date(2026, 3, 6), date(2026, 3, 12))
    assert pain_mean.window(date(2026, 3, 12), 1) == (date(2026, 2, 27), date(2026, 3, 5))
    start, end = pain_mean.window_bounds(zone, date(2026, 3, 12))
    assert start == datetime(2026, 3, 6, 5, 0, tzinfo=UTC)  # midnight EST
    assert end == datetime(2026, 3, 13, 4, 0, tzinfo=UTC)  # midnight EDT
    assert end - start == timedelta(days=7, hours=-1)


def test_caseload_trends_and_the_watch_agree_on_the_7_day_mean(
        world, make_client, add_logs, signed_in):
    client = make_client(world.therapist, "Clock Client", timezone=ZONE)
    logs = [
        log_body(pain=2, recorded_at=_at("2026-03-05T23:59:00")),  # the day before: not in it
        log_body(pain=3, recorded_at=_at("2026-03-06T00:00:00")),  # first minute of the window
        log_body(pain=9, recorded_at=_at("2026-03-08T03:30:00")),  # just after the jump
        log_body(pain=6, recorded_at=_at("2026-03-12T10:00:00")),
        log_body(pain=6, recorded_at=_at("2026-03-12T10:30:00")),  # one day, two logs: both count
        log_body(pain=1, recorded_at=_at("2026-03-01T12:00:00")),  # the 7 days before
    ]
    with time_machine.travel(NOW, tick=False):
        add_logs(client, logs)
        therapist = signed_in(world.therapist)
        row = therapist.get(f"/api/clients/{client.id}").json
        days = therapist.get(f"/api/clients/{client.id}/trends?from=2026-03-01&to=2026-03-13"
                             ).json["series"]
        flags = therapist.get(f"/api/clients/{client.id}/flags").json
    # (3 + 9 + 6 + 6) / 4 logs = 6, whatever the days: each log weighs the same.
    assert row["pain_mean_7d"] == 6.0
    assert row["pain_change_7d"] == 6.0 - 1.5  # the 7 days before: 2 and 1
    by_day = {bucket["start"][:10]: bucket["pain_mean_7d"] for bucket in days}
    assert by_day["2026-03-12"] == 6.0
    assert by_day["2026-03-13"] is None  # tomorrow has not begun
    assert by_day["2026-03-05"] == 1.5 and by_day["2026-03-08"] == 4.67  # (2 + 3 + 9) / 3
    [rise] = [flag for flag in flags if flag["kind"] == "watch"]
    assert rise["evidence"]["recent"] == {"from": "2026-03-06", "to": "2026-03-12", "logs": 4,
                                          "mean": 6.0}


def test_a_week_buckets_7_day_mean_is_that_week_and_the_current_one_ends_today(
        world, make_client, add_logs, signed_in):
    client = make_client(world.therapist, "Week Client", timezone=ZONE)
    with time_machine.travel(NOW, tick=False):
        add_logs(client, [log_body(pain=4, recorded_at=_at("2026-03-02T09:00:00")),
                          log_body(pain=8, recorded_at=_at("2026-03-08T21:00:00")),
                          log_body(pain=2, recorded_at=_at("2026-03-11T09:00:00"))])
        weeks = signed_in(world.therapist).get(
            f"/api/clients/{client.id}/trends?from=2026-03-02&to=2026-03-22&bucket=week"
        ).json["series"]
    assert [w["pain_mean_7d"] for w in weeks] == [6.0, 5.0, None]
