"""The Beta distribution's cumulative probability and quantiles against values worked by hand."""

from __future__ import annotations

import math

import pytest

from server.domain import beta


def _binomial_tail(x: float, a: int, b: int) -> float:
    """For whole a and b, I_x(a, b) = P(Binomial(a + b - 1, x) >= a): a second, independent way."""
    n = a + b - 1
    return sum(math.comb(n, j) * x**j * (1 - x) ** (n - j) for j in range(a, n + 1))


@pytest.mark.parametrize(("a", "b"), [(1, 1), (2, 1), (1, 4), (3, 9), (8, 4), (12, 30), (40, 2)])
@pytest.mark.parametrize("x", [0.01, 0.2, 0.5, 0.77, 0.99])
def test_the_cumulative_probability_matches_the_binomial_identity(a, b, x):
    assert beta.cdf(x, a, b) == pytest.approx(_binomial_tail(x, a, b), abs=1e-12)


def test_quantiles_worked_by_hand():
    # Beta(1, 1) is uniform: its 5th and 95th percentiles are 0.05 and 0.95.
    assert beta.equal_tailed_interval(0.9, 1, 1) == pytest.approx((0.05, 0.95), abs=1e-12)
    # Beta(2, 1) (1 eased of 1 try): P(X <= x) = x**2, so the percentiles are sqrt(p).
    assert beta.equal_tailed_interval(0.9, 2, 1) == pytest.approx(
        (math.sqrt(0.05), math.sqrt(0.95)), abs=1e-12)
    # Beta(1, 4) (0 eased of 3 tries): P(X <= x) = 1 - (1 - x)**4.
    assert beta.equal_tailed_interval(0.9, 1, 4) == pytest.approx(
        (1 - 0.95 ** 0.25, 1 - 0.05 ** 0.25), abs=1e-12)
    # Beta(2, 2): P(X <= x) = 3x² - 2x³, symmetric about 1/2.
    low, high = beta.equal_tailed_interval(0.9, 2, 2)
    assert 3 * low**2 - 2 * low**3 == pytest.approx(0.05, abs=1e-12)
    assert low + high == pytest.approx(1.0, abs=1e-12)
    assert beta.mean(3, 9) == 0.25


def test_the_quantile_inverts_the_cumulative_probability():
    for p in (0.05, 0.5, 0.95):
        assert beta.cdf(beta.quantile(p, 7.5, 3.25), 7.5, 3.25) == pytest.approx(p, abs=1e-10)


def test_out_of_range_inputs_are_refused():
    with pytest.raises(ValueError):
        beta.cdf(0.5, 0, 1)
    with pytest.raises(ValueError):
        beta.quantile(1.5, 1, 1)
    assert (beta.cdf(0.0, 2, 3), beta.cdf(1.0, 2, 3)) == (0.0, 1.0)
