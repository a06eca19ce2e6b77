"""Questions the app asks the user, behind one small service, so flows can be tested
without modal dialogs (tests pass a scripted implementation)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QWidget

# The dialogs themselves are imported when first asked for: the window does not need them
# to open.


class DialogService(Protocol):
    def save_path(self, title: str, suggested: str, filter_: str) -> Path | None: ...
    def open_path(self, title: str, filter_: str) -> Path | None: ...
    def confirm(self, title: str, text: str) -> bool: ...
    def inform(self, title: str, text: str) -> None: ...
    def error(self, title: str, text: str) -> None: ...
    def ask_secret(self, title: str, label: str) -> str | None: ...


class QtDialogs:
    def __init__(self, parent: QWidget) -> None:
        self._parent = parent

    def save_path(self, title: str, suggested: str, filter_: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getSaveFileName(self._parent, title, suggested, filter_)
        return Path(path) if path else None

    def open_path(self, title: str, filter_: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self._parent, title, "", filter_)
        return Path(path) if path else None

    def confirm(self, title: str, text: str) -> bool:
        """Yes or No, with No (the safe answer: nothing happens) the default: Enter and
        Escape both keep things as they are."""
        from PySide6.QtWidgets import QMessageBox

        no = QMessageBox.StandardButton.No
        answer = QMessageBox.question(
            self._parent, title, text, QMessageBox.StandardButton.Yes | no, no
        )
        return answer == QMessageBox.StandardButton.Yes

    def inform(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self._parent, title, text)

    def error(self, title: str, text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self._parent, title, text)

    def ask_secret(self, title: str, label: str) -> str | None:
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        text, ok = QInputDialog.getText(self._parent, title, label, QLineEdit.EchoMode.Password)
        return text if ok and text else None
