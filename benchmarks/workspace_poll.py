"""What the workspace's self-refresh costs the server: median latency of one caseload poll
(GET /api/clients, which the caseload and an open client page both ask every 20 s while visible)
for caseloads of growing size, each client with two months of twice-daily logs and a few
sessions, in one process through Flask's test client; and what that means per open tab.

Run by hand: .venv/bin/python benchmarks/workspace_poll.py [--sizes 10 50 150] [--polls 40]
    [--postgres URL]
Prints medians and the share of one core an open tab takes; asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402

from server import create_app  # noqa: E402
from server.domain import accounts, invites, records  # noqa: E402
from server.domain.consent import notice_version  # noqa: E402
from server.extensions import db  # noqa: E402
from server.models import User  # noqa: E402
from server.schemas.records import PracticeSessionSchema, SymptomLogSchema  # noqa: E402

#: How often a visible workspace screen asks (pwa/js/therapist/live-refresh.js).
REFRESH_SECONDS = 20
DAYS = 60


def _logs(now: datetime) -> list[dict]:
    return [{"id": str(uuid.uuid4()), "recorded_at": (now - timedelta(days=d, hours=h)).isoformat(),
             "pain": 3 + (d + h) % 5, "sensations": ["aching", "burning"],
             "regions": ["superior-gluteal-left"], "aggravators": ["sitting"], "weakness": False,
             "red_flags": [], "notes": ""} for d in range(DAYS) for h in (2, 12)]


def _sessions(now: datetime) -> list[dict]:
    return [{"id": str(uuid.uuid4()), "program_version": None,
             "started_at": (now - timedelta(days=d)).isoformat(), "ended_at": None,
             "pain_before": 5, "pain_after": 4, "stopped_early": False, "drags": []}
            for d in range(0, DAYS, 3)]


def add_clients(app, therapist_id: int, start: int, count: int) -> None:
    now = datetime.now(UTC)
    with app.app_context():
        therapist = db.session.get(User, therapist_id)
        for n in range(start, start + count):
            _invite, token = invites.create_invite(therapist, f"C{n}", f"c{n}@bench.test",
                                                    timedelta(hours=1))
            client = invites.accept_invite(token, "bench-password", "Europe/London",
                                            consent_version=notice_version(0))
            db.session.flush()
            records.record_logs(client, SymptomLogSchema(many=True).load(_logs(now)))
            records.record_sessions(client, PracticeSessionSchema(many=True).load(_sessions(now)))
            db.session.commit()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 150])
    parser.add_argument("--polls", type=int, default=40)
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
        db.session.commit()
        therapist_id = therapist.id
    http = app.test_client()
    http.post("/api/auth/login", json={"email": "t@bench.test", "password": "bench-password"})
    have = 0
    print(f"{'clients':>8} {'median ms':>10} {'p90 ms':>8} {'one tab, % of a core':>22}")
    for size in sorted(args.sizes):
        add_clients(app, therapist_id, have, size - have)
        have = size
        timings = []
        for _ in range(args.polls):
            start = time.perf_counter()
            response = http.get("/api/clients")
            timings.append(time.perf_counter() - start)
            assert response.status_code == 200 and len(response.json) == size
        median = statistics.median(timings)
        p90 = statistics.quantiles(timings, n=10)[-1]
        print(f"{size:>8} {median * 1000:>10.1f} {p90 * 1000:>8.1f} "
              f"{100 * median / REFRESH_SECONDS:>21.2f}%")


if __name__ == "__main__":
    main()
