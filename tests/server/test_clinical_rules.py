"""One home for every clinical rule: the PWA's clinical-rules.js is what server/domain writes
now (drift fails the build, from either side), and the app's words cover every code and name no
other. Each check is also run on a changed copy, to show it fails."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from server.cli import CLINICAL_RULES_JS
from server.domain import safety, vocabulary
from server.domain.clinical_rules import drift, exported, render

ROOT = Path(__file__).resolve().parents[2]
PWA_JS = ROOT / "pwa" / "js"
RULES = exported(render())

#: (module, exported table of words, the codes it must cover exactly). For GUIDANCE a pair:
#: the codes it must cover, and the other codes it may also word.
WORDING = [
    ("vocabulary.js", "SENSATIONS", RULES["SENSATIONS"]),
    ("vocabulary.js", "REGION_AREAS", RULES["REGION_AREAS"]),
    ("vocabulary.js", "SIDES", RULES["SIDES"]),
    ("vocabulary.js", "ACTIVITIES", RULES["ACTIVITIES"]),
    ("vocabulary.js", "NERVE_GROUPS", RULES["NERVE_GROUPS"]),
    ("vocabulary.js", "DIRECTIONS", RULES["DIRECTIONS"]),
    ("vocabulary.js", "CONTACTS", RULES["CONTACTS"]),
    ("vocabulary.js", "RESPONSES", RULES["RESPONSES"]),
    ("safety.js", "RED_FLAG_QUESTIONS", RULES["RED_FLAGS"]),
    ("safety.js", "GUIDANCE", (RULES["ADVICE_TIERS"], RULES["FLAG_KINDS"])),
    ("therapist/flag-labels.js", "RED_FLAG_LABELS", RULES["RED_FLAGS"]),
    ("therapist/flag-labels.js", "KIND_LABELS",
     [kind for kind in RULES["FLAG_KINDS"] if kind not in ("red-flag", "watch")]),
    ("therapist/flag-labels.js", "WATCH_LABELS", RULES["WATCH_CODES"]),
    ("therapist/flag-labels.js", "URGENCY", RULES["URGENCY_TIERS"]),
    ("charts/vocabulary-labels.js", "GROUP_LABELS", RULES["NERVE_GROUPS"]),
    ("charts/vocabulary-labels.js", "SIDE_LABELS", RULES["SIDES"]),
    ("charts/vocabulary-labels.js", "DIRECTION_LABELS", RULES["DIRECTIONS"]),
    ("therapist/step-fields.js", "GROUPS", RULES["NERVE_GROUPS"]),
    ("therapist/step-fields.js", "SIDES", RULES["SIDES"]),
    ("therapist/step-fields.js", "CONTACTS", RULES["CONTACTS"]),
    ("therapist/clinical-reference.js", "NERVE_GROUP_NOTES", RULES["NERVE_GROUPS"]),
    ("therapist/watch-evidence.js", "EVIDENCE_WORDS", RULES["WATCH_CODES"]),
    ("therapist/watch-thresholds.js", "THRESHOLD_WORDS", list(RULES["WATCH_DEFAULTS"])),
    ("therapist/outcome-words.js", "PAIN_CHANGE_WORDS", RULES["PAIN_CHANGE_CATEGORIES"]),
    ("therapist/outcome-words.js", "NO_OUTCOME_WORDS", RULES["NO_OUTCOME_REASONS"]),
    ("therapist/outcome-words.js", "EVIDENCE_WORDS", RULES["EVIDENCE_REASONS"]),
    ("therapist/outcome-words.js", "BASELINE_WORDS", RULES["BASELINES"]),
]


def _js_keys(pwa_js: Path) -> dict[str, list]:
    """The keys of every wording table, read by Node from the modules themselves."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node is needed to read the PWA's modules (scripts/setup installs it)")
    done = subprocess.run(
        [node, "--experimental-default-type=module", str(ROOT / "tests" / "js_exports.mjs"),
         *(f"{module}:{name}" for module, name, _codes in WORDING)],
        capture_output=True, text=True, timeout=60, env={**os.environ, "PWA_JS": str(pwa_js)})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def wording_faults(pwa_js: Path) -> list[str]:
    """Every code without words, and every word for no code, as sentences."""
    keys = _js_keys(pwa_js)
    faults = []
    for module, name, codes in WORDING:
        required, allowed = codes if isinstance(codes, tuple) else (codes, codes)
        worded = set(keys[f"{module}:{name}"])
        faults += [f"{module} {name} has no words for {code}"
                   for code in required if code not in worded]
        faults += [f"{module} {name} words {key}, which is no code"
                   for key in sorted(worded - set(required) - set(allowed))]
    return faults


