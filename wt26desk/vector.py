"""Vector drawings as plain data, for the body map's figures and the toolbar's icons.

A drawing is a list of paths; a path is a list of segments in absolute coordinates:
("M", (x, y)), ("L", (x, y)), ("C", (x1, y1, x2, y2, x, y)) and ("Z", ()). Two sources
make them: `smooth`, a curve through points (the body-map figures are stored as points), and
`read_svg`, the few SVG elements a stroked icon set such as Lucide uses (path with every
command, arcs included, line, polyline, polygon, circle, ellipse and rect). No Qt here: the
painting side turns commands into a QPainterPath (wt26desk.exports.drawing).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

Segment = tuple[str, tuple[float, ...]]  # ("C", (x1, y1, x2, y2, x, y))
Path = list[Segment]
Point = tuple[float, float]

# Patterns, compiled on first use (re caches them): nothing to do at import time.
_NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
_PIECE = r"[MmLlHhVvCcSsQqTtAaZz]|[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
_ARGS = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6, "S": 4, "Q": 4, "T": 2, "A": 7, "Z": 0}


class VectorError(ValueError):
    """Drawing data that cannot be read: says what and where."""


def smooth(points: Sequence[Point], corners: Sequence[bool], closed: bool) -> Path:
    """A curve through every point (Catmull-Rom, as cubic Béziers); at a corner the curve
    turns sharply instead of rounding it (an armpit, between the legs)."""
    n = len(points)
    if n < 2:
        raise VectorError("a curve needs two points or more")
    path: Path = [("M", (*points[0],))]

    def at(i: int) -> Point:
        return points[i % n] if closed else points[min(max(i, 0), n - 1)]

    def sharp(i: int) -> bool:
        return corners[i % n] if closed else (i <= 0 or i >= n - 1 or corners[i])

    for i in range(n if closed else n - 1):
        p0, p1, p2, p3 = at(i - 1), at(i), at(i + 1), at(i + 2)
        if sharp(i):
            c1 = (p1[0] + (p2[0] - p1[0]) / 3, p1[1] + (p2[1] - p1[1]) / 3)
        else:
            c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        if sharp(i + 1):
            c2 = (p2[0] - (p2[0] - p1[0]) / 3, p2[1] - (p2[1] - p1[1]) / 3)
        else:
            c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        path.append(("C", (*c1, *c2, *p2)))
    if closed:
        path.append(("Z", ()))
    return path


def _tokens(data: str) -> list[str]:
    """Split path data; arc flags may be written without separators ("a2 2 0 0022 17")."""
    return re.findall(_PIECE, data)


def parse_path(data: str) -> Path:
    """SVG path data (every command, relative or absolute) as absolute M, L, C and Z."""
    tokens = _tokens(data)
    path: Path = []
    i = 0
    command = ""
    x = y = start_x = start_y = 0.0
    last_control: Point | None = None  # for S and T
    last_quad: Point | None = None

    def numbers(count: int, flags: tuple[int, ...] = ()) -> list[float]:
        nonlocal i
        found: list[float] = []
        while len(found) < count:
            if i >= len(tokens) or tokens[i].isalpha():
                raise VectorError(f"path data ends early after {command!r}: {data[:40]!r}")
            token = tokens[i]
            if len(found) in flags and len(token) > 1 and token[0] in "01":
                tokens[i] = token[1:]  # a flag run into the next number: take one digit
                found.append(float(token[0]))
                continue
            found.append(float(token))
            i += 1
        return found

    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
        elif not command:
            raise VectorError(f"path data must start with a command: {data[:40]!r}")
        upper = command.upper()
        relative = command.islower()
        dx, dy = (x, y) if relative else (0.0, 0.0)
        if upper == "Z":
            path.append(("Z", ()))
            x, y = start_x, start_y
            last_control = last_quad = None
            command = ""
            continue
        if upper not in _ARGS:
            raise VectorError(f"unknown path command {command!r}")
        if upper == "M":
            px, py = numbers(2)
            x, y = px + dx, py + dy
            start_x, start_y = x, y
            path.append(("M", (x, y)))
            command = "l" if relative else "L"  # later pairs are lines
            last_control = last_quad = None
        elif upper == "L":
            px, py = numbers(2)
            x, y = px + dx, py + dy
            path.append(("L", (x, y)))
            last_control = last_quad = None
        elif upper == "H":
            (px,) = numbers(1)
            x = px + dx
            path.append(("L", (x, y)))
            last_control = last_quad = None
        elif upper == "V":
            (py,) = numbers(1)
            y = py + dy
            path.append(("L", (x, y)))
            last_control = last_quad = None
        elif upper in {"C", "S"}:
            if upper == "C":
                x1, y1, x2, y2, px, py = numbers(6)
                c1 = (x1 + dx, y1 + dy)
            else:
                x2, y2, px, py = numbers(4)
                c1 = (2 * x - last_control[0], 2 * y - last_control[1]) if last_control else (x, y)
            c2 = (x2 + dx, y2 + dy)
            x, y = px + dx, py + dy
            path.append(("C", (*c1, *c2, x, y)))
            last_control, last_quad = c2, None
        elif upper in {"Q", "T"}:
            if upper == "Q":
                qx, qy, px, py = numbers(4)
                q = (qx + dx, qy + dy)
            else:
                px, py = numbers(2)
                q = (2 * x - last_quad[0], 2 * y - last_quad[1]) if last_quad else (x, y)
            end = (px + dx, py + dy)
            c1 = (x + 2 / 3 * (q[0] - x), y + 2 / 3 * (q[1] - y))
            c2 = (end[0] + 2 / 3 * (q[0] - end[0]), end[1] + 2 / 3 * (q[1] - end[1]))
            path.append(("C", (*c1, *c2, *end)))
            x, y = end
            last_control, last_quad = None, q
        else:  # A
            rx, ry, rotation, large, sweep, px, py = numbers(7, flags=(3, 4))
            end = (px + dx, py + dy)
            path.extend(arc((x, y), end, rx, ry, rotation, bool(large), bool(sweep)))
            x, y = end
            last_control = last_quad = None
    return path


def arc(
    start: Point, end: Point, rx: float, ry: float, rotation: float, large: bool, sweep: bool
) -> Path:
    """An SVG elliptical arc as cubic Béziers of at most a quarter turn each (the
    endpoint-to-centre conversion of the SVG specification, appendix B.2.4)."""
    if start == end:
        return []
    rx, ry = abs(rx), abs(ry)
    if rx == 0 or ry == 0:
        return [("L", (*end,))]
    phi = math.radians(rotation % 360)
    cos_phi, sin_phi = math.cos(phi), math.sin(phi)
    hx, hy = (start[0] - end[0]) / 2, (start[1] - end[1]) / 2
    x1p = cos_phi * hx + sin_phi * hy
    y1p = -sin_phi * hx + cos_phi * hy
    scale = (x1p / rx) ** 2 + (y1p / ry) ** 2
    if scale > 1:  # radii too small to reach: grow them, as the specification says
        rx, ry = rx * math.sqrt(scale), ry * math.sqrt(scale)
    num = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p
    den = rx * rx * y1p * y1p + ry * ry * x1p * x1p
    factor = math.sqrt(max(0.0, num / den)) if den else 0.0
    if large == sweep:
        factor = -factor
    cxp, cyp = factor * rx * y1p / ry, -factor * ry * x1p / rx
    cx = cos_phi * cxp - sin_phi * cyp + (start[0] + end[0]) / 2
    cy = sin_phi * cxp + cos_phi * cyp + (start[1] + end[1]) / 2

    def angle(ux: float, uy: float, vx: float, vy: float) -> float:
        return math.atan2(ux * vy - uy * vx, ux * vx + uy * vy)

    theta = angle(1, 0, (x1p - cxp) / rx, (y1p - cyp) / ry)
    delta = angle((x1p - cxp) / rx, (y1p - cyp) / ry, (-x1p - cxp) / rx, (-y1p - cyp) / ry)
    if not sweep and delta > 0:
        delta -= 2 * math.pi
    elif sweep and delta < 0:
        delta += 2 * math.pi
    pieces = max(1, math.ceil(abs(delta) / (math.pi / 2) - 1e-9))
    step = delta / pieces
    k = 4 / 3 * math.tan(step / 4)

    def point(t: float) -> Point:
        ex, ey = rx * math.cos(t), ry * math.sin(t)
        return cx + cos_phi * ex - sin_phi * ey, cy + sin_phi * ex + cos_phi * ey

    def slope(t: float) -> Point:
        ex, ey = -rx * math.sin(t), ry * math.cos(t)
        return cos_phi * ex - sin_phi * ey, sin_phi * ex + cos_phi * ey

    path: Path = []
    t = theta
    for n in range(pieces):
        t2 = t + step
        p1, p2 = point(t), point(t2)
        d1, d2 = slope(t), slope(t2)
        last = end if n == pieces - 1 else p2
        path.append(
            (
                "C",
                (p1[0] + k * d1[0], p1[1] + k * d1[1], p2[0] - k * d2[0], p2[1] - k * d2[1], *last),
            )
        )
        t = t2
    return path


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> Path:
    top, bottom = (cx, cy - ry), (cx, cy + ry)
    return [
        ("M", (*top,)),
        *arc(top, bottom, rx, ry, 0, False, True),
        *arc(bottom, top, rx, ry, 0, False, True),
        ("Z", ()),
    ]


def _rect(x: float, y: float, w: float, h: float, rx: float, ry: float) -> Path:
    rx, ry = min(rx, w / 2), min(ry, h / 2)
    if not rx or not ry:
        return [
            ("M", (x, y)),
            ("L", (x + w, y)),
            ("L", (x + w, y + h)),
            ("L", (x, y + h)),
            ("Z", ()),
        ]
    path: Path = [("M", (x + rx, y)), ("L", (x + w - rx, y))]
    path += arc((x + w - rx, y), (x + w, y + ry), rx, ry, 0, False, True)
    path.append(("L", (x + w, y + h - ry)))
    path += arc((x + w, y + h - ry), (x + w - rx, y + h), rx, ry, 0, False, True)
    path.append(("L", (x + rx, y + h)))
    path += arc((x + rx, y + h), (x, y + h - ry), rx, ry, 0, False, True)
    path.append(("L", (x, y + ry)))
    path += arc((x, y + ry), (x + rx, y), rx, ry, 0, False, True)
    path.append(("Z", ()))
    return path


def _poly(points: str, closed: bool) -> Path:
    values = [float(v) for v in re.findall(_NUMBER, points)]
    pairs = list(zip(values[::2], values[1::2], strict=False))
    if not pairs:
        return []
    path: Path = [("M", (*pairs[0],)), *(("L", (*p,)) for p in pairs[1:])]
    return [*path, ("Z", ())] if closed else path


_ELEMENT = r"<(path|line|polyline|polygon|circle|ellipse|rect)\b([^>]*?)/?>"
_ATTRIBUTE = r"([\w:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')"
_VIEW_BOX = r"<svg\b[^>]*?\bviewBox\s*=\s*[\"']([^\"']*)[\"']"


def read_svg(text: str) -> tuple[tuple[float, float], list[Path]]:
    """The view box size and the shapes of a stroked SVG icon, as an icon set such as
    Lucide writes them: one element a tag, no transforms, no styles, no groups that
    change anything (the vendored files in resources/icons/, not any SVG at all)."""
    found = re.search(_VIEW_BOX, text)
    box = [float(v) for v in re.findall(_NUMBER, found.group(1))] if found else [0, 0, 24, 24]
    if len(box) != 4 or box[2] <= 0 or box[3] <= 0:
        raise VectorError("viewBox must be four numbers with a size")
    shapes: list[Path] = []
    for tag, attributes in re.findall(_ELEMENT, text):
        values = {k: a or b for k, a, b in re.findall(_ATTRIBUTE, attributes)}

        def num(name: str, default: float = 0.0, v: dict[str, str] = values, t: str = tag) -> float:
            value = v.get(name, "")
            try:
                return float(value) if value not in ("", "auto") else default
            except ValueError:
                raise VectorError(f"{t} {name}={value!r} is not a number") from None

        if tag == "path":
            shapes.append(parse_path(values.get("d", "")))
        elif tag == "line":
            shapes.append([("M", (num("x1"), num("y1"))), ("L", (num("x2"), num("y2")))])
        elif tag in {"polyline", "polygon"}:
            shapes.append(_poly(values.get("points", ""), tag == "polygon"))
        elif tag == "circle":
            r = num("r")
            shapes.append(_ellipse(num("cx"), num("cy"), r, r))
        elif tag == "ellipse":
            shapes.append(_ellipse(num("cx"), num("cy"), num("rx"), num("ry")))
        else:  # rect
            rx = num("rx", num("ry"))
            ry = num("ry", rx)
            shapes.append(_rect(num("x"), num("y"), num("width"), num("height"), rx, ry))
    return (box[2], box[3]), [shape for shape in shapes if shape]
