"""Keyboard shortcuts scoped to one page or widget (they work only while it has focus)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import shiboken6

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

Keys = str | QKeySequence.StandardKey


def bind(
    owner: QWidget,
    pairs: Iterable[tuple[Keys, Callable[[], object]]],
    context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut,
) -> None:
    for keys, slot in pairs:
        shortcut = QShortcut(QKeySequence(keys), owner)
        shortcut.setContext(context)
        shortcut.activated.connect(slot)


def bind_steps(owner: QWidget, reveal: Callable[[], object], go: Callable[[int], object]) -> None:
    """Ctrl+Return reveals, Ctrl+Page Down and Up move on and back (scenario, quiz)."""
    bind(
        owner,
        (
            ("Ctrl+Return", reveal),
            ("Ctrl+PgDown", lambda: go(+1)),
            ("Ctrl+PgUp", lambda: go(-1)),
        ),
    )


GUARDED_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


class ShortcutsBeforeFields(QObject):
    """The window's own shortcuts work from inside a text field. Qt's text fields claim
    some Ctrl keys for editing (under X11 Ctrl+E is "end of line", Ctrl+K "delete to end"),
    which silently disables an action with the same keys. For a Ctrl, Alt or function key
    that one of the window's actions or shortcuts uses, the field's claim is refused, so the
    shortcut runs; if no shortcut is active there, the key still reaches the field.

    Qt asks only the focus widget (ShortcutOverride goes to the focus object first), so
    the guard watches that one widget and follows the focus (`follow_focus`, connected to
    QApplication.focusChanged): an application-wide filter would cost a Python call for
    every event of every object, thousands to paint the window the first time."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._watched: QWidget | None = None

    def follow_focus(self, _old: QWidget | None, now: QWidget | None) -> None:
        """Watch the widget that has the focus now, and no other."""
        watched, self._watched = self._watched, None
        if watched is not None and shiboken6.isValid(watched):
            watched.removeEventFilter(self)
        if now is not None and shiboken6.isValid(now):
            now.installEventFilter(self)
            self._watched = now

    def _taken(self) -> set[int]:
        combos: set[int] = set()
        for owner in self._window.findChildren(QAction) + self._window.findChildren(QShortcut):
            for sequence in owner.shortcuts() if isinstance(owner, QAction) else owner.keys():
                if sequence.count() == 1:
                    combos.add(sequence[0].toCombined())  # type: ignore[index]
        return combos

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if not (event.modifiers() & GUARDED_MODIFIERS or Qt.Key.Key_F1 <= key <= Qt.Key.Key_F35):
            return False
        if not isinstance(watched, QWidget) or watched.window() is not self._window:
            return False
        if event.keyCombination().toCombined() in self._taken():
            event.ignore()
            return True  # the field never sees the claim; the shortcut map goes next
        return False
