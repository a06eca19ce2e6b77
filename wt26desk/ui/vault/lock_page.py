"""What covers the window while the vault is locked (or not yet created): unlock with
the passphrase, reset it with the recovery key, or read the guidance without notes."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wt26desk.ui.common.theme import scale_text
from wt26desk.ui.vault.passphrase_widget import (
    NewPassphraseWidget,
    PassphraseField,
    caps_lock_label,
    password_field,
    reveal_button,
)


class LockPage(QWidget):
    unlock_requested = Signal(str)
    cancel_requested = Signal()  # stop a slow unlock (key derivation)
    reset_requested = Signal(str, str)  # recovery key, new passphrase
    create_requested = Signal()
    restore_requested = Signal()
    browse_requested = Signal()
    demo_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("lockTitle")
        scale_text(self.title, 160, bold=True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)

        # Each mode's page is built when first shown: a first start shows the welcome
        # and never the passphrase field (the first text field built costs about 4 ms),
        # and resetting with the recovery key is rare. A stand-in keeps each place in
        # the stack until then.
        self.modes = QStackedWidget()
        self._unlock_page: QWidget | None = None
        self._recovery_page: QWidget | None = None
        for _mode in range(2):
            self.modes.addWidget(QWidget())
        self.modes.addWidget(self._welcome_mode())

        self.browse = QPushButton("&Read the guidance without unlocking")
        self.browse.clicked.connect(self.browse_requested)
        self.demo = QPushButton("Try the &demo: fictional records for training")
        self.demo.setToolTip("Trainer mode (Ctrl+Shift+T): a separate vault, nothing real")
        self.demo.clicked.connect(self.demo_requested)

        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(self.title)
        column.addWidget(self.message)
        column.addWidget(self.modes)
        column.addWidget(self.browse, alignment=Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.demo, alignment=Qt.AlignmentFlag.AlignLeft)
        column.addStretch(2)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column, 2)
        outer.addStretch(1)

        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self._wait_left = 0

    # Modes ----------------------------------------------------------------------------------
    def _unlock_mode(self) -> QWidget:
        page = QWidget()
        self._passphrase = password_field("Passphrase")
        self._passphrase.setPlaceholderText("Passphrase")
        self._unlock_button = QPushButton("&Unlock")
        self._unlock_button.setDefault(True)
        self._cancel_button = QPushButton("&Cancel")
        self._cancel_button.setAccessibleName("Cancel unlocking")
        self._cancel_button.hide()
        self._forgot = QPushButton("F&orgotten it? Use the recovery key")
        self._forgot.setFlat(True)
        self._reveal = reveal_button(self._passphrase)
        self._caps = caps_lock_label(self._passphrase)
        # A wrong passphrase is said right under the field, in words and with a sign.
        self._error = QLabel()
        self._error.setObjectName("passphraseError")
        self._error.setAccessibleName("Passphrase problem")
        self._error.setWordWrap(True)
        self._error.setProperty("wt26bold", True)
        self._error.hide()
        self._passphrase.textEdited.connect(lambda _t: self._error.hide())
        row = QHBoxLayout()
        row.addWidget(self._passphrase, 1)
        row.addWidget(self._reveal)
        row.addWidget(self._unlock_button)
        row.addWidget(self._cancel_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 8)
        label = QLabel("&Passphrase:")
        label.setBuddy(self._passphrase)
        layout.addWidget(label)
        layout.addLayout(row)
        layout.addWidget(self._caps)
        layout.addWidget(self._error)
        layout.addWidget(self._forgot, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)  # keep the controls together; the stack is as tall as its
        # tallest mode
        self._unlock_button.clicked.connect(self._submit_unlock)
        self._cancel_button.clicked.connect(self.cancel_requested)
        self._passphrase.returnPressed.connect(self._submit_unlock)
        self._forgot.clicked.connect(lambda: self.show_mode("recover"))
        return page

    def _recovery_mode(self) -> QWidget:
        page = QWidget()
        self.recovery_key = QLineEdit()
        self.recovery_key.setAccessibleName("Recovery key")
        self.recovery_key.setPlaceholderText("XXXX-XXXX-XXXX-…  (52 letters and digits)")
        self.new_passphrase = NewPassphraseWidget()
        self.reset_button = QPushButton("&Set the new passphrase and unlock")
        back = QPushButton("&Back to the passphrase")
        back.setFlat(True)
        layout = QVBoxLayout(page)
        label = QLabel("Recover&y key:")
        label.setBuddy(self.recovery_key)
        layout.addWidget(label)
        layout.addWidget(self.recovery_key)
        layout.addWidget(self.new_passphrase)
        layout.addWidget(self.reset_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(back, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self.reset_button.clicked.connect(self._submit_reset)
        # Enter in any of the page's fields resets, once the key and passphrase are ready
        for field in (self.recovery_key, self.new_passphrase.first, self.new_passphrase.second):
            field.returnPressed.connect(self._submit_reset)
        self.new_passphrase.changed.connect(self._update_reset)
        self.recovery_key.textChanged.connect(self._update_reset)
        back.clicked.connect(lambda: self.show_mode("unlock"))
        self._update_reset()
        return page

    def _welcome_mode(self) -> QWidget:
        page = QWidget()
        self.create_button = QPushButton("&Create a vault for my notes…")
        restore = QPushButton("Restore a vault from a &backup file…")
        restore.clicked.connect(self.restore_requested)
        self.create_button.clicked.connect(self.create_requested)
        layout = QVBoxLayout(page)
        layout.addWidget(self.create_button, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(restore, alignment=Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return page

    def _replace_stand_in(self, index: int, page: QWidget) -> QWidget:
        stand_in = self.modes.widget(index)
        self.modes.insertWidget(index, page)
        if stand_in is not None:
            page.setSizePolicy(stand_in.sizePolicy())  # the height of the shown mode only
            self.modes.removeWidget(stand_in)
            stand_in.deleteLater()
        return page

    def _ensure_unlock_mode(self) -> QWidget:
        if self._unlock_page is None:
            self._unlock_page = self._replace_stand_in(0, self._unlock_mode())
        return self._unlock_page

    def _ensure_recovery_mode(self) -> None:
        if self._recovery_page is None:
            self._recovery_page = self._replace_stand_in(1, self._recovery_mode())

    # The unlock mode's parts, built with it on first use.
    @property
    def passphrase(self) -> PassphraseField:
        self._ensure_unlock_mode()
        return self._passphrase

    @property
    def unlock_button(self) -> QPushButton:
        self._ensure_unlock_mode()
        return self._unlock_button

    @property
    def cancel_button(self) -> QPushButton:
        self._ensure_unlock_mode()
        return self._cancel_button

    @property
    def forgot(self) -> QPushButton:
        self._ensure_unlock_mode()
        return self._forgot

    @property
    def reveal(self) -> QToolButton:
        self._ensure_unlock_mode()
        return self._reveal

    @property
    def caps(self) -> QLabel:
        self._ensure_unlock_mode()
        return self._caps

    @property
    def error(self) -> QLabel:
        self._ensure_unlock_mode()
        return self._error

    def show_mode(self, mode: str, reason: str = "") -> None:
        index = {"unlock": 0, "recover": 1, "welcome": 2}[mode]
        if mode == "recover":
            self._ensure_recovery_mode()
        elif mode == "unlock":
            self._ensure_unlock_mode()
        for n in range(self.modes.count()):  # the stack takes the height of the shown mode
            policy = QSizePolicy.Policy.Preferred if n == index else QSizePolicy.Policy.Ignored
            widget = self.modes.widget(n)
            if widget is not None:
                widget.setSizePolicy(policy, policy)
        self.modes.setCurrentIndex(index)
        self.modes.adjustSize()
        if self._unlock_page is not None:
            self._error.hide()
        if mode == "unlock":
            self.title.setText("The vault is locked")
            self.show_message(reason or "Enter your passphrase to see your notes.")
            self.reveal.setChecked(False)
            self.passphrase.clear()
            self.passphrase.setFocus()
        elif mode == "recover":
            self.title.setText("Reset the passphrase")
            self.show_message(
                "Type the recovery key you saved when the vault was created, "
                "then choose a new passphrase."
            )
            self.recovery_key.setFocus()
        else:
            self.title.setText("Welcome to wt26desk")
            self.show_message(
                "Your notes about children are kept in an encrypted vault on "
                "this computer, opened with a passphrase only you know. The "
                "guidance can be read at any time."
            )
            self.create_button.setFocus()

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    # Submitting -----------------------------------------------------------------------------
    def _submit_unlock(self) -> None:
        if self.passphrase.text() and self.unlock_button.isEnabled():
            self.set_busy(True)
            self.unlock_requested.emit(self.passphrase.text())

    def _update_reset(self) -> None:
        ready = bool(self.recovery_key.text().strip()) and self.new_passphrase.passphrase()
        self.reset_button.setEnabled(bool(ready))

    def _submit_reset(self) -> None:
        new = self.new_passphrase.passphrase()
        if new and self.reset_button.isEnabled():
            self.set_busy(True)
            self.reset_requested.emit(self.recovery_key.text(), new)

    def set_busy(self, busy: bool) -> None:
        if not busy and self._unlock_page is None:
            return  # built as it would be set here: enabled, not busy
        self.unlock_button.setEnabled(not busy and self._wait_left == 0)
        self.passphrase.setEnabled(not busy)
        self.cancel_button.setVisible(busy)
        if busy:
            self.error.hide()
            self.show_message("Opening the vault…")

    def show_progress(self, fraction: float) -> None:
        """Key derivation under way (a fraction of the time it is expected to take)."""
        if self.cancel_button.isVisible():
            self.show_message(f"Opening the vault… {round(fraction * 100)}%")

    def failed(self, message: str, wait_seconds: float = 0) -> None:
        self.set_busy(False)
        if self.modes.currentIndex() == 0:  # said once, under the field it is about
            self.show_message("Enter your passphrase to see your notes.")
        self._say(message)
        self.passphrase.selectAll()
        self.passphrase.setFocus()
        if wait_seconds > 0:
            self._wait_left = int(wait_seconds + 0.999)
            self.unlock_button.setEnabled(False)
            self._tick_text(message)
            self._countdown.start()

    def _say(self, text: str) -> None:
        """A problem: under the passphrase field when unlocking, else the message."""
        if self.modes.currentIndex() == 0:
            self.error.setText(f"\u26a0 {text}")
            self.error.show()
        else:
            self.show_message(text)

    def _tick_text(self, base: str) -> None:
        self._say(f"{base} Please wait {self._wait_left} s before trying again.")

    def _tick(self) -> None:
        self._wait_left -= 1
        if self._wait_left <= 0:
            self._wait_left = 0
            self._countdown.stop()
            self.unlock_button.setEnabled(True)
            self._say("Try again.")
        else:
            self._say(f"Please wait {self._wait_left} s before trying again.")
