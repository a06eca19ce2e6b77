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
