"""Create the vault: choose a passphrase (with strength feedback), then see the recovery
key once, with ways to keep it (copy, save to a file, print)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from wt26desk.fileio import atomic_write_text
from wt26desk.ui.common.dialogs import DialogService
from wt26desk.ui.vault.passphrase_widget import NewPassphraseWidget, button_row, status_label
from wt26desk.ui.vault.vault_controller import VaultController

CLIPBOARD_CLEAR_MS = 60_000


class CreateVaultDialog(QDialog):
    def __init__(
        self, controller: VaultController, dialogs: DialogService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Create your vault")
        self.setModal(True)
        self._controller = controller
        self._dialogs = dialogs
        self.recovery_key = ""
        self.pages = QStackedWidget()
        self.pages.addWidget(self._passphrase_page())
        self.pages.addWidget(self._recovery_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        controller.created.connect(self._created)
        controller.failed.connect(self._failed)
        self.resize(560, 420)

    def _passphrase_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            "Choose a passphrase for your vault. It protects every note you keep "
            "here. Nobody, including your IT team, can recover notes without it or "
            "the recovery key you will see next."
        )
        intro.setWordWrap(True)
        self.fields = NewPassphraseWidget("Passphrase")
        self.status = status_label()
        self.create_button = QPushButton("&Create vault")
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(self.fields)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(button_row(self, self.create_button))
        self.fields.changed.connect(self._update)
        self.create_button.clicked.connect(self._create)
        self._update()
        return page

    def _recovery_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(
            "<b>Your recovery key.</b> It opens the vault if you forget your "
            "passphrase. It is shown only now: write it down, save it somewhere "
            "safe away from this computer, or print it."
        )
        intro.setWordWrap(True)
        self.key_label = QLabel()
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(max(mono.pointSizeF(), self.font().pointSizeF()) * 1.3)
        mono.setWeight(QFont.Weight.Bold)
        self.key_label.setFont(mono)
        self.key_label.setWordWrap(True)
        self.key_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.key_label.setAccessibleName("Recovery key")
        self.key_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        copy = QPushButton("C&opy")
        copy.setToolTip("Copies the key; the clipboard is cleared after a minute")
        save = QPushButton("&Save to a file…")
        print_button = QPushButton("&Print…")
        self.kept = QCheckBox("I have &kept the recovery key somewhere safe")
        self.finish = QPushButton("&Finish")
        self.finish.setEnabled(False)
        row = QHBoxLayout()
        for button in (copy, save, print_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addWidget(self.key_label)
        layout.addLayout(row)
        layout.addStretch(1)
        layout.addWidget(self.kept)
        layout.addWidget(self.finish, alignment=Qt.AlignmentFlag.AlignRight)
        copy.clicked.connect(self._copy)
        save.clicked.connect(self._save)
        print_button.clicked.connect(self._print)
        self.kept.toggled.connect(self.finish.setEnabled)
        self.finish.clicked.connect(self.accept)
        return page

    def _update(self) -> None:
        self.create_button.setEnabled(self.fields.passphrase() is not None)

    def _create(self) -> None:
        passphrase = self.fields.passphrase()
        if passphrase is None:
            return
        self.create_button.setEnabled(False)
        self.status.setText(
            "Creating the vault… (measuring this computer to set the key "
            "strength; this takes a few seconds)"
        )
        self._controller.create(passphrase)

    def _created(self, recovery_key: str) -> None:
        self.recovery_key = recovery_key
        self.key_label.setText(recovery_key)
        self.fields.clear()
        self.pages.setCurrentIndex(1)
        self.finish.setDefault(True)  # Enter finishes once the key is marked as kept
        self.key_label.setFocus()

    def _failed(self, message: str) -> None:
        if self.pages.currentIndex() == 0:
            self.status.setText(message)
            self._update()

    def _copy(self) -> None:
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.recovery_key)
        key = self.recovery_key

        def clear() -> None:
            if clipboard.text() == key:
                clipboard.clear()

        QTimer.singleShot(CLIPBOARD_CLEAR_MS, clear)

    def _save(self) -> None:
        path = self._dialogs.save_path(
            "Save the recovery key", "wt26desk-recovery-key.txt", "Text files (*.txt)"
        )
        if path is not None:
            atomic_write_text(
                path,
                "wt26desk recovery key\n\n" + self.recovery_key + "\n\n"
                "Keep this away from the computer the vault is on.\n",
            )
            self._dialogs.inform("Saved", f"The recovery key was saved to {path}.")

    def _print(self) -> None:
        printer = QPrinter()
        if QPrintDialog(printer, self).exec() == QDialog.DialogCode.Accepted:
            document = QTextDocument()
            document.setHtml(
                f"<h2>wt26desk recovery key</h2><p style='font-size:16pt;"
                f"font-family:monospace'>{self.recovery_key}</p>"
            )
            document.print_(printer)
