"""Fixtures for the window tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QApplication

from wt26desk.cli import build_parser
from wt26desk.commands.context import make_context
from wt26desk.ui.application import build_main_window
from wt26desk.ui.main_window import MainWindow

from .test_vault_ui import existing_vault, unlock


@pytest.fixture
def make_window(qtbot: QtBot, data_dir: Path, qapp: QApplication):
    def make() -> MainWindow:
        window = build_main_window(
            qapp, make_context(build_parser().parse_args(["--data-dir", str(data_dir)]))
        )
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        with qtbot.waitActive(window):
            window.activateWindow()
        return window

    return make


@pytest.fixture
def unlocked(make_window, data_dir: Path, qtbot: QtBot) -> MainWindow:
    """The window over an existing vault, unlocked with the keyboard, on the records page."""
    existing_vault(data_dir)
    window = make_window()
    unlock(qtbot, window)
    assert window.pages.currentWidget() is window.records.records_page
    return window
