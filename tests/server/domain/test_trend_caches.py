"""The per-range caches behind trends (buckets, day offsets, due times) never serve a stale
answer: a new program version, a later now, another zone each give their own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine

NOW = datetime(2026, 11, 18, 12, 0, tzinfo=UTC)


def _planned(http) -> int:
    return sum(b["sessions_planned"] for b in http.get(
        "/api/me/trends?from=2026-11-10&to=2026-11-18").json["series"])


def test_a_new_program_version_changes_the_planned_sessions_at_once(
        world, make_program, signed_in):
    with time_machine.travel(NOW - timedelta(days=30), tick=False):
        make_program(world.therapist, world.client,
                     schedule={"times": ["08:00"], "days": ["mon", "tue", "wed", "thu", "fri",
                                                            "sat", "sun"]})
    with time_machine.travel(NOW, tick=False):
        http = signed_in(world.client)
        assert _planned(http) == 9  # 08:00 on 10-18 November: nine days, the last already due
        assert _planned(http) == 9  # cached: the same
    with time_machine.travel(NOW + timedelta(minutes=1), tick=False):
        make_program(world.therapist, world.client,
                     schedule={"times": ["08:00", "20:00"], "days": ["mon", "tue", "wed", "thu",
                                                                     "fri", "sat", "sun"]})
    with time_machine.travel(NOW + timedelta(hours=9), tick=False):
        # 20:00 on the 18th is now due under the new version; earlier days kept the old one.
        assert _planned(signed_in(world.client)) == 10


def test_time_moving_on_makes_more_sessions_due_in_the_same_range(
        world, make_program, signed_in):
    with time_machine.travel(NOW - timedelta(days=30), tick=False):
        make_program(world.therapist, world.client,
                     schedule={"times": ["08:00", "20:00"], "days": ["mon", "tue", "wed", "thu",
                                                                     "fri", "sat", "sun"]})
    with time_machine.travel(NOW, tick=False):
        http = signed_in(world.client)
        assert _planned(http) == 17
    with time_machine.travel(NOW + timedelta(hours=9), tick=False):
        assert _planned(http) == 18
