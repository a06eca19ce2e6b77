"""Vector data: SVG path data (arcs written the compact way included), the few SVG
elements of the vendored icon set, and smooth curves through points."""

from __future__ import annotations

import math

import pytest

from wt26desk.assets import resource_path
from wt26desk.vector import Path, VectorError, arc, parse_path, read_svg, smooth


def ends(path: Path) -> list[tuple[float, float]]:
    return [(v[-2], v[-1]) for op, v in path if op != "Z"]


def test_relative_and_absolute_commands_end_where_svg_says() -> None:
    path = parse_path("M2 3h4v5H1V0l1 1zm10 10c1 1 2 2 3 3s1 1 2 0q1 1 2 2t1 1")
    assert ends(path) == [
        (2, 3), (6, 3), (6, 8), (1, 8), (1, 0), (2, 1),
        (12, 13), (15, 16), (17, 16), (19, 18), (20, 19),
    ]  # fmt: skip
    assert ("Z", ()) in path


def test_an_arc_written_without_separators_is_a_quarter_circle() -> None:
    # Lucide's book-open writes its flags run together: "A2 2 0 0022 17".
    path = parse_path("M20 19A2 2 0 0022 17")
    (op, values) = path[-1]
    assert op == "C" and values[-2:] == (22.0, 17.0)
    # The control points of a quarter circle of radius 2 around (20, 17).
    k = 4 / 3 * math.tan(math.pi / 8) * 2
    assert values[0] == pytest.approx(20 + k) and values[1] == pytest.approx(19)
    assert values[2] == pytest.approx(22) and values[3] == pytest.approx(17 + k)


def test_a_half_circle_arc_is_split_into_quarters_that_stay_on_the_circle() -> None:
    pieces = arc((0, 0), (10, 0), 5, 5, 0, False, True)
    assert len(pieces) == 2
    for _op, values in pieces:
        x, y = values[-2:]
        assert math.hypot(x - 5, y) == pytest.approx(5)


def test_bad_path_data_says_so() -> None:
    with pytest.raises(VectorError):
        parse_path("10 10 L 5")
    with pytest.raises(VectorError):
        parse_path("M 1 2 L 3")


def test_a_smooth_curve_passes_through_every_point() -> None:
    points = [(0.0, 0.0), (10.0, 5.0), (20.0, 0.0), (10.0, -5.0)]
    closed = smooth(points, [False, True, False, False], closed=True)
    assert ends(closed) == [*points, points[0]] and closed[-1] == ("Z", ())
    open_curve = smooth(points, [False] * 4, closed=False)
    assert ends(open_curve) == points and open_curve[-1][0] == "C"


def test_every_vendored_icon_reads_and_stays_in_its_box() -> None:
    folder = resource_path("icons/lucide")
    icons = sorted(folder.glob("*.svg"))
    assert len(icons) >= 9 and (folder / "LICENSE").is_file()
    for file in icons:
        (width, height), shapes = read_svg(file.read_text(encoding="utf-8"))
        assert (width, height) == (24, 24) and shapes, file.name
        for shape in shapes:
            for x, y in ends(shape):
                assert -0.5 <= x <= width + 0.5 and -0.5 <= y <= height + 0.5, file.name


def test_svg_shapes_other_than_paths() -> None:
    text = """<svg viewBox="0 0 10 20"><circle cx="5" cy="5" r="2"/>
    <rect x="1" y="1" width="4" height="3" rx="1"/><line x1="0" y1="0" x2="3" y2="4"/>
    <polyline points="1,1 2,2 3,1"/><polygon points="0 0 1 0 1 1"/></svg>"""
    (width, height), shapes = read_svg(text)
    assert (width, height) == (10, 20) and len(shapes) == 5
    assert ends(shapes[2]) == [(0, 0), (3, 4)]
    assert shapes[4][-1] == ("Z", ())
