"""Large text in the concern editor, as a person meets it: Ctrl++ up to 200% in a
1200x800 window, offscreen."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit

from wt26desk.ui.main_window import MainWindow
from wt26desk.ui.records.record_steps import natural_width

from .test_recording_ui import CTRL, key


def zoom_to(qtbot: QtBot, window: MainWindow, percent: int) -> None:
    while window.settings.zoom_percent < percent:
        key(qtbot, Qt.Key.Key_Plus, CTRL)
    qtbot.wait(50)
    assert window.settings.zoom_percent == percent


def test_the_editor_at_200_percent_in_1200x800_is_usable(
    unlocked: MainWindow, qtbot: QtBot
) -> None:
    window = unlocked
    window.resize(1200, 800)
    key(qtbot, Qt.Key.Key_N, CTRL)
    editor = window.records.editor
    zoom_to(qtbot, window, 200)
    editor.go_to_field("facts")  # as "Still to record" does
    qtbot.wait(50)
    page = editor.steps["what-happened"]
    facts = page.field_widget("facts")
    assert isinstance(facts, QPlainTextEdit)
    assert QApplication.focusWidget() is facts
    # A line of the facts holds a readable measure of words, not a narrow column.
    chars = facts.fontMetrics().averageCharWidth()
    assert facts.viewport().width() >= chars * 50, (facts.viewport().width(), chars)
    # The whole field is in view, not its first line.
    shown = QRect(facts.mapTo(page.viewport(), facts.rect().topLeft()), facts.size())
    assert page.viewport().rect().contains(shown), (shown, page.viewport().rect())
    # No label is cut, and the draft's state reads on one line.
    for label in page.findChildren(QLabel):
        if label.isVisible() and label.text() and not label.wordWrap():
            assert label.width() >= natural_width(label) - 2, label.text()
    state = editor.draft_state
    assert state.height() < state.fontMetrics().lineSpacing() * 2, state.text()
    assert state.width() >= natural_width(state) - 2
    # The guidance beside it keeps a readable column too.
    assert editor.panel.viewport().width() >= editor.panel.fontMetrics().averageCharWidth() * 20
