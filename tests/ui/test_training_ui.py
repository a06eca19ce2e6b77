"""Trainer mode as a trainer uses it: the demo vault instead of the real one, a whole
presentation and a scenario walked with the keyboard, the quiz, sessions and handouts."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from wt26desk.records.store import RecordStore
from wt26desk.training.slides import session_slides
from wt26desk.ui.main_window import MainWindow
from wt26desk.ui.training.presentation import BLANK_BLACK, ScreenPlan, SlideView, plan_screens
from wt26desk.ui.vault.vault_controller import LOCKED, UNLOCKED

from .test_main_window import shot
from .test_vault_ui import ScriptedDialogs, existing_vault, unlock

NONE = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot: QtBot, key: Qt.Key, mod: Qt.KeyboardModifier = NONE) -> None:
    qtbot.keyClick(focused(), key, mod)


class FileWatch:
    """Every file and database a Python audit event names while it is switched on."""

    def __init__(self) -> None:
        self.on = False
        self.paths: list[str] = []

    def __call__(self, event: str, args: tuple[Any, ...]) -> None:
        watched = ("open", "sqlite3.connect", "os.listdir", "os.scandir")
        if self.on and event in watched and args and isinstance(args[0], (str, bytes, os.PathLike)):
            self.paths.append(os.fsdecode(args[0]))


WATCH = FileWatch()
sys.addaudithook(WATCH)  # audit hooks cannot be removed: this one only records when asked


def in_training(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(
        lambda: (
            window.vault.training and window.vault.state == UNLOCKED and not window.vault.ops.busy
        ),
        timeout=20_000,
    )


@pytest.fixture
def trainer(make_window, qtbot: QtBot) -> MainWindow:
    window = make_window()
    window.training.start()
    in_training(qtbot, window)
    return window


def test_trainer_mode_never_opens_the_real_vault(make_window, data_dir: Path, qtbot: QtBot) -> None:
    existing_vault(data_dir)
    real = data_dir / "vault"
    window = make_window()
    unlock(qtbot, window)
    assert not window.vault.training
    window.training.dialogs = ScriptedDialogs(confirm=True)  # type: ignore[assignment]

    WATCH.paths.clear()
    WATCH.on = True
    try:
        qtbot.keyClick(window, Qt.Key.Key_T, CTRL | Qt.KeyboardModifier.ShiftModifier)
        in_training(qtbot, window)
        # The real vault was locked and closed on the way in; from now on not a byte changes.
        WATCH.on = False  # (the test's own reading is not the app's)
        before = {p: p.read_bytes() for p in real.rglob("*") if p.is_file()}
        WATCH.on = True
        assert window.training.banner.isVisible() and "TRAINING" in window.windowTitle()
        assert "Demo vault" in window.vault_label.text()
        store = window.records.store
        assert store is not None and store.training
        titles = [r.title() for r in store.records()]
        assert any("Rowan Example" in t for t in titles)
        assert not window.vault.folder.is_relative_to(real)
        # Use the demo vault as a trainee would: open a record, change it, save it.
        record = store.records()[0]
        window.records.open_record(record)
        window.records.editor.save()
        window.training.show_scenarios("scenario-baby-bruise")
        window.training.scenario_page.reveal()
        window.training.show_quiz()
        window.training.show_sessions()
        window.training.present()
        assert window.training.presentation is not None
        window.training.presentation.end()
        # Vault actions that would touch a vault are off in trainer mode.
        actions = window.vault_actions
        assert not any(a.isEnabled() for a in (actions.backup, actions.restore, actions.change))
    finally:
        WATCH.on = False
    after = {p: p.read_bytes() for p in real.rglob("*") if p.is_file()}
    touched = [p for p in WATCH.paths if Path(p).resolve().is_relative_to(real.resolve())]
    assert touched == [], touched
    assert any("training-vault" in p for p in WATCH.paths)  # the watch did see files
    assert after == before

    # Leaving trainer mode lands on the real vault's lock screen: the passphrase is needed.
    window.training.mode_action.trigger()
    assert not window.vault.training and window.vault.state == LOCKED
    assert window.pages.currentWidget() is window.lock_page
    assert not window.training.banner.isVisible()
    assert window.records.store is None
    unlock(qtbot, window)
    assert window.records.store is not None and not window.records.store.training


def test_locking_in_trainer_mode_ends_it(trainer: MainWindow) -> None:
    trainer.vault_actions.lock.trigger()
    assert not trainer.vault.training
    assert trainer.pages.currentWidget() is trainer.lock_page
    assert "Trainer mode" not in trainer.windowTitle() and not trainer.training.banner.isVisible()


def test_the_demo_is_offered_on_the_welcome_page(make_window, qtbot: QtBot) -> None:
    window = make_window()
    assert window.pages.currentWidget() is window.lock_page
    qtbot.mouseClick(window.lock_page.demo, Qt.MouseButton.LeftButton)
    in_training(qtbot, window)
    assert window.pages.currentWidget() is window.records.records_page
    assert window.records.records_page.table.rowCount() >= 4
    shot(window, "training-demo-records")


def test_walk_a_whole_presentation_with_the_keyboard(trainer: MainWindow, qtbot: QtBot) -> None:
    trainer.training.show_sessions()
    page = trainer.training.session_page
    session = page.session()
    expected = session_slides(trainer.library, session.title, session.entries)
    qtbot.keyClick(trainer, Qt.Key.Key_F5)
    presentation = trainer.training.presentation
    assert presentation is not None
    window, deck = presentation.window, presentation.deck
    qtbot.waitExposed(window)
    assert window.isFullScreen()
    window.activateWindow()
    window.setFocus()
    seen = [deck.slide.title]
    for _ in range(len(expected) - 1):
        qtbot.keyClick(window, Qt.Key.Key_PageDown)
        seen.append(deck.slide.title)
    assert seen == [s.title for s in expected]
    qtbot.keyClick(window, Qt.Key.Key_Right)  # past the end: stays on the last slide
    assert deck.index == len(expected) - 1
    qtbot.keyClick(window, Qt.Key.Key_B)
    assert deck.blank == BLANK_BLACK and window.view.blank == BLANK_BLACK
    assert "black" in window.view.accessibleDescription()
    qtbot.keyClick(window, Qt.Key.Key_B)
    assert not deck.blank
    qtbot.keyClick(window, Qt.Key.Key_W)
    qtbot.keyClick(window, Qt.Key.Key_Left)  # moving shows the slide again
    assert not deck.blank and deck.index == len(expected) - 2
    qtbot.keyClick(window, Qt.Key.Key_Home)
    assert deck.index == 0
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert deck.slide.title in window.view.accessibleDescription()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert trainer.training.presentation is None and not window.isVisible()


def test_slides_are_large_at_1920x1080_and_look_right(trainer: MainWindow, qtbot: QtBot) -> None:
    lib = trainer.library
    slides = session_slides(
        lib,
        "Team training: recording and sharing",
        ["A1", "neglect", "@timescales", "scenario-baby-bruise", "quiz-icpc"],
    )
    view = SlideView("Slide")
    qtbot.addWidget(view)
    view.resize(1920, 1080)
    view.show()
    names = {1: "slide-standard", 2: "slide-harm-area", 3: "slide-timescales", 5: "slide-step"}
    names |= {6: "slide-answer", 9: "slide-quiz"}
    for number, slide in enumerate(slides):
        view.show_slide(slide, caption=f"{number + 1} / {len(slides)}")
        image = view.grab()
        assert (image.width(), image.height()) == (1920, 1080)
        # Large type: at least 36 px (27 pt) body text on a 1080-line screen for every slide.
        assert view.text_pixels >= 36, (slide.title, view.text_pixels)
        if number in names:
            shot(view, f"{names[number]}-1920x1080")
    view.show_slide(slides[1], BLANK_BLACK)
    image = view.grab().toImage()
    assert image.pixelColor(960, 540).name() == "#000000"


def test_the_presenter_view_shows_notes_and_the_next_slide(
    trainer: MainWindow, qtbot: QtBot
) -> None:
    trainer.training.show_sessions()
    page = trainer.training.session_page
    page.presenter_view.setChecked(True)  # one screen here: asked for explicitly
    trainer.training.present()
    presentation = trainer.training.presentation
    assert presentation is not None and presentation.presenter is not None
    presenter, deck = presentation.presenter, presentation.deck
    qtbot.waitExposed(presenter)
    qtbot.keyClick(presenter, Qt.Key.Key_Right)
    assert deck.index == 1 and presenter.current.slide is deck.slide
    assert presenter.following.slide is deck.next_slide
    assert deck.slide.notes[0] in presenter.notes.toPlainText()
    assert presenter.position.text().startswith("Slide 2 of")
    presenter.resize(1280, 800)
    shot(presenter, "presenter-view")
    qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    assert trainer.training.presentation is None


def test_screens_are_planned_for_the_room_and_the_presenter() -> None:
    laptop, projector = QRect(0, 0, 1366, 768), QRect(1366, 0, 1920, 1080)
    assert plan_screens([laptop], 0, presenter_wanted=False) == ScreenPlan(0, None)
    assert plan_screens([laptop], 0, presenter_wanted=True) == ScreenPlan(0, 0)
    plan = plan_screens([laptop, projector], 0, presenter_wanted=False)
    assert (plan.slides, plan.presenter) == (1, 0)
    plan = plan_screens([laptop, projector, QRect(0, 768, 800, 600)], 1, presenter_wanted=False)
    assert (plan.slides, plan.presenter) == (0, 1)


def test_walk_a_scenario_with_the_keyboard(trainer: MainWindow, qtbot: QtBot) -> None:
    trainer.training.show_scenarios("scenario-baby-bruise")
    page = trainer.training.scenario_page
    run = page.run
    assert run is not None and run.scenario.id == "scenario-baby-bruise"
    assert page.position.text().startswith("Step 1 of 2")
    # Alt+D to the standards, down to A1 (the first), Space ticks it.
    qtbot.keyClick(focused(), Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert focused() is page.standards
    page.standards.setCurrentRow(0)
    press(qtbot, Qt.Key.Key_Space)
    qtbot.keyClick(focused(), Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    assert focused() is page.areas
    row = next(
        n
        for n in range(page.areas.count())
        if page.areas.item(n).data(Qt.ItemDataRole.UserRole) == "child-sexual-abuse"
    )
    page.areas.setCurrentRow(row)
    press(qtbot, Qt.Key.Key_Space)
    qtbot.keyClick(focused(), Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClicks(focused(), "Body map of the cheek mark; mother's words")
    press(qtbot, Qt.Key.Key_Return, CTRL)
    answer = page.answer.toPlainText()
    assert "Standards: you agreed on 1 of 2" in answer
    assert "Missed: Understand what significant harm means" in answer
    assert "Also chosen (discuss why): Child sexual abuse" in answer
    assert "What wt26desk would prompt" in answer and "Infant" in answer
    assert "Dismiss" not in answer  # no record to change here
    trainer.resize(1600, 1000)
    shot(trainer, "scenario-answer")
    press(qtbot, Qt.Key.Key_PageDown, CTRL)
    assert page.position.text().startswith("Step 2 of 2") and not page.next_button.isEnabled()
    assert page.notes.toPlainText() == "" and "Decide first" in page.answer.toPlainText()
    assert "partner" in page.arrives.text()
    press(qtbot, Qt.Key.Key_PageUp, CTRL)
    assert page.notes.toPlainText().startswith("Body map")  # the room's notes are kept
    assert "you agreed on 1 of 2" in page.answer.toPlainText()


def test_quiz_scores_the_teams_and_sums_up(trainer: MainWindow, qtbot: QtBot) -> None:
    trainer.training.show_quiz()
    page = trainer.training.quiz_page
    page.topic.setCurrentIndex(page.topic.findData("timescales"))
    page.teams.setText("Red, Blue")
    qtbot.mouseClick(page.begin_button, Qt.MouseButton.LeftButton)
    run = page.run
    assert run is not None and run.teams == ("Red", "Blue")
    assert all(q.topic == "timescales" for q in run.questions)
    red, blue = page.answer_boxes["Red"], page.answer_boxes["Blue"]
    assert focused() is red
    first = run.question
    # Keyboard: a combo box picks the entry that starts with the typed letter.
    right_letter = "ABCDEF"[first.answer - 1]
    wrong_letter = "A" if right_letter != "A" else "B"
    qtbot.keyClicks(red, right_letter)
    qtbot.keyClicks(blue, wrong_letter)
    red.activated.emit(red.currentIndex())
    blue.activated.emit(blue.currentIndex())
    press(qtbot, Qt.Key.Key_Return, CTRL)
    assert run.is_revealed and "Right: Red." in page.explanation.toPlainText()
    assert page.scores.text() == "Scores: Red 1, Blue 0"
    assert not red.isEnabled()
    trainer.resize(1600, 1000)
    shot(trainer, "quiz-revealed")
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert run.index == 1 and red.currentIndex() == 0 and red.isEnabled()
    qtbot.mouseClick(page.end_button, Qt.MouseButton.LeftButton)
    summary = page.summary.toPlainText()
    assert "Red" in summary and "1 of 1" in summary and "0 of 1" in summary
    assert "Go over again: Timescales" in summary
    assert "not revealed" in summary


def test_sessions_are_saved_shared_and_printed(
    trainer: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    trainer.training.show_sessions()
    page = trainer.training.session_page
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.entries.count() == 0 and not page.present_button.isEnabled()
    page.title.setText("Neglect briefing")
    page.filter.setText("neglect")
    qtbot.keyClick(page.filter, Qt.Key.Key_Return)  # to the first match
    assert focused() is page.available
    press(qtbot, Qt.Key.Key_Return)  # adds it
    page.filter.setText("hungry")  # the scenario's title
    qtbot.keyClick(page.filter, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)
    assert page.session().entries == ("neglect", "scenario-early-years-neglect")
    page.entries.setCurrentRow(1)
    page.entries.setFocus()
    press(qtbot, Qt.Key.Key_Up, CTRL)
    assert page.session().entries == ("scenario-early-years-neglect", "neglect")
    assert "7 slides" in page.count.text()  # title, scenario (intro + 2 steps and answers), area
    path = tmp_path / "neglect.wt26session"
    dialogs = ScriptedDialogs(save_path=path, open_path=path, confirm=False)
    trainer.training.dialogs = dialogs  # type: ignore[assignment]
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert path.is_file()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.load_button, Qt.MouseButton.LeftButton)
    assert page.session().title == "Neglect briefing" and page.entries.count() == 2
    pdf = tmp_path / "handout.pdf"
    dialogs.answers["save_path"] = pdf
    qtbot.mouseClick(page.handout_button, Qt.MouseButton.LeftButton)
    assert pdf.read_bytes().startswith(b"%PDF")
    path.write_text(
        '{"format": "wt26desk-session", "version": 1, "title": "X", '
        '"entries": ["neglect", "gone-item"]}'
    )
    qtbot.mouseClick(page.load_button, Qt.MouseButton.LeftButton)
    assert page.session().entries == ("neglect",)
    assert dialogs.told and "gone-item" in dialogs.told[-1][1]
    path.write_text("not json")
    qtbot.mouseClick(page.load_button, Qt.MouseButton.LeftButton)
    assert dialogs.told[-1][0] == "Session not opened"
    assert page.session().entries == ("neglect",)  # nothing lost
    trainer.resize(1600, 1000)
    page.entries.setCurrentRow(0)
    shot(trainer, "session-builder")


def test_reset_puts_the_demo_records_back(trainer: MainWindow, qtbot: QtBot) -> None:
    store = trainer.records.store
    assert store is not None
    count = len(store.records())
    record = store.records()[0]
    record.id = "trainee-added"
    store.save(record)
    trainer.training.dialogs = ScriptedDialogs(confirm=True)  # type: ignore[assignment]
    trainer.training.reset_action.trigger()
    in_training(qtbot, trainer)
    fresh = trainer.records.store
    assert fresh is not None and isinstance(fresh, RecordStore)
    assert len(fresh.records()) == count


@pytest.mark.parametrize("page_name", ["quiz", "scenario"])
def test_quiz_and_scenario_are_projector_sized_at_1080(
    trainer: MainWindow, qtbot: QtBot, page_name: str
) -> None:
    """As the slides: the text a room reads is at least 36 px on a 1080-line screen."""
    from PySide6.QtGui import QFontInfo

    trainer.resize(1920, 1080)
    if page_name == "quiz":
        trainer.training.show_quiz()
        page = trainer.training.quiz_page
        page.begin_button.click()
    else:
        trainer.training.show_scenarios("scenario-baby-bruise")
        page = trainer.training.scenario_page
    qtbot.waitUntil(lambda: page.isVisible())
    qtbot.wait(20)
    shown = [w for w in page.room_widgets() if w.isVisible()]
    assert shown
    for widget in shown:
        assert QFontInfo(widget.font()).pixelSize() >= 36, widget.accessibleName()
    shot(trainer, f"{page_name}-1920x1080")


def _answer(qtbot: QtBot, keys: tuple[Qt.Key, Qt.KeyboardModifier], seen: list[str]) -> None:
    """Answer the next question box with `keys`, as a person would, noting what it said.
    A box the keys leave open is closed and noted, so that the test fails, not hangs."""

    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or QApplication.activeWindow() is not box:
            QTimer.singleShot(50, press)  # not yet up, or not yet active (Alt+Y needs it)
            return
        default = box.defaultButton()
        seen.append(f"{box.text()}|default={default.text() if default else ''}")
        qtbot.keyClick(box, *keys)
        QTimer.singleShot(
            2000, box, lambda: box.isVisible() and (seen.append("stuck"), box.reject())
        )

    QTimer.singleShot(50, press)


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")  # the menu, offscreen
def test_entering_trainer_mode_with_the_vault_open_asks_first(
    unlocked: MainWindow, qtbot: QtBot
) -> None:
    """Training > Sessions (or Ctrl+Shift+T) with real records open asks before locking
    them away; Enter and Escape keep the vault open, only Yes starts trainer mode."""
    window = unlocked
    training = window.training
    seen: list[str] = []
    table = window.records.records_page.table
    for asked, keys in enumerate(((Qt.Key.Key_Return, NONE), (Qt.Key.Key_Escape, NONE)), 1):
        _answer(qtbot, keys, seen)
        window.activateWindow()
        table.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
        qtbot.keyClick(table, Qt.Key.Key_A, ALT)  # Training
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is training.menu)
        qtbot.keyClick(training.menu, Qt.Key.Key_S)  # Sessions and slides
        qtbot.waitUntil(lambda n=asked: len(seen) == n)
        qtbot.wait(50)
        assert not training.active and window.vault.state == UNLOCKED
        assert window.pages.currentWidget() is window.records.records_page
        assert not training.banner.isVisible() and not training.mode_action.isChecked()
    assert all("Lock your vault and start trainer mode?" in s for s in seen), seen
    assert all(s.endswith("default=&No") for s in seen), seen
    # Ctrl+Shift+T asks the same; Alt+Y starts trainer mode.
    _answer(qtbot, (Qt.Key.Key_Y, ALT), seen)
    window.activateWindow()
    table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    qtbot.keyClick(table, Qt.Key.Key_T, CTRL | SHIFT)
    qtbot.waitUntil(lambda: len(seen) == 3)
    assert "stuck" not in seen
    qtbot.waitUntil(lambda: training.active and window.vault.state == UNLOCKED, timeout=20_000)
    assert training.banner.isVisible() and training.mode_action.isChecked()
