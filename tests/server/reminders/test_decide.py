"""decide(): send, or the reason not to, from the client's own settings."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from server.models import ReminderSettings
from server.reminders.due import DueReminder, SkipReason, decide, in_quiet_hours

NOW = datetime(2026, 6, 1, 21, 30, tzinfo=UTC)  # 22:30 in London
LONDON = ZoneInfo("Europe/London")


def _decide(settings=None, *, kind="session", due=NOW, subscribed=True):
    return decide(DueReminder(due, 1, kind), settings=settings, zone=LONDON,
                  has_subscription=subscribed, now=NOW, grace=timedelta(minutes=30))


def test_with_no_settings_row_a_subscribed_client_is_reminded():
    assert _decide() is None


@pytest.mark.parametrize("settings, kind, reason", [
    (ReminderSettings(paused_until=NOW + timedelta(days=2)), "session", SkipReason.PAUSED),
    (ReminderSettings(sessions_enabled=False), "session", SkipReason.TURNED_OFF),
    (ReminderSettings(movement_breaks_enabled=False), "movement-break", SkipReason.TURNED_OFF),
    (ReminderSettings(quiet_from="22:00", quiet_to="07:00"), "session", SkipReason.QUIET_HOURS),
])
def test_the_clients_choices_each_skip_with_their_reason(settings, kind, reason):
    assert _decide(settings, kind=kind) is reason


def test_a_pause_that_has_ended_no_longer_skips():
    assert _decide(ReminderSettings(paused_until=NOW - timedelta(minutes=1))) is None


def test_turning_one_kind_off_leaves_the_other_on():
    assert _decide(ReminderSettings(sessions_enabled=False), kind="movement-break") is None


def test_without_a_subscription_there_is_nothing_to_send_to():
    assert _decide(subscribed=False) is SkipReason.NO_SUBSCRIPTION


def test_a_reminder_older_than_the_grace_window_is_missed_whatever_the_settings():
    assert _decide(due=NOW - timedelta(minutes=31)) is SkipReason.MISSED
    assert _decide(due=NOW - timedelta(minutes=29)) is None


@pytest.mark.parametrize("local, quiet_from, quiet_to, quiet", [
    (time(23, 0), "22:00", "07:00", True),
    (time(6, 59), "22:00", "07:00", True),
    (time(7, 0), "22:00", "07:00", False),
    (time(13, 0), "12:00", "14:00", True),
    (time(14, 0), "12:00", "14:00", False),
    (time(13, 0), None, None, False),
])
def test_quiet_hours_are_half_open_and_may_wrap_past_midnight(local, quiet_from, quiet_to,
                                                               quiet):
    assert in_quiet_hours(local, quiet_from, quiet_to) is quiet
