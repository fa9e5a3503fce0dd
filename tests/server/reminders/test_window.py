"""The tick reads only the programs with something due in its window (an SQL prefilter), and the
prefilter never holds back a reminder: generated programs, zones and windows (daylight-saving
days included) give exactly what reading every program gives."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import count
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select

from server.extensions import db
from server.models import CLIENT, Program, User
from server.reminders import scheduler
from server.reminders.due import due_reminders
from server.reminders.scheduler import _due_everywhere

from .helpers import EVERY_DAY

NOW = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)
#: Zones with a daylight-saving gap of an hour, half an hour and two hours, one south of the
#: equator, and a half-hour offset without daylight saving.
ZONES = ("UTC", "Europe/London", "America/New_York", "Australia/Lord_Howe", "Antarctica/Troll",
         "Australia/Adelaide", "Asia/Kolkata")


def _changes_of_offset(zone: str) -> list[datetime]:
    """The instants in 2026 where the zone's offset changes (to the hour)."""
    tz = ZoneInfo(zone)
    instants, hour = [], datetime(2026, 1, 1, tzinfo=UTC)
    previous = hour.astimezone(tz).utcoffset()
    while hour.year == 2026:
        offset = hour.astimezone(tz).utcoffset()
        if offset != previous:
            instants.append(hour)
            previous = offset
        hour += timedelta(hours=1)
    return instants


AWKWARD = sorted({i for zone in ZONES for i in _changes_of_offset(zone)}
                 | {datetime(2026, 1, 1, tzinfo=UTC), NOW})


_numbers = count()


def _client(timezone: str, **changes) -> int:
    return db.session.execute(insert(User).returning(User.id), [{
        "role": CLIENT, "email": f"window{next(_numbers)}@example.test",
        "name": "Window Client", "password_hash": "!", "timezone": timezone,
        "created_at": NOW - timedelta(days=400), **changes}]).scalar_one()


def _program(client_id: int, version: int, made: datetime, times=(), days=EVERY_DAY,
             breaks=None) -> None:
    every, start, finish = breaks or (None, None, None)
    db.session.execute(insert(Program), [{
        "client_id": client_id, "version": version, "created_at": made,
        "schedule_times": list(times), "schedule_days": list(days), "break_every_minutes": every,
        "break_from": start, "break_to": finish, "notes": ""}])


def _everything_due(start: datetime, end: datetime) -> set:
    """What reading every program of every active client finds (the tick before the filter)."""
    rows = db.session.execute(
        select(Program, User.timezone).join(User, User.id == Program.client_id)
        .where(User.role == CLIENT, User.discharged_at.is_(None), User.closed_at.is_(None))
        .order_by(Program.client_id, Program.version)).all()
    by_client: dict[int, tuple[str, list]] = {}
    for program, zone in rows:
        by_client.setdefault(program.client_id, (zone, []))[1].append(program)
    return {d for client_id, (zone, versions) in by_client.items()
            for d in due_reminders(client_id, versions, ZoneInfo(zone), start, end)}


@pytest.fixture
def session(app):
    """The app's session, every row rolled back afterwards."""
    with app.app_context():
        yield db.session
        db.session.rollback()


