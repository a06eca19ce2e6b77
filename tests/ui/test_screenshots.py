"""Screenshots of every page in the light, dark and high-contrast themes, saved on request:

    WT26DESK_SCREENSHOTS=DIR pytest tests/ui/test_screenshots.py                 # 100%
    QT_SCALE_FACTOR=2 WT26DESK_SCREENSHOTS=DIR pytest tests/ui/test_screenshots.py  # 200%

Without WT26DESK_SCREENSHOTS the pages are still built and painted in each theme (a
crash or a warning fails the test), but nothing is written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtWidgets import QApplication, QWidget

from wt26desk.records.model import Action, Child, ConcernRecord, Mark, Quote
from wt26desk.ui.main_window import MainWindow

from .test_vault_ui import ScriptedDialogs, existing_vault, unlock

THEMES = ("light", "dark", "high-contrast")


def sample_record() -> ConcernRecord:
    """A fictional concern with a quote, a mark and an action, as the pages show it."""
    return ConcernRecord(
        event_date="2026-11-20",
        event_time="09:05",
        facts="Bruise on the left upper arm seen at 09:05 in class.",
        quotes=[Quote(text="Dad grabbed me when I dropped the plate")],
        children=[Child(name="Leah Stone", age_years=8, setting="Hill Street Primary")],
        marks=[Mark(x=0.7, y=0.3, location="front of the left upper arm", size="3 cm by 2 cm")],
        actions=[Action(who="Designated safeguarding lead", when="2026-11-20 09:30")],
        follow_up="2026-11-23",
    )


def save(widget: QWidget, name: str) -> None:
    for _ in range(3):  # pending layouts and repaints first, as on a screen
        QApplication.processEvents()
    image = widget.grab()
    assert not image.isNull()
    folder = os.environ.get("WT26DESK_SCREENSHOTS")
    if folder:
        scale = os.environ.get("QT_SCALE_FACTOR", "1")
        target = Path(folder) / f"{name}@{scale}x.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        image.save(str(target))


@pytest.mark.parametrize("theme", THEMES)
def test_every_page_in_each_theme(make_window, data_dir: Path, qtbot: QtBot, theme: str) -> None:
    existing_vault(data_dir)
    window: MainWindow = make_window()
    window.set_theme(theme)
    window.resize(1200, 800)
    save(window, f"{theme}/01-locked")
    unlock(qtbot, window)
    store = window.records.store
    assert store is not None
    record = sample_record()
    store.save(record)
    window.records.show_records()
    save(window, f"{theme}/02-records")
    window.show_library()
    save(window, f"{theme}/03-library")
    window.records.open_record(store.get(record.id))
    editor = window.records.editor
    for step in ("children", "what-happened", "injuries", "decision", "check"):
        editor.flow.go_to(step)
        editor._show_step()
        save(window, f"{theme}/04-step-{step}")
    editor.close_record()
    window.records.dialogs = ScriptedDialogs()  # type: ignore[assignment]
    dialog = window.records.export_record(record.id)
    assert dialog is not None
    save(dialog, f"{theme}/05-export")
    dialog.close()
    window.records.hide_screen()
    save(window, f"{theme}/06-hidden")
    QApplication.processEvents()
