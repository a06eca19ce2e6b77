"""One helper shows untrusted text in the terminal (issue 15, item 8)."""

from __future__ import annotations

import io
import json
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from wt26desk.commands.terminal import SafeStream, shown


def unsafe(char: str) -> bool:
    return (
        unicodedata.category(char) == "Cc"
        or char in "\u061c\u200e\u200f\u2028\u2029"
        or ("\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069")
    )


def test_escape_sequences_become_visible() -> None:
    assert shown("\x1b]0;pwned\x07") == "\\u001b]0;pwned\\u0007"
    assert shown("a\nb\r\x9b\u202e") == "a\\u000ab\\u000d\\u009b\\u202e"
    assert shown("Zoë Ng-Ó’Brien 👩‍👧 Nádia\u00a0Silva") == "Zoë Ng-Ó’Brien 👩‍👧 Nádia\u00a0Silva"


@given(st.text())
def test_nothing_unsafe_survives(text: str) -> None:
    out = shown(text)
    assert not any(unsafe(c) for c in out)
    if not any(unsafe(c) for c in text):
        assert out == text
    kept = shown(text, keep="\n\t")
    assert kept.count("\n") == text.count("\n")


@given(st.dictionaries(st.text(), st.text()))
def test_json_through_the_safe_stream_is_the_same_json(data: dict[str, str]) -> None:
    buffer = io.StringIO()
    json.dump(data, SafeStream(buffer), ensure_ascii=False, indent=2)
    assert json.loads(buffer.getvalue()) == data
    assert not any(unsafe(c) for c in buffer.getvalue() if c != "\n")
