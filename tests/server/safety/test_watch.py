"""The sensitisation watch: each rule just under, at and over its threshold, with windows of
local days across London's spring clock change (29 March 2026, 01:00 UTC): a log at 23:30 UTC
on 29 March is 00:30 on 30 March in London, so it belongs to the window starting that day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from server.extensions import db
from server.models import SafetyFlag
from tests.factories import log_body
from tests.server.expect import assert_error

ZONE = "Europe/London"
APRIL_5 = datetime(2026, 4, 5, 10, 0, tzinfo=UTC)  # T: its 7 days start on 30 March (BST)
APRIL_12 = datetime(2026, 4, 12, 10, 0, tzinfo=UTC)  # T: its fortnight starts on 30 March
LAST_OF_29_MARCH = datetime(2026, 3, 29, 22, 30, tzinfo=UTC)  # 23:30 BST, 29 March
FIRST_OF_30_MARCH = datetime(2026, 3, 29, 23, 30, tzinfo=UTC)  # 00:30 BST, 30 March
LAST_OF_8_MARCH = datetime(2026, 3, 8, 23, 30, tzinfo=UTC)  # 23:30 GMT, 8 March


def _noon(day: int) -> datetime:
    return datetime(2026, 4, day, 11, 0, tzinfo=UTC)  # 12:00 BST


def _log(at: datetime, pain: int = 4, sensations=("aching",), regions=("lumbar-left",)):
    return log_body(recorded_at=at.isoformat(), pain=pain, sensations=list(sensations),
                    regions=list(regions))


@pytest.fixture
def client(world, make_client):
    return make_client(world.therapist, "Watched Client", timezone=ZONE)


@pytest.fixture
def upload(add_logs, client):
    """upload(now, logs): the phone sends these logs at `now`."""
    def send(now, logs):
        with time_machine.travel(now, tick=False):
            add_logs(client, logs)
    return send


@pytest.fixture
def watch_flags(app, client):
    def read() -> dict[str, dict | None]:
        with app.app_context():
            return {flag.code: flag.evidence for flag in db.session.scalars(select(SafetyFlag)
                    .where(SafetyFlag.client_id == client.id, SafetyFlag.kind == "watch",
                           SafetyFlag.acknowledged_at.is_(None)))}
    return read


#: The week before (23-29 March) holds one log of 4, its last minute in London.
RISE_BEFORE = [_log(LAST_OF_29_MARCH, 4)]


@pytest.mark.parametrize(("recent", "rises"), [
    ([6] * 9 + [5], False),  # mean 5.9: up 1.9
    ([6], True),  # up 2.0
    ([6] * 9 + [7], True),  # mean 6.1: up 2.1
], ids=["under", "at", "over"])
def test_rise_the_7_day_mean_2_above_the_week_before(upload, watch_flags, recent, rises):
    upload(APRIL_5, RISE_BEFORE)
    # The first log of the window falls in its first minute (00:30 on 30 March, BST).
    times = [FIRST_OF_30_MARCH] + [_noon(1 + i % 5) for i in range(len(recent) - 1)]
    upload(APRIL_5, [_log(at, pain) for at, pain in zip(times, recent, strict=True)])
    assert set(watch_flags()) == ({"rise"} if rises else set())


def test_the_rise_flag_carries_its_evidence(upload, watch_flags):
    upload(APRIL_5, RISE_BEFORE)
    upload(APRIL_5, [_log(FIRST_OF_30_MARCH, 7), _log(_noon(4), 6)])
    assert watch_flags() == {"rise": {
        "threshold": 2.0, "change": 2.5,
        "recent": {"from": "2026-03-30", "to": "2026-04-05", "logs": 2, "mean": 6.5},
        "earlier": {"from": "2026-03-23", "to": "2026-03-29", "logs": 1, "mean": 4.0},
    }}


#: Four weeks back (2-8 March) holds one log of 4, in its last minute.
CREEP_BEFORE = [_log(LAST_OF_8_MARCH, 4)]


@pytest.mark.parametrize(("recent", "creeps"), [
    ([6, 5, 5, 5, 6], False),  # mean 5.4: up 1.4
    ([6, 5], True),  # mean 5.5: up 1.5
    ([6, 6], True),  # up 2.0
], ids=["under", "at", "over"])
def test_creep_the_7_day_mean_1_5_above_the_same_days_four_weeks_earlier(
        upload, watch_flags, recent, creeps):
    upload(APRIL_5, CREEP_BEFORE)
    times = [FIRST_OF_30_MARCH] + [_noon(1 + i) for i in range(len(recent) - 1)]
    upload(APRIL_5, [_log(at, pain) for at, pain in zip(times, recent, strict=True)])
    assert set(watch_flags()) == ({"creep"} if creeps else set())


def test_creep_and_nerve_like_look_at_exactly_the_same_7_days_four_weeks_earlier(
        upload, watch_flags):
    # 9 March is the day after the window four weeks back: a low log there changes nothing.
    upload(APRIL_5, [_log(LAST_OF_8_MARCH + timedelta(hours=1), 1)])
    upload(APRIL_5, [_log(FIRST_OF_30_MARCH, 8)])
    assert watch_flags() == {}


TWO = ("burning", "tingling")


@pytest.mark.parametrize(("recent", "more_nerve_like"), [
    ([TWO] * 9 + [("burning",)], False),  # 1.9 descriptors a log: up 0.9
    ([TWO], True),  # up 1.0
    ([("burning", "tingling", "electric")], True),  # up 2.0
], ids=["under", "at", "over"])
def test_nerve_like_one_more_dn4_descriptor_a_log_than_four_weeks_earlier(
        upload, watch_flags, recent, more_nerve_like):
    upload(APRIL_5, [_log(LAST_OF_8_MARCH, 4, ("burning",))])
    times = [FIRST_OF_30_MARCH] + [_noon(1 + i % 5) for i in range(len(recent) - 1)]
    upload(APRIL_5, [_log(at, 4, ("aching", *words))
                     for at, words in zip(times, recent, strict=True)])
    assert set(watch_flags()) == ({"nerve-like"} if more_nerve_like else set())


#: The first log (1 March) starts the baseline fortnight, 1-14 March.
BASELINE = [_log(datetime(2026, 3, 1, 12, 0, tzinfo=UTC), regions=["superior-gluteal-left"])]


@pytest.mark.parametrize(("regions", "spreads"), [
    (["superior-gluteal-left", "lumbar-left"], False),  # one new region
    (["lumbar-left", "groin-left"], True),  # two
    (["lumbar-left", "groin-left", "posterior-thigh-left"], True),  # three
], ids=["under", "at", "over"])
def test_spread_new_regions_since_the_baseline_fortnight(
        upload, watch_flags, world, client, signed_in, regions, spreads):
    assert signed_in(world.therapist).put(f"/api/clients/{client.id}/watch-thresholds",
                                          json={"spread": 2}).status_code == 200
    upload(APRIL_12, BASELINE)
    # A log just before the fortnight (29 March, London) names a region that never counts.
    upload(APRIL_12, [_log(LAST_OF_29_MARCH, regions=["groin-right"])])
    upload(APRIL_12, [_log(FIRST_OF_30_MARCH, regions=regions)])
    flags = watch_flags()
    assert set(flags) == ({"spread"} if spreads else set())
    if spreads:
        assert flags["spread"] == {
            "threshold": 2, "new_regions": sorted(set(regions) - {"superior-gluteal-left"}),
            "recent": {"from": "2026-03-30", "to": "2026-04-12"},
            "baseline": {"from": "2026-03-01", "to": "2026-03-14"},
        }


def test_spread_waits_until_the_baseline_fortnight_is_over(upload, watch_flags):
    first = datetime(2026, 4, 1, 11, 0, tzinfo=UTC)
    upload(APRIL_12, [_log(first, regions=["lumbar-left"])])  # baseline 1-14 April
    upload(APRIL_12, [_log(_noon(12), regions=["groin-left"])])
    assert watch_flags() == {}


def test_the_default_spread_is_one_new_region(upload, watch_flags):
    upload(APRIL_12, BASELINE)
    upload(APRIL_12, [_log(_noon(10), regions=["inferior-gluteal-right"])])
    assert watch_flags()["spread"]["new_regions"] == ["inferior-gluteal-right"]


def test_a_rule_opens_one_flag_and_stays_quiet_a_week_after_it_is_acknowledged(
        app, world, client, signed_in, upload, watch_flags):
    upload(APRIL_5, RISE_BEFORE)
    upload(APRIL_5, [_log(FIRST_OF_30_MARCH, 7)])
    upload(APRIL_5 + timedelta(hours=1), [_log(APRIL_5, 7)])  # still a rise: no second flag
    # Signed in on the day: a sign-in made today would have lapsed by then, or not begun.
    with time_machine.travel(APRIL_5 + timedelta(hours=2), tick=False):
        therapist = signed_in(world.therapist)
        [flag] = therapist.get(f"/api/clients/{client.id}/flags").json
        assert (flag["kind"], flag["code"], flag["urgency"], flag["told_client"]) == (
            "watch", "rise", "review", None)
        acknowledged = therapist.post(
            f"/api/clients/{client.id}/flags/{flag['id']}/acknowledge", json={})
        assert acknowledged.status_code == 200
    upload(APRIL_5 + timedelta(days=1), [_log(APRIL_5 + timedelta(days=1), 7)])
    assert watch_flags() == {}
    # Eight days on, the week before (31 March - 6 April) has 7 and 7, and this week 9.
    later = APRIL_5 + timedelta(days=8)
    upload(later, [_log(later, 9)])
    assert watch_flags()["rise"]["earlier"] == {"from": "2026-03-31", "to": "2026-04-06",
                                                "logs": 2, "mean": 7.0}


def test_logs_outside_the_watched_five_weeks_do_not_run_the_rules(upload, watch_flags):
    upload(APRIL_5, RISE_BEFORE)
    upload(APRIL_5 + timedelta(days=40), [_log(FIRST_OF_30_MARCH, 9)])
    assert watch_flags() == {}


def test_the_database_refuses_a_second_open_watch_flag_for_one_rule(app, client):
    with app.app_context():
        db.session.add(SafetyFlag(client_id=client.id, kind="watch", code="creep",
                                  urgency="review"))
        db.session.commit()
        db.session.add(SafetyFlag(client_id=client.id, kind="watch", code="creep",
                                  urgency="review"))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
        # Another rule, or the same rule once acknowledged, is another matter.
        db.session.add(SafetyFlag(client_id=client.id, kind="watch", code="spread",
                                  urgency="review"))
        first = db.session.scalar(select(SafetyFlag).where(SafetyFlag.code == "creep"))
        first.acknowledged_at = datetime.now(UTC)
        db.session.add(SafetyFlag(client_id=client.id, kind="watch", code="creep",
                                  urgency="review"))
        db.session.commit()


@pytest.fixture
def thresholds_url(client):
    return f"/api/clients/{client.id}/watch-thresholds"


def test_thresholds_are_the_defaults_until_the_therapist_sets_them(
        world, signed_in, thresholds_url):
    therapist = signed_in(world.therapist)
    defaults = {"rise": 2.0, "creep": 1.5, "spread": 1, "nerve_like": 1.0}
    assert therapist.get(thresholds_url).json == defaults
    changed = therapist.put(thresholds_url, json={"rise": 3, "nerve_like": 1.5})
    assert changed.status_code == 200
    assert changed.json == {**defaults, "rise": 3.0, "nerve_like": 1.5}
    assert therapist.get(thresholds_url).json == changed.json
    assert therapist.put(thresholds_url, json={}).json == defaults


@pytest.mark.parametrize(("body", "field"), [
    ({"rise": 0.4}, "rise"), ({"rise": 10.1}, "rise"), ({"creep": 0}, "creep"),
    ({"spread": 0}, "spread"), ({"spread": 13}, "spread"), ({"spread": 1.5}, "spread"),
    ({"nerve_like": 7.5}, "nerve_like"), ({"rise": "2"}, "rise"), ({"rise": None}, "rise"),
    ({"rise": float("nan")}, "rise"), ({"tolerance": 1}, "tolerance"),
])
def test_thresholds_out_of_range_are_422_and_change_nothing(
        world, signed_in, thresholds_url, body, field):
    therapist = signed_in(world.therapist)
    therapist.put(thresholds_url, json={"creep": 2.5})
    assert_error(therapist.put(thresholds_url, json=body), 422, field)
    assert therapist.get(thresholds_url).json["creep"] == 2.5


def test_a_clients_own_threshold_decides(world, client, signed_in, thresholds_url, upload,
                                         watch_flags):
    signed_in(world.therapist).put(thresholds_url, json={"rise": 3})
    upload(APRIL_5, RISE_BEFORE)
    upload(APRIL_5, [_log(FIRST_OF_30_MARCH, 6)])
    assert watch_flags() == {}
    upload(APRIL_5, [_log(_noon(3), 8)])
    assert watch_flags()["rise"]["threshold"] == 3.0
