"""Lighthouse (mobile) on the client's Today and History screens, signed in as the demo client.

Serves the real app over a fresh SQLite database seeded with the demo accounts, signs in through
the API, hands the session cookie to Lighthouse with --extra-headers, and prints the
performance / accessibility / best-practices scores and the first load's bytes and requests.
Performance varies from run to run by a few points, so each screen is audited several times
(--runs, default 3): every run's line is printed, then the median performance and its range.

Run from the repository root: .venv/bin/python -m benchmarks.lighthouse [--runs N] [screen ...]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import tempfile
import threading
from pathlib import Path

import requests
from flask_migrate import upgrade
from werkzeug.serving import make_server

from server import create_app
from server.demo import CLIENT_EMAIL, DEMO_PASSWORD, seed_demo
from server.extensions import db

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "pwa" / "node_modules" / ".bin" / "lighthouse"
SCREENS = {"today": "/#/today", "history": "/#/history"}
CATEGORIES = ("performance", "accessibility", "best-practices")


def serve(workdir: Path) -> str:
    app = create_app({
        "DATABASE_URL": f"sqlite:///{workdir / 'lighthouse.sqlite3'}",
        "SECRET_KEY": "lighthouse-benchmark", "SCHEDULER_ENABLED": False,
        "SESSION_COOKIE_SECURE": False, "RATELIMIT_ENABLED": False,
        "INSTANCE_PATH": str(workdir / "instance"),
    })
    with app.app_context():
        upgrade(directory=str(ROOT / "migrations"))
        seed_demo()
        db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}"


def session_cookie(base: str) -> str:
    response = requests.post(base + "/api/auth/login",
                             json={"email": CLIENT_EMAIL, "password": DEMO_PASSWORD}, timeout=10)
    response.raise_for_status()
    return "; ".join(f"{name}={value}" for name, value in response.cookies.items())


def audit(url: str, cookie: str, report: Path) -> dict:
    command = [
        str(LIGHTHOUSE), url, "--chrome-path=/usr/bin/chromium",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        f"--only-categories={','.join(CATEGORIES)}", "--form-factor=mobile",
        f"--extra-headers={json.dumps({'Cookie': cookie})}",
        "--output=json", f"--output-path={report}", "--quiet",
    ]
    # Lighthouse now and then fails to record its trace on a busy machine (NO_NAVSTART): that
    # says nothing about the page, so such a run is tried once more.
    if subprocess.run(command, cwd=ROOT / "pwa").returncode != 0:
        subprocess.run(command, check=True, cwd=ROOT / "pwa")
    return json.loads(report.read_text())


def summarise(name: str, result: dict) -> str:
    scores = {key: round(result["categories"][key]["score"] * 100) for key in CATEGORIES}
    audits = result["audits"]
    requests_made = audits["network-requests"]["details"]["items"]
    total_bytes = sum(item.get("transferSize", 0) for item in requests_made)
    failing = [key for key, a in audits.items()
               if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") in
               ("binary", "numeric") and key not in ("network-requests",)]
    return (f"{name:8} performance {scores['performance']:3}  accessibility "
            f"{scores['accessibility']:3}  best-practices {scores['best-practices']:3}  "
            f"first load {total_bytes / 1024:.0f} KiB in {len(requests_made)} requests  "
            f"FCP {audits['first-contentful-paint']['displayValue']}  "
            f"LCP {audits['largest-contentful-paint']['displayValue']}  "
            f"TBT {audits['total-blocking-time']['displayValue']}  "
            f"CLS {audits['cumulative-layout-shift']['displayValue']}\n"
            f"         audits below full marks: {', '.join(failing[:12]) or 'none'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="audits per screen (default 3)")
    parser.add_argument("--keep", type=Path, help="copy each JSON report into this folder")
    parser.add_argument("screens", nargs="*", help=f"any of {', '.join(SCREENS)} (default all)")
    args = parser.parse_args()
    args.screens = args.screens or list(SCREENS)
    if unknown := set(args.screens) - set(SCREENS):
        parser.error(f"unknown screen: {', '.join(sorted(unknown))}")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        base = serve(workdir)
        cookie = session_cookie(base)
        for name in args.screens:
            scores = []
            for run in range(args.runs):
                result = audit(base + SCREENS[name], cookie, workdir / f"{name}-{run}.json")
                scores.append(round(result["categories"]["performance"]["score"] * 100))
                if args.keep:
                    args.keep.mkdir(parents=True, exist_ok=True)
                    (args.keep / f"{name}-{run}.json").write_text(json.dumps(result))
                print(summarise(name, result), flush=True)
            print(f"{name:8} performance median {statistics.median(scores):g} "
                  f"(min {min(scores)}, max {max(scores)}) over {len(scores)} runs\n", flush=True)


if __name__ == "__main__":
    main()
