"""The app against its floor (benchmarks/floor_app.py: the same work with the least framework)
and against bare Flask, for ingest (a batch of 20 new logs) and a 90-day trend, on SQLite and on
PostgreSQL in one run.

Run by hand: .venv/bin/python benchmarks/floor.py [--seconds 4] [--rounds 3]
                 [--postgres postgresql://postgres@127.0.0.1:5432/bench_scale] [--redis URL]

Each target is served by gunicorn the same way (gthread, 2 workers x 4 threads), rate limiter
on in the app with a limit the load cannot reach. Each target and path first gets --warm-up
seconds of the same load, not recorded (first use compiles statements and fills caches, which
the app does lazily and the floor at start). Targets are interleaved and their order rotates
each round. Printed per target: requests a second, CPU milliseconds per request
(the gunicorn workers plus the database's own processes: PostgreSQL backends of the bench
database; SQLite runs inside the workers) and p50/p99 latency, as medians over the rounds; then
app / floor and app / bare, as throughput ratios and as CPU ratios (floor CPU / app CPU). The
load is bounded (--workers load processes, one keep-alive connection each, 127.0.0.1 only,
stopping after --seconds or 20 000 requests) and nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
GUNICORN = [sys.executable, "-m", "gunicorn", "--workers", "2", "--threads", "4",
            "--worker-class", "gthread", "--log-level", "warning"]
BATCH = 20
MAX_REQUESTS_PER_WORKER = 20_000
TARGETS = ("app", "floor", "bare")
#: Batches a load process has for each round (more than it can send in one), and for the warm-up.
PER_ROUND = 600
WARM_UP_BATCHES = 300


def serve(target: str, env: dict, chdir: Path) -> tuple[subprocess.Popen, int]:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    listener.set_inheritable(True)
    port = listener.getsockname()[1]
    process = subprocess.Popen(GUNICORN + ["--bind", f"fd://{listener.fileno()}", "--chdir",
                                           str(chdir), target], env=env,
                               pass_fds=[listener.fileno()])
    listener.close()
    for _ in range(600):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/nothing-here")
            connection.getresponse().read()
            return process, port
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise SystemExit(f"{target} did not start")


def _worker(port, method, path, bodies, cookie, seconds, out):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json", "Cookie": cookie}
    latencies, errors = [], 0
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline and len(latencies) < MAX_REQUESTS_PER_WORKER:
        body = bodies[len(latencies) % len(bodies)] if bodies else None
        started = time.perf_counter()
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        latencies.append(time.perf_counter() - started)
        errors += response.status != 200
    connection.close()
    out.put((latencies, errors))


class CpuMeter:
    """CPU seconds used by a gunicorn tree and the database backends serving one database."""

    def __init__(self, server: subprocess.Popen, postgres_url: str | None):
        self.server = psutil.Process(server.pid)
        self.postgres_url = postgres_url

    def _processes(self) -> list[psutil.Process]:
        found = [self.server, *self.server.children(recursive=True)]
        if self.postgres_url:
            import psycopg

            database = self.postgres_url.rsplit("/", 1)[1]
            with psycopg.connect(self.postgres_url) as connection:
                pids = [row[0] for row in connection.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = %s "
                    "AND pid <> pg_backend_pid()", (database,))]
            found += [psutil.Process(pid) for pid in pids if psutil.pid_exists(pid)]
        return found

    def snapshot(self) -> dict[int, float]:
        totals = {}
        for process in self._processes():
            try:
                times = process.cpu_times()
                totals[process.pid] = times.user + times.system
            except psutil.Error:
                pass
        return totals


def measure(port, method, path, seconds, meter: CpuMeter, cookie="", bodies=None,
            workers=4) -> dict:
    out = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=_worker, args=(
        port, method, path, (bodies or [None] * workers)[i], cookie, seconds, out))
        for i in range(workers)]
    before = meter.snapshot()
    start = time.perf_counter()
    for p in procs:
        p.start()
    results = [out.get() for _ in procs]
    for p in procs:
        p.join()
    elapsed = time.perf_counter() - start
    after = meter.snapshot()
    cpu = sum(after[pid] - before.get(pid, 0.0) for pid in after)
    latencies = sorted(x for r in results for x in r[0])
    errors = sum(r[1] for r in results)
    if errors:
        print(f"  warning: {errors} of {len(latencies)} requests to {path} were not 200")
    count = len(latencies)
    return {"rps": count / elapsed, "cpu_ms": 1000 * cpu / count,
            "p50_ms": 1000 * latencies[count // 2],
            "p99_ms": 1000 * latencies[min(count - 1, int(count * 0.99))]}


def log_batches(count: int, start: datetime) -> list[bytes]:
    """Pre-encoded batches, each log with a fresh id, so every POST stores new rows."""
    return [json.dumps([{
        "id": str(uuid.uuid4()), "recorded_at": (start + timedelta(minutes=b, seconds=i))
        .isoformat(), "pain": (b + i) % 11, "sensations": ["aching", "burning"][: 1 + i % 2],
        "regions": ["superior-gluteal-left"], "aggravators": ["sitting"], "weakness": False,
        "red_flags": [], "notes": "",
    } for i in range(BATCH)]).encode() for b in range(count)]


def seed(env: dict) -> dict[str, str]:
    """A therapist, a realistic 90-day reader, and one writer a target; their cookies."""
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str(ROOT))
    from api_ratio import seed as seed_reader_and_writer
    from sqlalchemy import select

    from server import create_app
    from server.domain import accounts
    from server.extensions import db
    from server.models import User

    reader, writer = seed_reader_and_writer(env)
    cookies = {"reader": reader, "app": writer}
    app = create_app()
    with app.app_context():
        therapist = db.session.scalar(select(User).where(User.email == "t@bench.test"))
        for who in ("floor", "bare"):
            _invite, token = accounts.create_invite(therapist, who, f"{who}@bench.test",
                                                    timedelta(1))
            accounts.accept_invite(token, "bench-password", "Europe/London")
        db.session.commit()
        db.engine.dispose()
    for who in ("floor", "bare"):
        response = app.test_client().post("/api/auth/login", json={
            "email": f"{who}@bench.test", "password": "bench-password"})
        cookies[who] = response.headers["Set-Cookie"].split(";")[0]
    return cookies


def run_database(label: str, url: str, postgres: bool, args) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="cluneal-floor-"))
    env = {**os.environ, "DATABASE_URL": url, "INSTANCE_PATH": str(tmp / "instance"),
           "SCHEDULER_ENABLED": "0", "SESSION_COOKIE_SECURE": "0", "RATELIMIT_ENABLED": "1",
           "API_RATE_LIMIT": "100000000 per minute", "SECRET_KEY": "benchmark",
           "PYTHONPATH": os.pathsep.join([str(ROOT), str(HERE)])}
    if args.redis:
        env["REDIS_URL"] = args.redis
    if postgres:
        _empty_postgres(url)
    subprocess.run([sys.executable, "-m", "flask", "--app", "server", "db", "upgrade"],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    cookies = seed(env)
    servers = {"app": serve("server:create_app()", env, ROOT),
               "floor": serve("floor_app:make_floor_app()", env, HERE),
               "bare": serve("floor_app:bare_app", env, HERE)}
    meters = {name: CpuMeter(process, url if postgres else None)
              for name, (process, _port) in servers.items()}
    now = datetime.now(UTC)
    since = (now - timedelta(days=89)).date().isoformat()
    bodies = {name: [log_batches(PER_ROUND * args.rounds + WARM_UP_BATCHES,
                                 now - timedelta(days=80 + 3 * w + 20 * n))
                     for w in range(args.workers)] for n, name in enumerate(TARGETS)}
    figures: dict = {}
    try:
        # Warm-up, not recorded: every worker of every target imports, compiles and caches what
        # the paths need (the app compiles its statements on first use, the floor at start), so
        # the rounds measure the steady state of each. Batches of its own: rounds store new rows.
        for path in ("ingest", "trends"):
            for name in TARGETS:
                _process, port = servers[name]
                if path == "ingest":
                    measure(port, "POST", "/bare" if name == "bare" else "/api/me/logs",
                            args.warm_up, meters[name], cookies[name],
                            [b[PER_ROUND * args.rounds:] for b in bodies[name]], args.workers)
                else:
                    measure(port, "GET", "/bare" if name == "bare" else
                            f"/api/me/trends?from={since}", args.warm_up, meters[name],
                            cookies["reader"], None, args.workers)
        for round_ in range(args.rounds):
            order = TARGETS[round_ % 3:] + TARGETS[:round_ % 3]
            for path in ("ingest", "trends"):
                for name in order:
                    _process, port = servers[name]
                    if path == "ingest":
                        route = "/bare" if name == "bare" else "/api/me/logs"
                        result = measure(port, "POST", route, args.seconds, meters[name],
                                         cookies[name],
                                         [b[round_ * PER_ROUND:] for b in bodies[name]],
                                         args.workers)
                    else:
                        route = "/bare" if name == "bare" else f"/api/me/trends?from={since}"
                        result = measure(port, "GET", route, args.seconds, meters[name],
                                         cookies["reader"], None, args.workers)
                    figures.setdefault((path, name), []).append(result)
    finally:
        for process, _port in servers.values():
            process.terminate()
            process.wait(timeout=20)
    return {key: {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            for key, runs in figures.items()}


def _empty_postgres(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("DROP SCHEMA public CASCADE")
        connection.execute("CREATE SCHEMA public")


def report(label: str, medians: dict) -> None:
    print(f"\n{label}")
    print(f"  {'':8} {'target':6} {'req/s':>8} {'CPU ms/req':>11} {'p50 ms':>8} {'p99 ms':>8}")
    for path in ("ingest", "trends"):
        for name in TARGETS:
            m = medians[(path, name)]
            print(f"  {path:8} {name:6} {m['rps']:8.1f} {m['cpu_ms']:11.2f} "
                  f"{m['p50_ms']:8.1f} {m['p99_ms']:8.1f}")
        app, floor, bare = (medians[(path, n)] for n in TARGETS)
        print(f"  {path}: app/floor {app['rps'] / floor['rps']:.2f} by throughput, "
              f"{floor['cpu_ms'] / app['cpu_ms']:.2f} by CPU (goal >= 0.8), p99 "
              f"{app['p99_ms'] / floor['p99_ms']:.2f}x the floor's (goal <= 2); "
              f"app/bare {app['rps'] / bare['rps']:.2f} by throughput, "
              f"{bare['cpu_ms'] / app['cpu_ms']:.2f} by CPU")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warm-up", type=float, default=2.0,
                        help="seconds of unrecorded load per target and path before the rounds")
    parser.add_argument("--workers", type=int, default=4, help="load-generator processes")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/bench_scale",
                        help="a PostgreSQL database of the benchmark's own (emptied first)")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--redis", help="keep the app's rate-limit counters in this Redis")
    args = parser.parse_args()
    runs = [("SQLite", f"sqlite:///{tempfile.mkdtemp(prefix='cluneal-floor-db-')}/b.sqlite3",
             False)]
    if not args.no_postgres:
        runs.append(("PostgreSQL", args.postgres, True))
    results = {label: run_database(label, url, postgres, args) for label, url, postgres in runs}
    print(f"\ngunicorn gthread 2 workers x 4 threads; {args.workers} load processes x "
          f"{args.seconds:g} s x {args.rounds} rounds (medians) after {args.warm_up:g} s of "
          f"warm-up; rate limits "
          f"{'in Redis' if args.redis else 'in memory'}, on, out of reach")
    for label, medians in results.items():
        report(label, medians)


if __name__ == "__main__":
    main()