def test_the_committed_module_is_exactly_what_the_server_writes_now():
    committed = CLINICAL_RULES_JS.read_text()
    assert drift(committed) == []
    assert committed == render(), "run `flask --app server clinical-rules` and commit the file"


def test_the_command_checks_and_writes_the_module(app):
    result = app.test_cli_runner().invoke(args=["clinical-rules", "--check"])
    assert result.exit_code == 0, result.output


def test_a_threshold_or_code_changed_in_the_module_alone_is_drift():
    committed = CLINICAL_RULES_JS.read_text()
    changed = committed.replace("HIGH_PAIN_THRESHOLD = 8;", "HIGH_PAIN_THRESHOLD = 7;")
    changed = changed.replace('"painful-cold"', '"cold"')
    assert changed != committed
    assert drift(changed) == ["HIGH_PAIN_THRESHOLD", "NEUROPATHIC_SENSATIONS", "SENSATIONS"]
    assert drift(committed.replace('"same-day"', '"today"', 1)) != []


def test_a_threshold_or_tier_changed_on_the_server_alone_is_drift(monkeypatch):
    committed = CLINICAL_RULES_JS.read_text()
    monkeypatch.setattr(safety, "HIGH_PAIN_THRESHOLD", 9)
    monkeypatch.setattr(vocabulary, "WATCH_CODES", (*vocabulary.WATCH_CODES, "flare"))
    assert drift(committed) == ["HIGH_PAIN_THRESHOLD", "WATCH_CODES"]
    assert render() != committed


def test_a_rule_missing_from_the_module_is_drift():
    committed = CLINICAL_RULES_JS.read_text()
    without = "\n".join(line for line in committed.splitlines()
                        if not line.startswith("export const MEAN_WINDOW_DAYS"))
    assert drift(without) == ["MEAN_WINDOW_DAYS"]


def test_every_code_has_words_in_the_app_and_every_word_names_a_code():
    assert wording_faults(PWA_JS) == []


def test_words_for_a_code_the_server_does_not_know_or_a_missing_word_fail(tmp_path):
    copy = tmp_path / "js"
    shutil.copytree(PWA_JS, copy)
    labels = copy / "therapist" / "flag-labels.js"
    text = labels.read_text()
    text = text.replace("  creep: 'Pain creeping up over four weeks',\n",
                        "  flare: 'A flare-up',\n")
    labels.write_text(text)
    assert wording_faults(copy) == [
        "therapist/flag-labels.js WATCH_LABELS has no words for creep",
        "therapist/flag-labels.js WATCH_LABELS words flare, which is no code",
    ]


def test_the_app_reads_its_codes_and_thresholds_from_the_generated_module():
    """No JS file but the generated one spells out a tier list or the pain thresholds."""
    offenders = []
    for path in PWA_JS.rglob("*.js"):
        if path.name == "clinical-rules.js":
            continue
        text = path.read_text()
        for pattern in (">= 8", "['emergency', 'same-day'", "{ min: 3, max: 60 }",
                        "filter((code) => code !== 'aching')"):
            if pattern in text:
                offenders.append(f"{path.relative_to(PWA_JS)}: {pattern}")
    assert offenders == []


def test_the_service_worker_precaches_the_module(anonymous):
    assert '  "/js/clinical-rules.js",\n' in anonymous.get("/sw.js").get_data(as_text=True)
