"""The context categories are content with sources, and the schema keeps them usable."""

from __future__ import annotations

from typing import Any

import pytest

from wt26desk.assets import content_dir
from wt26desk.content_library.loader import load_library
from wt26desk.content_library.schema import build_item
from wt26desk.errors import ContentError
from wt26desk.insights.characteristics import Characteristics

CARE = [
    "none",
    "child-in-need",
    "child-protection-plan",
    "looked-after-foster",
    "looked-after-residential",
    "kinship-care",
    "special-guardianship",
    "adopted",
    "care-leaver",
]


def test_core_content_offers_the_census_categories_and_care_statuses() -> None:
    library = load_library(content_dir())
    ethnicity = [v for v, _ in library.choices_for("ethnicity")]
    care = [v for v, _ in library.choices_for("care_status")]
    assert ethnicity == [
        "white",
        "mixed",
        "asian",
        "black",
        "chinese",
        "other",
        "not-known",
        "declined",
    ]
    assert care == [*CARE, "not-known", "declined"]
    spec = Characteristics.from_library(library).get("care_status")
    assert spec is not None and spec.label("kinship-care") == "Kinship care"
    assert not any(e.path.startswith("content/context") for e in library.errors)


def item(**changes: Any) -> dict[str, Any]:
    meta = {
        "kind": "choices",
        "id": "choices-x",
        "field": "ethnicity",
        "title": "t",
        "summary": "s",
        "sources": ["a source"],
        "entries": ["white = White", "not-known = Not known", "declined = Declined"],
    }
    meta.update(changes)
    return meta


def build(meta: dict[str, Any]) -> object:
    return build_item(
        meta, body="", path="x.toml", line_of=lambda _n: 3, origin="core", item_line=1
    )


def test_a_well_formed_item_builds() -> None:
    built = build(item())
    assert built.pairs()[0] == ("white", "White")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"field": "religion"}, "field must be one of"),
        ({"entries": ["white = White", "declined = Declined"]}, 'must offer "not-known"'),
        ({"entries": ["White", "not-known = N", "declined = D"]}, "value = Label"),
        (
            {"entries": ["white = W", "white = W2", "not-known = N", "declined = D"]},
            "write each once",
        ),
        ({"sources": []}, "must cite at least one source"),
    ],
)
def test_bad_choices_are_refused(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ContentError, match=message):
        build(item(**changes))
