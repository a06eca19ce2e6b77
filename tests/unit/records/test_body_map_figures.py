"""The body map's figures (resources/body_map/figures.toml): three ages, parts inside the
drawn outline, the figure chosen by age, and marks stored before these figures still on
the same part of the body."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wt26desk.assets import resource_path
from wt26desk.errors import ContentError
from wt26desk.records import body_map
from wt26desk.records.body_map import (
    FIGURES_FILE,
    OUTLINES,
    convert,
    describe,
    figure,
    figures,
    mark_words,
    outline_for_age,
    part_at,
    parts,
)
from wt26desk.records.model import Mark
from wt26desk.vector import Path as Drawing


def polygon(path: Drawing, steps: int = 12) -> list[tuple[float, float]]:
    """The outline flattened to points (cubic curves sampled)."""
    points: list[tuple[float, float]] = []
    for op, v in path:
        if op in {"M", "L"}:
            points.append((v[0], v[1]))
        elif op == "C":
            x0, y0 = points[-1]
            for n in range(1, steps + 1):
                t = n / steps
                a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3
                points.append(
                    (
                        a * x0 + b * v[0] + c * v[2] + d * v[4],
                        a * y0 + b * v[1] + c * v[3] + d * v[5],
                    )
                )
    return points


def inside(points: list[tuple[float, float]], x: float, y: float) -> bool:
    crossings = 0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            crossings += 1
    return crossings % 2 == 1


def old_parts(
    head: tuple[float, float, float, float], neck: float, shoulder: float, hip: float, knee: float
) -> list[tuple[str, str, float, float]]:
    """The centres of the parts of the boxes figures used before (name, side, x, y)."""
    hx0, hy0, hx1, hy1 = head
    waist = shoulder + (hip - shoulder) * 0.55
    elbow = shoulder + (hip - shoulder) * 0.6
    wrist = hip + 0.02
    boxes = [
        ("head", "", hx0, hy0, hx1, hy1),
        ("neck", "", 0.46, hy1 - 0.01, 0.54, neck),
        ("chest", "", 0.36, neck, 0.64, waist),
        ("tummy", "", 0.37, waist, 0.63, hip),
        ("groin", "", 0.37, hip, 0.63, hip + 0.05),
    ]
    for name, x0, y0, x1, y1 in (
        ("upper arm", 0.26, neck + 0.01, 0.355, elbow),
        ("forearm", 0.22, elbow, 0.32, wrist),
        ("hand", 0.2, wrist, 0.3, wrist + 0.06),
        ("thigh", 0.38, hip + 0.05, 0.495, knee),
        ("lower leg", 0.39, knee, 0.485, 0.93),
        ("foot", 0.37, 0.93, 0.495, 0.98),
    ):
        boxes += [(name, "right", x0, y0, x1, y1), (name, "left", 1 - x1, y0, 1 - x0, y1)]
    return [(n, s, (x0 + x1) / 2, (y0 + y1) / 2) for n, s, x0, y0, x1, y1 in boxes]


OLD = {
    "child": old_parts((0.42, 0.02, 0.58, 0.14), 0.18, 0.18, 0.5, 0.72),
    "infant": old_parts((0.37, 0.02, 0.63, 0.22), 0.25, 0.25, 0.58, 0.77),
}


def test_three_figures_youngest_first_each_drawn_front_and_back() -> None:
    assert list(figures()) == ["infant", "child", "adolescent"]
    assert set(figures()) == set(OUTLINES)
    for shape in figures().values():
        assert shape.outline[0][0] == "M" and shape.outline[-1] == ("Z", ())
        assert shape.details["front"] != shape.details["back"]  # spine behind, navel in front
        outline = polygon(shape.outline)
        assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in outline)


@pytest.mark.parametrize("outline", OUTLINES)
def test_every_part_is_on_the_drawn_body(outline: str) -> None:
    drawn = polygon(figure(outline).outline)
    for part in parts(outline):
        x, y = (part.x0 + part.x1) / 2, (part.y0 + part.y1) / 2
        assert inside(drawn, x, y), f"{outline} {part.side} {part.name} is off the figure"
        assert part_at(outline, x, y) == part
    assert not inside(drawn, 0.5, 0.95)  # between the feet
    assert not inside(drawn, 0.05, 0.5)  # beside the arm


@pytest.mark.parametrize("outline", ["child", "infant"])
def test_marks_stored_before_the_new_figures_keep_their_body_part(outline: str) -> None:
    drawn = polygon(figure(outline).outline)
    for name, side, x, y in OLD[outline]:
        part = part_at(outline, x, y)
        assert part is not None and (part.name, part.side) == (name, side), (name, side)
        if name not in {"neck", "groin"}:  # thin bands, drawn at the same height
            assert inside(drawn, x, y), f"a mark on the {side} {name} is off the figure"


def test_the_figure_follows_the_age() -> None:
    assert outline_for_age(0) == outline_for_age(23) == "infant"
    assert outline_for_age(24) == outline_for_age(8 * 12) == outline_for_age(143) == "child"
    assert outline_for_age(12 * 12) == outline_for_age(17 * 12) == "adolescent"
    assert outline_for_age(30 * 12) == "adolescent"
    assert outline_for_age(None) == "child"


def test_a_mark_moves_to_the_same_part_of_another_figure() -> None:
    arm = next(p for p in parts("infant") if (p.name, p.side) == ("upper arm", "left"))
    x, y = convert(arm.x0, arm.y1, "infant", "adolescent")  # the bottom outer corner
    same = next(p for p in parts("adolescent") if (p.name, p.side) == ("upper arm", "left"))
    assert (x, y) == pytest.approx((same.x0, same.y1))
    assert describe("front", "adolescent", *convert(0.5, 0.1, "infant", "adolescent")).startswith(
        "face"
    )
    assert convert(0.02, 0.5, "infant", "child") == (0.02, 0.5)  # on no part: unchanged


def test_a_mark_in_words() -> None:
    mark = Mark(view="back", x=0.4, y=0.65, size="2 cm", colour="purple")
    assert mark_words(3, mark) == "Mark 3: back of the left thigh; 2 cm, purple"
    typed = Mark(location="left cheek", view="front")
    assert mark_words(1, typed) == "Mark 1: left cheek, front"


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (("schema_version = 1", "schema_version = 2"), "schema_version must be 1"),
        (("300,20 ", "300;20 "), "'300;20' is not a point x,y"),
        (('label = "Child"', 'name = "Child"'), "'label' is missing"),
        (("[figures.adolescent]", "[figures.teen]"), "the figures must be child, infant"),
    ],
)
def test_a_broken_figures_file_is_named_with_what_is_wrong(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: tuple[str, str], said: str
) -> None:
    text = resource_path(FIGURES_FILE).read_text(encoding="utf-8")
    broken = tmp_path / "figures.toml"
    broken.write_text(text.replace(*change, 1), encoding="utf-8")
    monkeypatch.setattr(body_map, "resource_path", lambda _relative: broken)
    figures.cache_clear()
    try:
        with pytest.raises(ContentError, match=re.escape(said)) as raised:
            figures()
        assert raised.value.path == FIGURES_FILE
    finally:
        figures.cache_clear()
