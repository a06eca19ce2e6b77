"""The body map: the child's figure from the front and from the back side by side, on
which injuries are marked by a click or from the keyboard. Marks are numbered as in the
list beside it, so nothing depends on colour; the selected mark has a ring around it.

Keys: the arrow keys move the pointer (with Shift, in bigger steps; past the side of one
view it goes on to the other); Enter or Space adds a mark there; Page Down and Page Up
select the next or previous mark; Ctrl with an arrow key moves the selected mark; Delete
removes it; Escape lets go of it. A screen reader hears the map as a canvas whose
description names the pointer's place and every mark in words."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QAccessibleInterface,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QAccessibleWidget, QApplication, QSizePolicy, QWidget

from wt26desk.exports.body_map_image import (
    Colours,
    colours,
    frames,
    label_places,
    paint_body_map,
    placed,
    to_canvas,
)
from wt26desk.exports.drawing import painter_path
from wt26desk.records.body_map import OUTLINES, VIEWS, describe, figure, mark_words
from wt26desk.records.model import Mark

STEP = 0.02
OUTSIDE = "Outside the figure: click on the body to add a mark there"
KEYS_HELP = (
    "Arrow keys move the pointer, Enter adds a mark, Page Down and Page Up select a mark, "
    "Control with an arrow key moves it, Delete removes it."
)


def _accessible(key: str, obj: QObject) -> QAccessibleInterface | None:
    """The body map is a canvas to assistive technology, not a plain pane."""
    if key == "BodyMap" and isinstance(obj, BodyMap):
        return QAccessibleWidget(obj, QAccessible.Role.Canvas, obj.accessibleName())
    return None


_factory_installed = False


def _install_accessibility() -> None:
    global _factory_installed
    if not _factory_installed:
        QAccessible.installFactory(_accessible)
        _factory_installed = True


class BodyMap(QWidget):
    mark_added = Signal(object)  # the new Mark
    mark_selected = Signal(int)  # its index in the record's list
    mark_moved = Signal(int)
    remove_requested = Signal(int)
    notice = Signal(str)  # a word for the user beside the map ("" to clear it)

    def __init__(self, parent: QWidget | None = None) -> None:
        _install_accessibility()
        super().__init__(parent)
        self.outline = OUTLINES[0]
        self.marks: list[Mark] = []
        self.child_id = ""
        self.selected = -1
        self.view = "front"  # the view the pointer is on
        self.cursor_at = QPointF(0.5, 0.4)
        self._dragging = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName("Body map")
        self._describe()

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(line * 30, line * 26)

    def minimumSizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(line * 16, line * 16)

    def show_marks(self, marks: list[Mark], outline: str, child_id: str) -> None:
        self.marks, self.outline, self.child_id = marks, outline, child_id
        self.selected = -1
        self._describe()
        self.update()

    def visible_marks(self) -> list[tuple[int, Mark]]:
        """The marks of the child shown (on whichever figure they were made)."""
        return [
            (n, m)
            for n, m in enumerate(self.marks)
            if m.view in VIEWS and (not self.child_id or m.child_id in {"", self.child_id})
        ]

    # Geometry ------------------------------------------------------------------------------
    def _badge(self) -> float:
        """A mark's radius: its number as large as the text, yet never hiding a limb."""
        line = self.fontMetrics().height()
        return max(7.0, min(line * 0.62, self._frames()["front"].height() * 0.045))

    def _area(self) -> QRectF:
        return QRectF(self.rect()).adjusted(8, 4, -8, -8)

    def _frames(self) -> dict[str, QRectF]:
        return frames(self._area(), self.fontMetrics().height() * 1.6)

    def _to_unit(self, point: QPointF) -> tuple[str, float, float]:
        """The view under a point and the place on it (0..1 each way)."""
        found = self._frames()
        view = min(found, key=lambda v: abs(found[v].center().x() - point.x()))
        f = found[view]
        x = (point.x() - f.left()) / f.width()
        y = (point.y() - f.top()) / f.height()
        return view, min(max(x, 0.0), 1.0), min(max(y, 0.0), 1.0)

    # Marks ---------------------------------------------------------------------------------
    def add_mark(self, x: float, y: float, view: str | None = None) -> Mark:
        view = view or self.view
        mark = Mark(
            view=view,
            outline=self.outline,
            x=round(x, 3),
            y=round(y, 3),
            location=describe(view, self.outline, x, y),
            child_id=self.child_id,
        )
        self.marks.append(mark)
        self.selected = len(self.marks) - 1
        self.notice.emit("")
        self.mark_added.emit(mark)
        self._describe()
        self._announce(f"Added {mark_words(len(self.marks), mark)}")
        self.update()
        return mark

    def select(self, index: int) -> None:
        self.selected = index
        if 0 <= index < len(self.marks):
            mark = self.marks[index]
            self.view = mark.view
            self.cursor_at = QPointF(*placed(mark, self.outline))
        self._describe()
        self.update()

    def _select_step(self, step: int) -> None:
        shown = [n for n, _ in self.visible_marks()]
        if not shown:
            self._announce("No marks yet")
            return
        at = shown.index(self.selected) if self.selected in shown else (-1 if step > 0 else 0)
        index = shown[(at + step) % len(shown)]
        self.select(index)
        self.mark_selected.emit(index)
        self._announce(mark_words(index + 1, self.marks[index]))

    def move_mark(self, index: int, view: str, x: float, y: float) -> None:
        """Put a mark somewhere else on this figure; its words follow unless typed."""
        mark = self.marks[index]
        automatic = mark.location == describe(mark.view, mark.outline, mark.x, mark.y)
        mark.view, mark.outline, mark.x, mark.y = view, self.outline, round(x, 3), round(y, 3)
        if automatic or not mark.location:
            mark.location = describe(view, self.outline, mark.x, mark.y)
        self.view, self.cursor_at = view, QPointF(mark.x, mark.y)
        self.mark_moved.emit(index)
        self._describe()
        self.update()

    def _describe(self) -> None:
        x, y = self.cursor_at.x(), self.cursor_at.y()
        shown = self.visible_marks()
        marks = " ".join(f"{mark_words(n + 1, m)}." for n, m in shown) or "No marks yet."
        selected = (
            f" Selected: mark {self.selected + 1}."
            if any(n == self.selected for n, _ in shown)
            else ""
        )
        self.setAccessibleDescription(
            f"{figure(self.outline).label} figure, front and back. Pointer on the {self.view}"
            f" at {describe(self.view, self.outline, x, y)}. {len(shown)} "
            f"mark{'s' if len(shown) != 1 else ''}: {marks}{selected} {KEYS_HELP}"
        )

    def _announce(self, text: str) -> None:
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, text))

    # Events ----------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        view, x, y = self._to_unit(event.position())
        near = self._mark_near(view, event.position())
        self.view, self.cursor_at = view, QPointF(x, y)
        if near >= 0:
            self.select(near)
            self.mark_selected.emit(near)
            self._dragging = True
        elif self._on_figure(view, event.position()):
            self.add_mark(x, y, view)
        else:  # blank space beside the figure: no mark, and say why
            self.notice.emit(OUTSIDE)
            self._announce(OUTSIDE)
            self._describe()
            self.update()
        event.accept()

    def _on_figure(self, view: str, point: QPointF) -> bool:
        """On the body's outline, or within a mark's width of its edge (a mark on the
        edge of an arm is still on the arm)."""
        frame = self._frames()[view]
        body = painter_path([figure(self.outline).outline], frame)
        if body.contains(point):
            return True
        reach = self._badge() * 0.6
        return any(
            body.contains(point + QPointF(dx, dy))
            for dx, dy in ((reach, 0), (-reach, 0), (0, reach), (0, -reach))
        )

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if not (self._dragging and 0 <= self.selected < len(self.marks)):
            super().mouseMoveEvent(event)
            return
        view, x, y = self._to_unit(event.position())
        self.move_mark(self.selected, view, x, y)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        self._dragging = False
        event.accept()

    def _mark_near(self, view: str, point: QPointF) -> int:
        """The mark under a point: on its own place or on its number (moved aside when
        another mark was there first)."""
        found = self._frames()
        reach = self._badge() * 1.2
        shown = [(n, m) for n, m in self.visible_marks() if m.view in found]
        places = [to_canvas(found[m.view], *placed(m, self.outline)) for _, m in shown]
        spots = label_places(places, self._badge())
        for (n, mark), at, spot in reversed(list(zip(shown, places, spots, strict=True))):
            if (spot - point).manhattanLength() <= reach * 1.4:
                return n  # its number, drawn on top
            if mark.view == view and (at - point).manhattanLength() <= reach * 1.4:
                return n
        return -1

    def keyPressEvent(self, event: QKeyEvent) -> None:
        modifiers = event.modifiers()
        step = STEP * (4 if modifiers & Qt.KeyboardModifier.ShiftModifier else 1)
        moves = {
            Qt.Key.Key_Left: (-step, 0.0),
            Qt.Key.Key_Right: (step, 0.0),
            Qt.Key.Key_Up: (0.0, -step),
            Qt.Key.Key_Down: (0.0, step),
        }
        key = Qt.Key(event.key())
        holding = 0 <= self.selected < len(self.marks)
        if key in moves and modifiers & Qt.KeyboardModifier.ControlModifier and holding:
            mark = self.marks[self.selected]
            x, y = placed(mark, self.outline)
            view, x, y = self._stepped(mark.view, x, y, *moves[key])
            self.move_mark(self.selected, view, x, y)
            self._announce(f"Moved to {self.marks[self.selected].location}")
        elif key in moves:
            self.view, x, y = self._stepped(
                self.view, self.cursor_at.x(), self.cursor_at.y(), *moves[key]
            )
            self.cursor_at = QPointF(x, y)
            self._describe()
            self.update()
        elif key in {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space}:
            self.add_mark(self.cursor_at.x(), self.cursor_at.y())
        elif key in {Qt.Key.Key_PageDown, Qt.Key.Key_PageUp} and not (
            modifiers & Qt.KeyboardModifier.ControlModifier
        ):
            self._select_step(1 if key == Qt.Key.Key_PageDown else -1)
        elif key in {Qt.Key.Key_Delete, Qt.Key.Key_Backspace} and holding:
            self._announce(f"Removed mark {self.selected + 1}")
            self.remove_requested.emit(self.selected)
        elif key == Qt.Key.Key_Escape and holding:
            self.select(-1)
        else:
            super().keyPressEvent(event)

    @staticmethod
    def _stepped(view: str, x: float, y: float, dx: float, dy: float) -> tuple[str, float, float]:
        """One step of the pointer; past the inner side of a view it goes on to the other."""
        x, y = x + dx, min(max(y + dy, 0.0), 1.0)
        if view == "front" and x > 1.0:
            view, x = "back", 0.0
        elif view == "back" and x < 0.0:
            view, x = "front", 1.0
        return view, min(max(x, 0.0), 1.0), y

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        found = paint_body_map(
            painter,
            self._area(),
            self.outline,
            self.visible_marks(),
            self._colours(palette),
            self._badge(),
            self.selected,
        )
        if self.hasFocus():
            accent = palette.highlight().color()
            at = to_canvas(found[self.view], self.cursor_at.x(), self.cursor_at.y())
            arm = self._badge() * 1.3
            for pen in (QPen(palette.base().color(), 5), QPen(accent, 2.5)):
                painter.setPen(pen)  # a halo, so the cross shows on the figure's lines
                painter.drawLine(QPointF(at.x() - arm, at.y()), QPointF(at.x() + arm, at.y()))
                painter.drawLine(QPointF(at.x(), at.y() - arm), QPointF(at.x(), at.y() + arm))
            painter.setPen(QPen(accent, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        painter.end()

    def _colours(self, palette: QPalette) -> Colours:
        app = QApplication.instance()
        strong = app is not None and app.property("wt26_theme") == "high-contrast"
        return colours(
            palette.text().color(),
            palette.base().color(),
            palette.highlight().color(),
            palette.highlightedText().color(),
            strong,
        )
