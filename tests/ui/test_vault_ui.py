"""The vault as a person meets it: keyboard only, real vault files, offscreen.
Set WT26DESK_SCREENSHOTS=DIR to save a screenshot of each step."""

from __future__ import annotations

import threading
from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from wt26desk.ui.main_window import MainWindow
from wt26desk.ui.vault.create_vault_dialog import CreateVaultDialog
from wt26desk.ui.vault.vault_controller import LOCKED, MISSING, UNLOCKED
from wt26desk.vault.crypto import KdfParams
from wt26desk.vault.lock import IdleLock
from wt26desk.vault.vault import Vault

from .test_main_window import shot

PASS = "kettle orange river stone"


class ScriptedDialogs:
    """Answers the dialog service's questions from a script, and records what it was told."""

    def __init__(self, **answers: object) -> None:
        self.answers = answers
        self.told: list[tuple[str, str]] = []

    def save_path(self, title: str, suggested: str, filter_: str) -> Path | None:
        return self.answers.get("save_path")  # type: ignore[return-value]

    def open_path(self, title: str, filter_: str) -> Path | None:
        return self.answers.get("open_path")  # type: ignore[return-value]

    def confirm(self, title: str, text: str) -> bool:
        return bool(self.answers.get("confirm", True))

    def ask_secret(self, title: str, label: str) -> str | None:
        return self.answers.get("secret")  # type: ignore[return-value]

    def inform(self, title: str, text: str) -> None:
        self.told.append((title, text))

    def error(self, title: str, text: str) -> None:
        self.told.append((title, text))


def existing_vault(data_dir: Path) -> str:
    vault, recovery = Vault.create(data_dir / "vault", PASS, kdf=KdfParams.floor())
    vault.put("note-1", {"text": "Ruby said her brother hits her"})
    vault.lock()
    return recovery


def wait_state(qtbot: QtBot, window: MainWindow, state: str) -> None:
    qtbot.waitUntil(
        lambda: window.vault.state == state and not window.vault.ops.busy, timeout=20_000
    )


def unlock(qtbot: QtBot, window: MainWindow) -> None:
    """Type the passphrase on the lock page, press Enter and wait until the vault is open."""
    window.lock_page.passphrase.setText(PASS)
    qtbot.keyClick(window.lock_page.passphrase, Qt.Key.Key_Return)
    wait_state(qtbot, window, UNLOCKED)


def test_first_run_create_vault_with_the_keyboard(make_window, qtbot: QtBot) -> None:
    window = make_window()
    assert window.vault.state == MISSING
    assert window.pages.currentWidget() is window.lock_page
    assert "Welcome" in window.lock_page.title.text()
    shot(window, "10-welcome")
    qtbot.keyClick(window.lock_page.create_button, Qt.Key.Key_Space)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, CreateVaultDialog))
    qtbot.addWidget(dialog)
    assert not dialog.create_button.isEnabled()
    qtbot.keyClicks(dialog.fields.first, "short")
    assert "Too weak" in dialog.fields.verdict.text()
    dialog.fields.first.clear()
    qtbot.keyClicks(dialog.fields.first, PASS)
    qtbot.keyClicks(dialog.fields.second, PASS + "x")
    assert not dialog.create_button.isEnabled() and "differ" in dialog.fields.verdict.text()
    qtbot.keyClick(dialog.fields.second, Qt.Key.Key_Backspace)
    assert dialog.create_button.isEnabled()
    shot(dialog, "11-create-vault")
    with qtbot.waitSignal(window.vault.created, timeout=20_000):
        qtbot.keyClick(dialog.create_button, Qt.Key.Key_Space)
    assert dialog.pages.currentIndex() == 1
    key = dialog.key_label.text()
    assert len(key) == 64 and key.count("-") == 12
    shot(dialog, "12-recovery-key")
    assert not dialog.finish.isEnabled()
    qtbot.keyClick(dialog.kept, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.finish, Qt.Key.Key_Space)
    assert window.vault.state == UNLOCKED
    assert window.pages.currentWidget() is window.records.records_page
    assert window.vault_label.text() == "Vault unlocked: 0 notes"
    window.vault.lock()
    Vault.unlock_with_recovery(window.vault.folder, key).lock()  # the key shown really works


def test_lock_wrong_passphrase_backoff_and_unlock(
    make_window, data_dir: Path, qtbot: QtBot
) -> None:
    existing_vault(data_dir)
    window = make_window()
    assert window.vault.state == LOCKED and window.pages.currentWidget() is window.lock_page
    page = window.lock_page
    for attempt in range(3):
        qtbot.keyClicks(page.passphrase, f"wrong {attempt}")
        with qtbot.waitSignal(window.vault.failed, timeout=20_000):
            qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
        assert "does not open" in page.error.text()  # said under the field
        page.passphrase.clear()
    assert not page.unlock_button.isEnabled() and "wait" in page.error.text()
    shot(window, "13-backoff")
    window.vault.backoff.succeeded()  # as if the wait had passed
    page._wait_left = 0
    page.set_busy(False)
    qtbot.keyClicks(page.passphrase, PASS)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    wait_state(qtbot, window, UNLOCKED)
    assert window.pages.currentWidget() is window.records.records_page
    assert window.vault_label.text() == "Vault unlocked: 1 note"
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.vault.state == LOCKED and window.vault.vault is None
    assert window.pages.currentWidget() is window.lock_page
    assert page.passphrase.hasFocus()  # ready to type
    shot(window, "14-locked")


