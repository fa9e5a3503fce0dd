"""Every code the server writes for people (CSV, summary, FHIR texts) has plain words, and no
words name a code that does not exist."""

import pytest

from server.domain import vocabulary


@pytest.mark.parametrize("codes", list(vocabulary.WORDS_FOR), ids=lambda c: c[0])
def test_each_code_list_has_words_for_exactly_its_codes(codes):
    assert set(vocabulary.WORDS_FOR[codes]) == set(codes)
    assert all(word.strip() for word in vocabulary.WORDS_FOR[codes].values())


def test_codes_become_words_in_the_order_given_and_unknown_codes_stay_as_they_are():
    assert vocabulary.words(vocabulary.SENSATION_WORDS, ["burning", "aching"]) == \
        "Burning; Aching"
    assert vocabulary.words(vocabulary.ACTIVITY_WORDS, ["skydiving"]) == "skydiving"


def test_a_flag_is_named_by_its_code_for_red_flags_and_the_watch_and_by_its_kind_otherwise():
    assert vocabulary.flag_words("red-flag", "trauma") == "Pain after a fall or other injury"
    assert vocabulary.flag_words("watch", "creep") == "Pain creeping up over four weeks"
    assert vocabulary.flag_words("high-pain", "") == "High pain score"
