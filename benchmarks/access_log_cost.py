"""What the access log costs a therapist's read: median latency of GET /api/clients/<id>/trends
and of GET /api/clients/<id> with the entry written (an INSERT and a commit per read; on
PostgreSQL without waiting for the disk) and with the writing switched off, alternating, in one
process through Flask's test client.

Run by hand: .venv/bin/python benchmarks/access_log_cost.py [--reads 300] [--postgres URL]
Prints medians and the difference; asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager, nullcontext
from datetime import timedelta
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402

from server import create_app  # noqa: E402
from server.api import access  # noqa: E402
from server.domain import accounts  # noqa: E402
from server.domain.consent import notice_version  # noqa: E402
from server.extensions import db  # noqa: E402


@contextmanager
def unlogged():
    with mock.patch.object(access, "note_access", lambda *_args: None):
        yield


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reads", type=int, default=300)
    parser.add_argument("--postgres", help="an empty PostgreSQL database URL")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    url = args.postgres or f"sqlite:///{folder / 'bench.sqlite3'}"
    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": str(folder / "instance"),
                      "SCHEDULER_ENABLED": False, "RATELIMIT_ENABLED": False,
                      "SESSION_COOKIE_SECURE": False, "TESTING": True})
    with app.app_context():
        upgrade()
        therapist = accounts.register_therapist("t@bench.test", "bench-password", "T")
        _invite, token = accounts.create_invite(therapist, "C", "c@bench.test",
                                                timedelta(hours=1))
        client = accounts.accept_invite(token, "bench-password", "UTC",
                                        consent_version=notice_version(0))
        db.session.commit()
        client_id = client.id
    http = app.test_client()
    http.post("/api/auth/login", json={"email": "t@bench.test", "password": "bench-password"})
    for path in (f"/api/clients/{client_id}", f"/api/clients/{client_id}/trends"):
        timings = {"logged": [], "unlogged": []}
        for n in range(args.reads * 2):
            kind = "logged" if n % 2 else "unlogged"
            with unlogged() if kind == "unlogged" else nullcontext():
                start = time.perf_counter()
                assert http.get(path).status_code == 200
                timings[kind].append(time.perf_counter() - start)
        logged, plain = (statistics.median(timings[k]) * 1000 for k in ("logged", "unlogged"))
        print(f"{path.replace(str(client_id), '<id>'):36} median {plain:6.2f} ms unlogged, "
              f"{logged:6.2f} ms logged (+{logged - plain:.2f} ms)")


if __name__ == "__main__":
    main()
