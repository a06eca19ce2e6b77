"""The body map: an outline (front or back, child or infant) on which injuries are marked
by a click, or from the keyboard with the arrow keys and Enter. Marks are numbered, so
nothing depends on colour; the selected mark is drawn with a thicker ring."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from wt26desk.exports.body_map_image import caption, frame_for, paint_body_map, to_canvas
from wt26desk.records.body_map import describe
from wt26desk.records.model import Mark

STEP = 0.02


class BodyMap(QWidget):
    mark_added = Signal(object)  # the new Mark
    mark_selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = "front"
        self.outline = "child"
        self.marks: list[Mark] = []
        self.child_id = ""
        self.selected = -1
        self.cursor_at = QPointF(0.5, 0.4)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Body map")
        self._describe_cursor()

    def sizeHint(self) -> QSize:
        return QSize(260, 420)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 260)

    def show_marks(self, marks: list[Mark], view: str, outline: str, child_id: str) -> None:
        self.marks, self.view, self.outline, self.child_id = marks, view, outline, child_id
        self.selected = -1
        self._describe_cursor()
        self.update()

    def visible_marks(self) -> list[tuple[int, Mark]]:
        return [
            (n, m)
            for n, m in enumerate(self.marks)
            if m.view == self.view
            and m.outline == self.outline
            and (not self.child_id or m.child_id in {"", self.child_id})
        ]

    # Geometry ------------------------------------------------------------------------------
    def _frame(self) -> QRectF:
        return frame_for(self.width(), self.height())

    def _to_widget(self, x: float, y: float) -> QPointF:
        return to_canvas(self._frame(), x, y)

    def _to_unit(self, point: QPointF) -> tuple[float, float]:
        f = self._frame()
        x = (point.x() - f.left()) / f.width()
        y = (point.y() - f.top()) / f.height()
        return min(max(x, 0.0), 1.0), min(max(y, 0.0), 1.0)

    # Marks ---------------------------------------------------------------------------------
    def add_mark(self, x: float, y: float) -> Mark:
        mark = Mark(
            view=self.view,
            outline=self.outline,
            x=round(x, 3),
            y=round(y, 3),
            location=describe(self.view, self.outline, x, y),
            child_id=self.child_id,
        )
        self.marks.append(mark)
        self.selected = len(self.marks) - 1
        self.mark_added.emit(mark)
        self.update()
        return mark

    def _describe_cursor(self) -> None:
        x, y = self.cursor_at.x(), self.cursor_at.y()
        self.setAccessibleDescription(
            f"{self.view.capitalize()} view, {self.outline} outline. Pointer at "
            f"{describe(self.view, self.outline, x, y)}. Arrow keys move, Enter adds a mark. "
            f"{len(self.visible_marks())} marks shown."
        )

    # Events ----------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            x, y = self._to_unit(event.position())
            near = self._mark_near(x, y)
            if near >= 0:
                self.selected = near
                self.mark_selected.emit(near)
                self.update()
            else:
                self.cursor_at = QPointF(x, y)
                self.add_mark(x, y)
        super().mousePressEvent(event)

    def _mark_near(self, x: float, y: float) -> int:
        for n, mark in self.visible_marks():
            if abs(mark.x - x) < 0.03 and abs(mark.y - y) < 0.02:
                return n
        return -1

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = STEP * (4 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
        moves = {
            Qt.Key.Key_Left: (-step, 0.0),
            Qt.Key.Key_Right: (step, 0.0),
            Qt.Key.Key_Up: (0.0, -step),
            Qt.Key.Key_Down: (0.0, step),
        }
        key = Qt.Key(event.key())
        if key in moves:
            dx, dy = moves[key]
            x = min(max(self.cursor_at.x() + dx, 0.0), 1.0)
            y = min(max(self.cursor_at.y() + dy, 0.0), 1.0)
            self.cursor_at = QPointF(x, y)
            self._describe_cursor()
            self.update()
        elif key in {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space}:
            self.add_mark(self.cursor_at.x(), self.cursor_at.y())
            self._describe_cursor()
        else:
            super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        paint_body_map(
            painter,
            self._frame(),
            self.outline,
            caption(self.view),
            self.visible_marks(),
            palette.text().color(),
            palette.highlight().color(),
            palette.base().color(),
            self.selected,
        )
        if self.hasFocus():
            at = self._to_widget(self.cursor_at.x(), self.cursor_at.y())
            painter.setPen(QPen(palette.highlight().color(), 2, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(at.x() - 12, at.y()), QPointF(at.x() + 12, at.y()))
            painter.drawLine(QPointF(at.x(), at.y() - 12), QPointF(at.x(), at.y() + 12))
            painter.setPen(QPen(palette.highlight().color(), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        painter.end()
