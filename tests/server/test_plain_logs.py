"""The cheap check of a log batch (server/schemas/plain_logs.py) agrees with SymptomLogSchema:
whatever it accepts, the schema accepts and loads to exactly the same values, in the same key
order; and it accepts the plainly valid batches phones send, so the fast path is really taken."""

from __future__ import annotations

import string
import uuid
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from marshmallow import ValidationError

from server.domain.vocabulary import ACTIVITIES, RED_FLAGS, REGIONS, SENSATIONS
from server.schemas.base import BaseSchema
from server.schemas.plain_logs import plainly_valid_logs
from server.schemas.records import SymptomLogSchema

SCHEMA = SymptomLogSchema(many=True)

canonical_ids = st.uuids().map(str) | st.uuids().map(lambda u: str(u).upper())
instants = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1),
                        timezones=st.timezones()).map(lambda d: d.isoformat())
vocabularies = {"sensations": SENSATIONS, "regions": REGIONS, "aggravators": ACTIVITIES,
                "red_flags": RED_FLAGS}


def code_lists(vocabulary):
    return st.lists(st.sampled_from(vocabulary), unique=True, max_size=4)


GOOD = {
    "id": canonical_ids, "recorded_at": instants, "pain": st.integers(0, 10),
    **{key: code_lists(vocabulary) for key, vocabulary in vocabularies.items()},
    "weakness": st.booleans(),
    # exclude_characters alone would let unpaired surrogates back in (the default leaves them out).
    "notes": st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)),
                     max_size=60),
}
DOUBTFUL = {
    "id": st.uuids().map(lambda u: u.hex) | st.uuids().map(lambda u: f"{{{u}}}")
    | st.uuids().map(lambda u: u.urn) | st.text(max_size=40) | st.integers() | st.none(),
    "recorded_at": st.datetimes().map(lambda d: d.isoformat())
    | st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat())
    | st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat().replace("+00:00", "Z"))
    | st.dates().map(str) | st.text(alphabet=string.digits + "-:TZ+", max_size=30)
    | st.integers() | st.none(),
    "pain": st.integers(-3, 14) | st.booleans() | st.floats(0, 10) | st.just("5") | st.none(),
    **{key: st.lists(st.sampled_from(vocabulary) | st.text(max_size=8), max_size=4)
       | st.none() | st.just("aching") for key, vocabulary in vocabularies.items()},
    "weakness": st.integers(0, 1) | st.just("yes") | st.none(),
    "notes": st.text(min_size=1995, max_size=2005) | st.none() | st.integers(),
    "neuropathic_score": st.integers(0, 7), "surprise": st.text(max_size=5),
}


@st.composite
def logs(draw, doubt: bool):
    keys = draw(st.sets(st.sampled_from(sorted(GOOD)), min_size=0)) | (
        set() if doubt and draw(st.booleans()) else {"id", "recorded_at", "pain"})
    item = {key: draw(GOOD[key]) for key in keys}
    if doubt:
        for key in draw(st.sets(st.sampled_from(sorted(DOUBTFUL)), max_size=2)):
            item[key] = draw(DOUBTFUL[key])
    return item


def _full_schema(batch):
    return BaseSchema.load(SCHEMA, batch)


@settings(max_examples=400, deadline=None)
@given(st.lists(logs(doubt=True), min_size=1, max_size=3) | st.dictionaries(
    st.text(max_size=3), st.integers(), max_size=2) | st.none())
def test_whatever_the_cheap_check_accepts_the_schema_loads_to_the_same_values(batch):
    fast = plainly_valid_logs(batch)
    try:
        full = _full_schema(batch)
    except ValidationError:
        assert fast is None, batch
        return
    if fast is not None:
        assert [list(log.items()) for log in fast] == [list(log.items()) for log in full]
        assert all(log["recorded_at"].tzinfo is UTC for log in fast)


@settings(max_examples=200, deadline=None)
@given(st.lists(logs(doubt=False), min_size=1, max_size=20))
def test_the_cheap_check_accepts_every_plainly_valid_batch(batch):
    fast = plainly_valid_logs(batch)
    assert fast is not None, batch
    assert [list(log.items()) for log in fast] == [
        list(log.items()) for log in _full_schema(batch)]


def test_the_schema_decides_and_words_the_errors_for_anything_doubtful():
    batch = [{"id": uuid.uuid4().hex, "recorded_at": "2026-05-01T08:00:00+01:00", "pain": 11}]
    assert plainly_valid_logs(batch) is None
    try:
        SCHEMA.load(batch)
    except ValidationError as error:
        assert error.messages == {0: {"pain": ["Must be greater than or equal to 0 and less "
                                               "than or equal to 10."]}}
    else:
        raise AssertionError("pain 11 was accepted")


def test_an_instant_before_the_first_utc_instant_is_a_422_not_a_500(client_http):
    response = client_http.post("/api/me/logs", json=[{
        "id": str(uuid.uuid4()), "recorded_at": "0001-01-01T00:00:00+02:00", "pain": 3}])
    assert response.status_code == 422
    assert "recorded_at" in response.json["errors"]["0"]
