"""The privacy screen: blanks the window at once when someone walks up to the desk. The
vault stays open underneath; coming back needs the passphrase, or the short PIN when one
is set (three wrong PINs and only the passphrase will do)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from wt26desk.ui.passphrase_widget import password_field


class PrivacyPage(QWidget):
    return_requested = Signal(str)  # what was typed: a PIN or the passphrase

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)
        title = QLabel("Screen hidden")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        self.secret = password_field("PIN or passphrase")
        self.return_button = QPushButton("&Return")
        label = QLabel("&PIN or passphrase:")
        label.setBuddy(self.secret)
        row = QHBoxLayout()
        row.addWidget(self.secret, 1)
        row.addWidget(self.return_button)
        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(title)
        column.addWidget(self.message)
        column.addWidget(label)
        column.addLayout(row)
        column.addStretch(2)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 2)
        outer.addStretch(1)
        self.secret.returnPressed.connect(self._return)
        self.return_button.clicked.connect(self._return)

    def show_prompt(self, pin_allowed: bool, needs_secret: bool) -> None:
        self.secret.clear()
        self.secret.setVisible(needs_secret)
        if not needs_secret:
            self.message.setText("Press Return to come back.")
            self.return_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.message.setText(
            "Type your PIN or passphrase to come back."
            if pin_allowed
            else "Type your vault passphrase to come back."
        )
        self.secret.setFocus(Qt.FocusReason.OtherFocusReason)

    def refused(self, message: str) -> None:
        self.secret.clear()
        self.message.setText(message)
        self.secret.setFocus(Qt.FocusReason.OtherFocusReason)

    def _return(self) -> None:
        self.return_requested.emit(self.secret.text())
