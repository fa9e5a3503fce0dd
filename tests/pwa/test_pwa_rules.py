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
    _node_test("phone_delivery.test.mjs")


def _node_test(name: str) -> None:
    node = shutil.which("node")
    assert node, "Node.js is needed to run the PWA's rule tests"
    result = subprocess.run([node, "--test", str(HERE / name)],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "# fail 0" in result.stdout


def test_the_clinical_summarys_plain_rules_hold():
    """Its route, its outcome parts, how adherence and dates are said."""
    _node_test("summary_rules.test.mjs")


def test_the_caseloads_search_filters_and_ordering_rule_hold():
    """Search by name (case and accents aside), each filter and their combination, the days of
    'not logging' from the server's rules, 'Showing 7 of 40'."""
    _node_test("caseload_rules.test.mjs")


def test_the_charts_plain_rules_hold():
    """Locale dates on the axis, the year starting at the first log, the range queries, relief
    as percentages with n, done of planned."""
    _node_test("chart_rules.test.mjs")


def test_the_outcome_words_colour_only_meaningful_change():
    """painChange, the outcome line, the caseload's one line and the functional scale's words."""
    _node_test("outcome_words.test.mjs")
