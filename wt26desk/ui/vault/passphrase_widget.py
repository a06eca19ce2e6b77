"""New passphrase, confirmation and strength feedback (bar and words, not colour alone)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QToolButton,
    QWidget,
)


def status_label() -> QLabel:
    """A wrapping label that reports progress and errors, named for screen readers."""
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName("Status")
    return label


def button_row(dialog: QDialog, ok: QPushButton) -> QHBoxLayout:
    """Cancel (rejects the dialog) and the default action, right-aligned. Enter presses
    the action (never Cancel): a button is the dialog's default only once it belongs to
    the dialog, so both are parented to it before `setDefault`."""
    cancel = QPushButton("Cancel", dialog)
    cancel.clicked.connect(dialog.reject)
    ok.setParent(dialog)
    ok.setDefault(True)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(cancel)
    row.addWidget(ok)
    return row


class PassphraseField(QLineEdit):
    """A hidden-text field that notices Caps Lock (Qt has no call to ask: a letter typed
    in the other case from what Shift says gives it away, and the Caps Lock key flips it)."""

    caps_lock_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caps_lock = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if event.key() == Qt.Key.Key_CapsLock:
            self._set_caps(not self.caps_lock)
        elif len(text) == 1 and text.isalpha() and text.lower() != text.upper():
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self._set_caps(text.isupper() != shift)
        super().keyPressEvent(event)

    def _set_caps(self, on: bool) -> None:
        if on != self.caps_lock:
            self.caps_lock = on
            self.caps_lock_changed.emit(on)


def password_field(name: str) -> PassphraseField:
    field = PassphraseField()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


def reveal_button(*fields: QLineEdit) -> QToolButton:
    """A "Show" toggle beside a passphrase field (Ctrl+H while in the field), as in
    KeePassXC; the text hides again when the toggle is released or the window locks."""
    button = QToolButton()
    button.setText("Show")
    button.setCheckable(True)
    button.setAccessibleName("Show the passphrase")
    button.setToolTip("Show or hide the passphrase (Ctrl+H)")
    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def toggled(on: bool) -> None:
        button.setText("Hide" if on else "Show")
        mode = QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password
        for field in fields:
            field.setEchoMode(mode)

    button.toggled.connect(toggled)
    for field in fields:
        shortcut = QShortcut(QKeySequence("Ctrl+H"), field)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(button.toggle)
    return button


def caps_lock_label(*fields: PassphraseField) -> QLabel:
    """ "Caps Lock is on", shown only while it is (in words, not colour alone)."""
    label = QLabel("\u26a0 Caps Lock is on")
    label.setAccessibleName("Caps Lock is on")
    label.hide()
    for field in fields:
        field.caps_lock_changed.connect(label.setVisible)
    return label


def strength_text(label: str, advice: str) -> str:
    """ "Good." once, not "Good. Good." when the advice is the label again."""
    if advice.strip().rstrip(".").casefold() == label.casefold():
        return f"{label}."
    return f"{label}. {advice}"


class NewPassphraseWidget(QWidget):
    changed = Signal()

    def __init__(self, label: str = "New passphrase", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = password_field(label)
        self.second = password_field(f"{label}, again")
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.meter.setAccessibleName("Passphrase strength")
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setAccessibleName("Passphrase advice")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.reveal = reveal_button(self.first, self.second)
        self.caps = caps_lock_label(self.first, self.second)
        first_row = QHBoxLayout()
        first_row.addWidget(self.first, 1)
        first_row.addWidget(self.reveal)
        first_label = QLabel(f"&{label}:")  # a layout cannot be a buddy: the field is
        first_label.setBuddy(self.first)
        form.addRow(first_label, first_row)
        form.addRow("&Type it again:", self.second)
        form.addRow("", self.caps)
        form.addRow("Strength:", self.meter)
        form.addRow("", self.verdict)
        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        from wt26desk.vault.passphrase import estimate  # word lists: with the widget only

        text = self.first.text()
        strength = estimate(text)
        self.meter.setValue(strength.score)
        self.meter.setAccessibleDescription(strength.label)
        message = (
            strength_text(strength.label, strength.advice)
            if text
            else ("Several unrelated words make a passphrase that is easy to remember.")
        )
        if text and self.second.text() and self.second.text() != text:
            message += " The two entries differ."
        self.verdict.setText(message)
        self.changed.emit()

    def passphrase(self) -> str | None:
        """The passphrase when it is acceptable and typed the same twice, else None."""
        from wt26desk.vault.passphrase import estimate

        text = self.first.text()
        if estimate(text).acceptable and self.second.text() == text:
            return text
        return None

    def clear(self) -> None:
        self.reveal.setChecked(False)
        self.first.clear()
        self.second.clear()
