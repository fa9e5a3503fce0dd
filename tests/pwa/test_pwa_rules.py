"""The PWA's plain-JavaScript rules, checked by Node's own test runner (tests/pwa/*.test.mjs).

The guided trial's table of cases lives in tests/fixtures/guided_trial_cases.json; its format is
described at the top of tests/pwa/guided_trial.test.mjs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent


def test_the_phones_guided_trial_rules_give_the_drags_of_every_case_in_the_shared_table():
    node = shutil.which("node")
    assert node, "Node.js is needed to run the PWA's rule tests"
    result = subprocess.run(
        [node, "--test", str(HERE / "guided_trial.test.mjs")],
        capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout


def test_the_workspaces_plain_rules_hold():
    """Refresh timing and freshness words, announcements, flag order, the watch's evidence in
    words, the red-flag questions' order, the handout's warning signs, where alerts go."""
    node = shutil.which("node")
    assert node, "Node.js is needed to run the PWA's rule tests"
    result = subprocess.run(
        [node, "--test", str(HERE / "therapist_rules.test.mjs")],
        capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout


def test_the_phones_delivery_rules_hold():
    """A test notification is read back from the server until its outcome is known."""
    node = shutil.which("node")
    assert node, "Node.js is needed to run the PWA's rule tests"
    result = subprocess.run(
        [node, "--test", str(HERE / "phone_delivery.test.mjs")],
        capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout
