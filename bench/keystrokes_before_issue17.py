"""Run from a checkout of the code before issue 17 (commit aa261a9), copied to
tests/ui/ there: the same typical concern as tests/ui/test_keystrokes.py with the
Alt letters of that time. It measured 43 keys besides the text, 243 characters."""
# ruff: noqa

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from wt26desk.records.model import ConcernRecord, SignOff
from wt26desk.ui.vault.vault_controller import UNLOCKED

from .test_vault_ui import PASS, existing_vault, wait_state

CTRL, ALT, SHIFT = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.ShiftModifier,
)
FACTS = "At 09:05 I saw a bruise on Leah's left upper arm, about 3 cm across."
WORDS = "Dad grabbed me when I dropped the plate"


class Counter:
    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.keys = 0  # presses that are not text: shortcuts, Alt+letters, arrows
        self.typed = 0  # characters of text

    def focused(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None
        return widget

    def press(self, key: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier):
        self.keys += 1
        self.qtbot.keyClick(self.focused(), key, mod)
        if mod & ALT:
            self.qtbot.wait(150)  # Qt animates the click of a button pressed with Alt+letter

    def type(self, text: str) -> None:
        self.typed += len(text)
        self.qtbot.keyClicks(self.focused(), text)


def test_typical_concern_keystrokes(make_window, data_dir: Path, qtbot: QtBot) -> None:
    existing_vault(data_dir)
    window = make_window()
    window.lock_page.passphrase.setText(PASS)
    qtbot.keyClick(window.lock_page.passphrase, Qt.Key.Key_Return)
    wait_state(qtbot, window, UNLOCKED)
    store = window.records.store
    assert store is not None
    earlier = ConcernRecord(event_date="2026-11-02", facts="Seen upset at drop-off.")
    earlier.sign_off = SignOff("Sam Patel", "Designated safeguarding lead", "2026-11-02")
    store.save(earlier)  # the same person wrote one before
    k = Counter(qtbot)
    k.press(Qt.Key.Key_N, CTRL)
    editor = window.records.editor
    record = editor.record
    k.press(Qt.Key.Key_A, ALT)  # Add child (Alt+A before issue 17)
    k.type("Leah Stone")
    k.press(Qt.Key.Key_Y, ALT)  # Age in years
    k.type("8")
    k.press(Qt.Key.Key_PageDown, CTRL)
    k.press(Qt.Key.Key_T, ALT)  # Time
    k.type("09:05")
    k.press(Qt.Key.Key_S, ALT)  # What you saw and heard
    k.type(FACTS)
    k.press(Qt.Key.Key_C, ALT)  # Add the child's own words
    k.type(WORDS)
    k.press(Qt.Key.Key_PageDown, CTRL)
    for _ in range(3):
        k.press(Qt.Key.Key_Tab)  # child, view, outline: the body map
    assert k.focused() is editor.steps["injuries"].map
    for _ in range(2):
        k.press(Qt.Key.Key_Left, SHIFT)
    k.press(Qt.Key.Key_Return)
    assert len(record.marks) == 1
    k.press(Qt.Key.Key_S, ALT)  # Size
    k.type("3 cm")
    k.press(Qt.Key.Key_PageDown, CTRL)
    k.press(Qt.Key.Key_A, ALT)  # Your analysis
    k.type("A bruise and a disclosure.")
    k.press(Qt.Key.Key_C, ALT)  # Categories: down to Physical abuse, Space
    lst = editor.steps["decision"].categories
    while lst.currentItem() is None or lst.currentItem().text() != "Physical abuse":
        k.press(Qt.Key.Key_Down)
    k.press(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "physical-abuse" in record.categories, timeout=2000)
    k.press(Qt.Key.Key_D, ALT)  # Decision
    k.type("Refer to children's social care.")
    k.press(Qt.Key.Key_I, ALT)  # Reasons for it
    k.type("She named her father.")
    k.press(Qt.Key.Key_O, ALT)  # Add an action
    k.press(Qt.Key.Key_T, ALT)  # Told
    k.press(Qt.Key.Key_Down)  # Children's social care
    k.press(Qt.Key.Key_PageDown, CTRL)
    k.press(Qt.Key.Key_N, ALT)  # Your name
    k.type("Sam Patel")
    k.press(Qt.Key.Key_O, ALT)  # Your role
    k.type("Designated safeguarding lead")
    k.press(Qt.Key.Key_Return, CTRL)
    assert record.status == "submitted", editor.problems.text()
    assert record.sign_off.name == "Sam Patel" and record.actions[0].who
    print(f"\nTypical concern: {k.keys} keys besides the text, {k.typed} characters typed")
