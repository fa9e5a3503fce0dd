"""Frozen-clock runs of the real tick across daylight-saving changes and in half-hour zones:
exactly one reminder per scheduled local time (the rule is in server/domain/schedule.py)."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from server.reminders.push import ConsolePushSender

from .helpers import ledger_rows, program_at


def _run_day(runner, start: datetime, hours: int = 30, step_minutes: int = 7):
    """Tick every few minutes, with the clock frozen at each tick, like a running server."""
    scheduler = runner(ConsolePushSender())
    at = start
    while at < start + timedelta(hours=hours):
        with time_machine.travel(at, tick=False):
            scheduler.tick()
        at += timedelta(minutes=step_minutes)
    return scheduler.sender


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize("zone, day_start, times, expected", [
    # New York springs forward at 02:00 on 8 March 2026: 02:30 does not exist, so it is due
    # once at 03:30 EDT; 01:30 is still EST.
    ("America/New_York", "2026-03-08T04:00", ["01:30", "02:30", "08:00"],
     ["2026-03-08T06:30", "2026-03-08T07:30", "2026-03-08T12:00"]),
    # ...and falls back on 1 November: 01:30 happens twice, due once at its first (EDT).
    ("America/New_York", "2026-11-01T04:00", ["01:30", "08:00"],
     ["2026-11-01T05:30", "2026-11-01T13:00"]),
    # London: 01:30 does not exist on 29 March, due at 02:30 BST; repeated on 25 October.
    ("Europe/London", "2026-03-28T23:00", ["01:30", "08:00"],
     ["2026-03-29T01:30", "2026-03-29T07:00"]),
    ("Europe/London", "2026-10-24T23:00", ["01:30", "08:00"],
     ["2026-10-25T00:30", "2026-10-25T08:00"]),
    # Adelaide (+10:30 / +9:30) falls back at 03:00 on 5 April 2026: 02:30 repeats.
    ("Australia/Adelaide", "2026-04-04T13:00", ["02:30", "08:00"],
     ["2026-04-04T16:00", "2026-04-04T22:30"]),
    # ...and springs forward at 02:00 on 4 October: 02:30 is due at 03:30 ACDT.
    ("Australia/Adelaide", "2026-10-03T13:00", ["02:30", "08:00"],
     ["2026-10-03T17:00", "2026-10-03T21:30"]),
    # Kolkata is +05:30 all year.
    ("Asia/Kolkata", "2026-03-08T18:00", ["06:15", "21:45"],
     ["2026-03-09T00:45", "2026-03-09T16:15"]),
])
def test_each_scheduled_local_time_gives_exactly_one_reminder(
        app, world, make_client, make_program, runner, subscribe, zone, day_start, times,
        expected):
    client = make_client(world.therapist, timezone=zone)
    start = _utc(day_start)
    program_at(make_program, world.therapist, client, start - timedelta(days=2), times)
    subscribe(client)
    sender = _run_day(runner, start, hours=24)
    # (the first tick also marks as missed what fell due in the hours before it started)
    sent = [due for kind, due, status, *_ in ledger_rows(app)
            if kind == "session" and status == "sent"]
    assert sent == [_utc(e) for e in expected]
    assert len(sender.sent) == len(expected)


def test_movement_breaks_across_spring_forward_fire_once_per_real_instant(
        app, world, make_client, make_program, runner, subscribe):
    # Every 30 minutes from 01:00 to 04:00 in New York on 8 March: the wall times 02:00 and
    # 02:30 do not exist and land on 03:00 and 03:30, which are scheduled anyway: one each.
    client = make_client(world.therapist, timezone="America/New_York")
    start = _utc("2026-03-08T05:00")
    program_at(make_program, world.therapist, client, start - timedelta(days=2), ["12:00"],
               breaks={"every_minutes": 30, "from": "01:00", "to": "04:00"})
    subscribe(client)
    _run_day(runner, start, hours=4)
    breaks = [due for kind, due, *_ in ledger_rows(app) if kind == "movement-break"]
    assert breaks == [_utc("2026-03-08T06:30"), _utc("2026-03-08T07:00"),
                      _utc("2026-03-08T07:30"), _utc("2026-03-08T08:00")]
