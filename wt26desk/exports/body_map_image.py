"""Paint the body map: the figure from the front and from the back side by side, with the
marks numbered as in the record, on the window's widget and into the exported documents.
Numbers, not colours, tell the marks apart; R and L beside each figure say which side is
the child's right."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

from wt26desk.exports.drawing import painter_path
from wt26desk.records.body_map import ASPECT, VIEWS, convert, figure
from wt26desk.records.model import Mark

SIDES = {"front": ("R", "L"), "back": ("L", "R")}  # the letters on the viewer's left, right


@dataclass(frozen=True)
class Colours:
    ink: QColor  # the outline, captions and letters
    paper: QColor  # behind everything
    fill: QColor  # inside the figure
    detail: QColor  # inner lines: collar bones, spine
    accent: QColor  # a mark's disc
    accent_text: QColor  # its number
    line: float = 1.5  # the outline's width in pixels


def blend(a: QColor, b: QColor, share: float) -> QColor:
    """`share` of b over a, opaque (lines drawn twice do not darken)."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * share),
        round(a.green() + (b.green() - a.green()) * share),
        round(a.blue() + (b.blue() - a.blue()) * share),
    )


def colours(
    ink: QColor, paper: QColor, accent: QColor, accent_text: QColor, strong: bool = False
) -> Colours:
    """The figure in a theme's colours; `strong` (high contrast) draws it in full ink,
    thicker, on the bare paper."""
    if strong:
        return Colours(ink, paper, paper, ink, accent, accent_text, 2.5)
    return Colours(
        ink, paper, blend(paper, ink, 0.07), blend(paper, ink, 0.45), accent, accent_text
    )


PRINT = colours(QColor("black"), QColor("white"), QColor("#1f4e9c"), QColor("white"))


def frames(area: QRectF, caption: float) -> dict[str, QRectF]:
    """Where each view's figure goes in `area`, below a caption line: side by side, the
    same size, in the figures' proportions."""
    gap = area.width() * 0.04
    height = max(1.0, min(area.height() - caption, (area.width() - gap) / 2 / ASPECT))
    width = height * ASPECT
    left = area.left() + (area.width() - 2 * width - gap) / 2
    top = area.top() + caption
    return {
        view: QRectF(left + n * (width + gap), top, width, height) for n, view in enumerate(VIEWS)
    }


def to_canvas(frame: QRectF, x: float, y: float) -> QPointF:
    return QPointF(frame.left() + x * frame.width(), frame.top() + y * frame.height())


def placed(mark: Mark, outline: str) -> tuple[float, float]:
    """Where a mark goes on `outline` (a mark made on another figure keeps its body part)."""
    return convert(mark.x, mark.y, mark.outline, outline)


def label_places(centres: list[QPointF], badge: float) -> list[QPointF]:
    """Where each mark's numbered disc goes: on the mark itself, unless an earlier disc
    is there already (two marks a step apart); then moved aside, round the mark, to the
    nearest place clear of every disc so far, so that both numbers stay readable."""
    import math

    placed_discs: list[QPointF] = []
    apart = 2 * badge

    def clear(point: QPointF) -> bool:
        return all(math.dist((point.x(), point.y()), (p.x(), p.y())) >= apart for p in placed_discs)

    for at in centres:
        spot = at
        if not clear(at):
            spot = next(
                (
                    candidate
                    for ring in (2.2, 3.3, 4.4, 5.5)
                    for turn in range(12)
                    if clear(
                        candidate := QPointF(
                            at.x() + ring * badge * math.cos(math.radians(-45 + 30 * turn)),
                            at.y() + ring * badge * math.sin(math.radians(-45 + 30 * turn)),
                        )
                    )
                ),
                at,
            )
        placed_discs.append(spot)
    return placed_discs


