"""The Vault menu and the lock button: create, unlock, lock, change passphrase, back up,
restore and verify, each a thin layer over VaultController and the dialog service.

It knows the main window only as a QMainWindow and is told how to show the lock page, so
it never imports main_window (which imports it)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu

from wt26desk.ui.common.dialogs import DialogService
from wt26desk.ui.vault.vault_controller import LOCKED, MISSING, UNLOCKED, VaultController

if TYPE_CHECKING:
    from wt26desk.ui.vault.change_passphrase_dialog import ChangePassphraseDialog
    from wt26desk.ui.vault.create_vault_dialog import CreateVaultDialog

BACKUP_FILTER = "wt26desk backups (*.wt26bak);;All files (*)"


class VaultActions(QObject):
    def __init__(
        self,
        window: QMainWindow,
        controller: VaultController,
        dialogs: DialogService,
        show_lock_page: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.dialogs = dialogs

        def action(text: str, slot: Any, shortcut: str | None = None) -> QAction:
            made = QAction(text, window)
            if shortcut:
                made.setShortcut(QKeySequence(shortcut))
                made.setToolTip(f"{text.replace('&', '')} ({shortcut})")
            made.triggered.connect(slot)
            return made

        self.create = action("&Create vault…", self.create_vault)
        self.unlock = action("&Unlock…", lambda: show_lock_page())
        self.lock = action(
            "&Lock",
            lambda: controller.lock("Locked. Your notes are hidden until you unlock."),
            "Ctrl+L",
        )
        self.change = action("Change &passphrase…", self.change_passphrase)
        self.backup = action("&Back up to a file…", self.back_up)
        self.restore = action("&Restore from a backup…", self.restore_backup)
        self.verify = action("&Verify the vault", self.verify_vault)
        self.menu = QMenu("&Vault", window)
        for item in (self.create, self.unlock, self.lock):
            self.menu.addAction(item)
        self.menu.addSeparator()
        for item in (self.change, self.backup, self.restore, self.verify):
            self.menu.addAction(item)
        controller.state_changed.connect(self.update)
        controller.busy_changed.connect(lambda _busy: self.update(controller.state))
        self.update(controller.state)

    def update(self, state: str) -> None:
        busy = self.controller.ops.busy
        real = not self.controller.training  # the demo vault is not managed from here
        self.create.setEnabled(state == MISSING and not busy and real)
        self.unlock.setEnabled(state == LOCKED and not busy and real)
        self.lock.setEnabled(state == UNLOCKED)
        for item in (self.change, self.backup, self.verify):
            item.setEnabled(state == UNLOCKED and not busy and real)
        self.restore.setEnabled(state != UNLOCKED and not busy and real)

    # Flows -------------------------------------------------------------------------------
    def create_vault(self) -> CreateVaultDialog:
        from wt26desk.ui.vault.create_vault_dialog import CreateVaultDialog  # loads QtPrintSupport

        dialog = CreateVaultDialog(self.controller, self.dialogs, self.window)
        dialog.open()
        return dialog

    def change_passphrase(self) -> ChangePassphraseDialog:
        from wt26desk.ui.vault.change_passphrase_dialog import ChangePassphraseDialog

        dialog = ChangePassphraseDialog(self.controller, self.window)
        dialog.accepted.connect(
            lambda: self.window.statusBar().showMessage(
                "Passphrase changed. Your recovery key still works.", 8000
            )
        )
        dialog.open()
        return dialog

    def back_up(self) -> None:
        target = self.dialogs.save_path(
            "Back up the vault", f"wt26desk-{date.today().isoformat()}.wt26bak", BACKUP_FILTER
        )
        if target is None:
            return
        self.controller.backup(
            target,
            lambda size: self.dialogs.inform(
                "Backup written",
                f"The backup was written to {target} ({size:,} bytes). It opens "
                "with this vault's passphrase or recovery key, on any computer.",
            ),
        )

    def restore_backup(self) -> None:
        source = self.dialogs.open_path("Restore a vault from a backup", BACKUP_FILTER)
        if source is None:
            return
        if self.controller.state != MISSING and not self.dialogs.confirm(
            "Replace this vault?",
            "The vault on this computer will be moved aside (not "
            "deleted) and replaced by the backup. Continue?",
        ):
            return
        secret = self.dialogs.ask_secret(
            "Backup passphrase", "Passphrase of the vault in the backup:"
        )
        if secret is None:
            return
        self.controller.restore(
            source,
            secret,
            lambda moved: self.dialogs.inform(
                "Restored",
                "The backup was restored and verified."
                + (f" The previous vault is kept in {moved}." if moved else "")
                + " Unlock it with its passphrase.",
            ),
        )

    def verify_vault(self) -> None:
        def report(problems: list[str]) -> None:
            if problems:
                self.dialogs.error("The vault has problems", "\n".join(problems[:20]))
            else:
                self.dialogs.inform(
                    "Vault verified", "Every note, revision and audit entry checked out."
                )

        self.controller.verify(report)


def close_modal_dialogs() -> None:
    """Close any open dialog (it might show notes) when the vault locks."""
    while (modal := QApplication.activeModalWidget()) is not None:
        modal.close()
        if QApplication.activeModalWidget() is modal:
            break
