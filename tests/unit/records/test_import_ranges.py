"""The JSON import checks every value's range, not only its type, and the JSON export is
strict JSON (issue 15, item 9): NaN, 1e308 and unknown body-map views are refused."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wt26desk.errors import Wt26Error
from wt26desk.exports.json_format import ImportFormatError, dump, load
from wt26desk.records.model import Child, ConcernRecord, Mark


def export_with(**changes: Any) -> dict[str, Any]:
    record = ConcernRecord(
        id="r1",
        children=[Child(id="c1", name="Amira", age_years=7)],
        marks=[Mark(x=0.5, y=0.08, size="3 cm", location="left cheek")],
    )
    document = json.loads(dump(record, marking="OFFICIAL", training=False, redacted=[]))
    for path, value in changes.items():
        node = document["record"]
        *parents, last = path.split(".")
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[last] = value
    return document


def raw(document: dict[str, Any]) -> bytes:
    return json.dumps(document).encode()  # Python writes NaN and Infinity unless told not to


def test_a_good_export_loads() -> None:
    record, _ = load(raw(export_with()))
    assert record.marks[0].x == 0.5 and record.children[0].age_years == 7


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("marks.0.x", math.nan, "not a number"),
        ("marks.0.y", math.inf, "Infinity"),
        ("marks.0.x", 1e308, "record.marks[0].x must be from 0 to 1"),
        ("marks.0.y", -0.1, "record.marks[0].y must be from 0 to 1"),
        ("marks.0.x", 2, "record.marks[0].x must be from 0 to 1"),
        ("marks.0.view", "side", "record.marks[0].view must be front or back"),
        ("marks.0.outline", "giant", "record.marks[0].outline must be child or infant"),
        ("children.0.age_years", 10**30, "record.children[0].age_years must be from 0 to 25"),
        ("children.0.age_years", -3, "record.children[0].age_years must be from 0 to 25"),
        ("children.0.date_of_birth", "31/02/2019", "record.children[0].date_of_birth"),
        ("children.0.expected_date", "soon", "record.children[0].expected_date"),
        ("id", "r1\x1b]0;pwned\x07", "record.id"),
        ("id", "a" * 200, "record.id"),
        ("id", "a|b", "record.id"),
        ("children.0.id", "\x1b[2J", "record.children[0].id"),
    ],
)
def test_values_out_of_range_are_refused_by_name(path: str, value: Any, message: str) -> None:
    with pytest.raises(ImportFormatError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load(raw(export_with(**{path: value})))


def test_nan_written_as_the_bare_word_is_refused() -> None:
    text = raw(export_with()).replace(b'"x": 0.5', b'"x": NaN')
    assert b"NaN" in text
    with pytest.raises(ImportFormatError, match="NaN"):
        load(text)


def test_the_export_is_strict_json() -> None:
    record = ConcernRecord(id="r1", marks=[Mark(x=math.nan)])  # from an older, laxer import
    with pytest.raises(Wt26Error, match="not a number"):
        dump(record, marking="OFFICIAL", training=False, redacted=[])


@given(
    st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(),
        st.text(max_size=10),
        st.none(),
        st.booleans(),
    ),
    st.sampled_from(["marks.0.x", "marks.0.y", "marks.0.view", "children.0.age_years"]),
)
def test_whatever_a_value_is_the_import_accepts_it_in_range_or_refuses_it(
    value: Any, path: str
) -> None:
    try:
        record, _ = load(raw(export_with(**{path: value})))
    except ImportFormatError:
        return
    for mark in record.marks:
        assert 0 <= mark.x <= 1 and 0 <= mark.y <= 1 and mark.view in ("front", "back")
    # What was accepted exports as strict JSON and reads back the same.
    again, _ = load(dump(record, marking="OFFICIAL", training=False, redacted=[]))
    assert again == record


def test_a_number_too_large_for_a_float_is_refused() -> None:
    text = raw(export_with()).replace(b'"x": 0.5', b'"x": 1e400')
    with pytest.raises(ImportFormatError, match="too large"):
        load(text)
