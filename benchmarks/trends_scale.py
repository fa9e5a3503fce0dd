"""Trend latency for one client in a database of 10 thousand and then 1 million symptom logs.

Run by hand: .venv/bin/python benchmarks/trends_scale.py [--postgres URL] [--large 1000000]
Prints the median latency of a 90-day day-bucketed trend at each size and their ratio (goal:
under 1.5), with the query plan of the log aggregation; asserts nothing about speed. Rows are
bulk-inserted with executemany in chunks. --postgres needs an empty database it may fill.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import insert, text  # noqa: E402

from server import create_app  # noqa: E402
from server.domain.trends import (  # noqa: E402
    client_trends,
    daily_logs_statement,
    local_day_params,
)
from server.domain.vocabulary import SENSATIONS  # noqa: E402
from server.extensions import db  # noqa: E402
from server.models import CLIENT, THERAPIST, SymptomLog, User  # noqa: E402
from server.models.logs import sensation_column  # noqa: E402

CLIENTS = 2000
CHUNK = 20_000
RUNS = 25
TARGET_LOGS = 450


def _log_rows(client_ids: list[int], count: int, rng: random.Random, now: datetime,
              days: int = 2 * 365):
    for _ in range(count):
        sensations = rng.sample(SENSATIONS, k=rng.randint(0, 2))
        row = {"id": uuid.UUID(int=rng.getrandbits(128), version=4),
               "client_id": rng.choice(client_ids),
               "recorded_at": now - timedelta(minutes=rng.randrange(days * 24 * 60)),
               "received_at": now, "pain": rng.randrange(11), "regions": ["lumbar-left"],
               "aggravators": [], "weakness": False, "red_flags": [], "notes": ""}
        row.update({sensation_column(c): c in sensations for c in SENSATIONS})
        yield row


def bulk_insert_logs(client_ids: list[int], count: int, rng: random.Random,
                     days: int = 2 * 365) -> None:
    now = datetime.now(UTC)
    rows = _log_rows(client_ids, count, rng, now, days)
    while True:
        chunk = [row for _, row in zip(range(CHUNK), rows, strict=False)]
        if not chunk:
            break
        db.session.execute(insert(SymptomLog.__table__), chunk)
        db.session.commit()


def median_ms(client: User, since: date) -> float:
    client_trends(client, since, None, "day")  # warm the statement cache
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        client_trends(client, since, None, "day")
        timings.append((time.perf_counter() - start) * 1000)
    db.session.rollback()
    return statistics.median(timings)


def explain(client: User, since: datetime) -> str:
    """The database's plan for the per-day statement the trend really runs, values inlined."""
    dialect = db.engine.dialect.name
    now = datetime.now(UTC)
    arms, params = local_day_params(dialect, ZoneInfo(client.timezone), since, now)
    statement = daily_logs_statement(dialect, arms).params(
        client_id=client.id, start=since, end=now, **params)
    sql = str(statement.compile(dialect=db.engine.dialect,
                                compile_kwargs={"literal_binds": True}))
    prefix = "EXPLAIN QUERY PLAN" if dialect == "sqlite" else "EXPLAIN"
    rows = db.session.execute(text(f"{prefix} {sql}")).all()
    return "\n".join("   " + " | ".join(str(v) for v in row) for row in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="an empty PostgreSQL database URL")
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cluneal-scale-"))
    url = args.postgres or f"sqlite:///{tmp / 'scale.sqlite3'}"
    os.environ.setdefault("SECRET_KEY", "benchmark")
    app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": str(tmp / "instance"),
                      "SCHEDULER_ENABLED": False})
    rng = random.Random(11)
    with app.app_context():
        upgrade()
        therapist = User(role=THERAPIST, email="t@scale.test", name="T", password_hash="x")
        db.session.add(therapist)
        db.session.flush()
        clients = [User(role=CLIENT, email=f"c{n}@scale.test", name=f"C{n}", password_hash="x",
                        timezone="Europe/London", therapist_id=therapist.id)
                   for n in range(CLIENTS)]
        db.session.add_all(clients)
        db.session.commit()
        ids = [c.id for c in clients]
        target = clients[0]
        since = datetime.now(UTC) - timedelta(days=89)

        # The measured client has the same 450 logs (5 a day for 90 days) at both sizes; the
        # other clients' logs, over two years, are what grows.
        bulk_insert_logs([target.id], TARGET_LOGS, rng, days=90)
        figures = {}
        inserted = TARGET_LOGS
        for size in (args.small, args.large):
            start = time.perf_counter()
            bulk_insert_logs(ids[1:], size - inserted, rng)
            inserted = size
            load_s = time.perf_counter() - start
            if db.engine.dialect.name == "postgresql":
                db.session.execute(text("ANALYZE symptom_logs"))
            else:
                db.session.execute(text("ANALYZE"))
            db.session.commit()
            mine = db.session.scalar(text(
                "SELECT count(*) FROM symptom_logs WHERE client_id = :c"), {"c": target.id})
            figures[size] = median_ms(target, since.date())
            print(f"{size:>9,} logs (loaded in {load_s:5.1f} s; the client has {mine}): "
                  f"90-day trend median {figures[size]:6.2f} ms over {RUNS} runs")
        print("plan of the per-day read of the client's logs:\n" + explain(target, since))
        ratio = figures[args.large] / figures[args.small]
        print(f"database: {db.engine.dialect.name}; ratio {args.large:,} / {args.small:,} = "
              f"{ratio:.2f} (goal < 1.5)")


if __name__ == "__main__":
    main()
