"""The Beta distribution's cumulative probability and quantiles, in plain Python (no SciPy): what
the learned best direction needs for its credible intervals.

The regularised incomplete beta function I_x(a, b) is evaluated by its continued fraction
(Lentz's method, as in Numerical Recipes §6.4), using the symmetry I_x(a, b) = 1 - I_{1-x}(b, a)
where the fraction converges slowly; a quantile is found by bisection, which cannot fail to
converge because the function is monotone on [0, 1]. Accurate to about 1e-10, far finer than
any figure the app shows (two decimals).
"""

from __future__ import annotations

import math

_EPSILON = 1e-15
_TINY = 1e-300
_MAX_TERMS = 500
#: Bisection steps: 2**-60 is below a double's resolution on [0, 1].
_BISECTIONS = 60


def _continued_fraction(a: float, b: float, x: float) -> float:
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    fraction = d
    for m in range(1, _MAX_TERMS + 1):
        two_m = 2 * m
        for numerator in (m * (b - m) * x / ((a + two_m - 1.0) * (a + two_m)),
                          -(a + m) * (a + b + m) * x / ((a + two_m) * (a + two_m + 1.0))):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > _TINY else _TINY)
            c = 1.0 + numerator / c
            c = c if abs(c) > _TINY else _TINY
            fraction *= d * c
        if abs(d * c - 1.0) < _EPSILON:
            break
    return fraction


def cdf(x: float, a: float, b: float) -> float:
    """P(X ≤ x) for X ~ Beta(a, b), a and b > 0."""
    if a <= 0 or b <= 0:
        raise ValueError("Beta parameters must be positive.")
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
                 + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _continued_fraction(a, b, x) / a
    return 1.0 - math.exp(log_front) * _continued_fraction(b, a, 1.0 - x) / b


def quantile(p: float, a: float, b: float) -> float:
    """The x with P(X ≤ x) = p for X ~ Beta(a, b), 0 ≤ p ≤ 1."""
    if not 0.0 <= p <= 1.0:
        raise ValueError("A probability lies between 0 and 1.")
    low, high = 0.0, 1.0
    for _ in range(_BISECTIONS):
        middle = (low + high) / 2.0
        if cdf(middle, a, b) < p:
            low = middle
        else:
            high = middle
    return (low + high) / 2.0


def mean(a: float, b: float) -> float:
    return a / (a + b)


def equal_tailed_interval(level: float, a: float, b: float) -> tuple[float, float]:
    """The central credible interval holding `level` of the probability (e.g. 0.9: from the 5th
    to the 95th percentile)."""
    tail = (1.0 - level) / 2.0
    return quantile(tail, a, b), quantile(1.0 - tail, a, b)