def test_read_guidance_while_locked(make_window, data_dir: Path, qtbot: QtBot) -> None:
    existing_vault(data_dir)
    window = make_window()
    qtbot.keyClick(window.lock_page.browse, Qt.Key.Key_Space)
    assert window.pages.currentWidget() is window.library_page
    assert window.vault.state == LOCKED
    window.vault_actions.unlock.trigger()
    assert window.pages.currentWidget() is window.lock_page


def test_reset_passphrase_with_recovery_key(make_window, data_dir: Path, qtbot: QtBot) -> None:
    recovery = existing_vault(data_dir)
    window = make_window()
    page = window.lock_page
    qtbot.keyClick(page.forgot, Qt.Key.Key_Space)
    assert page.modes.currentIndex() == 1
    qtbot.keyClicks(page.recovery_key, recovery.lower().replace("-", " "))
    qtbot.keyClicks(page.new_passphrase.first, "brand new words here")
    qtbot.keyClicks(page.new_passphrase.second, "brand new words here")
    shot(window, "15-recovery")
    # every label with an access key names its field (else Qt shows the "&" itself)
    labels = page.new_passphrase.findChildren(QLabel)
    assert all(label.buddy() is not None for label in labels if "&" in label.text())
    qtbot.keyClick(page.new_passphrase.second, Qt.Key.Key_Return)  # Enter resets
    wait_state(qtbot, window, UNLOCKED)
    assert window.vault.vault is not None
    assert window.vault.vault.get("note-1")["text"].startswith("Ruby")
    window.vault.lock()
    Vault.unlock(data_dir / "vault", "brand new words here").lock()


def test_auto_lock_after_idle_time(make_window, data_dir: Path, qtbot: QtBot) -> None:
    existing_vault(data_dir)
    window = make_window()
    window.vault.unlock(PASS)
    wait_state(qtbot, window, UNLOCKED)
    now = [0.0]
    window.vault.idle = IdleLock(600, lambda: now[0])
    now[0] = 599
    window.vault.check_idle()
    assert window.vault.state == UNLOCKED
    qtbot.keyClick(window.reader, Qt.Key.Key_Down)  # activity resets the clock
    now[0] = 1100
    window.vault.check_idle()
    assert window.vault.state == UNLOCKED
    now[0] = 1200
    window.vault.check_idle()
    assert window.vault.state == LOCKED
    assert "Locked after 10 minutes" in window.lock_page.message.text()


def test_change_passphrase_backup_and_restore(
    make_window, data_dir: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    existing_vault(data_dir)
    window = make_window()
    window.vault.unlock(PASS)
    wait_state(qtbot, window, UNLOCKED)
    dialog = window.vault_actions.change_passphrase()
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.current, PASS)
    qtbot.keyClicks(dialog.fields.first, "another good passphrase")
    qtbot.keyClicks(dialog.fields.second, "another good passphrase")
    with qtbot.waitSignal(dialog.accepted, timeout=20_000):
        qtbot.keyClick(dialog.ok, Qt.Key.Key_Space)

    backup = tmp_path / "backup.wt26bak"
    scripted = ScriptedDialogs(save_path=backup, open_path=backup, secret="another good passphrase")
    window.vault_actions.dialogs = scripted
    window.vault_actions.back_up()
    qtbot.waitUntil(lambda: bool(scripted.told), timeout=20_000)
    assert scripted.told[-1][0] == "Backup written" and backup.exists()
    window.vault_actions.verify_vault()
    qtbot.waitUntil(lambda: len(scripted.told) == 2, timeout=20_000)
    assert scripted.told[-1][0] == "Vault verified"
    window.vault_actions.restore_backup()
    qtbot.waitUntil(lambda: len(scripted.told) == 3, timeout=20_000)
    assert scripted.told[-1][0] == "Restored", scripted.told[-1]
    assert window.vault.state == LOCKED
    moved = [p for p in data_dir.iterdir() if p.name.startswith("vault.replaced-")]
    assert len(moved) == 1
    Vault.unlock(data_dir / "vault", "another good passphrase").lock()


