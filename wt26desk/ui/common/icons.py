"""Toolbar icons from one open icon set (Lucide, ISC licence; resources/icons/lucide/),
drawn by the app itself: stroked in the theme's button text colour (muted when the action
is disabled) at whatever size the text needs, so they follow the theme, high contrast
included, and stay crisp at any zoom or screen scale. The text labels stay beside them."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QApplication, QToolBar

from wt26desk.assets import resource_path
from wt26desk.exports.drawing import painter_path
from wt26desk.ui.common.icon_shapes import ICON_SHAPES
from wt26desk.ui.common.theme import TOKENS

if TYPE_CHECKING:
    from wt26desk.vector import Path

ICON_SET = "lucide"


@functools.cache
def shapes(name: str) -> tuple[tuple[float, float], list[Path]]:
    """An icon's view box and strokes: as tools/icon_shapes.py read them from the set's
    files (no SVG to read or parse at start-up), else from its file, once."""
    if name in ICON_SHAPES:
        return ICON_SHAPES[name]
    from wt26desk.vector import read_svg

    text = resource_path(f"icons/{ICON_SET}/{name}.svg").read_text(encoding="utf-8")
    return read_svg(text)


def icon_colour(mode: QIcon.Mode) -> QColor:
    """The colour of the buttons' text in the current theme, as the style sheet sets it."""
    app = QApplication.instance()
    theme = app.property("wt26_theme") if app is not None else None
    if theme in TOKENS:
        token = TOKENS[theme]
        return QColor(token["off"] if mode == QIcon.Mode.Disabled else token["text"])
    group = (
        QPalette.ColorGroup.Disabled if mode == QIcon.Mode.Disabled else QPalette.ColorGroup.Active
    )
    return QApplication.palette().color(group, QPalette.ColorRole.ButtonText)


class StrokeIconEngine(QIconEngine):
    """Paints one icon's strokes into any rectangle: nothing is a bitmap until drawn."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        (width, height), paths = shapes(self.name)
        side = min(rect.width(), rect.height())
        # Square, on the left of a wider box: the rest is the gap before the words.
        frame = QRectF(rect.x(), rect.y() + (rect.height() - side) / 2, side, side)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # Lucide's 2-unit stroke on a 24-unit box, never thinner than a device pixel.
        pen = QPen(icon_colour(mode), max(1.0, 2 * side / width))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(painter_path(paths, frame, (width, height)))
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return StrokeIconEngine(self.name)

    def key(self) -> str:
        return "wt26stroke"


def icon(name: str) -> QIcon:
    return QIcon(StrokeIconEngine(name))


def fit_icons(toolbar: QToolBar) -> None:
    """Icons as tall as a line of the toolbar's text, so they grow with the zoom, with a
    third of that again as the gap before the words."""
    side = toolbar.fontMetrics().height()
    size = QSize(round(side * 4 / 3), side)
    if toolbar.iconSize() != size:
        toolbar.setIconSize(size)
