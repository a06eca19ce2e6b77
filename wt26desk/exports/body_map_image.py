"""Paint a body-map outline with numbered marks: on the window's widget and into the
exported documents. Numbers, not colours, tell the marks apart."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen

from wt26desk.records.body_map import VIEWS, parts
from wt26desk.records.model import Mark


def frame_for(width: float, height: float, top: float = 24) -> QRectF:
    """The outline's area in a canvas, keeping the figure's proportions."""
    w, h = width - 16, height - top - 8
    side = min(w, h * 0.6)
    return QRectF((width - side) / 2, top, side, h)


def to_canvas(frame: QRectF, x: float, y: float) -> QPointF:
    return QPointF(frame.left() + x * frame.width(), frame.top() + y * frame.height())


def paint_body_map(
    painter: QPainter,
    frame: QRectF,
    outline: str,
    caption: str,
    marks: Iterable[tuple[int, Mark]],
    ink: QColor,
    accent: QColor,
    paper: QColor,
    selected: int = -1,
) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    for part in parts(outline):
        rect = QRectF(to_canvas(frame, part.x0, part.y0), to_canvas(frame, part.x1, part.y1))
        if part.round:
            path.addEllipse(rect)
        else:
            path.addRoundedRect(rect, 6, 6)
    painter.setPen(QPen(ink, 1.5))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path.simplified())
    painter.drawText(
        QRectF(4, 4, frame.right() + frame.left() - 8, 20), Qt.AlignmentFlag.AlignLeft, caption
    )
    for n, mark in marks:
        centre = to_canvas(frame, mark.x, mark.y)
        painter.setPen(QPen(accent, 3.5 if n == selected else 1.5))
        painter.setBrush(paper)
        painter.drawEllipse(centre, 10, 10)
        painter.setPen(ink)
        painter.drawText(
            QRectF(centre.x() - 10, centre.y() - 10, 20, 20),
            Qt.AlignmentFlag.AlignCenter,
            str(n + 1),
        )


def caption(view: str) -> str:
    side = "left" if view == "front" else "right"
    return f"{view.capitalize()}: the child's right is on your {side}"


def body_map_images(marks: list[Mark], width: int = 300, height: int = 480) -> list[QImage]:
    """One image per view and outline that has marks, numbered as in the record."""
    images = []
    numbered = list(enumerate(marks))
    for outline in sorted({m.outline for m in marks}):
        for view in VIEWS:
            shown = [(n, m) for n, m in numbered if m.view == view and m.outline == outline]
            if not shown:
                continue
            image = QImage(width, height, QImage.Format.Format_RGB32)
            image.fill(QColor("white"))
            painter = QPainter(image)
            paint_body_map(
                painter,
                frame_for(width, height),
                outline,
                caption(view) + f" ({outline})",
                shown,
                QColor("black"),
                QColor("#1f4e9c"),
                QColor("white"),
            )
            painter.end()
            images.append(image)
    return images
