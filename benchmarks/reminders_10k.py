"""Benchmark: 10,000 reminders due in the same minute, sent by the real in-process scheduler
(APScheduler tick, ledger, Web Push with VAPID and aes128gcm) to a local push service that
checks every signature and decrypts every payload. Prints how long after the due minute the
last one arrived, and how many arrived twice.

    .venv/bin/python benchmarks/reminders_10k.py [--count 10000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from server import create_app  # noqa: E402
from server.extensions import db  # noqa: E402
from server.models import CLIENT, Program, PushSubscription, User  # noqa: E402
from server.reminders import vapid_keys  # noqa: E402
from server.reminders.scheduler import start_background  # noqa: E402
from tests.push_service import LocalPushService  # noqa: E402

ZONES = ["UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Adelaide"]


def seed(app, service: LocalPushService, count: int, due: datetime) -> dict[str, int]:
    """count clients across several zones, each with one session due at `due` (local time)."""
    tokens = {}
    with app.app_context():
        made = due - timedelta(hours=1)
        db.session.execute(insert(User), [
            {"role": CLIENT, "email": f"bench{i}@example.test", "name": f"Client {i}",
             "password_hash": "!", "timezone": ZONES[i % len(ZONES)], "created_at": made}
            for i in range(count)])
        users = db.session.execute(select(User.id, User.timezone)).all()
        db.session.execute(insert(Program), [
            {"client_id": uid, "version": 1, "created_at": made,
             "schedule_times": [due.astimezone(ZoneInfo(zone)).strftime("%H:%M")],
             "schedule_days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], "notes": ""}
            for uid, zone in users])
        rows = []
        for uid, _zone in users:
            subscription = service.subscribe()
            tokens[subscription["endpoint"].rsplit("/", 1)[1]] = uid
            rows.append({"user_id": uid, "endpoint": subscription["endpoint"],
                         "p256dh": subscription["keys"]["p256dh"],
                         "auth": subscription["keys"]["auth"], "created_at": made})
        db.session.execute(insert(PushSubscription), rows)
        db.session.commit()
    return tokens


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="reminders10k-"))
    url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": str(workdir / "instance"),
                      "SECRET_KEY": "benchmark", "PUSH_ALLOW_LOOPBACK": True,
                      "SCHEDULER_ENABLED": False, "RATELIMIT_ENABLED": False})
    with app.app_context():
        upgrade()
    service = LocalPushService(expected_vapid_key=vapid_keys(app).public_key).start()

    now = datetime.now(UTC)
    due = (now + timedelta(minutes=2)).replace(second=0, microsecond=0)
    started = time.perf_counter()
    tokens = seed(app, service, args.count, due)
    print(f"seeded {len(tokens)} clients in {time.perf_counter() - started:.1f} s; "
          f"due at {due:%H:%M:%S} UTC")

    scheduler = start_background(app)  # the real in-process scheduler, ticking every 15 s
    received = service.wait_for(args.count, timeout=(due - datetime.now(UTC)).total_seconds()
                                + 300)
    scheduler.shutdown(wait=True)
    time.sleep(1)  # let any straggling duplicate arrive before counting
    received = list(service.received)
    due_ts = due.timestamp()
    arrivals = sorted(m.at - due_ts for m in received)
    twice = sum(n - 1 for n in Counter(m.token for m in received).values() if n > 1)
    early = sum(1 for a in arrivals if a < 0)
    print(f"database: {url.split(':')[0]}; tick every {app.config['REMINDER_TICK_SECONDS']} s; "
          f"send workers {app.config.get('REMINDER_SEND_WORKERS', 16)}")
    print(f"arrived: {len(set(m.token for m in received))} of {args.count}; "
          f"rejected by the push service: {len(service.rejected)}")
    if arrivals:
        print(f"first arrived {arrivals[0]:.1f} s after the due minute, "
              f"median {arrivals[len(arrivals) // 2]:.1f} s, last {arrivals[-1]:.1f} s")
    print(f"arrived twice: {twice}; arrived before due: {early}")
    service.stop()


if __name__ == "__main__":
    main()
