"""Every interactive widget on every page and window: a name a screen reader can say, and a
place in the Tab order. Walks the library, the lock and welcome pages, the records list,
each recording step, the chronology, the export dialog, the privacy screen, the training
pages (session, scenario, quiz in each of its views) and the presenter view."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QScrollBar,
    QWidget,
)

from wt26desk.ui.main_window import MainWindow
from wt26desk.ui.training.presentation import Presentation

from .test_training_ui import in_training


def spoken_name(widget: QWidget) -> str:
    """What assistive technology reads: the accessible name, a button's text, or the
    label that has this widget as its buddy (Qt's accessibility bridge does the same)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    name = interface.text(QAccessible.Text.Name) if interface is not None else ""
    if not name and isinstance(widget, QAbstractButton):
        name = widget.text()
    return name.replace("&", "").strip()


def interactive(top: QWidget) -> list[QWidget]:
    found = []
    for widget in top.findChildren(QWidget):
        parent = widget.parent()
        if (
            widget.focusPolicy() & widget.focusPolicy().TabFocus
            and widget.isVisible()
            and widget.isEnabled()
            and not isinstance(widget, QScrollBar)
            and not isinstance(parent, (QAbstractSpinBox, QComboBox))
            and not (isinstance(parent, QAbstractScrollArea) and parent.viewport() is widget)
        ):
            found.append(widget)
    return found


def tab_chain(window: QWidget) -> set[QWidget]:
    chain: set[QWidget] = set()
    widget = window.nextInFocusChain()
    while widget is not None and widget is not window and widget not in chain:
        chain.add(widget)
        widget = widget.nextInFocusChain()
    return chain


def problems_in(top: QWidget, where: str) -> list[str]:
    chain = tab_chain(top.window())
    problems = []
    for widget in interactive(top):
        label = f"{where}: {type(widget).__name__} {widget.objectName() or spoken_name(widget)!r}"
        if not spoken_name(widget):
            problems.append(f"{label} has no accessible name")
        if widget not in chain:
            problems.append(f"{label} is not in the Tab order")
    return problems


def test_every_interactive_widget_is_named_and_in_the_tab_order(make_window, qtbot: QtBot) -> None:
    window: MainWindow = make_window()
    window.resize(1400, 900)
    found: list[str] = []
    checked = 0

    def walk(top: QWidget, where: str) -> None:
        nonlocal checked
        qtbot.wait(1)
        checked += len(interactive(top))
        found.extend(problems_in(top, where))

    walk(window, "welcome page")
    window.show_library()
    walk(window, "library")
    window.training.start()
    in_training(qtbot, window)
    walk(window, "records list")
    records = window.records
    store = records.store
    assert store is not None
    record = store.records()[0]
    records.open_record(record)
    editor = records.editor
    for index, name in enumerate(editor.steps):
        editor.tabs.setCurrentIndex(index)  # as a click on the step's tab does
        assert editor.stack.currentWidget() is editor.steps[name]
        walk(editor, f"recording step {name}")
    editor.close_record()
    records.show_chronology(record)
    walk(window, "chronology")
    dialog = records.export_record(record.id)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    walk(dialog, "export dialog")
    dialog.close()
    training = window.training
    training.show_sessions()
    walk(window, "session page")
    training.show_scenarios()
    walk(window, "scenario page")
    training.scenario_page.reveal()
    walk(window, "scenario page, answer shown")
    training.show_quiz()
    walk(window, "quiz setup")
    training.quiz_page.begin()
    walk(window, "quiz question")
    training.quiz_page.reveal()
    training.quiz_page.finish()
    walk(window, "quiz summary")
    training.session_page.presenter_view.setChecked(True)
    training.present()
    presentation = training.presentation
    assert isinstance(presentation, Presentation) and presentation.presenter is not None
    qtbot.waitExposed(presentation.presenter)
    walk(presentation.presenter, "presenter view")
    presentation.end()
    records.show_records()
    records.hide_screen()
    walk(window, "privacy screen")
    assert checked > 100, checked  # the walk really saw the widgets
    assert not found, "\n".join(found)
