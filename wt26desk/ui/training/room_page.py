"""A page read by a whole room off a projector (the quiz, the scenario): its chosen
widgets get slide-sized text whenever the page is shown or the window is resized."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QWidget

from wt26desk.ui.common.theme import size_for_room


class RoomPage(QWidget):
    def room_widgets(self) -> list[QWidget]:
        """The widgets the room reads; the rest of the page keeps the window's zoom."""
        return []

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        size_for_room(self.room_widgets(), self.window().height())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        size_for_room(self.room_widgets(), self.window().height())
