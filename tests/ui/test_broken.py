"""Issue 17, "Broken": each of these failed on the code before the fix.

Set WT26DESK_SCREENSHOTS=DIR to save the screens these tests look at."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import QEvent, QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QKeyEvent, QKeySequence, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from wt26desk.records.model import Child, ConcernRecord, Mark
from wt26desk.ui.common.theme import apply_theme
from wt26desk.ui.main_window import MainWindow
from wt26desk.ui.vault.vault_controller import MISSING, UNLOCKED

from .test_main_window import shot
from .test_recording_ui import CTRL
from .test_vault_ui import PASS, ScriptedDialogs, wait_state


def luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def colours(image: QImage) -> set[int]:
    return {image.pixel(x, y) for x in range(image.width()) for y in range(image.height())}


@pytest.fixture
def theme(qapp: QApplication):
    """Set a theme for one test; the light theme again afterwards."""

    def set_theme(name: str) -> None:
        apply_theme(qapp, name)

    yield set_theme
    apply_theme(qapp, "light")


# 1. Enter creates the vault ----------------------------------------------------------------------
def test_enter_in_create_vault_creates_it_and_never_cancels(make_window, qtbot: QtBot) -> None:
    window = make_window()
    assert window.vault.state == MISSING
    dialog = window.vault_actions.create_vault()
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    assert dialog.create_button.isDefault()
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")
    assert not cancel.isDefault()
    rejected: list[bool] = []
    dialog.rejected.connect(lambda: rejected.append(True))
    # Enter with the form not yet valid: nothing is thrown away, the dialog stays.
    qtbot.keyClicks(dialog.fields.first, PASS)
    qtbot.keyClick(dialog.fields.first, Qt.Key.Key_Return)
    assert dialog.isVisible() and not rejected
    assert dialog.fields.first.text() == PASS
    # Valid: Enter creates.
    qtbot.keyClicks(dialog.fields.second, PASS)
    qtbot.keyClick(dialog.fields.second, Qt.Key.Key_Return)
    wait_state(qtbot, window, UNLOCKED)
    assert dialog.pages.currentIndex() == 1 and not rejected
    assert dialog.finish.isDefault()


def test_every_dialog_default_button_is_its_main_action(unlocked: MainWindow, qtbot) -> None:
    from wt26desk.ui.vault.change_passphrase_dialog import ChangePassphraseDialog

    dialog = ChangePassphraseDialog(unlocked.vault, unlocked)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    defaults = [b for b in dialog.findChildren(QPushButton) if b.isDefault()]
    assert defaults == [dialog.ok]


# 2. High contrast forms --------------------------------------------------------------------------
def _edge_colours(image: QImage) -> set[int]:
    w, h = image.width(), image.height()
    edge = [(x, y) for x in range(w) for y in (0, 1, 2, h - 3, h - 2, h - 1)]
    edge += [(x, y) for y in range(h) for x in (0, 1, 2, w - 3, w - 2, w - 1)]
    return {image.pixel(x, y) for x, y in edge}


def _bright(pixels: set[int], threshold: int = 160) -> bool:
    return any(QColor(p).lightness() >= threshold for p in pixels)


def test_high_contrast_forms_have_visible_boxes(theme, qtbot: QtBot) -> None:
    theme("high-contrast")
    holder = QWidget()
    qtbot.addWidget(holder)
    field = QLineEdit(holder)
    field.setGeometry(10, 10, 200, 30)
    box = QCheckBox("Tick me", holder)
    box.setGeometry(10, 60, 200, 30)
    button = QPushButton("Press", holder)
    button.setGeometry(10, 110, 120, 34)
    holder.resize(240, 160)
    holder.show()
    qtbot.waitExposed(holder)
    shot(holder, "hc-form-controls")
    assert _bright(_edge_colours(field.grab().toImage())), "the text field has no border"
    assert _bright(_edge_colours(button.grab().toImage())), "the button has no outline"
    # The box of an unticked check box is drawn (not just its label).
    image = box.grab().toImage()
    indicator = image.copy(0, 0, image.height(), image.height())
    assert _bright(colours(indicator)), "the check box has no visible box"


@pytest.mark.parametrize("name", ["light", "dark", "high-contrast"])
def test_placeholder_does_not_look_like_typed_text(theme, name: str) -> None:
    theme(name)
    palette = QApplication.palette()
    text = palette.color(QPalette.ColorRole.Text)
    placeholder = palette.color(QPalette.ColorRole.PlaceholderText)
    base = palette.color(QPalette.ColorRole.Base)
    assert contrast(placeholder, base) >= 4.5  # still readable
    assert contrast(text, placeholder) >= 1.6  # but plainly not typed data


# 3. Disabled looks disabled ----------------------------------------------------------------------
@pytest.mark.parametrize("name", ["light", "dark", "high-contrast"])
def test_disabled_colours_differ_from_enabled(theme, name: str) -> None:
    theme(name)
    palette = QApplication.palette()
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        active = palette.color(QPalette.ColorGroup.Active, role)
        disabled = palette.color(QPalette.ColorGroup.Disabled, role)
        assert contrast(active, disabled) >= 1.8, (name, role)


def test_no_vault_actions_are_disabled_and_look_it(make_window, qtbot: QtBot) -> None:
    window = make_window()
    assert window.vault.state == MISSING
    for action in (
        window.records.new_action,
        window.vault_actions.lock,
        window.vault_actions.unlock,
    ):
        assert not action.isEnabled(), action.text()
    button = window.toolbar.widgetForAction(window.records.new_action)
    disabled = button.grab().toImage()
    window.records.new_action.setEnabled(True)
    enabled = button.grab().toImage()
    window.records.new_action.setEnabled(False)
    assert disabled != enabled


# 4. Zoom applies live to every widget, and layouts reflow ----------------------------------------
@pytest.mark.parametrize("percent", [200, 300])
def test_zoom_applies_live_and_keeps_lock_and_hide_on_screen(
    unlocked: MainWindow, qtbot: QtBot, percent: int
) -> None:
    window = unlocked
    window.resize(1280, 900)
    base = window.records.records_page.search.font().pointSizeF()
    window._change(zoom_percent=percent)
    qtbot.wait(50)
    for widget in (
        window.records.records_page.search,
        window.records.records_page.table,
        window.lock_page.title,
        window.toolbar.widgetForAction(window.records.new_action),
    ):
        assert widget.font().pointSizeF() >= base * percent / 100 * 0.95, widget
    for action in (window.records.hide_action, window.vault_actions.lock):
        button = next(
            (
                b
                for b in window.findChildren(QWidget)
                if b.isVisible() and getattr(b, "defaultAction", lambda: None)() is action
            ),
            None,
        )
        assert button is not None, f"{action.text()} is not on screen"
        corner = button.mapTo(window, QPoint(button.width(), button.height()))
        assert corner.x() <= window.width(), action.text()
    # The table's headings are not cut ("Statu").
    table = window.records.records_page.table
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    for column in range(table.columnCount()):
        title = table.horizontalHeaderItem(column).text()
        assert header.sectionSize(column) >= metrics.horizontalAdvance(title), title
    shot(window, f"zoom-{percent}-records")


def test_zoom_300_guidance_panel_is_readable(unlocked: MainWindow, qtbot: QtBot) -> None:
    window = unlocked
    window.resize(1280, 900)
    window._change(zoom_percent=300)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    editor = window.records.editor
    qtbot.wait(50)
    panel = editor.panel
    assert panel.font().pointSizeF() >= window.lock_page.font().pointSizeF() * 0.95
    assert panel.viewport().width() >= panel.fontMetrics().averageCharWidth() * 18
    shot(window, "zoom-300-editor")


# 5. The export preview shows the body map --------------------------------------------------------
def test_export_preview_shows_the_body_map(unlocked: MainWindow, qtbot: QtBot) -> None:
    window = unlocked
    store = window.records.store
    assert store is not None
    record = ConcernRecord(
        event_date="2026-11-20",
        facts="Bruise on the left arm.",
        children=[Child(name="Leah Stone", age_years=9)],
        marks=[Mark(x=0.3, y=0.4, view="front", location="left arm")],
    )
    store.save(record)
    window.records.dialogs = ScriptedDialogs()  # type: ignore[assignment]
    dialog = window.records.export_record(record.id)
    assert dialog is not None
    document = dialog.preview.document()
    names = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fmt = iterator.fragment().charFormat()
            if fmt.isImageFormat():
                names.append(fmt.toImageFormat().name())
            iterator += 1
        block = block.next()
    assert names, "the preview has no picture"
    for name in names:
        image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
        assert isinstance(image, QImage) and not image.isNull(), name
    shot(dialog, "export-preview-body-map")
    dialog.close()


# 6. Shortcuts work from a text field -------------------------------------------------------------
class GreedyField(QPlainTextEdit):
    """A text field that claims every Ctrl, Alt and function key, as Qt's text fields do
    for their own bindings under X11 (Ctrl+E is "end of line" there; the offscreen
    platform these tests run on has fewer bindings, so the claim is made explicit)."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if event.modifiers() & (CTRL | Qt.KeyboardModifier.AltModifier) or (
                Qt.Key.Key_F1 <= event.key() <= Qt.Key.Key_F12
            ):
                event.accept()
                return True
        return super().event(event)


