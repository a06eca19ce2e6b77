"""The body map's outlines as data: parts of a child's and an infant's body in a unit
square, used both to draw the outline and to name where a mark was placed. In the front
view the child's right side is on the viewer's left; in the back view it is on the right."""

from __future__ import annotations

from dataclasses import dataclass

VIEWS = ("front", "back")
OUTLINES = ("child", "infant")


@dataclass(frozen=True)
class Part:
    name: str  # "upper arm"
    side: str  # "right", "left" or "" (the child's own side, in the front view)
    x0: float
    y0: float
    x1: float
    y1: float
    round: bool = False  # drawn as an ellipse

    def contains(self, x: float, y: float) -> bool:
        if self.round:
            cx, cy = (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2
            rx, ry = (self.x1 - self.x0) / 2, (self.y1 - self.y0) / 2
            return ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1


def _paired(name: str, x0: float, y0: float, x1: float, y1: float) -> list[Part]:
    """A limb on each side, mirrored about the middle (front view: right on the left)."""
    return [Part(name, "right", x0, y0, x1, y1), Part(name, "left", 1 - x1, y0, 1 - x0, y1)]


def _outline(
    head: tuple[float, float, float, float], neck: float, shoulder: float, hip: float, knee: float
) -> list[Part]:
    hx0, hy0, hx1, hy1 = head
    waist = shoulder + (hip - shoulder) * 0.55
    elbow = shoulder + (hip - shoulder) * 0.6
    wrist = hip + 0.02
    return [
        Part("head", "", hx0, hy0, hx1, hy1, round=True),
        Part("neck", "", 0.46, hy1 - 0.01, 0.54, neck),
        Part("chest", "", 0.36, neck, 0.64, waist),
        Part("tummy", "", 0.37, waist, 0.63, hip),
        Part("groin", "", 0.37, hip, 0.63, hip + 0.05),
        *_paired("upper arm", 0.26, neck + 0.01, 0.355, elbow),
        *_paired("forearm", 0.22, elbow, 0.32, wrist),
        *_paired("hand", 0.2, wrist, 0.3, wrist + 0.06),
        *_paired("thigh", 0.38, hip + 0.05, 0.495, knee),
        *_paired("lower leg", 0.39, knee, 0.485, 0.93),
        *_paired("foot", 0.37, 0.93, 0.495, 0.98),
    ]


PARTS = {
    "child": _outline((0.42, 0.02, 0.58, 0.14), 0.18, 0.18, 0.5, 0.72),
    "infant": _outline((0.37, 0.02, 0.63, 0.22), 0.25, 0.25, 0.58, 0.77),
}
BACK_NAMES = {"chest": "upper back", "tummy": "lower back", "groin": "buttocks"}


def parts(outline: str) -> list[Part]:
    return PARTS.get(outline, PARTS["child"])


def describe(view: str, outline: str, x: float, y: float) -> str:
    """Where a point on the outline is, in words: "back of the left thigh"."""
    for part in parts(outline):
        if part.contains(x, y):
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
    return "outside the outline (describe the place in words)"
