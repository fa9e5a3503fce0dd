"""Several processes, one database: two gunicorn web processes and two `flask scheduler`
processes on the suite's database (PostgreSQL in the PostgreSQL run) with rate limits in Redis,
as deploy/ runs them. A sign-in limit holds across both web processes, and every reminder due
reaches the push service exactly once."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
import requests

from tests.factories import PASSWORD

from .helpers import due_two_minutes_ago, ledger_rows, process_env, scheduler_on_the_real_clock

ROOT = Path(__file__).resolve().parents[3]
LOGIN_LIMIT = 4
CLIENTS = 12


def _listening_socket() -> socket.socket:
    """A socket on a free loopback port, handed to gunicorn (--bind fd://N): no port race."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    listener.set_inheritable(True)
    return listener


def _wait_until_ready(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        try:
            # The socket listens before gunicorn's worker has booted: a request waits meanwhile.
            if requests.get(f"{base}/api/health/ready", timeout=10).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise AssertionError(f"{base} never became ready")


@pytest.fixture
def deployment(app, database_url, redis_url, tmp_path):
    """start(web=2, schedulers=2) -> the web processes' base URLs; everything is stopped with
    SIGTERM afterwards, and each process must exit cleanly."""
    prefix = f"scale-test-{uuid.uuid4().hex[:10]}"
    processes: list[subprocess.Popen] = []
    sockets: list[socket.socket] = []

    def start(web: int, schedulers: int) -> list[str]:
        settings = {"REDIS_URL": redis_url, "RATELIMIT_ENABLED": "1",
                    "RATELIMIT_KEY_PREFIX": prefix, "LOGIN_RATE_LIMIT": f"{LOGIN_LIMIT} per hour",
                    "REMINDER_TICK_SECONDS": 1, "LOG_FORMAT": "json"}
        bases = []
        for n in range(web):
            listener = _listening_socket()
            sockets.append(listener)
            env = process_env(app, database_url, tmp_path / f"web{n}", **settings)
            processes.append(subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py",
                 "--workers", "1", "--threads", "2", "--bind", f"fd://{listener.fileno()}",
                 "server:create_app()"],
                cwd=ROOT, env=env, pass_fds=[listener.fileno()], stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, text=True))
            bases.append(f"http://127.0.0.1:{listener.getsockname()[1]}")
        for n in range(schedulers):
            env = process_env(app, database_url, tmp_path / f"scheduler{n}", **settings)
            processes.append(subprocess.Popen(
                [sys.executable, "-m", "flask", "scheduler"], cwd=ROOT, env=env,
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        for base, process in zip(bases, processes, strict=False):
            _wait_until_ready(base, process)
        return bases

    yield start
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    outputs = []
    for process in processes:
        try:
            outputs.append(process.communicate(timeout=60))
        except subprocess.TimeoutExpired:
            process.kill()
            outputs.append(process.communicate())
    for listener in sockets:
        listener.close()
    connection = redis.Redis.from_url(redis_url)
    for key in connection.scan_iter(match=f"*{prefix}*"):
        connection.delete(key)
    connection.close()
    assert [p.returncode for p in processes] == [0] * len(processes), outputs


def test_a_sign_in_limit_holds_across_two_web_processes(deployment, world):
    first, second = deployment(web=2, schedulers=0)
    answers = []
    for attempt in range(LOGIN_LIMIT + 2):
        base = (first, second)[attempt % 2]
        answers.append(requests.post(f"{base}/api/auth/login", timeout=10, json={
            "email": world.client.email, "password": "not the password"}).status_code)
    # Each process alone has seen only half the attempts: memory-only limits would still
    # answer 401 to all of them.
    assert answers == [401] * LOGIN_LIMIT + [429, 429]
    ready = requests.get(f"{second}/api/health/ready", timeout=10).json()
    assert ready["rate_limits"] == "shared"


@scheduler_on_the_real_clock
def test_two_web_processes_and_two_schedulers_send_every_reminder_once(
        deployment, app, world, make_client, make_program, subscribe, push_service):
    tokens = due_two_minutes_ago(app, world, make_client, make_program, subscribe, CLIENTS)
    deployment(web=2, schedulers=2)
    received = push_service.wait_for(CLIENTS, timeout=60)
    # A few more ticks of both schedulers: still nothing sent twice.
    time.sleep(3)
    assert sorted(m.token for m in push_service.received) == sorted(tokens)
    assert push_service.rejected == []
    assert len(received) == CLIENTS
    assert [row[2] for row in ledger_rows(app)] == ["sent"] * CLIENTS


def test_a_client_signed_in_on_one_web_process_is_signed_in_on_the_other(deployment, world):
    first, second = deployment(web=2, schedulers=0)
    with requests.Session() as phone:
        assert phone.post(f"{first}/api/auth/login", timeout=10, json={
            "email": world.client.email, "password": PASSWORD}).status_code == 200
        assert phone.get(f"{second}/api/me", timeout=10).json()["id"] == world.client.id
        assert phone.post(f"{second}/api/auth/logout", timeout=10).status_code in {200, 204}
        assert phone.get(f"{first}/api/me", timeout=10).status_code == 401
