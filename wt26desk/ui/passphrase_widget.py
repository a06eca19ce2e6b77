"""New passphrase, confirmation and strength feedback (bar and words, not colour alone)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)

from wt26desk.vault.passphrase import estimate


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


def password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


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
        form.addRow(f"&{label}:", self.first)
        form.addRow("&Type it again:", self.second)
        form.addRow("Strength:", self.meter)
        form.addRow("", self.verdict)
        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        text = self.first.text()
        strength = estimate(text)
        self.meter.setValue(strength.score)
        self.meter.setAccessibleDescription(strength.label)
        message = (
            f"{strength.label}. {strength.advice}"
            if text
            else ("Several unrelated words make a passphrase that is easy to remember.")
        )
        if text and self.second.text() and self.second.text() != text:
            message += " The two entries differ."
        self.verdict.setText(message)
        self.changed.emit()

    def passphrase(self) -> str | None:
        """The passphrase when it is acceptable and typed the same twice, else None."""
        text = self.first.text()
        if estimate(text).acceptable and self.second.text() == text:
            return text
        return None

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()
