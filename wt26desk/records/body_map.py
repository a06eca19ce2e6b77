"""The body map's figures as data (resources/body_map/figures.toml): an infant, a child
and an adolescent, each drawn front and back, and the parts of the body used to name where
a mark was placed. A mark's x and y are in a frame 0.6 times as wide as it is tall (0..1
each way), the same frame for every figure and for records made before these figures. In
the front view the child's right side is on the viewer's left; in the back view it is on
the right."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from typing import Any

from wt26desk.assets import resource_path
from wt26desk.errors import ContentError
from wt26desk.records.model import Mark
from wt26desk.vector import Path, Point, VectorError, smooth

VIEWS = ("front", "back")
OUTLINES = ("child", "infant", "adolescent")  # the first is the default
ASPECT = 0.6  # the frame's width over its height
FIGURES_FILE = "body_map/figures.toml"
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Part:
    name: str  # "upper arm"
    side: str  # "right", "left" or "" (the child's own side, in the front view)
    x0: float
    y0: float
    x1: float
    y1: float
    round: bool = False  # the ellipse in the box

    def contains(self, x: float, y: float) -> bool:
        if self.round:
            cx, cy = (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2
            rx, ry = (self.x1 - self.x0) / 2, (self.y1 - self.y0) / 2
            return ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1


@dataclass(frozen=True)
class Figure:
    name: str  # "child"
    label: str  # "Child"
    under_months: int  # chosen for a child younger than this (and older than the last)
    outline: Path  # the silhouette, closed, in unit coordinates
    details: dict[str, list[Path]]  # per view: inner lines (collar bones, spine, ...)
    parts: list[Part]


def _points(text: str, where: str) -> tuple[list[Point], list[bool]]:
    points: list[Point] = []
    corners: list[bool] = []
    for word in text.split():
        corner = word.endswith("*")
        try:
            x, y = (float(v) for v in word.rstrip("*").split(","))
        except ValueError:
            raise ContentError(FIGURES_FILE, f"{word!r} is not a point x,y", field=where) from None
        points.append((x, y))
        corners.append(corner)
    return points, corners


def _mirror(point: Point, width: float) -> Point:
    return (width - point[0], point[1])


def _unit(path: Path, width: float, height: float) -> Path:
    return [
        (op, tuple(v / (width if n % 2 == 0 else height) for n, v in enumerate(values)))
        for op, values in path
    ]


def _details(lines: list[str], width: float, height: float, where: str) -> list[Path]:
    drawn: list[Path] = []
    for line in lines:
        if line.startswith("circle "):
            centre_text, radius = line.removeprefix("circle ").split()
            (centre,), _ = _points(centre_text, where)
            centres = dict.fromkeys([centre, _mirror(centre, width)])  # one on the middle
            paths = [_circle(c, float(radius)) for c in centres]
        else:
            points, corners = _points(line, where)
            mirrored = [_mirror(p, width) for p in points]
            paths = [smooth(points, corners, closed=False)]
            if mirrored != points:
                paths.append(smooth(mirrored, corners, closed=False))
        drawn += [_unit(p, width, height) for p in paths]
    return drawn


def _circle(centre: Point, r: float) -> Path:
    k = 0.5523 * r  # a quarter circle as one cubic
    x, y = centre
    return [
        ("M", (x, y - r)),
        ("C", (x + k, y - r, x + r, y - k, x + r, y)),
        ("C", (x + r, y + k, x + k, y + r, x, y + r)),
        ("C", (x - k, y + r, x - r, y + k, x - r, y)),
        ("C", (x - r, y - k, x - k, y - r, x, y - r)),
        ("Z", ()),
    ]


def _parts(rows: list[list[Any]], width: float, height: float) -> list[Part]:
    found: list[Part] = []
    for row in rows:
        name, x0, y0, x1, y1, *kind = row
        u = (x0 / width, y0 / height, x1 / width, y1 / height)
        if kind == ["paired"]:
            found.append(Part(name, "right", *u))
            found.append(Part(name, "left", 1 - u[2], u[1], 1 - u[0], u[3]))
        else:
            found.append(Part(name, "", *u, round=kind == ["round"]))
    return found


def _figure(name: str, data: dict[str, Any], width: float, height: float) -> Figure:
    half, corners = _points(data["outline"], f"figures.{name}.outline")
    # Down the viewer's left, then back up the mirror image (the ends are on the middle).
    other = [_mirror(p, width) for p in reversed(half[1:-1])]
    outline = smooth(half + other, corners + list(reversed(corners[1:-1])), closed=True)
    both = data.get("both", [])
    details = {
        view: _details([*both, *data.get(view, [])], width, height, f"figures.{name}.{view}")
        for view in VIEWS
    }
    return Figure(
        name=name,
        label=str(data["label"]),
        under_months=int(data["under_months"]),
        outline=_unit(outline, width, height),
        details=details,
        parts=_parts(data["parts"], width, height),
    )


@functools.cache
def figures() -> dict[str, Figure]:
    """Every figure, youngest first, read once from resources/."""
    path = resource_path(FIGURES_FILE)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        if data.get("schema_version") != SCHEMA_VERSION:
            raise ContentError(FIGURES_FILE, f"schema_version must be {SCHEMA_VERSION}")
        width, height = (float(v) for v in data["grid"])
        found = {name: _figure(name, raw, width, height) for name, raw in data["figures"].items()}
    except KeyError as error:
        raise ContentError(FIGURES_FILE, f"{error} is missing") from None
    except VectorError as error:
        raise ContentError(FIGURES_FILE, f"a figure cannot be drawn: {error}") from None
    except (OSError, tomllib.TOMLDecodeError, TypeError, ValueError) as error:
        raise ContentError(FIGURES_FILE, str(error)) from None
    if set(found) != set(OUTLINES):
        raise ContentError(FIGURES_FILE, f"the figures must be {', '.join(OUTLINES)}")
    return dict(sorted(found.items(), key=lambda item: item[1].under_months))


def figure(outline: str) -> Figure:
    return figures().get(outline) or figures()[OUTLINES[0]]


def parts(outline: str) -> list[Part]:
    return figure(outline).parts


def outline_for_age(months: int | None) -> str:
    """The figure that fits a child of this age (the default figure when unknown)."""
    if months is None:
        return OUTLINES[0]
    for found in figures().values():
        if months < found.under_months:
            return found.name
    return list(figures())[-1]


def part_at(outline: str, x: float, y: float) -> Part | None:
    return next((p for p in parts(outline) if p.contains(x, y)), None)


def convert(x: float, y: float, source: str, target: str) -> tuple[float, float]:
    """A point on one figure moved to the same place on the same part of another (a mark
    made on the infant figure shown on the child's): unchanged when on no part."""
    if source == target:
        return x, y
    part = part_at(source, x, y)
    if part is None:
        return x, y
    same = next((p for p in parts(target) if (p.name, p.side) == (part.name, part.side)), None)
    if same is None:
        return x, y
    u = (x - part.x0) / (part.x1 - part.x0)
    v = (y - part.y0) / (part.y1 - part.y0)
    return same.x0 + u * (same.x1 - same.x0), same.y0 + v * (same.y1 - same.y0)


BACK_NAMES = {"chest": "upper back", "tummy": "lower back", "groin": "buttocks"}


def describe(view: str, outline: str, x: float, y: float) -> str:
    """Where a point on the outline is, in words: "back of the left thigh"."""
    part = part_at(outline, x, y)
    if part is None:
        return "outside the outline (describe the place in words)"
    side = part.side
    if side and view == "back":
        side = {"right": "left", "left": "right"}[side]
    name = BACK_NAMES.get(part.name, part.name) if view == "back" else part.name
    where = f"{side} {name}" if side else name
    if view == "back" and name not in BACK_NAMES.values():
        return f"back of the {where}"
    if part.name == "head":
        return "face or front of the head"
    return f"front of the {where}" if part.side else where


def mark_words(number: int, mark: Mark) -> str:
    """A mark in words, as a screen reader says it and the list shows it: "Mark 1: front
    of the right upper arm; 3 cm, round, purple" ("Mark 2: left cheek, front" when the
    place typed does not say which view)."""
    where = mark.location or describe(mark.view, mark.outline, mark.x, mark.y)
    if mark.view not in where.lower():
        where = f"{where}, {mark.view}"
    details = ", ".join(p for p in (mark.size, mark.shape, mark.colour) if p)
    return f"Mark {number}: {where}" + (f"; {details}" if details else "")
