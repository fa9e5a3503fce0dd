"""Reminders from program to push service: on time, once, retried, dropped, missed."""

from datetime import UTC, datetime, timedelta

import time_machine

from server.reminders.push import Outcome, SendResult

from .helpers import ledger_rows, program_at, subscription_count

MADE = datetime(2026, 6, 1, 5, 0, tzinfo=UTC)
DUE = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)  # 08:00 in London (BST)


def _client_with_program(world, make_client, make_program, times=("08:00",)):
    client = make_client(world.therapist, timezone="Europe/London")
    program_at(make_program, world.therapist, client, MADE, list(times))
    return client


def test_a_due_session_reminder_reaches_the_push_service_once(
        app, world, make_client, make_program, subscribe, push_service, runner):
    client = _client_with_program(world, make_client, make_program)
    subscribe(client)
    scheduler = runner()
    with time_machine.travel(DUE + timedelta(seconds=10), tick=False):
        report = scheduler.tick()
    with time_machine.travel(DUE + timedelta(seconds=25), tick=False):
        scheduler.tick()
    runner().tick(DUE + timedelta(seconds=40))  # a second scheduler, or a restart
    [message] = push_service.wait_for(1)
    assert report.sent == 1 and push_service.rejected == []
    assert message.payload["title"] == "Time for your self-massage"
    assert message.payload["tag"] == "reminder-session"
    assert message.payload["url"] == "/#/session"
    assert [a["action"] for a in message.payload["actions"]] == ["start", "snooze"]
    assert datetime.fromisoformat(message.payload["due_at"]) == DUE
    assert message.claims["aud"] == push_service.origin
    assert message.headers["topic"] == "remindersession"
    assert ledger_rows(app) == [("session", DUE, "sent", "", 1)]


def test_a_reminder_is_never_sent_before_its_due_time(
        app, world, make_client, make_program, subscribe, push_service, runner):
    client = _client_with_program(world, make_client, make_program)
    subscribe(client)
    report = runner().tick(DUE - timedelta(milliseconds=1))
    assert report.claimed == 0 and push_service.received == [] and ledger_rows(app) == []


def test_a_410_from_the_push_service_removes_the_subscription(
        app, world, make_client, make_program, subscribe, push_service, runner):
    client = _client_with_program(world, make_client, make_program)
    push_service.script(subscribe(client)["endpoint"], [410])
    report = runner().tick(DUE + timedelta(seconds=5))
    assert report.gone == 1 and subscription_count(app) == 0
    assert ledger_rows(app) == [("session", DUE, "failed", "http-410", 1)]


def test_429_and_5xx_are_retried_with_backoff_until_accepted(
        app, world, make_client, make_program, subscribe, push_service, runner, no_sleep):
    client = _client_with_program(world, make_client, make_program)
    push_service.script(subscribe(client)["endpoint"], [429, 503])
    runner().tick(DUE + timedelta(seconds=5))
    assert len(push_service.wait_for(1)) == 1
    assert no_sleep == [0.0, 1.0]  # the service's Retry-After: 0, then 0.5 s doubled
    assert ledger_rows(app) == [("session", DUE, "sent", "", 3)]


def test_a_push_service_that_keeps_failing_is_given_up_after_four_attempts(
        app, world, make_client, make_program, subscribe, push_service, runner):
    client = _client_with_program(world, make_client, make_program)
    push_service.script(subscribe(client)["endpoint"], [500] * 4)
    runner().tick(DUE + timedelta(seconds=5))
    runner().tick(DUE + timedelta(seconds=20))
    assert push_service.received == [] and subscription_count(app) == 1
    assert ledger_rows(app) == [("session", DUE, "failed", "http-500", 4)]


def test_after_downtime_a_reminder_inside_grace_is_sent_late_and_older_ones_are_missed(
        app, world, make_client, make_program, subscribe, push_service, runner):
    client = _client_with_program(world, make_client, make_program, times=("07:00", "08:00"))
    subscribe(client)
    runner().tick(DUE + timedelta(minutes=20))  # the server was down from 06:50 to 07:20 UTC
    assert len(push_service.wait_for(1)) == 1
    assert [(r[1], r[2]) for r in ledger_rows(app)] == [
        (DUE - timedelta(hours=1), "missed"), (DUE, "sent")]


def test_a_client_without_a_subscription_is_recorded_as_skipped(
        app, world, make_client, make_program, runner):
    _client_with_program(world, make_client, make_program)
    runner().tick(DUE + timedelta(seconds=5))
    assert ledger_rows(app) == [("session", DUE, "skipped", "no-subscription", 0)]


class CrashAfter:
    """A sender that dies (as a process would) once it has sent `count` messages."""

    def __init__(self, real, count):
        self.real, self.count = real, count

    def send(self, subscription, payload, **kwargs) -> SendResult:
        if self.count == 0:
            raise KeyboardInterrupt("the process died")
        self.count -= 1
        return self.real.send(subscription, payload, **kwargs)


def test_a_restart_in_the_middle_of_a_dispatch_loses_nothing_and_sends_nothing_twice(
        app, world, make_client, make_program, subscribe, push_service, runner):
    clients = [_client_with_program(world, make_client, make_program) for _ in range(5)]
    tokens = sorted(subscribe(c)["endpoint"].rsplit("/", 1)[1] for c in clients)
    dying = runner(workers=1)
    dying.sender = CrashAfter(dying.sender, 2)
    try:
        dying.tick(DUE + timedelta(seconds=5))
    except KeyboardInterrupt:
        pass
    assert [r[2] for r in ledger_rows(app)].count("sent") == 2
    runner().tick(DUE + timedelta(seconds=20))  # restarted at once: the claims are still held
    assert len(push_service.received) == 2
    runner().tick(DUE + timedelta(minutes=3))  # after the lease, the dead process's claims
    received = push_service.wait_for(5)
    assert sorted(m.token for m in received) == tokens  # each client once, none twice
    assert [r[2] for r in ledger_rows(app)] == ["sent"] * 5


def test_sending_results_are_classified_once_at_the_send_call():
    from server.reminders.push import classify

    assert [classify(s) for s in (201, 404, 410, 429, 500, 503, 400, 413, 301)] == [
        Outcome.SENT, Outcome.GONE, Outcome.GONE, Outcome.RETRY, Outcome.RETRY, Outcome.RETRY,
        Outcome.FAILED, Outcome.FAILED, Outcome.FAILED]
