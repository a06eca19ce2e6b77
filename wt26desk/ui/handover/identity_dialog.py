"""This vault's handover key: the public `age1...` recipient to give the sender (copy,
save, print) and a short fingerprint to read aloud; the name bundles carry."""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wt26desk.handover.identity import Identity


class IdentityDialog(QDialog):
    def __init__(self, identity: Identity, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("My handover key")
        self.identity = identity
        intro = QLabel(
            "Give this key to whoever sends you concerns (or, if you send them, to your "
            "DSL). It is public: it only lets others encrypt to you. Read the fingerprint "
            "aloud to check it arrived unchanged."
        )
        intro.setWordWrap(True)
        self.recipient = QLineEdit(identity.recipient)
        self.recipient.setReadOnly(True)
        self.recipient.setAccessibleName("Public key")
        self.fingerprint = QLabel(identity.fingerprint)
        self.fingerprint.setAccessibleName("Fingerprint")
        big = self.fingerprint.font()  # from the application's font: follows the zoom
        big.setPointSizeF(big.pointSizeF() * 1.4)
        big.setBold(True)
        self.fingerprint.setFont(big)
        self.name = QLineEdit(identity.name)
        self.name.setAccessibleName("Your name and role")
        self.name.setPlaceholderText("For example: Sam Lead, DSL")
        form = QFormLayout()
        key_label = QLabel("Public &key:")
        key_label.setBuddy(self.recipient)
        name_label = QLabel("Your &name and role:")
        name_label.setBuddy(self.name)
        form.addRow(key_label, self.recipient)
        form.addRow("Fingerprint:", self.fingerprint)
        form.addRow(name_label, self.name)
        self.copy_button = QPushButton("&Copy key")
        self.save_button = QPushButton("&Save key…")
        self.print_button = QPushButton("&Print…")
        self.copy_button.clicked.connect(self.copy)
        row = QHBoxLayout()
        for button in (self.copy_button, self.save_button, self.print_button):
            row.addWidget(button)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.recipient.setMinimumWidth(
            self.fontMetrics().horizontalAdvance(identity.recipient) + 24
        )
        self.recipient.setCursorPosition(0)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.identity.recipient)

    def key_text(self) -> str:
        return (
            f"# wt26desk handover key of {self.name.text().strip() or 'this vault'}\n"
            f"# fingerprint: {self.identity.fingerprint}\n{self.identity.recipient}\n"
        )

    def key_html(self) -> str:
        return (
            f"<h1>Handover key: {escape(self.name.text().strip() or 'this vault')}</h1>"
            f"<p style='font-family: monospace; font-size: 14pt'>"
            f"{escape(self.identity.recipient)}</p>"
            f"<p>Fingerprint to read aloud: <b>{escape(self.identity.fingerprint)}</b></p>"
        )
