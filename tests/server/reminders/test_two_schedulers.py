"""Two scheduler processes on one database at the same time (real, separate processes running
`flask send-due-reminders`): every reminder reaches the push service exactly once."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from sqlalchemy import update

from server.extensions import db
from server.models import Program, utcnow
from server.reminders import vapid_keys

from .helpers import EVERY_DAY, ledger_rows

ROOT = Path(__file__).resolve().parents[3]
CLIENTS = 40


def _scheduler_process(app, database_url, instance):
    pem = vapid_keys(app).private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()).decode()
    env = {**os.environ, "FLASK_APP": "server", "DATABASE_URL": database_url,
           "SECRET_KEY": app.config["SECRET_KEY"], "VAPID_PRIVATE_KEY": pem,
           "PUSH_ALLOW_LOOPBACK": "1", "SCHEDULER_ENABLED": "0", "INSTANCE_PATH": str(instance),
           "RATELIMIT_ENABLED": "0"}
    return subprocess.Popen([sys.executable, "-m", "flask", "send-due-reminders"], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_scheduler_processes_send_every_reminder_once(
        app, database_url, world, make_client, make_program, subscribe, push_service, tmp_path):
    due_local = (utcnow() - timedelta(minutes=2)).strftime("%H:%M")
    tokens = []
    for _ in range(CLIENTS):
        client = make_client(world.therapist)
        make_program(world.therapist, client, schedule={"times": [due_local], "days": EVERY_DAY},
                     movement_breaks=None)
        tokens.append(subscribe(client)["endpoint"].rsplit("/", 1)[1])
    with app.app_context():  # the program was assigned before its time, an hour ago
        db.session.execute(update(Program).values(created_at=utcnow() - timedelta(hours=1)))
        db.session.commit()

    processes = [_scheduler_process(app, database_url, tmp_path / f"p{i}") for i in range(2)]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs

    received = push_service.wait_for(CLIENTS)
    assert sorted(m.token for m in received) == sorted(tokens)
    assert push_service.rejected == []
    assert [row[2] for row in ledger_rows(app)] == ["sent"] * CLIENTS
    claimed = [int(out.split("claimed ")[1].split(",")[0]) for out, _err in outputs]
    assert sum(claimed) == CLIENTS
