"""A bounded soak: mixed client and therapist traffic against gunicorn with the reminder scheduler
running as its own process, printing the error rate, the drift of p99 latency from the first
minute to the last, memory growth of every process, and the reminders the push service got.

Run by hand, never in CI: .venv/bin/python benchmarks/soak.py [--minutes 10] [--postgres URL]
Loopback only: the app, the scheduler and a local push service all listen on 127.0.0.1, and the
load (--workers processes, one keep-alive connection each, at most --rate requests a second
each) stops by itself after --minutes.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import queue
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from floor import GUNICORN, serve  # noqa: E402

from tests.push_service import LocalPushService  # noqa: E402

CLIENTS = 24
PASSWORD = "soak-password-long"
#: What one load step asks for, with its weight: phones mostly send and read their own,
#: therapists mostly look at the caseload and a client's trends.
MIX = (("client", "POST", "/api/me/logs", 5), ("client", "GET", "/api/me/trends", 3),
       ("client", "GET", "/api/me/program", 2), ("client", "POST", "/api/me/sessions", 1),
       ("therapist", "GET", "/api/clients", 2), ("therapist", "GET", "/api/clients/{id}/trends", 2),
       ("therapist", "GET", "/api/clients/{id}/flags", 1))


def seed(env: dict, push: LocalPushService) -> dict:
    os.environ.update({k: v for k, v in env.items() if k.isupper()})
    from server import create_app
    from server.demo import DEMO_PROGRAM
    from server.domain import accounts, programs
    from server.extensions import db
    from server.schemas.programs import ProgramSchema

    app = create_app()
    every_day = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    with app.app_context():
        therapist = accounts.register_therapist("t@soak.test", PASSWORD, "Therapist")
        db.session.flush()
        clients = []
        for n in range(CLIENTS):
            _invite, token = accounts.create_invite(therapist, f"c{n}", f"c{n}@soak.test",
                                                    timedelta(1))
            client = accounts.accept_invite(token, PASSWORD, ["Europe/London", "America/New_York",
                                                              "Asia/Kolkata"][n % 3])
            db.session.flush()
            # A movement break every 10 minutes all day: reminders fall due throughout the soak.
            spec = {**DEMO_PROGRAM, "schedule": {"times": ["08:00"], "days": every_day},
                    "movement_breaks": {"every_minutes": 10, "from": "00:00", "to": "23:50"}}
            program = programs.assign_program_version(therapist, client,
                                                      ProgramSchema().load(spec))
            program.created_at = datetime.now(UTC) - timedelta(days=1)
            clients.append(client.id)
        db.session.commit()
        db.engine.dispose()
    cookies = {"client": [], "therapist": []}
    for who, email in [("therapist", "t@soak.test")] + [("client", f"c{n}@soak.test")
                                                        for n in range(CLIENTS)]:
        http = app.test_client()
        response = http.post("/api/auth/login", json={"email": email, "password": PASSWORD})
        cookies[who].append(response.headers["Set-Cookie"].split(";")[0])
        if who == "client":
            assert http.post("/api/me/push-subscriptions",
                             json=push.subscribe()).status_code == 201
    return {"cookies": cookies, "clients": clients}


def _body(path: str) -> bytes | None:
    now = datetime.now(UTC)
    if path == "/api/me/logs":
        return json.dumps([{"id": str(uuid.uuid4()), "recorded_at": (now - timedelta(
            minutes=random.randint(0, 600))).isoformat(), "pain": random.randint(0, 9),
            "sensations": random.sample(["aching", "burning", "tingling"], random.randint(0, 2))}
            for _ in range(random.randint(1, 5))]).encode()
    if path == "/api/me/sessions":
        return json.dumps([{"id": str(uuid.uuid4()), "started_at": now.isoformat(),
                            "pain_before": 5, "pain_after": 4, "drags": [
                                {"group": "superior", "side": "left", "direction": "medial",
                                 "response": "better"}]}]).encode()
    return None


def _load(port, world, seconds, rate, seed_value, out):
    random.seed(seed_value)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    weights = [w for *_x, w in MIX]
    started, samples = time.monotonic(), []
    while (elapsed := time.monotonic() - started) < seconds:
        role, method, path, _w = random.choices(MIX, weights)[0]
        cookie = random.choice(world["cookies"][role])
        path = path.format(id=random.choice(world["clients"]))
        sent = time.perf_counter()
        try:
            connection.request(method, path, body=_body(path),
                               headers={"Content-Type": "application/json", "Cookie": cookie})
            response = connection.getresponse()
            response.read()
            status = response.status
        except OSError:
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            status = 0
        samples.append((elapsed, time.perf_counter() - sent, status))
        time.sleep(max(0.0, 1 / rate - (time.perf_counter() - sent)))
    out.put(samples)


def _memory(processes) -> float:
    total = 0
    for process in processes:
        for member in [process, *process.children(recursive=True)]:
            try:
                total += member.memory_info().rss
            except psutil.Error:
                pass
    return total / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--rate", type=float, default=15, help="requests/s per load process")
    parser.add_argument("--postgres", help="a PostgreSQL URL of the soak's own (emptied first)")
    args = parser.parse_args()
    seconds = args.minutes * 60

    tmp = Path(tempfile.mkdtemp(prefix="cluneal-soak-"))
    url = args.postgres or f"sqlite:///{tmp / 'soak.sqlite3'}"
    if args.postgres:
        import psycopg

        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute("DROP SCHEMA public CASCADE")
            connection.execute("CREATE SCHEMA public")
    env = {**os.environ, "DATABASE_URL": url, "INSTANCE_PATH": str(tmp / "instance"),
           "SCHEDULER_ENABLED": "0", "SESSION_COOKIE_SECURE": "0", "SECRET_KEY": "soak",
           "PUSH_ALLOW_LOOPBACK": "1", "REMINDER_TICK_SECONDS": "5", "RATELIMIT_ENABLED": "1",
           "API_RATE_LIMIT": "100000 per minute", "LOGIN_RATE_LIMIT": "1000 per minute",
           "LOG_LEVEL": "WARNING",
           "PYTHONPATH": os.pathsep.join([str(ROOT), str(HERE)])}
    subprocess.run([sys.executable, "-m", "flask", "--app", "server", "db", "upgrade"],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    from server.reminders.vapid import load_vapid_keys

    keys = load_vapid_keys({}, tmp / "instance")  # made now, shared by every process below
    push = LocalPushService(expected_vapid_key=keys.public_key).start()
    world = seed(env, push)
    web, port = serve("server:create_app()", env, ROOT)
    scheduler = subprocess.Popen([sys.executable, "-m", "flask", "--app", "server", "scheduler"],
                                 cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    watched = [psutil.Process(web.pid), psutil.Process(scheduler.pid)]
    try:
        time.sleep(5)
        memory_start = _memory(watched)
        out = multiprocessing.Queue()
        loaders = [multiprocessing.Process(target=_load, args=(port, world, seconds, args.rate,
                                                               n, out))
                   for n in range(args.workers)]
        for loader in loaders:
            loader.start()
        memory_by_minute, started, samples = [memory_start], time.monotonic(), []
        while len(samples) < len(loaders):
            try:
                samples.append(out.get(timeout=1))
            except queue.Empty:
                pass
            if time.monotonic() - started >= 60 * len(memory_by_minute):
                memory_by_minute.append(_memory(watched))
        samples = [s for batch in samples for s in batch]
        for loader in loaders:
            loader.join()
        memory_end = _memory(watched)
    finally:
        for process in (web, scheduler):
            process.terminate()
            process.wait(timeout=60)
        push.stop()

    errors = [s for s in samples if not 200 <= s[2] < 300]
    minutes = {}
    for elapsed, latency, _status in samples:
        minutes.setdefault(int(elapsed // 60), []).append(latency)
    p99 = {m: 1000 * statistics.quantiles(v, n=100)[98] for m, v in sorted(minutes.items())
           if len(v) >= 100}
    first, last = p99[min(p99)], p99[max(p99)]
    print(f"\nsoak: {args.minutes:g} min, {args.workers} load processes at <= {args.rate:g} req/s "
          f"each, gunicorn {' '.join(GUNICORN[3:7])}, scheduler tick 5 s, "
          f"{'PostgreSQL' if args.postgres else 'SQLite'}")
    rate = 100 * len(errors) / len(samples)
    print(f"requests {len(samples)}, errors {len(errors)} ({rate:.3f} %)"
          + (f", statuses {sorted({s[2] for s in errors})}" if errors else ""))
    print("p99 by minute (ms): " + " ".join(f"{v:.0f}" for v in p99.values()))
    print(f"p99 drift, last minute / first: {last / first:.2f}")
    print(f"memory (web + scheduler RSS): {memory_start:.0f} MiB -> {memory_end:.0f} MiB "
          f"({memory_end - memory_start:+.0f} MiB); by minute: "
          + " ".join(f"{m:.0f}" for m in memory_by_minute))
    distinct = {(m.token, m.payload["kind"], m.payload["due_at"]) for m in push.received}
    print(f"reminders received by the push service: {len(push.received)}, refused: "
          f"{len(push.rejected)}, sent twice: {len(push.received) - len(distinct)}")


if __name__ == "__main__":
    main()
