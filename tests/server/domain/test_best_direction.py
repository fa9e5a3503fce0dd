"""The learned best direction: Beta-Binomial estimates ranked per spot, the "worse" mark that is
never recommended, the rule for clear evidence, and what a guided session leads with."""

from __future__ import annotations

import math

import pytest

from server.domain import best_direction as bd


def test_an_estimate_is_the_beta_1_1_posterior_with_its_90_percent_interval():
    # 1 eased of 1: Beta(2, 1), mean 2/3, interval (sqrt 0.05, sqrt 0.95).
    one = bd.estimate(1, 1)
    assert one.mean == pytest.approx(2 / 3)
    assert (one.low, one.high) == pytest.approx((math.sqrt(0.05), math.sqrt(0.95)), abs=1e-12)
    # 0 eased of 3: Beta(1, 4), mean 1/5, interval (1 - 0.95^¼, 1 - 0.05^¼).
    none = bd.estimate(0, 3)
    assert none.mean == pytest.approx(0.2)
    assert (none.low, none.high) == pytest.approx((1 - 0.95**0.25, 1 - 0.05**0.25), abs=1e-12)
    # Nothing tried: the prior itself, uniform.
    assert (bd.estimate(0, 0).mean, bd.estimate(0, 0).low) == pytest.approx((0.5, 0.05))


def test_an_impossible_count_is_refused():
    with pytest.raises(ValueError):
        bd.estimate(3, 2)


def test_directions_are_ranked_by_estimate_then_tries_then_the_trial_order():
    spot = bd.spot_evidence("superior", "left", {
        "superior": (2, 4), "medial": (6, 10), "inferior": (1, 1), "lateral": (2, 4)})
    # medial 7/12 = .583, inferior 2/3 = .667: inferior ranks first on mean alone.
    assert [d.direction for d in spot.directions] == ["inferior", "medial", "lateral", "superior"]
    assert spot.best == "inferior" and spot.reason == bd.TOO_FEW_TRIALS and not spot.clear


def test_a_direction_answered_worse_lately_is_marked_ranked_last_and_never_best():
    counts = {"medial": (9, 10), "inferior": (1, 10)}
    spot = bd.spot_evidence("middle", "right", counts, worse_recently={"medial"})
    assert [d.direction for d in spot.directions] == ["inferior", "medial"]
    assert spot.directions[1].worse_recently and not spot.directions[0].worse_recently
    assert spot.best == "inferior" and not spot.clear and spot.reason == bd.OVERLAPPING
    every = bd.spot_evidence("middle", "right", counts, worse_recently={"medial", "inferior"})
    assert every.best is None and every.reason == bd.NONE_RECOMMENDABLE and not every.clear


def test_the_evidence_is_clear_when_the_best_lower_end_clears_every_other_upper_end():
    # 9 of 10 → Beta(10, 2): 5th percentile ≈ 0.66; 2 of 10 → Beta(3, 9): 95th ≈ 0.48.
    clear = bd.spot_evidence("inferior", "left", {"lateral": (9, 10), "medial": (2, 10)})
    assert clear.clear and clear.best == "lateral" and clear.reason == bd.CLEAR
    assert clear.directions[0].low > clear.directions[1].high
    # 6 of 10 → Beta(7, 5): 5th ≈ 0.35, below the other's 95th: not clear yet.
    overlapping = bd.spot_evidence("inferior", "left", {"lateral": (6, 10), "medial": (2, 10)})
    assert not overlapping.clear and overlapping.reason == bd.OVERLAPPING


def test_a_barely_tried_other_direction_keeps_the_evidence_unclear():
    spot = bd.spot_evidence("inferior", "left", {"lateral": (20, 20), "medial": (1, 1)})
    assert not spot.clear and spot.reason == bd.OVERLAPPING


def test_clear_evidence_needs_the_minimum_tries_and_a_second_direction():
    few = bd.spot_evidence("superior", "left", {"lateral": (bd.MIN_TRIALS - 1, bd.MIN_TRIALS - 1),
                                                "medial": (0, 30)})
    assert few.best == "lateral" and few.reason == bd.TOO_FEW_TRIALS
    enough = bd.spot_evidence("superior", "left", {"lateral": (bd.MIN_TRIALS, bd.MIN_TRIALS),
                                                   "medial": (0, 30)})
    assert enough.clear
    alone = bd.spot_evidence("superior", "left", {"lateral": (30, 30)})
    assert alone.reason == bd.ONLY_ONE_DIRECTION and not alone.clear


def test_a_recently_worse_direction_still_counts_against_clarity():
    spot = bd.spot_evidence("superior", "left", {"lateral": (9, 10), "medial": (9, 10),
                                                 "inferior": (0, 10)},
                            worse_recently={"medial"})
    assert spot.best == "lateral" and not spot.clear


def test_spots_come_from_the_top_of_the_body_down_left_before_right():
    found = bd.evidence_from_answers({
        ("inferior", "right", "medial"): (1, 2), ("superior", "right", "medial"): (1, 2),
        ("superior", "left", "lateral"): (0, 1), ("superior", "left", "medial"): (1, 1)},
        marked={("superior", "left", "medial")})
    assert [(s.group, s.side) for s in found] == [
        ("superior", "left"), ("superior", "right"), ("inferior", "right")]
    assert found[0].best == "lateral" and found[0].directions[-1].worse_recently


STEPS = [{"group": "superior", "side": "both", "directions": ["inferior", "medial", "lateral"],
          "hold_seconds": 5, "repetitions": 1},
         {"group": "middle", "side": "left", "directions": ["inferior", "superior"],
          "hold_seconds": 5, "repetitions": 1}]


def test_a_session_leads_only_where_the_evidence_is_clear_and_the_step_lists_the_direction():
    evidence = bd.evidence_from_answers({
        ("superior", "left", "lateral"): (10, 10), ("superior", "left", "inferior"): (1, 10),
        ("superior", "right", "medial"): (5, 10), ("superior", "right", "inferior"): (4, 10),
        ("middle", "left", "medial"): (10, 10), ("middle", "left", "inferior"): (0, 10)})
    assert [s.clear for s in evidence] == [True, False, True]
    # middle/left is clear for "medial", but the program's middle step no longer lists it.
    assert bd.lead_directions(evidence, STEPS) == [
        {"group": "superior", "side": "left", "direction": "lateral"}]


def test_nothing_recommended_when_the_clear_best_is_marked_now():
    evidence = bd.evidence_from_answers(
        {("superior", "left", "lateral"): (10, 10), ("superior", "left", "inferior"): (0, 10)},
        marked={("superior", "left", "lateral")})
    assert bd.lead_directions(evidence, STEPS) == []
    assert evidence[0].best == "inferior" and not evidence[0].clear
