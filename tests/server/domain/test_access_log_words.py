"""The PWA words every access-log code the server writes, and no code it does not (one list in
server/domain/access_log.py; pwa/js/access-log-words.js must follow it)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from server.domain import access_log

WORDS = (Path(__file__).resolve().parents[3] / "pwa" / "js" / "access-log-words.js").read_text()


def _keys(table: str) -> set[str]:
    body = re.search(rf"export const {table} = \{{(.*?)\n\}};", WORDS, re.S).group(1)
    return set(re.findall(r"^\s*'?([a-z-]+)'?:", body, re.M))


@pytest.mark.parametrize(("table", "codes"), [("ACTION_WORDS", access_log.ACTIONS),
                                              ("RESOURCE_WORDS", access_log.RESOURCES)])
def test_the_pwa_words_exactly_the_servers_access_log_codes(table, codes):
    assert _keys(table) == set(codes)
