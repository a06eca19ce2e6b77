"""Keyboard shortcuts scoped to one page or widget (they work only while it has focus)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
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
