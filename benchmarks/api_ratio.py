"""Ingest and 90-day-trend throughput of the real API, as a ratio of a bare Flask endpoint
served the same way (gunicorn, same workers and threads) in the same run.

Run by hand: .venv/bin/python benchmarks/api_ratio.py [--seconds 8] [--postgres URL]
Prints requests per second and ratios (goal: at least 0.5 each); asserts nothing about speed.
The load generator is bounded: a fixed number of worker processes, each stopping at a time
limit or a request cap, against 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from flask import Flask, request

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = [sys.executable, "-m", "gunicorn", "--workers", "2", "--threads", "4",
            "--worker-class", "gthread", "--log-level", "warning"]
BATCH = 20
MAX_REQUESTS_PER_WORKER = 20_000

bare_app = Flask("bare")


@bare_app.post("/bare")
def bare_ingest():
    """The floor: parse a JSON list and answer a receipt, touching nothing else."""
    body = request.get_json()
    return {"received": len(body), "created": len(body), "ids": [x["id"] for x in body]}


@bare_app.get("/bare")
def bare_read():
    return {"bucket": "day", "series": []}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(target: str, env: dict, chdir: Path) -> tuple[subprocess.Popen, int]:
    port = free_port()
    process = subprocess.Popen(GUNICORN + ["--bind", f"127.0.0.1:{port}", "--chdir",
                                           str(chdir), target], env=env)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return process, port
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit(f"{target} did not start")


def _worker(port, method, path, bodies, cookie, seconds, out):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json", "Cookie": cookie}
    done, errors, deadline = 0, 0, time.perf_counter() + seconds
    while time.perf_counter() < deadline and done < MAX_REQUESTS_PER_WORKER:
        body = bodies[done % len(bodies)] if bodies else None
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        errors += response.status != 200
        done += 1
    connection.close()
    out.put((done, errors))


def load(port, method, path, seconds, cookie="", bodies_per_worker=None, workers=4) -> float:
    """Requests per second over `workers` processes with one keep-alive connection each."""
    out = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=_worker, args=(
        port, method, path, (bodies_per_worker or [None] * workers)[i], cookie, seconds, out))
        for i in range(workers)]
    start = time.perf_counter()
    for p in procs:
        p.start()
    results = [out.get() for _ in procs]
    for p in procs:
        p.join()
    elapsed = time.perf_counter() - start
    done, errors = sum(r[0] for r in results), sum(r[1] for r in results)
    if errors:
        print(f"  warning: {errors} of {done} requests to {path} were not 200")
    return done / elapsed


def log_batches(count: int, start: datetime) -> list[bytes]:
    """Pre-encoded batches, each log with a fresh id, so every POST stores new rows."""
    batches = []
    for b in range(count):
        at = start + timedelta(minutes=b)
        batches.append(json.dumps([{
            "id": str(uuid.uuid4()), "recorded_at": (at + timedelta(seconds=i)).isoformat(),
            "pain": (b + i) % 11, "sensations": ["aching", "burning"][: 1 + i % 2],
            "regions": ["superior-gluteal-left"], "aggravators": ["sitting"], "weakness": False,
            "red_flags": [], "notes": "",
        } for i in range(BATCH)]).encode())
    return batches


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--workers", type=int, default=4, help="load-generator processes")
    parser.add_argument("--postgres", help="a PostgreSQL URL to use instead of SQLite")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="cluneal-bench-"))
    url = args.postgres or f"sqlite:///{tmp / 'bench.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": url, "INSTANCE_PATH": str(tmp / "instance"),
           "SCHEDULER_ENABLED": "0", "SESSION_COOKIE_SECURE": "0", "RATELIMIT_ENABLED": "0",
           "SECRET_KEY": "benchmark", "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "flask", "--app", "server", "db", "upgrade"],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    sys.path.insert(0, str(ROOT))
    reader_cookie, writer_cookie = seed(env)

    api, api_port = serve("server:create_app()", env, ROOT)
    bare, bare_port = serve("api_ratio:bare_app", env, Path(__file__).resolve().parent)
    try:
        now = datetime.now(UTC)
        per_worker = [log_batches(2000, now - timedelta(days=80 + 2 * w)) for w in
                      range(args.workers)]
        bare_bodies = [b[:50] for b in per_worker]
        since = (now - timedelta(days=89)).date().isoformat()
        figures = {}
        for name, real, floor in (
            ("ingest (POST /api/me/logs, 20 logs a batch)",
             lambda: load(api_port, "POST", "/api/me/logs", args.seconds, writer_cookie,
                          per_worker, args.workers),
             lambda: load(bare_port, "POST", "/bare", args.seconds, "", bare_bodies,
                          args.workers)),
            ("90-day trends (GET /api/me/trends?from=…)",
             lambda: load(api_port, "GET", f"/api/me/trends?from={since}", args.seconds,
                          reader_cookie, workers=args.workers),
             lambda: load(bare_port, "GET", "/bare", args.seconds, workers=args.workers)),
        ):
            floor_rps, real_rps = floor(), real()
            figures[name] = (real_rps, floor_rps)
        print(f"\ndatabase: {'PostgreSQL' if args.postgres else 'SQLite'}; gunicorn gthread "
              f"2 workers x 4 threads; {args.workers} load processes x {args.seconds:.0f} s")
        for name, (real_rps, floor_rps) in figures.items():
            print(f"{name}: {real_rps:8.1f} req/s   bare Flask: {floor_rps:8.1f} req/s   "
                  f"ratio {real_rps / floor_rps:.2f} (goal >= 0.5)")
    finally:
        for process in (api, bare):
            process.terminate()
            process.wait(timeout=10)


def seed(env: dict) -> tuple[str, str]:
    """A therapist and two clients; returns their session cookies (reader, writer).

    The reader is a realistic 90 days: the demo program (two sessions a day), about 3 logs and
    2 sessions of 6 drags a day. The writer takes the ingest load, so the trend figure is not
    a read of the thousands of logs (and flags) the ingest run happens to have stored."""
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "INSTANCE_PATH", "SCHEDULER_ENABLED",
                                           "SESSION_COOKIE_SECURE", "RATELIMIT_ENABLED")})
    from server import create_app
    from server.demo import DEMO_PROGRAM
    from server.domain import accounts, programs, records
    from server.extensions import db
    from server.schemas.programs import ProgramSchema
    from server.schemas.records import PracticeSessionSchema, SymptomLogSchema

    app = create_app()
    with app.app_context():
        therapist = accounts.register_therapist("t@bench.test", "bench-password", "T")
        db.session.flush()
        clients = {}
        for who in ("c", "w"):
            _invite, token = accounts.create_invite(therapist, who, f"{who}@bench.test",
                                                    timedelta(1))
            clients[who] = accounts.accept_invite(token, "bench-password", "Europe/London")
            db.session.flush()
        reader = clients["c"]
        program = programs.assign_program_version(therapist, reader,
                                                  ProgramSchema().load(DEMO_PROGRAM))
        program.created_at = datetime.now(UTC) - timedelta(days=95)
        now = datetime.now(UTC)
        logs = [{"id": str(uuid.uuid4()), "recorded_at": (now - timedelta(hours=8 * i))
                 .isoformat(), "pain": 2 + i % 6, "sensations": ["aching", "burning"][: 1 + i % 2]}
                for i in range(270)]
        records.record_logs(reader, SymptomLogSchema(many=True).load(logs))
        drags = [{"group": "superior", "side": "left", "direction": d, "response": r}
                 for d in ("inferior", "medial", "lateral") for r in ("better", "same")]
        sessions = [{"id": str(uuid.uuid4()), "started_at": (now - timedelta(hours=12 * i))
                     .isoformat(), "pain_before": 5, "pain_after": 4, "drags": drags}
                    for i in range(1, 180)]
        records.record_sessions(reader, PracticeSessionSchema(many=True).load(sessions))
        db.session.commit()
        db.engine.dispose()
    cookies = []
    for who in ("c", "w"):
        response = app.test_client().post("/api/auth/login", json={
            "email": f"{who}@bench.test", "password": "bench-password"})
        cookies.append(response.headers["Set-Cookie"].split(";")[0])
    return cookies[0], cookies[1]


if __name__ == "__main__":
    main()
