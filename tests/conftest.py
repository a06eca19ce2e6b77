"""Shared fixtures. Every test runs with its own home, config and data folders, so no test
can read or write a real user's files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from wt26desk.assets import content_dir
from wt26desk.content_library.library import Library
from wt26desk.content_library.loader import load_library

DATA = Path(__file__).parent / "data"
# Before any QApplication exists (pytest-qt's qapp is session-wide): never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


_APP: object = None


def pytest_sessionstart(session: pytest.Session) -> None:
    """One widgets application for the whole run. Some core code (exports drawing the body
    map, the handover's chronology PDF) makes a bare QGuiApplication when none exists, and
    pytest-qt cannot give a widget test a QApplication after that."""
    global _APP
    from PySide6.QtWidgets import QApplication

    _APP = QApplication.instance() or QApplication(["pytest"])


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    home = tmp_path_factory.mktemp("home")
    for name, sub in (
        ("HOME", ""),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        monkeypatch.setenv(name, str(home / sub))
    monkeypatch.delenv("WT26DESK_DATA_DIR", raising=False)
    # New vaults use the floor key-derivation settings (64 MiB, 3 passes), not calibration.
    monkeypatch.setenv("WT26DESK_KDF_PROFILE", "minimum")
    return home


@pytest.fixture(scope="session")
def library() -> Library:
    lib = load_library(content_dir())
    assert not lib.errors, [str(e) for e in lib.errors]
    return lib


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "wt26data"
    folder.mkdir()
    return folder
