"""Go > Back and Forward between pages and guidance items, keyboard only, offscreen."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from wt26desk.ui.main_window import MainWindow

from .test_recording_ui import ALT, CTRL, focused, key
from .test_vault_ui import unlock


def back(qtbot: QtBot) -> None:
    key(qtbot, Qt.Key.Key_Left, ALT)


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")  # the menu, offscreen
def test_back_and_forward_move_between_pages(unlocked: MainWindow, qtbot: QtBot) -> None:
    window = unlocked
    records = window.records.records_page
    assert window.pages.currentWidget() is records
    key(qtbot, Qt.Key.Key_G, CTRL)  # the guidance
    assert window.pages.currentWidget() is window.library_page
    window.open_target("B7", [])  # an item read there
    shown = window.reader.toPlainText()
    key(qtbot, Qt.Key.Key_R, CTRL)  # back to the records
    assert window.pages.currentWidget() is records
    assert window.back_action.isEnabled() and not window.forward_action.isEnabled()
    back(qtbot)
    assert window.pages.currentWidget() is window.library_page
    assert window.reader.toPlainText() == shown  # the item read last
    assert window.forward_action.isEnabled()
    back(qtbot)  # the item before it, on the same page
    assert window.pages.currentWidget() is window.library_page
    assert window.reader.toPlainText() != shown
    key(qtbot, Qt.Key.Key_Right, ALT)
    key(qtbot, Qt.Key.Key_Right, ALT)
    assert window.pages.currentWidget() is records
    assert not window.forward_action.isEnabled()
    # Go > Back from the menu, by its letters.
    key(qtbot, Qt.Key.Key_G, ALT)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_B)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.library_page)


def test_a_lock_ends_the_session_s_history_of_record_pages(
    unlocked: MainWindow, qtbot: QtBot
) -> None:
    window = unlocked
    key(qtbot, Qt.Key.Key_G, CTRL)
    key(qtbot, Qt.Key.Key_R, CTRL)
    key(qtbot, Qt.Key.Key_L, CTRL)  # lock
    assert window.pages.currentWidget() is window.lock_page
    unlock(qtbot, window)
    assert window.pages.currentWidget() is window.records.records_page
    back(qtbot)
    assert window.pages.currentWidget() is window.library_page
    assert window.forward_action.isEnabled()
    back(qtbot)  # the records page of the locked session is not there to go back to
    assert window.pages.currentWidget() is window.library_page
    assert focused() is not None


def test_history_forgets_places_that_are_gone() -> None:
    from wt26desk.ui.common.history import History

    history: History[str] = History()
    for place in ("guide-a", "records", "guide-b", "records", "editor"):
        history.visit(place)
    history.back()  # on the records page
    history.forget(lambda place: place in ("records", "editor"))
    assert history.current == "guide-b" and not history.can_go_forward()
    assert history.back() == "guide-a"
    history.forget(lambda place: place == "guide-a")
    assert history.current == "guide-b" and not history.can_go_back()
    history.forget(lambda place: True)
    assert history.current is None
