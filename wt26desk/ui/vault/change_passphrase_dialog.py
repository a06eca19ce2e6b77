"""Change the vault passphrase. Only the vault key is re-wrapped; notes stay as they are."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wt26desk.ui.vault.passphrase_widget import (
    NewPassphraseWidget,
    button_row,
    password_field,
    status_label,
)
from wt26desk.ui.vault.vault_controller import VaultController


class ChangePassphraseDialog(QDialog):
    def __init__(self, controller: VaultController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change passphrase")
        self._controller = controller
        self.current = password_field("Current passphrase")
        self.fields = NewPassphraseWidget()
        self.status = status_label()
        self.ok = QPushButton("&Change passphrase")
        form = QFormLayout()
        form.addRow("C&urrent passphrase:", self.current)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.fields)
        layout.addWidget(self.status)
        layout.addLayout(button_row(self, self.ok))
        self.ok.clicked.connect(self._change)
        self.fields.changed.connect(self._update)
        self.current.textChanged.connect(self._update)
        controller.failed.connect(self._failed)
        self._update()

    def _update(self) -> None:
        self.ok.setEnabled(bool(self.current.text()) and self.fields.passphrase() is not None)

    def _change(self) -> None:
        new = self.fields.passphrase()
        if new is None:
            return
        self.ok.setEnabled(False)
        self.status.setText("Changing the passphrase…")
        self._controller.change_passphrase(self.current.text(), new, self.accept)

    def _failed(self, message: str) -> None:
        if self.isVisible():
            self.status.setText(message)
            self._update()