def test_a_tick_reads_only_the_clients_with_something_due_in_its_window(
        session, monkeypatch):
    read = []
    real = scheduler.due_reminders
    monkeypatch.setattr(scheduler, "due_reminders",
                        lambda client_id, *a: read.append(client_id) or real(client_id, *a))
    made = NOW - timedelta(days=30)
    due_now = _client("Europe/London")  # 08:00 in London is 07:00 UTC
    _program(due_now, 1, made, times=["08:00", "20:00"])
    other_hour = _client("Europe/London")
    _program(other_hour, 1, made, times=["13:00"])
    other_day = _client("UTC")
    _program(other_day, 1, made, times=["07:00"], days=["tue"])  # 1 June 2026 is a Monday
    evening_breaks = _client("UTC")
    _program(evening_breaks, 1, made, breaks=(30, "17:00", "21:00"))
    replaced = _client("UTC")  # its first version would be due; the one in force is not
    _program(replaced, 1, made, times=["07:00"])
    _program(replaced, 2, made + timedelta(days=1), times=["19:00"])
    discharged = _client("UTC", discharged_at=made)
    _program(discharged, 1, made, times=["07:00"])
    morning_breaks = _client("America/New_York")  # 03:00 local, a night-shift break plan
    _program(morning_breaks, 1, made, breaks=(60, "00:00", "05:00"))

    due, _zones = _due_everywhere(NOW - timedelta(minutes=32), NOW + timedelta(microseconds=1))
    assert sorted(read) == sorted([due_now, morning_breaks])
    assert {(d.client_id, d.kind) for d in due} == {
        (due_now, "session"), (morning_breaks, "movement-break")}


@pytest.mark.parametrize(("zone", "wall", "due_at"), [
    # 02:30 does not exist in New York on 8 March 2026: due at 03:30 EDT, 07:30 UTC.
    ("America/New_York", "02:30", datetime(2026, 3, 8, 7, 30, tzinfo=UTC)),
    # Troll jumps two hours (01:00 to 03:00) on 29 March 2026: 01:30 is due at 03:30 local.
    ("Antarctica/Troll", "01:30", datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),
    # Lord Howe jumps half an hour (02:00 to 02:30) on 4 October 2026.
    ("Australia/Lord_Howe", "02:15", datetime(2026, 10, 3, 15, 45, tzinfo=UTC)),
])
def test_a_wall_time_a_spring_forward_skips_is_still_found_after_the_gap(
        session, zone, wall, due_at):
    client_id = _client(zone)
    _program(client_id, 1, due_at - timedelta(days=30), times=[wall])
    due, _zones = _due_everywhere(due_at - timedelta(minutes=5), due_at + timedelta(minutes=5))
    assert [(d.client_id, d.due_at) for d in due] == [(client_id, due_at)]


hhmm = st.builds(lambda h, m: f"{h:02d}:{m:02d}", st.integers(0, 23), st.sampled_from(
    [0, 1, 15, 29, 30, 31, 45, 59]))
days = st.lists(st.sampled_from(EVERY_DAY), min_size=1, max_size=7, unique=True)
breaks = st.one_of(st.none(), st.tuples(st.sampled_from([15, 30, 45, 60, 90]), hhmm, hhmm)
                   .filter(lambda b: b[1] < b[2]))
version = st.tuples(st.lists(hhmm, max_size=4, unique=True), days, breaks,
                    st.integers(-3 * 24 * 60, 60))  # made this many minutes from the window
client = st.tuples(st.sampled_from(ZONES), st.lists(version, min_size=1, max_size=3))
window = st.tuples(st.sampled_from(AWKWARD),
                   st.one_of(st.integers(-120, 120), st.integers(-26 * 60, 26 * 60)),
                   st.sampled_from([1, 17, 32, 45, 90, 12 * 60 + 32]))


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(clients=st.lists(client, min_size=1, max_size=4), chosen=window)
def test_the_prefilter_never_holds_back_a_reminder_reading_every_program_would_find(
        session, clients, chosen):
    around, shift, minutes = chosen
    start = around + timedelta(minutes=shift)
    end = start + timedelta(minutes=minutes)
    try:
        for zone, versions in clients:
            client_id = _client(zone)
            made = sorted(start + timedelta(minutes=v[3]) for v in versions)
            for number, ((times, weekdays, plan, _), at) in enumerate(
                    zip(versions, made, strict=True), 1):
                _program(client_id, number, at, times, weekdays, plan)
        due, _zones = _due_everywhere(start, end)
        assert set(due) == _everything_due(start, end)
    finally:
        session.rollback()
