"""Large text in the concern editor, as a person meets it: Ctrl++ up to 200% in a
1200x800 window, offscreen."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtCore import QEvent, QObject, QRect, Qt
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


class StyleChanges(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.StyleChange:
            self.count += 1
        return False


def test_a_zoom_step_polishes_each_widget_once_more(unlocked: MainWindow, qtbot: QtBot) -> None:
    """Ctrl++ used to clear and set both the application's and the window's style sheets:
    every widget was polished again and again (300-400 ms a step with the editor open)."""
    window = unlocked
    key(qtbot, Qt.Key.Key_N, CTRL)
    facts = window.records.editor.steps["what-happened"].field_widget("facts")
    assert facts is not None
    changes = StyleChanges()
    facts.installEventFilter(changes)
    before = facts.font().pointSizeF()
    key(qtbot, Qt.Key.Key_Plus, CTRL)
    qtbot.wait(20)
    facts.removeEventFilter(changes)
    assert facts.font().pointSizeF() > before  # the text follows the zoom
    assert changes.count <= 2, changes.count  # Qt polishes a sheet's top children twice


def test_text_fields_keep_their_lines_when_the_text_grows(
    unlocked: MainWindow, qtbot: QtBot
) -> None:
    window = unlocked
    key(qtbot, Qt.Key.Key_N, CTRL)
    facts = window.records.editor.steps["what-happened"].field_widget("facts")
    assert isinstance(facts, QPlainTextEdit)

    def lines_shown() -> float:
        return (facts.minimumHeight() - 12) / facts.fontMetrics().lineSpacing()

    at_100 = (facts.minimumHeight(), lines_shown())
    zoom_to(qtbot, window, 200)
    assert facts.minimumHeight() > at_100[0] * 1.5
    assert lines_shown() == at_100[1] >= 3


def test_the_editors_problems_line_takes_no_room_until_it_has_something_to_say(
    unlocked: MainWindow, qtbot: QtBot
) -> None:
    window = unlocked
    key(qtbot, Qt.Key.Key_N, CTRL)
    editor = window.records.editor
    assert not editor.problems.isVisible()
    qtbot.mouseClick(editor.next_button, Qt.MouseButton.LeftButton)  # no child yet
    assert editor.problems.isVisible() and editor.problems.text().startswith("To go on")
