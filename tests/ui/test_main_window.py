"""The library window as a person uses it: keyboard only, offscreen, real settings files.

Set WT26DESK_SCREENSHOTS=DIR to save a screenshot of each step."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication, QWidget

from wt26desk.cli import build_parser
from wt26desk.commands.context import make_context
from wt26desk.settings import load_settings
from wt26desk.ui.application import build_main_window
from wt26desk.ui.main_window import MainWindow


def shot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("WT26DESK_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))


@pytest.fixture
def open_window(qtbot: QtBot, data_dir: Path, qapp: QApplication) -> Callable[..., MainWindow]:
    def make(*extra: str) -> MainWindow:
        args = build_parser().parse_args(["--data-dir", str(data_dir), *extra])
        window = build_main_window(qapp, make_context(args))
        qtbot.addWidget(window)
        with qtbot.waitExposed(window):
            window.show()
        with qtbot.waitActive(window):
            window.activateWindow()
        if window.pages.currentWidget() is window.lock_page:  # first run: the welcome page
            qtbot.mouseClick(window.lock_page.browse, Qt.MouseButton.LeftButton)
        return window

    return make


def test_opens_on_first_steps_with_library_loaded(open_window) -> None:
    window = open_window()
    assert window.pages.currentWidget() is window.library_page
    assert window.reader.current_target == "guide-worried"
    assert "If you are worried about a child now" in window.reader.toPlainText()
    assert window.panel.tree.topLevelItemCount() >= 7
    shot(window, "01-home")


def test_the_welcome_page_paints_before_the_content_then_counts_it(
    qtbot: QtBot, data_dir: Path, qapp: QApplication
) -> None:
    """The first page shows no content: the library is read just after the first paint
    (not before it), and the status bar then says how many items it holds."""
    args = build_parser().parse_args(["--data-dir", str(data_dir)])
    window = build_main_window(qapp, make_context(args))
    qtbot.addWidget(window)
    assert window._library is None  # built, not yet painted: nothing read
    assert window.status_label.text() == ""
    window.show()
    qtbot.waitUntil(lambda: window._library is not None)  # after the first paint
    assert window.pages.currentWidget() is window.lock_page  # still the welcome page
    assert window.status_label.text() == f"{len(window.library)} items loaded"


def test_keyboard_search_preview_open_and_clear(open_window, qtbot: QtBot) -> None:
    window = open_window()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.panel.search_box.hasFocus()
    qtbot.keyClicks(window.panel.search_box, "county")
    assert window.panel.stack.currentWidget() is window.panel.results
    assert window.panel.model.rowCount() >= 1
    qtbot.keyClick(window.panel.search_box, Qt.Key.Key_Return)
    assert window.reader.current_target == "child-criminal-exploitation"
    assert window.reader.hasFocus()  # Enter moves to the text
    assert 'class="hl"' in window.reader.toHtml() or "background-color" in window.reader.toHtml()
    shot(window, "02-search")

    window.panel.focus_search()
    window.panel.search_box.selectAll()
    qtbot.keyClicks(window.panel.search_box, "bruis")
    qtbot.keyClick(window.panel.search_box, Qt.Key.Key_Down)
    assert window.panel.results.hasFocus()
    qtbot.keyClick(window.panel.results, Qt.Key.Key_Down)  # preview the second hit
    second = window.panel.model.index(1, 0).data(Qt.ItemDataRole.UserRole + 1)
    assert window.reader.current_target == second
    qtbot.keyClick(window.panel.results, Qt.Key.Key_Escape)
    assert window.panel.search_box.text() == ""
    assert window.panel.stack.currentWidget() is window.panel.tree


def test_no_matches_says_so(open_window, qtbot: QtBot) -> None:
    window = open_window()
    window.panel.focus_search()
    qtbot.keyClicks(window.panel.search_box, "zzzxqv")
    assert window.panel.stack.currentWidget() is window.panel.no_results


def test_links_back_and_forward(open_window, qtbot: QtBot) -> None:
    window = open_window()
    window.reader.anchorClicked.emit(QUrl("wt26:A1"))
    assert window.reader.current_target == "A1"
    window.reader.anchorClicked.emit(QUrl("wt26:section-A"))
    assert window.reader.current_target == "section-A"
    qtbot.keyClick(window, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.reader.current_target == "A1"
    assert window.panel.tree.currentItem().text(0).startswith("A1.")
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.reader.current_target == "section-A"
    window.reader.anchorClicked.emit(QUrl("https://example.org/"))
    assert window.reader.current_target == "section-A"  # outside links go nowhere


def test_tree_browsing_with_arrows(open_window, qtbot: QtBot) -> None:
    window = open_window()
    window.panel.tree.setFocus()
    start = window.reader.current_target
    qtbot.keyClick(window.panel.tree, Qt.Key.Key_Down)
    assert window.reader.current_target != start


def test_remembers_size_last_item_zoom_and_theme(open_window, data_dir: Path, qapp) -> None:
    window = open_window()
    window.resize(700, 520)  # the offscreen screen is 800x600
    window.open_target("B7", [])
    window.zoom(+1)
    window.set_theme("high-contrast")
    shot(window, "03-high-contrast")
    window.close()
    saved, problems = load_settings(data_dir / "config" / "settings.json")
    assert not problems
    assert saved.last_item == "B7" and saved.zoom_percent == 110 and saved.theme == "high-contrast"
    again = open_window()
    assert again.reader.current_target == "B7"
    assert (again.width(), again.height()) == (700, 520)
    assert qapp.property("wt26_theme") == "high-contrast"


def test_zoom_scales_text(open_window, qapp) -> None:
    window = open_window()
    before = qapp.font().pointSizeF()
    window.zoom(+1)
    window.zoom(+1)
    assert qapp.font().pointSizeF() > before
    window.zoom(0)
    assert qapp.font().pointSizeF() == pytest.approx(before)


def test_local_pack_appears_in_the_tree(open_window) -> None:
    pack = Path(__file__).parents[1] / "data" / "packs" / "local-good"
    window = open_window("--pack", str(pack))
    titles = [
        window.panel.tree.topLevelItem(i).text(0)
        for i in range(window.panel.tree.topLevelItemCount())
    ]
    assert "Local procedures and contacts" in titles
    window.open_target("A3", [])
    assert "Anytown escalation procedure" in window.reader.toPlainText()


def test_interactive_widgets_have_accessible_names(open_window) -> None:
    window = open_window()
    for widget in (window.panel.search_box, window.panel.tree, window.panel.results, window.reader):
        assert widget.accessibleName(), widget
        assert widget.focusPolicy() & Qt.FocusPolicy.TabFocus
