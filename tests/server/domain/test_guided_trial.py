"""The guided trial's rules (domain.md "Direction is found by trial"): every direction of a spot
is tried, the first most-relief direction held hold × repetitions, "worse" ends the spot, "both"
is left then right; and the demo's sessions are ones these rules produce."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import select

from server.domain.guided_trial import any_worse, held_direction, session_drags, spots
from server.extensions import db
from server.models import PracticeSession, Program

ORDER = ["inferior", "medial", "lateral", "superior"]
UPPER_LEFT = {"group": "superior", "side": "left", "directions": ORDER, "hold_seconds": 5,
              "repetitions": 3}
MIDDLE_BOTH = {"group": "middle", "side": "both", "directions": ["inferior", "lateral"],
               "hold_seconds": 3, "repetitions": 2}


def _drag(direction, response, held=0, group="superior", side="left"):
    return {"group": group, "side": side, "direction": direction, "response": response,
            "held_seconds": held}


@pytest.mark.parametrize(("answers", "drags"), [
    (["same", "better", "same", "same"],
     [_drag("inferior", "same"), _drag("medial", "better", 15), _drag("lateral", "same"),
      _drag("superior", "same")]),
    (["better", "same", "better", "same"],  # a tie goes to the earlier direction
     [_drag("inferior", "better", 15), _drag("medial", "same"), _drag("lateral", "better"),
      _drag("superior", "same")]),
    (["same"] * 4, [_drag(d, "same") for d in ORDER]),  # nothing eased: nothing held
    (["worse"], [_drag("inferior", "worse")]),  # stop rule: no further pull on the spot
    (["better", "same", "worse"],
     [_drag("inferior", "better"), _drag("medial", "same"), _drag("lateral", "worse")]),
    (["same", "better"], [_drag("inferior", "same"), _drag("medial", "better")]),  # ended early
    ([], []),
], ids=["second-eased", "tie", "nothing-eased", "worse-first", "worse-after-better", "cut-short",
        "no-answers"])
def test_one_spot(answers, drags):
    assert session_drags([UPPER_LEFT], answers) == drags


def test_both_sides_run_left_then_right_each_its_own_spot_and_hold():
    middle = {"group": "middle"}
    assert [(s.group, s.side) for s in spots([MIDDLE_BOTH])] == [("middle", "left"),
                                                                  ("middle", "right")]
    assert session_drags([MIDDLE_BOTH], ["same", "better", "better", "better"]) == [
        _drag("inferior", "same", **middle), _drag("lateral", "better", 6, **middle),
        _drag("inferior", "better", 6, **middle, side="right"),
        _drag("lateral", "better", **middle, side="right")]


def test_after_worse_the_session_goes_on_to_the_next_spot():
    answers = ["same", "better", "same", "same", "worse", "better", "same"]
    drags = session_drags([UPPER_LEFT, MIDDLE_BOTH], answers)
    assert drags == [
        _drag("inferior", "same"), _drag("medial", "better", 15), _drag("lateral", "same"),
        _drag("superior", "same"),
        _drag("inferior", "worse", group="middle"),
        _drag("inferior", "better", 6, group="middle", side="right"),
        _drag("lateral", "same", group="middle", side="right"),
    ]
    assert any_worse(drags) and not any_worse(drags[:4])


def test_a_step_stored_under_the_old_60_second_bound_holds_15_and_one_without_a_hold_5():
    old = {**UPPER_LEFT, "directions": ["inferior"], "hold_seconds": 60}
    assert session_drags([old], ["better"]) == [_drag("inferior", "better", 45)]
    unset = {key: value for key, value in old.items() if key != "hold_seconds"}
    assert session_drags([unset], ["better"]) == [_drag("inferior", "better", 15)]


#: The phone's table of cases (session-pwa: steps + answers in the order asked -> drags), run
#: against these rules too so the two implementations cannot drift apart.
PHONE_CASES = Path(__file__).resolve().parents[2] / "fixtures" / "guided_trial_cases.json"


def test_the_server_agrees_with_every_case_of_the_phones_table():
    cases = json.loads(PHONE_CASES.read_text())["cases"]
    assert cases
    for case in cases:
        assert session_drags(case["steps"], case["answers"]) == case["drags"], case["name"]


def test_held_direction_needs_a_complete_trial_without_worse():
    assert held_direction(ORDER, ["same", "same", "better", "same"]) == "lateral"
    assert held_direction(ORDER, ["same", "same", "better"]) is None
    assert held_direction(ORDER, ["better", "worse", "same", "same"]) is None


def _spot_answers(session: PracticeSession) -> list[str]:
    return [drag.response for drag in session.drags]


@time_machine.travel("2026-11-30T00:05:00+00:00", tick=False)
def test_every_demo_session_is_one_the_guided_trial_produces(app):
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    with app.app_context():
        sessions = list(db.session.scalars(select(PracticeSession)))
        programs = {(p.client_id, p.version): p for p in db.session.scalars(select(Program))}
        assert len(sessions) > 50
        worse = 0
        for session in sessions:
            program = programs[(session.client_id, session.program_version)]
            recorded = [{"group": d.group, "side": d.side, "direction": d.direction,
                         "response": d.response, "held_seconds": d.held_seconds}
                        for d in session.drags]
            assert recorded == session_drags(program.steps, _spot_answers(session))
            assert {d["side"] for d in recorded} <= {"left", "right"}
            worse += any_worse(recorded)
        assert 0 < worse < len(sessions)  # the stop rule is exercised, and not everywhere
