"""Defects a new user's walkthrough found: the body map after a removed mark, marks close
together, the list of marks, a click beside the figure; link contrast in every theme; the
status bar at 200%; the recording editor's layout after zooming in and back."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from wt26desk.records.model import Child, ConcernRecord, Mark
from wt26desk.ui.common.theme import THEMES, apply_theme
from wt26desk.ui.main_window import MainWindow
from wt26desk.ui.records.guidance_panel import GuidancePanel

from .test_body_map import centre, injuries, two_marks
from .test_screenshots import save

# 1. The body map ----------------------------------------------------------------------------


def test_after_removing_a_mark_the_one_left_can_be_described(qtbot: QtBot) -> None:
    record = two_marks()
    step = injuries(qtbot, record)
    body_map = step.map
    body_map.setFocus()
    for removed in (0, 1):  # the first of two, then the last of two
        record.marks[:] = two_marks().marks
        step.load(record)
        body_map.setFocus()
        qtbot.keyClick(body_map, Qt.Key.Key_PageDown)
        if removed == 1:
            qtbot.keyClick(body_map, Qt.Key.Key_PageDown)
        assert body_map.selected == removed
        qtbot.keyClick(body_map, Qt.Key.Key_Delete)
        assert len(record.marks) == 1
        left = record.marks[0]
        assert step.marks.list.item(0).text().startswith("Mark 1")
        assert step.marks.list.currentRow() == 0 and body_map.selected == 0
        assert step.marks.form.isEnabled(), removed
        assert step.marks.form.target is left
        for name in ("size", "shape", "colour", "location"):
            assert step.marks.form.widgets[name].isEnabled(), name
        qtbot.keyClick(body_map, Qt.Key.Key_PageUp)
        assert step.marks.form.isEnabled() and step.marks.form.target is left


def test_marks_a_step_apart_keep_both_numbers_readable(qtbot: QtBot) -> None:
    from wt26desk.exports.body_map_image import label_places

    record = ConcernRecord(
        children=[Child(name="Leah Stone", age_years=8)],
        marks=[
            Mark(view="front", x=0.70, y=0.30, location="arm"),
            Mark(view="front", x=0.72, y=0.30, location="arm"),
            Mark(view="front", x=0.70, y=0.32, location="arm"),
        ],
    )
    step = injuries(qtbot, record)
    body_map = step.map
    badge = body_map._badge()
    centres = [centre(body_map, m) for m in record.marks]
    labels = label_places(centres, badge)
    for a in range(len(labels)):
        for b in range(a + 1, len(labels)):
            apart = labels[a] - labels[b]
            assert (apart.x() ** 2 + apart.y() ** 2) ** 0.5 >= 2 * badge - 0.5, (a, b)
    save(body_map, "walkthrough/close-marks")
    # A click on a number moved aside selects its mark, not a new one.
    qtbot.mouseClick(body_map, Qt.MouseButton.LeftButton, pos=labels[2].toPoint())
    assert len(record.marks) == 3 and body_map.selected == 2


def test_the_list_of_marks_wraps_instead_of_scrolling_sideways(qtbot: QtBot) -> None:
    record = two_marks()
    record.marks[0].shape = "linear, in the pattern of fingers, with a paler centre"
    record.marks[0].colour = "purple and yellow at the edges"
    step = injuries(qtbot, record)
    step.marks.refresh_labels()
    QApplication.processEvents()
    listing = step.marks.list
    assert not listing.horizontalScrollBar().isVisible()
    assert listing.wordWrap()
    save(step, "walkthrough/marks-list")


def test_a_click_beside_the_figure_adds_no_mark(qtbot: QtBot) -> None:
    record = two_marks()
    step = injuries(qtbot, record)
    body_map = step.map
    frames = body_map._frames()
    beside = QPoint(round(frames["front"].left() - 4), round(frames["front"].bottom() - 4))
    qtbot.mouseClick(body_map, Qt.MouseButton.LeftButton, pos=beside)
    corner = QPoint(round(frames["back"].right() - 2), round(frames["back"].top() + 4))
    qtbot.mouseClick(body_map, Qt.MouseButton.LeftButton, pos=corner)
    assert len(record.marks) == 2
    assert step.map_notice.isVisible() and "Outside the figure" in step.map_notice.text()
    save(step, "walkthrough/click-beside")
    # On the body it still adds one.
    on_body = QPointF(
        frames["front"].center().x(), frames["front"].top() + frames["front"].height() * 0.45
    )
    qtbot.mouseClick(body_map, Qt.MouseButton.LeftButton, pos=on_body.toPoint())
    assert len(record.marks) == 3
    assert not step.map_notice.isVisible()


# 2. Links readable in every theme -------------------------------------------------------------


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def link_colours(panel: GuidancePanel) -> set[str]:
    found = set()
    block = panel.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.isAnchor() and fmt.anchorHref():
                found.add(fmt.foreground().color().name())
            it += 1
        block = block.next()
    return found


@pytest.mark.parametrize("theme", list(THEMES))
def test_links_have_4_5_to_1_against_the_guidance_panel_in_every_theme(
    unlocked: MainWindow, qtbot: QtBot, theme: str
) -> None:
    window = unlocked
    qapp = QApplication.instance()
    assert isinstance(qapp, QApplication)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = window.records.editor
    panel = editor.panel
    qtbot.waitUntil(lambda: bool(link_colours(panel)))
    window.set_theme(theme)  # after the guidance was shown, as a user switches
    QApplication.processEvents()
    palette = panel.palette()
    background = palette.color(QPalette.ColorRole.Base)
    for role in (QPalette.ColorRole.Link, QPalette.ColorRole.LinkVisited):
        colour = palette.color(role)
        assert contrast(colour, background) >= 4.5, (theme, role, colour.name())
        window_bg = palette.color(QPalette.ColorRole.Window)
        assert contrast(colour, window_bg) >= 4.5, (theme, role, colour.name())
    shown = link_colours(panel)
    assert shown
    for name in shown:
        assert contrast(QColor(name), background) >= 4.5, (theme, name, background.name())
    save(window, f"walkthrough/links-{theme}")
    apply_theme(qapp, "light")


# 3. The status bar at 200% ----------------------------------------------------------------


def test_the_text_size_message_does_not_draw_over_the_status(
    unlocked: MainWindow, qtbot: QtBot
) -> None:
    window = unlocked
    window.resize(1280, 800)
    while window.settings.zoom_percent < 200:  # Ctrl++ as often as it takes
        window.zoom(+1)
    qtbot.wait(50)
    assert window.settings.zoom_percent == 200
    bar = window.statusBar()
    message = bar.currentMessage()
    assert "Text size" in message
    shown = [w for w in bar.findChildren(QWidget) if w.isVisible() and w.parent() is bar]
    # Whatever stays shown while the message is up sits clear of the message's text.
    text_right = bar.fontMetrics().horizontalAdvance(message) + 8
    for widget in shown:
        if getattr(widget, "text", None) and widget.x() < text_right:
            raise AssertionError(f"{widget.text()!r} at x={widget.x()} under {message!r}")
    save(bar, "walkthrough/status-200")
    window.zoom(0)


# 4. Zoom in and back --------------------------------------------------------------------------


def editor_widths(window: MainWindow) -> tuple[int, int]:
    editor = window.records.editor
    step = editor.steps["what-happened"]
    facts = step.fields["facts"]
    labels = [
        w for w in step.findChildren(QWidget) if w.isVisible() and w.__class__.__name__ == "QLabel"
    ]
    date_label = next(
        w for w in labels if getattr(w, "buddy", lambda: None)() is step.fields["event_date"]
    )
    return date_label.width(), facts.width()


def test_zoom_200_then_back_restores_the_editor(unlocked: MainWindow, qtbot: QtBot) -> None:
    window = unlocked
    window.resize(1280, 800)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = window.records.editor
    editor.flow.go_to("what-happened")
    editor._show_step()
    qtbot.wait(50)
    fresh = editor_widths(window)
    save(window, "walkthrough/zoom-before")
    while window.settings.zoom_percent < 200:
        window.zoom(+1)
        qtbot.wait(20)
    assert window.settings.zoom_percent == 200
    assert window.minimumSizeHint().width() <= 1366 and window.minimumWidth() <= 1366
    assert window.minimumSizeHint().height() <= 768
    save(window, "walkthrough/zoom-200")
    window.zoom(0)
    qtbot.wait(50)
    QApplication.processEvents()
    after = editor_widths(window)
    save(window, "walkthrough/zoom-back")
    assert abs(after[0] - fresh[0]) <= 8, (fresh, after)
    assert abs(after[1] - fresh[1]) <= 16, (fresh, after)
    step = editor.steps["what-happened"]
    assert not step.horizontalScrollBar().isVisible()
    assert window.width() <= 1280 + 8


def test_zoom_400_then_back_gives_the_window_its_size_again(
    unlocked: MainWindow, qtbot: QtBot
) -> None:
    window = unlocked
    window.resize(1200, 700)
    qtbot.wait(20)
    chosen = window.size()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    while window.settings.zoom_percent < 400:
        window.zoom(+1)
        qtbot.wait(10)
    qtbot.wait(50)
    screen = window.screen().availableGeometry()
    # Never wider than the screen, the size chosen or what the larger text needs.
    assert window.width() <= max(screen.width(), window.minimumWidth(), chosen.width())
    window.zoom(0)
    qtbot.waitUntil(lambda: window.size() == chosen)
