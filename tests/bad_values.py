"""Hypothesis strategies for the classes of bad input that have caused 500s here (issue 9):
datetimes at the edges of what can be represented, integers past 64 bits, lone surrogates and
NUL in text, nesting past any schema's depth, long strings, wrong types; and spoiled(valid),
a valid JSON request with one part replaced by one of them. For tests of any endpoint."""

from __future__ import annotations

from datetime import datetime

from hypothesis import strategies as st


def nested(depth: int) -> object:
    value: object = 1
    for level in range(depth):
        value = [value] if level % 2 else {"k": value}
    return value


edge_datetimes = st.one_of(
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59),
                 timezones=st.timezones()).map(lambda d: d.isoformat()),
    st.sampled_from(["0001-01-01T00:00:00+02:00", "0001-01-01T00:00:00Z", "9999-12-31",
                     "9999-12-31T23:59:59-14:00", "0001-01-01", "1969-12-31T23:59:59Z",
                     "2200-01-01T00:00:00Z", "2026-02-30T08:00:00Z", "2026-05-01T24:00:00Z",
                     "2026-05-01T08:00:00+24:00", "2026-05-01T08:00:00"]),
)
huge_integers = st.one_of(
    st.sampled_from([2**31, 2**53 + 1, 2**63 - 1, 2**63, -(2**63) - 1, 2**64, 10**30,
                     -(10**30)]),
    st.integers(min_value=2**62, max_value=2**80), st.integers(max_value=-(2**62)),
)
unstorable_text = st.builds(
    lambda head, bad, tail: head + bad + tail,
    st.text(max_size=10), st.sampled_from(["\x00", "\ud800", "\udfff", "\udc00\ud800"]),
    st.text(max_size=10))
odd_text = st.one_of(
    unstorable_text,
    st.text(st.characters(categories=["Cs", "Cc", "Zs", "Mn", "So"]), max_size=20),
    st.text(min_size=2001, max_size=6000),
    st.sampled_from(["", " ", "\u202e", "\ufeff", "%00", "' OR 1=1 --", "<script>", "..\\/"]),
)
deep = st.integers(min_value=30, max_value=400).map(nested)
wrong_types = st.one_of(st.none(), st.booleans(), st.floats(allow_nan=True), st.just([]),
                        st.just({}), st.just([None]), st.integers(-3, 3))
bad_values = st.one_of(edge_datetimes, huge_integers, odd_text, deep, wrong_types)


def _paths(value, prefix=()) -> list[tuple]:
    """Every place in a JSON value that could hold something else."""
    found = [prefix]
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found += _paths(inner, (*prefix, index))
    return found


def _replaced(value, path: tuple, new):
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: _replaced(value[head], rest, new)}
    copy = list(value)
    copy[head] = _replaced(copy[head], rest, new)
    return copy


@st.composite
def spoiled(draw, valid):
    """valid with one part replaced by a bad value, or an unknown key added beside it."""
    if isinstance(valid, dict) and draw(st.integers(0, 5)) == 0:
        return {**valid, draw(odd_text | st.sampled_from(["surprise", "buckt"])): draw(
            bad_values)}
    path = draw(st.sampled_from(_paths(valid)))
    return _replaced(valid, path, draw(bad_values))
