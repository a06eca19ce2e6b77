"""Send to DSL: the DSL's key (the organisation's by default) and the handover folder
(the organisation's, or one the user picks). The bundle is made and written by the
caller; this only asks."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wt26desk.exports.age_bundle import recipient_problem
from wt26desk.handover.identity import fingerprint, valid_recipient


class SendDialog(QDialog):
    def __init__(
        self, title: str, recipient: str, folder: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Send to the DSL")
        about = QLabel(
            f"<b>{escape(title)}</b><br>The whole record goes, encrypted to the DSL's key, "
            "with your own key and name so that the DSL can send a receipt back. Nothing "
            "unencrypted is written."
        )
        about.setWordWrap(True)
        self.recipient = QLineEdit(recipient)
        self.recipient.setAccessibleName("The DSL's key")
        self.recipient.setPlaceholderText("age1…")
        self.check = QLabel()
        self.check.setAccessibleName("Key check")
        self.check.setWordWrap(True)
        self.folder = QLineEdit(folder)
        self.folder.setAccessibleName("Handover folder")
        self.browse = QPushButton("&Browse…")
        self.browse.clicked.connect(self._browse)
        key_label = QLabel("The DSL's &key:")
        key_label.setBuddy(self.recipient)
        folder_label = QLabel("Handover &folder:")
        folder_label.setBuddy(self.folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(key_label, self.recipient)
        form.addRow("", self.check)
        form.addRow(folder_label, folder_row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.send_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.send_button.setText("&Send")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.recipient.textChanged.connect(self._update)
        self.folder.textChanged.connect(self._update)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)
        self._update()

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Handover folder", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def _update(self) -> None:
        key = self.recipient.text().strip()
        good = valid_recipient(key)
        if not key:
            self.check.setText("Paste the DSL's key (it starts with age1).")
        elif good:
            self.check.setText(f"Fingerprint {fingerprint(key)}: check it with the DSL.")
        else:
            self.check.setText(recipient_problem(key))
        self.send_button.setEnabled(good and bool(self.folder.text().strip()))