def test_a_vault_open_in_another_process_is_said_plainly(
    make_window, data_dir: Path, qtbot: QtBot
) -> None:
    import subprocess
    import sys

    existing_vault(data_dir)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from wt26desk.vault.vault import Vault; "
            "v = Vault.unlock(sys.argv[1], sys.argv[2]); print('open', flush=True); "
            "sys.stdin.readline(); v.lock()",
            str(data_dir / "vault"),
            PASS,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "open"
        window = make_window()
        page = window.lock_page
        qtbot.keyClicks(page.passphrase, PASS)
        with qtbot.waitSignal(window.vault.failed, timeout=20_000):
            qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
        assert "open in another wt26desk window or command" in page.error.text()
        assert window.vault.state == LOCKED
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
        holder.stdout.close()
    page.set_busy(False)
    page.passphrase.clear()
    qtbot.keyClicks(page.passphrase, PASS)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    wait_state(qtbot, window, UNLOCKED)  # once the other process has closed it


def test_background_verify_warns_after_unlock(make_window, data_dir: Path, qtbot: QtBot) -> None:
    """Issue 15, item 4: unlock checks the current revisions; the full check runs after
    it, in the background, and a failure is shown as a warning."""
    import sqlite3

    from PySide6.QtWidgets import QMessageBox

    vault, _ = Vault.create(data_dir / "vault", PASS, kdf=KdfParams.floor())
    vault.put("note-1", {"text": "first"})
    vault.put("note-1", {"text": "second"})
    vault.lock()
    with sqlite3.connect(data_dir / "vault" / "vault.sqlite") as conn:  # an old revision
        conn.execute(
            "UPDATE blobs SET ciphertext = x'00112233445566778899aabbccddeeff00' WHERE revision = 1"
        )
    window = make_window()
    page = window.lock_page
    with qtbot.waitSignal(window.vault.integrity_warning, timeout=20_000) as warning:
        qtbot.keyClicks(page.passphrase, PASS)
        qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    assert window.vault.state == UNLOCKED
    assert "note-1 revision 1" in warning.args[0]
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert any("found problems" in box.text() for box in boxes)
    for box in boxes:
        box.close()
    window.vault.lock()


def test_unlock_shows_progress_and_can_be_cancelled(
    make_window, data_dir: Path, qtbot: QtBot
) -> None:
    """Issue 15, item 10: a slow unlock shows how far it is and has a Cancel button."""
    from wt26desk.vault import crypto

    existing_vault(data_dir)
    window = make_window()
    page = window.lock_page
    qtbot.keyClicks(page.passphrase, PASS)
    emitted_on: list[threading.Thread] = []  # a direct connection runs on the emitting thread
    window.vault.unlock_progress.connect(
        lambda _f: emitted_on.append(threading.current_thread()), Qt.ConnectionType.DirectConnection
    )
    with crypto._ARGON2_TURN:  # holds the derivation back, however fast this machine is
        with qtbot.waitSignal(window.vault.unlock_progress, timeout=20_000):
            qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
        assert page.cancel_button.isVisible() and "Opening the vault" in page.message.text()
        with qtbot.waitSignal(window.vault.failed, timeout=20_000) as failed:
            qtbot.keyClick(page.cancel_button, Qt.Key.Key_Space)
    assert "cancelled" in failed.args[0]
    # Progress is emitted on the GUI thread only: emitting from the worker while receivers
    # connect and disconnect here is the kind of race that can crash PySide.
    assert emitted_on and set(emitted_on) == {threading.main_thread()}
    wait_state(qtbot, window, LOCKED)
    assert not page.cancel_button.isVisible() and page.unlock_button.isEnabled()
    window.vault.backoff.succeeded()
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    wait_state(qtbot, window, UNLOCKED)
    window.vault.lock()


def test_the_unlock_mode_is_built_when_first_shown(qtbot: QtBot) -> None:
    """A first start shows the welcome only: the passphrase field (the first text field
    Qt builds is the costly one) waits until the vault is to be unlocked, then works."""
    from PySide6.QtWidgets import QLineEdit

    from wt26desk.ui.vault.lock_page import LockPage

    page = LockPage()
    qtbot.addWidget(page)
    page.show_mode("welcome")
    page.set_busy(False)  # as the window does for every mode
    page.show()
    assert page.modes.count() == 3 and page.modes.currentIndex() == 2
    assert page.findChildren(QLineEdit) == []
    wanted: list[str] = []
    page.unlock_requested.connect(wanted.append)
    page.show_mode("unlock")
    assert page.modes.count() == 3 and page.modes.currentIndex() == 0
    assert page.modes.currentWidget().isAncestorOf(page.passphrase)
    assert page.passphrase.accessibleName() == "Passphrase"
    qtbot.keyClicks(page.passphrase, PASS)
    qtbot.keyClick(page.passphrase, Qt.Key.Key_Return)
    assert wanted == [PASS]
    assert page.cancel_button.isVisible()  # busy while the key is derived


def test_a_failure_on_the_welcome_page_still_says_why(qtbot: QtBot) -> None:
    from wt26desk.ui.vault.lock_page import LockPage

    page = LockPage()
    qtbot.addWidget(page)
    page.show_mode("welcome")
    page.show()
    page.failed("The backup could not be read.")
    assert page.modes.currentIndex() == 2
    assert page.message.text() == "The backup could not be read."
