"""Toolbar icons (issue 17, "a visual identity"): every main toolbar action has an icon
from the one vendored set with its words kept beside it, drawn in the theme's button text
colour (high contrast included), muted when disabled, and as tall as the zoomed text."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QToolBar, QToolButton

from wt26desk.ui.common.theme import TOKENS
from wt26desk.ui.main_window import MainWindow


def buttons(window: MainWindow) -> list[tuple[QToolBar, QToolButton]]:
    found = []
    for bar in (window.toolbar, window.safety_toolbar):
        for action in bar.actions():
            if not action.isSeparator():
                button = bar.widgetForAction(action)
                assert isinstance(button, QToolButton)
                found.append((bar, button))
    return found


def colours(icon: QIcon, mode: QIcon.Mode = QIcon.Mode.Normal, side: int = 32) -> set[str]:
    """The opaque colours an icon is drawn in (the strokes' centres, not their edges)."""
    image = icon.pixmap(QSize(side, side), mode).toImage()
    return {
        image.pixelColor(x, y).name()
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() == 255
    }


def test_each_toolbar_action_has_an_icon_and_keeps_its_words(make_window, qtbot: QtBot) -> None:
    window: MainWindow = make_window()
    found = buttons(window)
    words = [button.text().replace("&", "") for _bar, button in found]
    assert words == [
        "Back", "Forward", "Home", "Search", "Guidance", "Records", "New concern",
        "Hide screen", "Lock",
    ]  # fmt: skip
    for bar, button in found:
        assert bar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        assert not button.icon().isNull(), button.text()
        assert colours(button.icon()), f"{button.text()} has an empty icon"
        assert not button.defaultAction().isIconVisibleInMenu()  # menus keep words only
    # One set: each icon is different.
    drawn = {button.icon().pixmap(QSize(32, 32)).toImage().bits().tobytes() for _b, button in found}
    assert len(drawn) == len(found)


def test_icons_follow_the_theme_and_the_state(make_window, qtbot: QtBot) -> None:
    window: MainWindow = make_window()
    home = window.home_action.icon()
    for theme in ("light", "dark", "high-contrast"):
        window.set_theme(theme)
        assert colours(home) == {QColor(TOKENS[theme]["text"]).name()}, theme
        muted = colours(home, QIcon.Mode.Disabled)
        assert muted == {QColor(TOKENS[theme]["off"]).name()}, theme
    assert colours(home) == {"#ffffff"}  # white strokes on black in high contrast


def test_icons_grow_with_the_zoom_and_stay_sharp(make_window, qtbot: QtBot) -> None:
    window: MainWindow = make_window()
    bar = window.toolbar
    before = bar.iconSize().height()
    assert before == bar.fontMetrics().height()
    window._change(zoom_percent=200)
    qtbot.waitUntil(lambda: bar.iconSize().height() >= before * 1.8)
    assert bar.iconSize().height() == bar.fontMetrics().height()
    assert window.safety_toolbar.iconSize() == bar.iconSize()
    # Drawn at the size asked for, at any pixel ratio: strokes, not a stretched bitmap.
    icon = window.vault_actions.lock.icon()
    for side in (16, 48, 96):
        image = icon.pixmap(QSize(side, side)).toImage()
        assert image.width() == side
        opaque = sum(
            image.pixelColor(x, y).alpha() == 255 for x in range(side) for y in range(side)
        )
        assert opaque >= side  # strokes at least a pixel wide all round
    window._change(zoom_percent=100)


def test_the_icons_strokes_are_those_of_their_files() -> None:
    """tools/icon_shapes.py wrote them from the vendored files: run it again when an icon
    is added or changed."""
    from wt26desk.assets import resource_path
    from wt26desk.ui.common.icon_shapes import ICON_SHAPES
    from wt26desk.vector import read_svg

    files = sorted(resource_path("icons/lucide").glob("*.svg"))
    assert sorted(ICON_SHAPES) == [file.stem for file in files]
    for file in files:
        assert ICON_SHAPES[file.stem] == read_svg(file.read_text(encoding="utf-8")), file.name
