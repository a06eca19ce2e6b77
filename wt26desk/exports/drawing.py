"""Qt painter paths from the app's vector data (wt26desk.vector): the body map's figures
and the toolbar's icons are both drawn through here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainterPath

if TYPE_CHECKING:
    from wt26desk.vector import Path


def painter_path(
    paths: list[Path], frame: QRectF, scale: tuple[float, float] = (1, 1)
) -> QPainterPath:
    """`paths` in units of `scale` (1 x 1 for the figures, the view box for an icon),
    stretched onto `frame`."""
    sx, sy = frame.width() / scale[0], frame.height() / scale[1]
    x0, y0 = frame.left(), frame.top()
    out = QPainterPath()
    for path in paths:
        for op, v in path:
            if op == "M":
                out.moveTo(x0 + v[0] * sx, y0 + v[1] * sy)
            elif op == "L":
                out.lineTo(x0 + v[0] * sx, y0 + v[1] * sy)
            elif op == "C":
                out.cubicTo(
                    x0 + v[0] * sx,
                    y0 + v[1] * sy,
                    x0 + v[2] * sx,
                    y0 + v[3] * sy,
                    x0 + v[4] * sx,
                    y0 + v[5] * sy,
                )
            else:
                out.closeSubpath()
    return out