def paint_body_map(
    painter: QPainter,
    area: QRectF,
    outline: str,
    marks: Iterable[tuple[int, Mark]],
    ink: Colours,
    badge: float,
    selected: int = -1,
) -> dict[str, QRectF]:
    """Both views of `outline` in `area`, with `marks` (record index, mark) numbered from
    one. `badge` is a mark's radius. Returns each view's frame."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    metrics = painter.fontMetrics()
    caption = metrics.height() * 1.6
    placed_frames = frames(area, caption)
    shape = figure(outline)
    for view, frame in placed_frames.items():
        painter.setPen(ink.ink)
        title = QFont(painter.font())
        title.setBold(True)
        painter.save()
        painter.setFont(title)
        painter.drawText(
            QRectF(frame.left(), area.top(), frame.width(), caption),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter,
            view.capitalize(),
        )
        painter.restore()
        body = painter_path([shape.outline], frame)
        painter.setPen(
            QPen(
                ink.ink,
                ink.line,
                Qt.PenStyle.SolidLine,
                Qt.PenCapStyle.RoundCap,
                Qt.PenJoinStyle.RoundJoin,
            )
        )
        painter.setBrush(ink.fill)
        painter.drawPath(body)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(
            QPen(
                ink.detail, max(1.0, ink.line * 0.7), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap
            )
        )
        painter.drawPath(painter_path(shape.details[view], frame))
        painter.setPen(ink.ink)
        for letter, x in zip(SIDES[view], (0.1, 0.9), strict=True):
            at = to_canvas(frame, x, 0.3)
            painter.drawText(
                QRectF(at.x() - caption, at.y() - caption / 2, 2 * caption, caption),
                Qt.AlignmentFlag.AlignCenter,
                letter,
            )
    number_font = QFont(painter.font())
    number_font.setBold(True)
    number_font.setPixelSize(max(8, round(badge * 1.1)))
    painter.setFont(number_font)
    shown = [
        (n, to_canvas(placed_frames[mark.view], *placed(mark, outline)))
        for n, mark in marks
        if mark.view in placed_frames
    ]
    spots = label_places([at for _, at in shown], badge)
    for (n, at), centre in zip(shown, spots, strict=True):
        if centre != at:  # moved aside: a line from the mark's own place to its number
            painter.setPen(QPen(ink.accent, max(1.5, badge / 6)))
            painter.setBrush(ink.accent)
            painter.drawLine(at, centre)
            painter.drawEllipse(at, badge / 4, badge / 4)
        if n == selected:
            painter.setPen(QPen(ink.ink, max(2.0, badge / 5)))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(centre, badge + badge / 3, badge + badge / 3)
        painter.setPen(QPen(ink.paper, 1.5))
        painter.setBrush(ink.accent)
        painter.drawEllipse(centre, badge, badge)
        painter.setPen(ink.accent_text)
        painter.drawText(
            QRectF(centre.x() - badge, centre.y() - badge, 2 * badge, 2 * badge),
            Qt.AlignmentFlag.AlignCenter,
            str(n + 1),
        )
    return placed_frames


def body_map_images(marks: list[Mark], width: int = 900, height: int = 780) -> list[QImage]:
    """One picture per figure that has marks (front and back side by side), numbered as
    in the record, with a line under it saying which figure and what R and L mean."""
    images = []
    numbered = list(enumerate(marks))
    for outline in sorted({m.outline for m in marks}):
        shown = [(n, m) for n, m in numbered if m.outline == outline]
        image = QImage(width, height, QImage.Format.Format_RGB32)
        image.fill(PRINT.paper)
        painter = QPainter(image)
        font = QFont(painter.font())
        font.setPixelSize(round(height / 32))
        painter.setFont(font)
        note = painter.fontMetrics().height() * 1.8
        paint_body_map(
            painter,
            QRectF(16, 12, width - 32, height - 24 - note),
            outline,
            shown,
            PRINT,
            badge=height / 52,
        )
        painter.setPen(PRINT.ink)
        painter.drawText(
            QRectF(16, height - 12 - note, width - 32, note),
            Qt.AlignmentFlag.AlignCenter,
            f"{figure(outline).label} figure. R and L: the child's right and left.",
        )
        painter.end()
        images.append(image)
    return images
