"""The hide screen as a person meets it: an idle lock behind it keeps it neutral, and no
menu or shortcut reaches past it. Keyboard only, a real vault, offscreen."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QMenu

from wt26desk.ui.main_window import PRIVATE_TITLE, MainWindow
from wt26desk.ui.vault.vault_controller import LOCKED, MISSING, UNLOCKED
from wt26desk.vault.lock import IdleLock

from .test_recording_ui import ALT, CTRL, SHIFT, click, focused, key
from .test_vault_ui import PASS, ScriptedDialogs


def visible_words(window: MainWindow) -> str:
    """Every word a person could read in the window now."""
    words = [window.windowTitle()]
    for widget in window.findChildren(QLabel) + window.findChildren(QLineEdit):
        if widget.isVisible():
            words.append(widget.text() if isinstance(widget, QLabel) else "")
    return " ".join(words)


def idle_lock(window: MainWindow) -> None:
    now = [0.0]
    window.vault.idle = IdleLock(600, lambda: now[0])
    now[0] = 1200
    window.vault.check_idle()


def test_idle_lock_behind_the_hide_screen_keeps_it_neutral(
    unlocked: MainWindow, qtbot: QtBot
) -> None:
    window = unlocked
    records = window.records
    key(qtbot, Qt.Key.Key_N, CTRL)
    click(qtbot, Qt.Key.Key_D, lambda: len(records.editor.record.children) == 1)
    qtbot.keyClicks(focused(), "Private Name")  # a record being written
    key(qtbot, Qt.Key.Key_H, CTRL | SHIFT)
    assert window.pages.currentWidget() is records.privacy_page
    idle_lock(window)
    assert window.vault.state == LOCKED
    # Still the neutral screen: not the lock page, which names the app.
    assert window.pages.currentWidget() is records.privacy_page
    assert window.windowTitle() == PRIVATE_TITLE
    assert not window.menuBar().isVisible() and not window.toolbar.isVisible()
    words = visible_words(window)
    for telling in ("wt26desk", "Private Name", "Vault", "Locked", "Working Together"):
        assert telling not in words, words
    assert focused() is records.privacy_page.secret
    # A PIN cannot open a locked vault: the passphrase is asked for, in neutral words.
    qtbot.keyClicks(focused(), "wrong words")
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(records.privacy_page.message.text()), timeout=20_000)
    assert window.pages.currentWidget() is records.privacy_page
    assert window.windowTitle() == PRIVATE_TITLE
    # The passphrase there unlocks the vault and brings the record back.
    qtbot.waitUntil(lambda: window.vault.backoff.wait_remaining() <= 0, timeout=20_000)
    qtbot.waitUntil(lambda: focused() is records.privacy_page.secret, timeout=5000)
    qtbot.keyClicks(focused(), PASS)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is records.editor, timeout=20_000)
    assert window.vault.state == UNLOCKED
    assert window.windowTitle() != PRIVATE_TITLE and window.menuBar().isVisible()
    assert window.menuBar().isEnabled() and records.new_action.isEnabled()
    assert not window.lock_page.isVisible()
    assert records.editor.record.children[0].name == "Private Name"  # the draft is back


def test_no_menu_or_shortcut_works_on_the_hide_screen(unlocked: MainWindow, qtbot: QtBot) -> None:
    window = unlocked
    records = window.records
    key(qtbot, Qt.Key.Key_H, CTRL | SHIFT)
    page = records.privacy_page
    assert focused() is page.secret
    shown = []
    for menu in window.findChildren(QMenu):
        menu.aboutToShow.connect(lambda m=menu: shown.append(m.title()))
    for k, mod in (
        (Qt.Key.Key_F, ALT),
        (Qt.Key.Key_G, ALT),
        (Qt.Key.Key_A, ALT),
        (Qt.Key.Key_E, CTRL),
        (Qt.Key.Key_N, CTRL),
        (Qt.Key.Key_R, CTRL),
        (Qt.Key.Key_F1, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F5, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_T, CTRL | SHIFT),
    ):
        qtbot.keyClick(focused(), k, mod)
        qtbot.keyRelease(focused(), Qt.Key.Key_Alt)
        qtbot.wait(20)
        assert QApplication.activePopupWidget() is None, k
        assert QApplication.activeModalWidget() is None, k
        assert window.pages.currentWidget() is page, k
        assert focused() is page.secret, k
        assert page.secret.text() == "", (k, page.secret.text())
    assert shown == []
    assert not window.vault.training
    # The field and its unlock action still work.
    qtbot.keyClicks(focused(), PASS)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is records.records_page, timeout=20_000)


def test_locking_trainer_mode_behind_the_hide_screen_stays_neutral(
    unlocked: MainWindow, qtbot: QtBot
) -> None:
    """Locking ends trainer mode: behind the hide screen, the banner and title stay
    hidden, and the passphrase opens the real vault."""
    window = unlocked
    window.training.dialogs = ScriptedDialogs(confirm=True)  # type: ignore[assignment]
    window.training.start()
    qtbot.waitUntil(
        lambda: window.vault.training and window.vault.state == UNLOCKED, timeout=20_000
    )
    qtbot.waitUntil(lambda: not window.vault.ops.busy, timeout=20_000)
    records = window.records
    key(qtbot, Qt.Key.Key_H, CTRL | SHIFT)
    key(qtbot, Qt.Key.Key_L, CTRL)
    assert not window.vault.training and window.vault.state == LOCKED
    assert window.pages.currentWidget() is records.privacy_page
    assert window.windowTitle() == PRIVATE_TITLE
    assert not window.training.banner.isVisible()
    qtbot.keyClicks(focused(), PASS)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is records.records_page, timeout=20_000)
    assert records.store is not None and not records.store.training
    assert not window.training.banner.isVisible() and "TRAINING" not in window.windowTitle()


def test_ending_trainer_mode_with_no_own_vault_behind_the_hide_screen(
    make_window, qtbot: QtBot
) -> None:
    """No vault of one's own to unlock: the welcome page, rather than a prompt that
    nothing can answer."""
    window = make_window()
    window.training.start()
    qtbot.waitUntil(
        lambda: window.vault.training and window.vault.state == UNLOCKED, timeout=20_000
    )
    qtbot.waitUntil(lambda: not window.vault.ops.busy, timeout=20_000)
    window.records.records_page.table.setFocus()
    key(qtbot, Qt.Key.Key_H, CTRL | SHIFT)
    key(qtbot, Qt.Key.Key_L, CTRL)
    assert window.vault.state == MISSING
    assert window.pages.currentWidget() is window.lock_page
    assert window.menuBar().isVisible() and not window.training.banner.isVisible()
