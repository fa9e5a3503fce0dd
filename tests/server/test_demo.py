"""flask --app server demo seeds a therapist and a client with 60 days that chart."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import time_machine
from sqlalchemy import func, select

from server.demo import CLIENT_EMAIL, DEMO_PASSWORD, THERAPIST_EMAIL
from server.extensions import db
from server.models import PracticeSession, SymptomLog

ROOT = Path(__file__).resolve().parents[2]
#: The demo dates its history back from "now": a Monday just after midnight in London (the
#: demo's zone) has an empty current week, the hardest instant for the weekly assertions below.
MONDAY_JUST_AFTER_MIDNIGHT = "2026-11-30T00:05:00+00:00"


def _sign_in(app, email):
    http = app.test_client()
    assert http.post("/api/auth/login", json={"email": email, "password": DEMO_PASSWORD}) \
        .status_code == 200
    return http


@time_machine.travel(MONDAY_JUST_AFTER_MIDNIGHT, tick=False)
def test_the_demo_command_seeds_accounts_whose_trends_and_caseload_are_full(app):
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert THERAPIST_EMAIL in result.output

    client = _sign_in(app, CLIENT_EMAIL)
    trends = client.get("/api/me/trends?bucket=day").json
    days_with_logs = [b for b in trends["series"] if b["logs"]]
    assert len(days_with_logs) >= 25
    assert sum(b["sessions_done"] for b in trends["series"]) > 20
    assert sum(b["sessions_planned"] for b in trends["series"]) > 40
    assert trends["relief"] and all(r["better"] + r["same"] + r["worse"] for r in trends["relief"])
    weeks = client.get("/api/me/trends?bucket=week").json["series"]
    # Every full week before the current one has logs; the current one may have none yet.
    assert all(w["pain_mean"] is not None for w in weeks[1:-1])

    therapist = _sign_in(app, THERAPIST_EMAIL)
    rows = therapist.get("/api/clients").json
    [row] = [r for r in rows if r["email"] == CLIENT_EMAIL]
    assert row["pain_mean_7d"] is not None and len(row["recent_pain"]) == 20
    assert row["program_version"] == 1


@time_machine.travel(MONDAY_JUST_AFTER_MIDNIGHT, tick=False)
def test_running_the_demo_twice_adds_nothing(app):
    runner = app.test_cli_runner()
    runner.invoke(args=["demo"])
    with app.app_context():
        counts = (db.session.scalar(select(func.count(SymptomLog.id))),
                  db.session.scalar(select(func.count(PracticeSession.id))))
    assert runner.invoke(args=["demo"]).exit_code == 0
    with app.app_context():
        assert (db.session.scalar(select(func.count(SymptomLog.id))),
                db.session.scalar(select(func.count(PracticeSession.id)))) == counts
    assert counts[0] > 100 and counts[1] > 50


def test_the_flask_command_line_runs_the_demo_on_a_fresh_database(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
           "INSTANCE_PATH": str(tmp_path / "instance"), "SCHEDULER_ENABLED": "0",
           "SECRET_KEY": "demo-test-key"}
    flask = [sys.executable, "-m", "flask", "--app", "server"]
    for command in (["db", "upgrade"], ["demo"]):
        done = subprocess.run(flask + command, cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    assert CLIENT_EMAIL in done.stdout
