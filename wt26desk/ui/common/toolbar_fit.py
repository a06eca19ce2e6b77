"""Toolbars that stay on one row at any text size: when the words beside the icons do not
fit the window, buttons give up their words one at a time, in an order that keeps the
most important words longest, and take them back when there is room again. A button
that shows only its icon keeps its name for screen readers and its tooltip, so nothing
goes into the toolbar's overflow menu, where nobody finds it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar, QToolButton

WORDS = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
ICON = Qt.ToolButtonStyle.ToolButtonIconOnly


def plain(text: str) -> str:
    """An action's words without its mnemonic marker ("&Back" -> "Back")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def name_in_tooltip(action: QAction) -> None:
    """A tooltip that starts with the button's words when it does not say them ("Hide
    screen: blank the window at once"), for when the button shows only its icon."""
    name, tip = plain(action.iconText()), action.toolTip()
    if name.casefold() not in tip.casefold():
        action.setToolTip(f"{name}: {tip[:1].lower()}{tip[1:]}" if tip else name)


def button_for(bars: Sequence[QToolBar], action: QAction) -> QToolButton | None:
    for bar in bars:
        button = bar.widgetForAction(action)
        if isinstance(button, QToolButton):
            return button
    return None


def show_words(button: QToolButton, words: bool) -> None:
    """Words beside the icon, or the icon alone, centred: its box loses the gap kept for
    the words (icons.fit_icons), or the icon would sit left of the button's middle."""
    bar = button.parentWidget()
    size = bar.iconSize() if isinstance(bar, QToolBar) else button.iconSize()
    if not words:
        size = QSize(size.height(), size.height())
    if button.iconSize() != size:
        button.setIconSize(size)
    style = WORDS if words else ICON
    if button.toolButtonStyle() != style:
        button.setToolButtonStyle(style)


def row_width(bars: Sequence[QToolBar]) -> int:
    """The width the bars want side by side on one row."""
    width = 0
    for bar in bars:
        layout = bar.layout()
        if layout is not None:
            layout.invalidate()  # a button's new style: measure again
        width += bar.sizeHint().width()
    return width


def fit_row(bars: Sequence[QToolBar], order: Sequence[QAction], room: int) -> int:
    """Words beside every icon if the bars fit in `room` pixels, else the actions of
    `order` (least needed words first) show only their icon, one at a time, until they
    fit. Returns how many gave up their words (len(order) when even icons alone do not
    fit: then the caller must find another row)."""
    buttons = [b for b in (button_for(bars, a) for a in order) if b is not None]
    for button in buttons:
        name = plain(button.defaultAction().iconText())
        button.setAccessibleName(name)  # said the same with or without its words
        show_words(button, True)
    given = 0
    while row_width(bars) > room and given < len(buttons):
        show_words(buttons[given], False)
        given += 1
    return given


class RefitOnFontChange(QObject):
    """Calls `refit` once, after the event loop's pending work, whenever a bar or one of
    its buttons takes a new font: a zoom reaches the buttons after the window (each
    widget is polished in turn), and words measured at the old size would overflow."""

    def __init__(self, bars: Sequence[QToolBar], refit: Callable[[], object]) -> None:
        super().__init__(bars[0])
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(refit)
        for bar in bars:
            bar.installEventFilter(self)
            for button in bar.findChildren(QToolButton):
                button.installEventFilter(self)

    def start(self) -> None:
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FontChange:
            self._timer.start()
        return False
