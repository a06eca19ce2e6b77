"""The privacy screen: blanks the window at once when someone walks up to the desk. It is
a neutral blank (no title, no word of what the app is for) with one small prompt at the
bottom, always "PIN or passphrase". The vault stays open underneath; coming back needs the
passphrase, or the short PIN when one is set (three wrong PINs and only the passphrase
will do)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from wt26desk.ui.vault.passphrase_widget import password_field

PROMPT = "PIN or passphrase"


class PrivacyPage(QWidget):
    return_requested = Signal(str)  # what was typed: a PIN or the passphrase

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        self.secret = password_field(PROMPT)
        self.secret.setPlaceholderText(PROMPT)
        self.return_button = QPushButton("&Return")
        self.label = QLabel(f"&{PROMPT}:")
        self.label.setBuddy(self.secret)
        row = QHBoxLayout()
        row.addWidget(self.label)
        row.addWidget(self.secret, 1)
        row.addWidget(self.return_button)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(self.message)
        column.addLayout(row)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 2)
        outer.addStretch(1)
        self.secret.returnPressed.connect(self._return)
        self.return_button.clicked.connect(self._return)
        self.secret.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Alt+letter (a menu's letter elsewhere) types nothing into the field: on this
        screen no menu opens and no letter appears. Alt with Ctrl is left alone: that is
        AltGr on Windows, which types characters a passphrase may hold."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            mods = event.modifiers()
            alt_only = mods & Qt.KeyboardModifier.AltModifier and not (
                mods & Qt.KeyboardModifier.ControlModifier
            )
            if alt_only or mods & Qt.KeyboardModifier.MetaModifier:
                return True
        return False

    def show_prompt(self, pin_allowed: bool, needs_secret: bool) -> None:
        """The same prompt whether or not a PIN is set (a PIN, where refused, is said so
        only after it is tried), so the screen gives nothing away."""
        self.secret.clear()
        self.message.clear()
        self.secret.setVisible(needs_secret)
        self.label.setVisible(needs_secret)
        if not needs_secret:
            self.return_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.secret.setFocus(Qt.FocusReason.OtherFocusReason)

    def refused(self, message: str) -> None:
        self.secret.clear()
        self.message.setText(message)
        self.secret.setFocus(Qt.FocusReason.OtherFocusReason)

    def _return(self) -> None:
        self.return_requested.emit(self.secret.text())
