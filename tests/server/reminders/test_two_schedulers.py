"""Two scheduler processes on one database at the same time (real, separate processes running
`flask send-due-reminders`): every reminder reaches the push service exactly once."""

import subprocess
import sys
from pathlib import Path

from .helpers import due_two_minutes_ago, ledger_rows, process_env, scheduler_on_the_real_clock

ROOT = Path(__file__).resolve().parents[3]
CLIENTS = 40


@scheduler_on_the_real_clock
def test_two_scheduler_processes_send_every_reminder_once(
        app, database_url, world, make_client, make_program, subscribe, push_service, tmp_path):
    tokens = due_two_minutes_ago(app, world, make_client, make_program, subscribe, CLIENTS)

    processes = [subprocess.Popen(
        [sys.executable, "-m", "flask", "send-due-reminders"], cwd=ROOT,
        env=process_env(app, database_url, tmp_path / f"p{i}"), stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True) for i in range(2)]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs

    received = push_service.wait_for(CLIENTS)
    assert sorted(m.token for m in received) == sorted(tokens)
    assert push_service.rejected == []
    assert [row[2] for row in ledger_rows(app)] == ["sent"] * CLIENTS
    claimed = [int(out.split("claimed ")[1].split(",")[0]) for out, _err in outputs]
    assert sum(claimed) == CLIENTS