def test_ctrl_e_exports_from_a_text_field(unlocked: MainWindow, qtbot: QtBot) -> None:
    window = unlocked
    store = window.records.store
    assert store is not None
    record = ConcernRecord(event_date="2026-11-20", facts="Bruise on the left arm.")
    store.save(record)
    window.records.dialogs = ScriptedDialogs()  # type: ignore[assignment]
    window.records.open_record(store.get(record.id))
    editor = window.records.editor
    field = GreedyField()
    editor.steps["what-happened"].column.addWidget(field)
    editor.go_to_field("facts")
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: bool(window.records._windows), timeout=5000)
    window.records._windows[-1].close()


def test_no_window_shortcut_is_swallowed_by_a_text_field(
    unlocked: MainWindow, qtbot: QtBot
) -> None:
    window = unlocked
    fields = [GreedyField(window), QLineEdit(window)]
    checked = 0
    for action in window.findChildren(type(window.records.new_action)):
        sequence = action.shortcut()
        if sequence.isEmpty():
            continue
        combo = sequence[0]
        for field in fields:
            field.show()
            field.setFocus()  # Qt asks the focus widget, and only it
            qtbot.waitUntil(field.hasFocus)
            event = QKeyEvent(QEvent.Type.ShortcutOverride, combo.key(), combo.keyboardModifiers())
            event.ignore()
            QApplication.sendEvent(field, event)
            assert not event.isAccepted(), (
                f"{sequence.toString(QKeySequence.SequenceFormat.PortableText)} "
                f"({action.text()}) is taken by a {type(field).__name__}"
            )
            checked += 1
    assert checked >= 20


def test_the_shortcut_guard_watches_only_the_focus_widget(
    unlocked: MainWindow, qtbot: QtBot
) -> None:
    """No application-wide filter (a Python call for every event of every object): the
    guard follows the focus, and a field that had it and lost it is left alone."""
    window = unlocked
    first, second = GreedyField(window), GreedyField(window)
    save = window.records.new_action.shortcut()[0]
    for field in (first, second):
        field.show()
    first.setFocus()
    qtbot.waitUntil(first.hasFocus)
    second.setFocus()
    qtbot.waitUntil(second.hasFocus)
    for field, refused in ((second, True), (first, False)):
        event = QKeyEvent(QEvent.Type.ShortcutOverride, save.key(), save.keyboardModifiers())
        event.ignore()
        QApplication.sendEvent(field, event)
        # The focus widget's claim is refused; the other field (no focus, so Qt would
        # never ask it) makes its own claim, unwatched.
        assert event.isAccepted() is not refused
