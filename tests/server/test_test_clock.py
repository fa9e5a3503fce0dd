"""The suite's own clock: CC_TEST_NOW moves the whole session (see tests/conftest.py), and
frozen_at stops it for one test and its fixtures."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import CC_TEST_NOW, _parse_test_now


def test_an_instant_with_a_zone_is_read_in_that_zone():
    at = _parse_test_now("2026-03-29T01:30:00+00:00[Europe/London]")
    assert at == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert (at.hour, at.tzname()) == (2, "BST")  # half an hour after the clocks went forward
    assert _parse_test_now("2027-01-01T00:00:30+00:00").tzname() == "UTC"


@pytest.mark.parametrize("value", ["2026-03-29T01:30:00", "soon", "2026-03-29T01:30:00+00:00[",
                                   "2026-03-29T01:30:00+00:00[Not/AZone]"])
def test_an_instant_without_an_offset_or_with_a_bad_zone_is_refused(value):
    with pytest.raises(pytest.UsageError):
        _parse_test_now(value)


@pytest.mark.skipif(not CC_TEST_NOW, reason="only when the run is moved to CC_TEST_NOW")
def test_the_run_stands_at_cc_test_now_in_its_zone():
    start = _parse_test_now(CC_TEST_NOW)
    assert start <= datetime.now(UTC) < start + timedelta(hours=3)  # it ticks on from there
    assert time.localtime().tm_zone == datetime.now(start.tzinfo).tzname()


@pytest.mark.frozen_at("2026-02-28T23:59:59+00:00")
def test_frozen_at_stops_the_clock_for_the_test(anonymous):
    assert datetime.now(UTC) == datetime(2026, 2, 28, 23, 59, 59, tzinfo=UTC)
    time.sleep(0.01)
    assert datetime.now(UTC) == datetime(2026, 2, 28, 23, 59, 59, tzinfo=UTC)
