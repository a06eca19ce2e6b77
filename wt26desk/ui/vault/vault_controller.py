"""The vault's state for the window: missing, locked or unlocked; slow work on a worker
thread; auto-lock when idle; a growing pause after wrong passphrases.

The vault's own modules (cryptography, SQLite) are imported when first used, so that
starting the window does not pay for them."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from wt26desk.errors import WrongPassphrase
from wt26desk.ui.common.ops import Operations
from wt26desk.vault.layout import vault_exists
from wt26desk.vault.lock import Backoff, IdleLock

if TYPE_CHECKING:
    from wt26desk.vault.vault import Vault

MISSING, LOCKED, UNLOCKED = "missing", "locked", "unlocked"


class VaultController(QObject):
    state_changed = Signal(str)  # MISSING, LOCKED or UNLOCKED
    about_to_lock = Signal()  # editors save encrypted drafts now
    failed = Signal(str)  # a message for the user
    created = Signal(str)  # the recovery key, to show once
    busy_changed = Signal(bool)
    unlock_progress = Signal(float)  # 0..1 while the key is derived
    notice = Signal(str)  # something to tell after unlock (header recovered, upgraded)
    integrity_warning = Signal(str)  # the background verification after unlock failed
    _verified = Signal(object)  # from the verifying thread

    def __init__(
        self,
        folder: Path,
        idle_minutes: int,
        ops: Operations,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.folder = folder
        self.ops = ops
        self.idle = IdleLock(idle_minutes * 60, clock)
        self.backoff = Backoff(clock=clock)
        self.vault: Vault | None = None
        self.lock_reason = ""
        # Trainer mode: the demo vault's folder stands in for the real one until it ends.
        self.training = False
        self._real_folder = folder
        self._announced = self.state
        self._unlock_cancel: threading.Event | None = None
        # The worker only writes the latest fraction here; the GUI thread reads it on a timer
        # and emits unlock_progress itself, so no signal is emitted from the worker thread
        # while receivers connect and disconnect on this one.
        self._unlock_fraction: list[float] = [0.0]
        self._progress_timer = QTimer(self)
        self._progress_timer.setInterval(100)
        self._progress_timer.timeout.connect(self._report_progress)
        ops.busy_changed.connect(self.busy_changed)
        self._verified.connect(self._verification_done)

    @property
    def has_own_vault(self) -> bool:
        """The user's own vault exists (whichever vault is open now)."""
        return vault_exists(self._real_folder)

    @property
    def state(self) -> str:
        if self.vault is not None and not self.vault.locked:
            return UNLOCKED
        return LOCKED if vault_exists(self.folder) else MISSING

    def _announce(self) -> None:
        """Tell the window about the state when it changed."""
        state = self.state
        if state != self._announced:
            self._announced = state
            self.state_changed.emit(state)

    def _run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        finished: Callable[[], None] = lambda: None,
    ) -> None:
        def done(result: Any) -> None:
            finished()
            on_done(result)

        def on_failed(exc: Exception) -> None:
            finished()
            if isinstance(exc, WrongPassphrase):
                self.backoff.failed()
            self._announce()
            self.failed.emit(str(exc))

        self.ops.run(work, done, on_failed)

    def _opened(self, vault: Vault) -> None:
        self.vault = vault
        self.backoff.succeeded()
        self.idle.touch()
        self.lock_reason = ""
        self._announce()
        for notice in vault.notices:
            self.notice.emit(notice)
        # Fold the notes' text for search after the window has updated.
        self.ops.run(vault.prepare_search, lambda _: None, lambda _exc: None)
        # The full verification (every revision, the whole audit chain) runs on its own
        # thread and connection; unlock checked only what it needs. Lock cancels it.
        vault.verify_in_background(on_done=self._verified.emit)

    def _verification_done(self, job: Any) -> None:
        if self.vault is None or self.vault.locked or not job.failed:
            return
        details = "; ".join(job.problems[:3]) or job.error
        more = f" (and {len(job.problems) - 3} more)" if len(job.problems) > 3 else ""
        self.integrity_warning.emit(
            "The vault's full check found problems: "
            f"{details}{more}. Your notes may have been altered or damaged. Do not rely on "
            "the affected notes; restore a backup, and run 'wt26desk vault verify' for the "
            "whole list."
        )

    # Actions ------------------------------------------------------------------------------
    def create(self, passphrase: str, *, training: bool = False) -> None:
        folder = self.folder

        def work() -> tuple[Vault, str]:
            from wt26desk.vault.crypto import params_for_new_keys
            from wt26desk.vault.vault import Vault

            folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            return Vault.create(folder, passphrase, kdf=params_for_new_keys(), training=training)

        def done(result: tuple[Vault, str]) -> None:
            vault, recovery_key = result
            self._opened(vault)
            self.created.emit(recovery_key)

        self._run(work, done)

    def unlock(self, passphrase: str) -> None:
        if self.backoff.wait_remaining() > 0:
            self.failed.emit(
                f"Too many attempts: wait {self.backoff.wait_remaining():.0f} "
                "seconds and try again."
            )
            return
        folder = self.folder
        cancel = self._unlock_cancel = threading.Event()
        fraction = self._unlock_fraction = [0.0]

        def progress(value: float) -> None:
            fraction[0] = value  # read by the GUI thread's timer

        def work() -> Vault:
            from wt26desk.vault.vault import Vault

            return Vault.unlock(folder, passphrase, progress=progress, cancel=cancel)

        self._progress_timer.start()
        self._run(work, self._opened, finished=self._progress_timer.stop)

    def _report_progress(self) -> None:
        self.unlock_progress.emit(self._unlock_fraction[0])

    def cancel_unlock(self) -> None:
        """Stop waiting for a slow unlock; nothing is changed."""
        if self._unlock_cancel is not None:
            self._unlock_cancel.set()

    def reset_with_recovery(self, recovery_key: str, new_passphrase: str) -> None:
        folder = self.folder

        def work() -> Vault:
            from wt26desk.vault.crypto import params_for_new_keys
            from wt26desk.vault.vault import Vault

            vault = Vault.unlock_with_recovery(folder, recovery_key)
            vault.change_passphrase(new_passphrase, kdf=params_for_new_keys())
            return vault

        self._run(work, self._opened)

    def change_passphrase(self, current: str, new: str, on_done: Callable[[], None]) -> None:
        vault = self.vault
        if vault is None:
            return
        folder = self.folder

        def work() -> None:
            from wt26desk.vault.crypto import params_for_new_keys
            from wt26desk.vault.vault import Vault

            Vault.unlock(folder, current).lock()  # proves the current passphrase
            vault.change_passphrase(new, kdf=params_for_new_keys())

        self._run(work, lambda _: on_done())

    def check_passphrase(self, passphrase: str, on_ok: Callable[[], None]) -> None:
        """Prove the passphrase without opening a second connection (privacy screen)."""
        if self.backoff.wait_remaining() > 0:
            self.failed.emit(
                f"Too many attempts: wait {self.backoff.wait_remaining():.0f} seconds."
            )
            return
        folder = self.folder

        def work() -> None:
            from wt26desk.vault.crypto import burn
            from wt26desk.vault.header import unwrap_with_passphrase
            from wt26desk.vault.vault import read_header

            vault_key, _ = unwrap_with_passphrase(read_header(folder), passphrase)
            burn(vault_key)

        def done(_: object) -> None:
            self.backoff.succeeded()
            on_ok()

        self._run(work, done)

    def backup(self, target: Path, on_done: Callable[[int], None]) -> None:
        from wt26desk.vault.backup import write_backup

        vault = self.vault
        if vault is not None:
            self._run(lambda: write_backup(vault, target), on_done)

    def restore(self, source: Path, passphrase: str, on_done: Callable[[Any], None]) -> None:
        from wt26desk.vault.backup import restore_backup

        self.lock("restoring a backup")
        folder = self.folder
        self._run(
            lambda: restore_backup(source, folder, passphrase=passphrase, replace=True), on_done
        )

    def verify(self, on_done: Callable[[list[str]], None]) -> None:
        vault = self.vault
        if vault is not None:
            self._run(vault.verify, on_done)

    def lock(self, reason: str = "locked") -> None:
        """Lock the vault. In trainer mode this ends trainer mode: after any lock the next
        screen is always the real vault's, which needs the real passphrase."""
        if self.training:
            self.leave_training(reason)
            return
        if self.vault is None:
            return
        self._close()
        self.lock_reason = reason
        self._announce()

    def _close(self) -> None:
        if self.vault is None:
            return
        self.about_to_lock.emit()
        self.ops.wait()  # no worker may still be using the database
        self.vault.lock()
        self.vault = None

    # Trainer mode -------------------------------------------------------------------------
    def enter_training(self, folder: Path, records_dir: Path, *, fresh: bool = False) -> None:
        """Lock the real vault, then open the demo vault (made from fictional records). The
        real vault's folder is not touched while trainer mode lasts."""
        if self.training and not fresh:
            return
        self.lock("Trainer mode: your own vault is locked.")
        self._close()  # the demo vault, when starting afresh
        self.training = True
        self.folder = folder

        def work() -> Vault:
            from wt26desk.training.demo_vault import open_demo_vault

            return open_demo_vault(folder, records_dir, fresh=fresh)

        def failed(exc: Exception) -> None:
            self.leave_training(f"Trainer mode could not start: {exc}")
            self.failed.emit(f"Trainer mode could not start: {exc}")

        def opened(vault: Vault) -> None:
            if self.training and self.folder == folder:
                self._opened(vault)
            else:  # trainer mode ended while the demo vault was opening
                vault.lock()

        self.ops.run(work, opened, failed)

    def leave_training(self, reason: str = "Trainer mode ended.") -> None:
        if not self.training:
            return
        self._close()
        self.training = False
        self.folder = self._real_folder
        self.lock_reason = reason + " Unlock your own vault with your passphrase."
        self._announced = ""  # always announce: the window leaves the demo records
        self._announce()

    # Idle time ------------------------------------------------------------------------------
    def touch(self) -> None:
        self.idle.touch()

    def check_idle(self) -> None:
        if self.vault is not None and self.idle.should_lock():
            minutes = max(1, round(self.idle.idle_seconds / 60))
            self.lock(f"Locked after {minutes} minute{'' if minutes == 1 else 's'} without use.")
