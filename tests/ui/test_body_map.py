"""The body map (issue 17): front and back side by side on a figure chosen by the child's
age, marks numbered on the figure and in the list, a canvas a screen reader can describe,
every change to a mark possible from the keyboard, and the same picture in exports."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAccessible, QColor, QImage

from wt26desk.exports.body_map_image import PRINT, body_map_images, placed, to_canvas
from wt26desk.records.model import Child, ConcernRecord, Mark
from wt26desk.ui.records.body_map_widget import BodyMap
from wt26desk.ui.records.record_steps import InjuriesStep

from .test_screenshots import save

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def injuries(qtbot: QtBot, record: ConcernRecord) -> InjuriesStep:
    step = InjuriesStep()
    qtbot.addWidget(step)
    step.load(record)
    step.resize(1100, 720)
    with qtbot.waitExposed(step):
        step.show()
    return step


def two_marks() -> ConcernRecord:
    return ConcernRecord(
        event_date="2026-11-20",
        children=[Child(name="Leah Stone", age_years=8)],
        marks=[
            Mark(view="front", x=0.7, y=0.3, location="front of the left upper arm", size="3 cm"),
            Mark(view="back", x=0.4, y=0.65, location="back of the left thigh"),
        ],
    )


def centre(body_map: BodyMap, mark: Mark) -> QPointF:
    return to_canvas(body_map._frames()[mark.view], *placed(mark, body_map.outline))


def same(a: QColor, b: QColor, slack: int = 40) -> bool:
    return all(abs(x - y) <= slack for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def test_marks_are_numbered_in_the_list_and_on_the_figure(qtbot: QtBot) -> None:
    record = two_marks()
    step = injuries(qtbot, record)
    rows = [step.marks.list.item(n).text() for n in range(step.marks.list.count())]
    assert rows == [
        "Mark 1: front of the left upper arm; 3 cm",
        "Mark 2: back of the left thigh; details still to add",
    ]
    body_map = step.map
    image = body_map.grab().toImage()
    ratio = image.devicePixelRatio()
    accent = body_map.palette().highlight().color()
    number = body_map.palette().highlightedText().color()
    badge = body_map._badge()
    frames = body_map._frames()
    assert frames["front"].right() < frames["back"].left()  # side by side
    for mark in record.marks:
        at = centre(body_map, mark)
        # The disc in the accent colour, with its number drawn in it.
        ring = image.pixelColor(
            QPoint(round((at.x() + badge * 0.75) * ratio), round(at.y() * ratio))
        )
        assert same(ring, accent), (mark.view, ring.name())
        inked = sum(
            same(
                image.pixelColor(
                    QPoint(round((at.x() + dx) * ratio), round((at.y() + dy) * ratio))
                ),
                number,
            )
            for dx in range(-int(badge / 2), int(badge / 2) + 1)
            for dy in range(-int(badge / 2), int(badge / 2) + 1)
        )
        assert inked >= 3, f"no number on the {mark.view} mark"


def test_the_map_is_a_canvas_that_says_every_mark(qtbot: QtBot) -> None:
    step = injuries(qtbot, two_marks())
    interface = QAccessible.queryAccessibleInterface(step.map)
    assert interface is not None
    assert interface.role() == QAccessible.Role.Canvas
    assert interface.text(QAccessible.Text.Name) == "Body map"
    said = interface.text(QAccessible.Text.Description)
    assert "Child figure, front and back" in said
    assert "2 marks: Mark 1: front of the left upper arm; 3 cm." in said
    assert "Mark 2: back of the left thigh." in said
    assert "Enter adds a mark" in said and "Delete removes it" in said


def test_the_figure_follows_the_age_of_the_child_chosen(qtbot: QtBot) -> None:
    record = ConcernRecord(
        event_date="2026-11-20",
        children=[
            Child(name="Baby Stone", date_of_birth="2026-05-01"),
            Child(name="Leah Stone", age_years=8),
            Child(name="Sam Stone", date_of_birth="2012-01-15"),
            Child(name="Kit Stone"),  # age not known
        ],
    )
    step = injuries(qtbot, record)
    seen = []
    for n in range(4):
        step.child_choice.setCurrentIndex(n)
        seen.append((step.outline_choice.currentData(), step.map.outline))
    assert seen == [(o, o) for o in ("infant", "child", "adolescent", "child")]
    # The switch: another figure for this child, front and back redrawn.
    step.outline_choice.setCurrentIndex(step.outline_choice.findData("adolescent"))
    assert step.map.outline == "adolescent"
    assert "Adolescent figure" in step.map.accessibleDescription()
    # A child whose marks were made on a figure sees that figure again.
    record.marks.append(
        Mark(view="front", outline="infant", x=0.3, y=0.35, child_id=record.children[1].id)
    )
    step.load(record)
    step.child_choice.setCurrentIndex(1)
    assert step.outline_choice.currentData() == "infant"


def test_add_select_move_and_remove_a_mark_with_the_keyboard(qtbot: QtBot) -> None:
    record = ConcernRecord(event_date="2026-11-20", children=[Child(name="Leah", age_years=8)])
    step = injuries(qtbot, record)
    body_map = step.map
    body_map.setFocus()
    qtbot.waitUntil(body_map.hasFocus)
    for _ in range(7):  # past the front figure's right side: on to the back
        qtbot.keyClick(body_map, Qt.Key.Key_Right, SHIFT)
    assert body_map.view == "back"
    for _ in range(6):
        qtbot.keyClick(body_map, Qt.Key.Key_Right, SHIFT)
    assert "Pointer on the back at lower back" in body_map.accessibleDescription()
    qtbot.keyClick(body_map, Qt.Key.Key_Return)
    assert len(record.marks) == 1
    assert (record.marks[0].view, record.marks[0].location) == ("back", "lower back")
    assert record.marks[0].child_id == record.children[0].id
    assert step.marks.list.item(0).text().startswith("Mark 1: lower back")
    # A second mark higher up, then Page Up back to the first and Ctrl+Down to move it.
    qtbot.keyClick(body_map, Qt.Key.Key_Up, SHIFT)
    qtbot.keyClick(body_map, Qt.Key.Key_Up, SHIFT)
    qtbot.keyClick(body_map, Qt.Key.Key_Space)
    assert [m.location for m in record.marks] == ["lower back", "upper back"]
    assert step.marks.list.currentRow() == 1
    qtbot.keyClick(body_map, Qt.Key.Key_PageUp)
    assert body_map.selected == 0 and step.marks.list.currentRow() == 0
    start = record.marks[0].y
    for _ in range(3):
        qtbot.keyClick(body_map, Qt.Key.Key_Down, CTRL | SHIFT)
    assert record.marks[0].y > start + 0.2
    assert record.marks[0].location == "back of the left thigh"  # the words follow the mark
    location = step.marks.form.widgets["location"]
    assert location.text() == "back of the left thigh"  # type: ignore[attr-defined]
    assert step.marks.list.item(0).text().startswith("Mark 1: back of the left thigh")
    # Delete removes the selected mark; the other becomes mark 1.
    qtbot.keyClick(body_map, Qt.Key.Key_Delete)
    assert len(record.marks) == 1
    assert [m.location for m in record.marks] == ["upper back"]
    assert step.marks.list.item(0).text().startswith("Mark 1: upper back")
    assert "1 mark: Mark 1:" in body_map.accessibleDescription()


def test_a_click_adds_a_mark_and_a_drag_moves_it(qtbot: QtBot) -> None:
    record = ConcernRecord(children=[Child(name="Leah", age_years=8)])
    step = injuries(qtbot, record)
    body_map = step.map
    front = body_map._frames()["front"]
    chest = to_canvas(front, 0.5, 0.3).toPoint()
    qtbot.mouseClick(body_map, Qt.MouseButton.LeftButton, pos=chest)
    assert len(record.marks) == 1 and record.marks[0].location == "chest"
    thigh = to_canvas(body_map._frames()["back"], 0.43, 0.65).toPoint()
    qtbot.mousePress(body_map, Qt.MouseButton.LeftButton, pos=chest)
    qtbot.mouseMove(body_map, thigh)
    qtbot.mouseRelease(body_map, Qt.MouseButton.LeftButton, pos=thigh)
    assert len(record.marks) == 1
    assert (record.marks[0].view, record.marks[0].location) == ("back", "back of the left thigh")


def test_the_exported_picture_shows_the_figure_front_and_back_with_the_marks() -> None:
    marks = [Mark(view="front", x=0.7, y=0.3), Mark(view="back", x=0.4, y=0.65, outline="infant")]
    images = body_map_images(marks)
    assert len(images) == 2  # one picture for each figure that has marks
    for image in images:
        assert isinstance(image, QImage) and image.width() > image.height()
        halves = (range(0, image.width() // 2, 3), range(image.width() // 2, image.width(), 3))
        for half in halves:  # a figure drawn in each half: its fill and its outline
            colours = [image.pixelColor(x, y) for x in half for y in range(0, image.height(), 3)]
            assert sum(same(c, PRINT.fill, 3) for c in colours) > 1500
            assert sum(same(c, PRINT.ink, 60) for c in colours) > 200
        discs = [
            image.pixelColor(x, y)
            for x in range(0, image.width(), 2)
            for y in range(0, image.height(), 2)
        ]
        assert sum(same(c, PRINT.accent, 30) for c in discs) > 30  # the numbered mark


@pytest.mark.parametrize("theme", ["light", "dark", "high-contrast"])
def test_the_body_map_reads_at_200_and_300_percent(unlocked, qtbot: QtBot, theme: str) -> None:
    window = unlocked
    window.set_theme(theme)
    window.resize(1200, 800)
    store = window.records.store
    assert store is not None
    record = two_marks()
    store.save(record)
    window.records.open_record(store.get(record.id))
    editor = window.records.editor
    editor.flow.go_to("injuries")
    editor._show_step()
    step = editor.steps["injuries"]
    assert isinstance(step, InjuriesStep)
    badges = []
    for zoom in (100, 200, 300):
        window._change(zoom_percent=zoom)
        qtbot.waitUntil(lambda z=zoom: window.settings.zoom_percent == z)
        save(window, f"{theme}/07-body-map-{zoom}")
        body_map = step.map
        step.ensureWidgetVisible(body_map)
        frames = body_map._frames()
        # Both figures whole, side by side, big enough to place a mark on a hand.
        assert frames["front"].right() < frames["back"].left()
        assert body_map.rect().toRectF().contains(frames["back"])
        assert frames["front"].height() >= 300, zoom
        badges.append(body_map._badge())
    assert badges[0] < badges[1] < badges[2]  # the numbers grow with the text
    window._change(zoom_percent=100)
