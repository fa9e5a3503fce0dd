"""The app against its floor in one process, with no server and no load: where the time goes.

Run by hand: .venv/bin/python benchmarks/floor_profile.py [--postgres URL] [--requests 300]
                 [--profile ingest|trends]

A quick companion to benchmarks/floor.py (which is the figure of record): both apps are called
through Werkzeug's test client, in turn, on the same database, and the process CPU time of each
request is summed. Printed: milliseconds of CPU a request for app and floor, and floor / app.
With --profile, cProfile's top entries for the app's side of that path.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="a PostgreSQL database of the benchmark's own")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--paths", default="ingest,trends", help="which paths, comma-separated")
    parser.add_argument("--profile", choices=("ingest", "trends"))
    parser.add_argument("--sort", default="tottime", help="cProfile's order (tottime, cumtime)")
    parser.add_argument("--top", type=int, default=45)
    parser.add_argument("--save", metavar="DIR",
                        help="also write each side's profile to DIR/<path>-<app|floor>.prof")
    parser.add_argument("--statements", action="store_true",
                        help="print the SQL one request of each sends (SQLite), and stop")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cluneal-floor-profile-"))
    url = args.postgres or f"sqlite:///{tmp}/p.sqlite3"
    env = {"DATABASE_URL": url, "INSTANCE_PATH": str(tmp / "instance"), "SCHEDULER_ENABLED": "0",
           "SESSION_COOKIE_SECURE": "0", "RATELIMIT_ENABLED": "1",
           "API_RATE_LIMIT": "100000000 per minute", "SECRET_KEY": "benchmark"}
    os.environ.update(env)
    sys.path[:0] = [str(ROOT), str(HERE)]
    import subprocess

    from floor import _empty_postgres, log_batches, seed
    from floor_app import make_floor_app

    if args.postgres:
        _empty_postgres(url)
    subprocess.run([sys.executable, "-m", "flask", "--app", "server", "db", "upgrade"],
                   cwd=ROOT, env={**os.environ, **env}, check=True, capture_output=True)
    cookies = seed({**os.environ, **env})
    from server import create_app

    apps = {"app": create_app(), "floor": make_floor_app(url, secure_cookie=False)}
    now = datetime.now(UTC)
    since = (now - timedelta(days=89)).date().isoformat()
    paths = args.paths.split(",")
    # Every ingest request stores new logs: each name takes the next unused batch.
    batches = {name: iter(log_batches((args.requests + 10) * (paths.count("ingest") + 1),
                                      now - timedelta(days=80 + 20 * n)))
               for n, name in enumerate(apps)}

    def client_as(name: str, who: str):
        client = apps[name].test_client()
        key, value = cookies[who].split("=", 1)
        client.set_cookie(key, value)
        return client

    writers = {name: client_as(name, name) for name in apps}
    readers = {name: client_as(name, "reader") for name in apps}

    def call(name: str, path: str, i: int):
        if path == "ingest":
            response = writers[name].post("/api/me/logs", data=next(batches[name]),
                                          content_type="application/json")
        else:
            response = readers[name].get(f"/api/me/trends?from={since}")
        assert response.status_code == 200, (name, path, response.status_code, response.data)

    if args.statements:
        import sqlite3

        seen: list[str] = []
        real_connect = sqlite3.connect

        def traced_connect(*a, **k):
            connection = real_connect(*a, **k)
            connection.set_trace_callback(lambda sql: seen.append(sql[:150]))
            return connection

        sqlite3.connect = sqlite3.dbapi2.connect = traced_connect
        apps = {"app": create_app(), "floor": make_floor_app(url, secure_cookie=False)}
        writers = {name: client_as(name, name) for name in apps}
        readers = {name: client_as(name, "reader") for name in apps}
        for path in ("ingest", "trends"):
            for name in apps:
                call(name, path, 0)
                seen.clear()
                call(name, path, 1)
                print(f"--- {path} {name}: {len(seen)} statements")
                print("\n".join(seen))
        return
    for path in paths:
        for name in apps:  # warm up: caches, compiled statements, connections
            for i in range(10):
                call(name, path, i)
        spent = dict.fromkeys(apps, 0.0)
        for i in range(10, 10 + args.requests):
            for name in apps:
                started = time.process_time()
                call(name, path, i)
                spent[name] += time.process_time() - started
        app_ms, floor_ms = (1000 * spent[n] / args.requests for n in ("app", "floor"))
        print(f"{path:7} app {app_ms:6.2f} ms  floor {floor_ms:6.2f} ms  "
              f"floor/app {floor_ms / app_ms:.2f}")
        if args.profile == path:
            for n, name in enumerate(apps):
                profiler = cProfile.Profile()
                batches[name] = iter(log_batches(args.requests,
                                                 now - timedelta(days=200 + 20 * n)))
                profiler.enable()
                for i in range(args.requests):
                    call(name, path, i)
                profiler.disable()
                if args.save:
                    Path(args.save).mkdir(parents=True, exist_ok=True)
                    profiler.dump_stats(Path(args.save) / f"{path}-{name}.prof")
                print(f"--- {name}")
                pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
