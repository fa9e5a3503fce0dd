"""The scheduler process (`flask scheduler`) stopped with SIGTERM, as systemd or a deploy stops
it, while it is sending: the pushes it claimed are all sent and recorded before it exits."""

import signal
import subprocess
import sys
from pathlib import Path

from .helpers import due_two_minutes_ago, ledger_rows, process_env, scheduler_on_the_real_clock

ROOT = Path(__file__).resolve().parents[3]
CLIENTS = 5


@scheduler_on_the_real_clock
def test_sigterm_lets_the_scheduler_finish_the_dispatch_in_progress(
        app, database_url, world, make_client, make_program, subscribe, push_service, tmp_path):
    tokens = due_two_minutes_ago(app, world, make_client, make_program, subscribe, CLIENTS)
    push_service.delay = 0.4  # one push at a time, each slow: the dispatch takes about 2 s
    scheduler = subprocess.Popen(
        [sys.executable, "-m", "flask", "scheduler"], cwd=ROOT,
        env=process_env(app, database_url, tmp_path / "instance", REMINDER_SEND_WORKERS=1,
                        REMINDER_TICK_SECONDS=1),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert push_service.wait_for_arrivals(1, timeout=60) >= 1
        scheduler.send_signal(signal.SIGTERM)
        out, err = scheduler.communicate(timeout=60)
    finally:
        if scheduler.poll() is None:
            scheduler.kill()
            scheduler.communicate()
    assert scheduler.returncode == 0, (out, err)
    assert len(push_service.received) == CLIENTS, "SIGTERM cut the dispatch short"
    assert sorted(m.token for m in push_service.received) == sorted(tokens)
    assert [row[2] for row in ledger_rows(app)] == ["sent"] * CLIENTS


def test_sigterm_between_ticks_stops_the_scheduler_at_once(app, database_url, tmp_path):
    scheduler = subprocess.Popen(
        [sys.executable, "-m", "flask", "scheduler"], cwd=ROOT,
        env=process_env(app, database_url, tmp_path / "instance", REMINDER_TICK_SECONDS=3600),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert "Reminder scheduler running" in scheduler.stdout.readline()
        scheduler.send_signal(signal.SIGTERM)
        out, err = scheduler.communicate(timeout=20)
    finally:
        if scheduler.poll() is None:
            scheduler.kill()
            scheduler.communicate()
    assert scheduler.returncode == 0, (out, err)
