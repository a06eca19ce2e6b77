"""The lead's page in the window: reached with Ctrl+I once unlocked, every chart with the
table of its numbers, a cohort file read through the dialog service, a CSV export that is
confirmed and audit-logged, and nothing left on the page after locking. Screenshots of the
page in each theme on request (see test_screenshots.py; QT_SCALE_FACTOR=2 for 200%)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from wt26desk.records.model import Action, Child, ConcernRecord
from wt26desk.ui.insights.bar_chart_widget import BarChart, NumbersTable
from wt26desk.ui.main_window import MainWindow

from .test_screenshots import THEMES, save
from .test_training_ui import in_training
from .test_vault_ui import ScriptedDialogs

CTRL = Qt.KeyboardModifier.ControlModifier


def add_records(window: MainWindow) -> None:
    store = window.records.store
    assert store is not None
    for n in range(6):
        store.save(
            ConcernRecord(
                event_date=f"2026-{n + 3:02d}-10",
                categories=["neglect"] if n % 2 else ["physical-abuse", "neglect"],
                children=[
                    Child(
                        name=f"Pupil {n}",
                        ethnicity="black" if n < 4 else "white",
                        care_status="kinship-care",
                        sex="female",
                    )
                ],
                actions=[Action(who="Children's social care", when=f"2026-{n + 3:02d}-11 09:00")],
            )
        )


def open_insights(qtbot: QtBot, window: MainWindow) -> None:
    page = window.insights.page
    page.insights = None
    qtbot.keyClick(window, Qt.Key.Key_I, CTRL)
    qtbot.waitUntil(
        lambda: page.insights is not None and not window.insights.ops.busy, timeout=30_000
    )
    assert window.pages.currentWidget() is page


def test_every_chart_has_a_table_of_its_numbers(unlocked: MainWindow, qtbot: QtBot) -> None:
    window = unlocked
    add_records(window)
    window.insights.set_period(date(2026, 1, 1), date(2026, 12, 31))
    open_insights(qtbot, window)
    page = window.insights.page
    assert page.insights is not None and page.insights.records == 6
    charts = page.findChildren(BarChart)
    assert len(charts) == 4
    for chart in charts:
        table = next(
            t for t in page.findChildren(NumbersTable) if t.accessibleName().endswith(chart.title)
        )
        assert chart.accessibleName() == f"Chart: {chart.title}"
        assert table.rowCount() >= len(chart.bars), chart.title
        for bar, row in zip(chart.bars, range(table.rowCount()), strict=False):
            assert table.item(row, 0).text() == bar.label
    # The comparison with the prompts follows the figures (no facts: nothing raised).
    assert page.insights.prompt_gaps is not None
    assert [page.prompt_table.item(r, 0).text() for r in range(2)] == ["Neglect", "Physical abuse"]
    assert page.prompt_table.item(0, 2).text() == "6"
    assert len(window.insights._raised) == 6  # kept for the next refresh, in memory
    assert page.area_table.item(0, 0).text() == "Neglect"
    assert page.area_table.item(0, 1).text() == "6"
    # The characteristic chosen in the box is the one charted.
    page.characteristic.setCurrentIndex(page.characteristic.findData("care_status"))
    assert page.group_table.item(0, 0).text() == "Kinship care"
    # Typing a new first day (the UK way) works the figures out again for that period.
    page.insights = None
    page.start.line.selectAll()
    qtbot.keyClicks(page.start.line, "01/06/2026")
    qtbot.waitUntil(
        lambda: page.insights is not None and not window.insights.ops.busy, timeout=30_000
    )
    assert page.insights.period.start == date(2026, 6, 1)
    assert page.insights.records == 3  # June, July and August
    assert "1 June 2026 to 31 December 2026" in page.summary.text()
    # Alt+letters on the page clash neither with each other nor with the menus.
    from PySide6.QtWidgets import QAbstractButton, QLabel

    letters = [a.text().split("&")[1][0].lower() for a in window.menuBar().actions()]
    for widget in page.findChildren(QWidget):
        text = widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else ""
        if "&" in text:
            letters.append(text.split("&")[1][0].lower())
    assert len(letters) == len(set(letters)), letters
    # Larger text (View > Zoom in): taller rows and a taller chart, nothing clipped.
    row, chart_height = page.area_table.rowHeight(0), page.area_chart.sizeHint().height()
    window.zoom(+1)
    window.zoom(+1)
    QApplication.processEvents()
    assert page.area_table.rowHeight(0) > row
    assert page.area_chart.sizeHint().height() > chart_height
    line = page.area_table.fontMetrics().height()
    assert page.area_table.rowHeight(0) >= line
    window.zoom(0)
    # Everything Tab reaches has a name a screen reader can say.
    for widget in page.findChildren(QWidget):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(page):
            named = widget.accessibleName() or (
                isinstance(widget, QAbstractButton) and widget.text()
            )
            assert named, f"{type(widget).__name__} has no name"
    # The repeated-concerns table names children: on this screen only, never exported.
    assert page.repeated_table.accessibleName().startswith("Table: Children with more")


def test_a_cohort_file_gives_rates_and_the_csv_export_is_logged(
    unlocked: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    window = unlocked
    add_records(window)
    window.insights.set_period(date(2026, 1, 1), date(2026, 12, 31))
    open_insights(qtbot, window)
    roll = tmp_path / "roll.toml"
    roll.write_text('name = "Hill Street roll"\n[ethnicity]\nblack = 30\nwhite = 300\n')
    target = tmp_path / "figures.csv"
    dialogs = ScriptedDialogs(open_path=roll, save_path=target, confirm=True)
    window.insights.dialogs = dialogs  # type: ignore[assignment]
    page = window.insights.page
    page.insights = None
    qtbot.mouseClick(page.cohort_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: page.insights is not None and not window.insights.ops.busy, timeout=30_000
    )
    assert page.cohort_label.text() == "Cohort: Hill Street roll"
    rows = [page.rate_table.item(r, 0).text() for r in range(page.rate_table.rowCount())]
    assert rows == ["Black or Black British (ethnicity)", "White (ethnicity)"]
    assert page.rate_table.item(0, 3).text().startswith("13.3% (")  # 4 of 30, interval
    assert "Fewer than 5 children" in page.rate_table.item(0, 5).text()
    assert len(page.rate_chart.bars) == 2
    qtbot.mouseClick(page.csv_button, Qt.MouseButton.LeftButton)
    text = target.read_text(encoding="utf-8")
    assert "Hill Street roll" in text and "Pupil" not in text and "<5" in text
    vault = window.vault.vault
    assert vault is not None
    assert any(e.action == "insights.exported" for e in vault.audit_entries())
    # A bad cohort file is said in words, and the figures stay as they were.
    roll.write_text("[ethnicity]\nblack = -3\n")
    qtbot.mouseClick(page.cohort_button, Qt.MouseButton.LeftButton)
    assert "is not a roll size" in dialogs.told[-1][1]
    assert page.cohort_label.text() == "Cohort: Hill Street roll"


def test_locking_empties_the_page(unlocked: MainWindow, qtbot: QtBot) -> None:
    window = unlocked
    add_records(window)
    open_insights(qtbot, window)
    window.vault_actions.lock.trigger()
    qtbot.waitUntil(lambda: window.vault.vault is None, timeout=10_000)
    page = window.insights.page
    assert page.insights is None
    assert all(t.rowCount() == 0 for t in page.findChildren(NumbersTable))
    assert not window.insights.action.isEnabled()
    assert not window.insights._raised  # nothing about the records is kept after locking
    assert window.insights._records is None


@pytest.mark.parametrize("theme", THEMES)
def test_the_page_in_each_theme_on_the_demo_records(make_window, qtbot: QtBot, theme: str) -> None:
    window: MainWindow = make_window()
    window.set_theme(theme)
    window.resize(1200, 900)
    window.training.start()
    in_training(qtbot, window)
    open_insights(qtbot, window)
    page = window.insights.page
    assert page.insights is not None and page.insights.records >= 60
    assert page.insights.cohort is not None  # the demo roll, so every figure shows
    assert page.rate_table.rowCount() > 0
    QApplication.processEvents()
    save(window, f"{theme}/07-insights")
    page.verticalScrollBar().setValue(page.rate_chart.parentWidget().y())
    save(window, f"{theme}/08-insights-rates")
    page.verticalScrollBar().setValue(page.rate_table.parentWidget().y() + page.rate_table.y())
    save(window, f"{theme}/08-insights-rates-table")
    page.verticalScrollBar().setValue(page.repeated_table.parentWidget().y())
    save(window, f"{theme}/09-insights-patterns")


def test_the_child_form_offers_the_context_categories(unlocked: MainWindow, qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QComboBox

    from wt26desk.ui.records.record_steps import ChildrenStep

    window = unlocked
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    editor = window.records.editor
    step = editor.steps["children"]
    assert isinstance(step, ChildrenStep)
    step.children_editor.add()
    combos = {n: step.children_editor.form.widgets[n] for n in ("ethnicity", "care_status")}
    ethnicity, care = combos["ethnicity"], combos["care_status"]
    assert isinstance(ethnicity, QComboBox) and isinstance(care, QComboBox)
    labels = [ethnicity.itemText(i) for i in range(ethnicity.count())]
    assert labels[0] == "Not recorded" and "Black or Black British" in labels
    assert any(t.startswith("Declined") for t in labels)
    assert any(t.startswith("Not known") for t in labels)
    assert ethnicity.accessibleName() == "Ethnicity"
    care.setCurrentIndex(care.findData("kinship-care"))
    assert editor.record.children[0].care_status == "kinship-care"
    assert editor.record.children[0].ethnicity == ""  # never required


def _clipped_columns(table: NumbersTable) -> list[str]:
    """Headers whose text does not fit in the column, and cells whose text is cut off."""
    found = []
    metrics = table.fontMetrics()
    header = table.horizontalHeader()
    for column in range(table.columnCount()):
        title = table.horizontalHeaderItem(column).text()
        if header.sectionSize(column) < metrics.horizontalAdvance(title.split()[0]):
            found.append(title)
    return found


@pytest.mark.parametrize("zoom", [200, 300])
def test_the_page_reflows_at_larger_text(make_window, qtbot: QtBot, zoom: int) -> None:
    """At 200% and 300% text: no column clipped, no table scrolled sideways inside the
    page (the words wrap), the date fields show the whole date, and the page itself
    needs no sideways scroll."""
    window: MainWindow = make_window()
    window.resize(1200, 900)
    window.training.start()
    in_training(qtbot, window)
    open_insights(qtbot, window)
    page = window.insights.page
    window._change(zoom_percent=zoom)
    qtbot.waitUntil(lambda: window.settings.zoom_percent == zoom)
    for _ in range(3):
        QApplication.processEvents()
    for table in (page.rate_table, page.timing_table, page.group_table, page.repeated_table):
        assert not table.horizontalScrollBar().isVisible(), table.accessibleName()
        assert table.horizontalScrollBar().maximum() == 0, table.accessibleName()
        assert not _clipped_columns(table), (table.accessibleName(), _clipped_columns(table))
    caution = page.rate_table.columnCount() - 1
    for row in range(page.rate_table.rowCount()):  # each caution is a few lines, not one
        lines = page.rate_table.rowHeight(row) / page.rate_table.fontMetrics().height()
        assert lines < (7 if zoom == 200 else 14), (row, lines)
    assert page.rate_table.columnWidth(caution) <= page.rate_table.viewport().width()
    for field in (page.start, page.end):
        line = field.line
        assert line.width() >= line.fontMetrics().horizontalAdvance("31/12/2026") + 8
    assert not page.horizontalScrollBar().isVisible()
    page.verticalScrollBar().setValue(0)
    save(window, f"light/10-insights-text-{zoom}")
    page.verticalScrollBar().setValue(page.rate_table.parentWidget().y() + page.rate_table.y())
    save(window, f"light/11-insights-rates-table-text-{zoom}")
    window._change(zoom_percent=100)


def test_the_wheel_over_a_combo_box_scrolls_the_page(unlocked: MainWindow, qtbot: QtBot) -> None:
    """Scrolling the page with the wheel over "Concerns by characteristic" scrolls the
    page; the choice changes with the wheel only once the box has focus."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QComboBox

    window = unlocked
    add_records(window)
    window.resize(1000, 600)
    open_insights(qtbot, window)
    page = window.insights.page
    combo = page.characteristic
    assert combo.count() > 2
    page.verticalScrollBar().setValue(0)
    page.ensureWidgetVisible(combo)
    QApplication.processEvents()
    assert page.verticalScrollBar().value() < page.verticalScrollBar().maximum()
    start, index = page.verticalScrollBar().value(), combo.currentIndex()
    window.setFocus()

    def wheel() -> None:
        middle = QPointF(combo.rect().center())
        event = QWheelEvent(
            middle,
            QPointF(combo.mapToGlobal(combo.rect().center())),
            QPoint(0, 0),
            QPoint(0, -120),  # towards the user: down the page, next item in a box
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(combo, event)
        QApplication.processEvents()

    assert not combo.hasFocus()
    wheel()
    assert combo.currentIndex() == index
    assert page.verticalScrollBar().value() > start
    for box in page.findChildren(QComboBox):  # every box on the page takes focus by click
        assert box.focusPolicy() == Qt.FocusPolicy.StrongFocus
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    wheel()
    assert combo.currentIndex() == index + 1
