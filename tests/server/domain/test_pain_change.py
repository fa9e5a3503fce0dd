"""IMMPACT's clinically important change in pain, at its edges: 30 % and 2 points are meaningful,
29 % and 1.9 points are not; 50 % is substantial; rises are classified the same way."""

from __future__ import annotations

from fractions import Fraction

import pytest

from server.domain import pain_change as pc


@pytest.mark.parametrize(("baseline", "now", "category"), [
    # 30 % by percentage alone (1.5 points), and 29 % (1.45 points): the percentage edge.
    (5, 3.5, pc.MEANINGFUL_IMPROVEMENT),
    (5, 3.55, pc.NO_CLEAR_CHANGE),
    # 2.0 points by points alone (20 %), and 1.9 points (19 %): the points edge.
    (10, 8.0, pc.MEANINGFUL_IMPROVEMENT),
    (10, 8.1, pc.NO_CLEAR_CHANGE),
    # 50 % is substantial; 49 % (and 2.45 points) is meaningful only.
    (5, 2.5, pc.SUBSTANTIAL_IMPROVEMENT),
    (5, 2.55, pc.MEANINGFUL_IMPROVEMENT),
    # The client: 6.9 to 3.3 is a 52 % fall.
    (6.9, 3.3, pc.SUBSTANTIAL_IMPROVEMENT),
    # Rises the same sizes.
    (5, 6.5, pc.MEANINGFUL_WORSENING),
    (5, 6.45, pc.NO_CLEAR_CHANGE),
    (10, 12.0, pc.MEANINGFUL_WORSENING),
    (10, 11.9, pc.NO_CLEAR_CHANGE),
    (4, 6, pc.SUBSTANTIAL_WORSENING),
    # A change of 0.1 is never better or worse.
    (6, 6.1, pc.NO_CLEAR_CHANGE),
    (6, 5.9, pc.NO_CLEAR_CHANGE),
    (6, 6, pc.NO_CLEAR_CHANGE),
    # From a baseline of 0 only points count (no percentage of nothing).
    (0, 2, pc.MEANINGFUL_WORSENING),
    (0, 1.9, pc.NO_CLEAR_CHANGE),
])
def test_the_category_of_a_change(baseline, now, category):
    assert pc.classify(baseline, now).category == category


def test_the_change_is_exact_and_signed():
    change = pc.classify(Fraction(7, 3), Fraction(1, 3))
    assert change.points == -2 and change.fraction == Fraction(-6, 7) and change.meaningful
    assert pc.classify(0, 1).fraction is None
    assert not pc.classify(5, 3.55).meaningful
