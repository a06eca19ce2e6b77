"""Colours and text size: follow the system (light or dark), or a chosen theme,
including a high-contrast one. Document styles derive from the palette, never fixed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

_DARK = {
    QPalette.ColorRole.Window: "#202124",
    QPalette.ColorRole.WindowText: "#e8eaed",
    QPalette.ColorRole.Base: "#17181a",
    QPalette.ColorRole.AlternateBase: "#2a2b2e",
    QPalette.ColorRole.Text: "#e8eaed",
    QPalette.ColorRole.Button: "#2d2e31",
    QPalette.ColorRole.ButtonText: "#e8eaed",
    QPalette.ColorRole.Highlight: "#8ab4f8",
    QPalette.ColorRole.HighlightedText: "#000000",
    QPalette.ColorRole.Link: "#8ab4f8",  # 8.4:1 on the base, 7.6:1 on the window
    QPalette.ColorRole.LinkVisited: "#c58af9",  # 7.1:1 on the base
    QPalette.ColorRole.ToolTipBase: "#2d2e31",
    QPalette.ColorRole.ToolTipText: "#e8eaed",
    QPalette.ColorRole.PlaceholderText: "#9aa0a6",
}
_LIGHT = {
    QPalette.ColorRole.Window: "#f6f6f6",
    QPalette.ColorRole.WindowText: "#1f1f1f",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f0f0f0",
    QPalette.ColorRole.Text: "#1f1f1f",
    QPalette.ColorRole.Button: "#ececec",
    QPalette.ColorRole.ButtonText: "#1f1f1f",
    QPalette.ColorRole.Highlight: "#1a5fb4",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Link: "#1a5fb4",  # 6.3:1 on the base
    QPalette.ColorRole.LinkVisited: "#7b2fb0",  # 7.3:1 on the base
    QPalette.ColorRole.ToolTipBase: "#ffffdc",
    QPalette.ColorRole.ToolTipText: "#000000",
    QPalette.ColorRole.PlaceholderText: "#5f6368",
}
_HIGH_CONTRAST = {
    QPalette.ColorRole.Window: "#000000",
    QPalette.ColorRole.WindowText: "#ffffff",
    QPalette.ColorRole.Base: "#000000",
    QPalette.ColorRole.AlternateBase: "#1a1a1a",
    QPalette.ColorRole.Text: "#ffffff",
    QPalette.ColorRole.Button: "#000000",
    QPalette.ColorRole.ButtonText: "#ffffff",
    QPalette.ColorRole.Highlight: "#ffff00",
    QPalette.ColorRole.HighlightedText: "#000000",
    QPalette.ColorRole.Link: "#00ffff",  # 16.7:1 on black
    QPalette.ColorRole.LinkVisited: "#ff80ff",  # 9.8:1 on black
    QPalette.ColorRole.ToolTipBase: "#000000",
    QPalette.ColorRole.ToolTipText: "#ffffff",
    QPalette.ColorRole.PlaceholderText: "#a8a8a8",  # readable, yet plainly not typed data
}
THEMES = {"light": _LIGHT, "dark": _DARK, "high-contrast": _HIGH_CONTRAST}
# Disabled controls must look disabled: muted text in every theme (the palette's one set
# of colours otherwise applies to every state, and a dead button looks live).
_DISABLED = {"light": "#8c8c8c", "dark": "#80868b", "high-contrast": "#8c8c8c"}
_DISABLED_ROLES = (
    QPalette.ColorRole.WindowText,
    QPalette.ColorRole.Text,
    QPalette.ColorRole.ButtonText,
    QPalette.ColorRole.PlaceholderText,
)


# One style sheet for every theme, from a few tokens: outlines of fields, boxes and buttons
# at 3:1 or more against what is around them (WCAG 1.4.11), text at 4.5:1 or more, the
# same spacing (4 px steps) and corner radius everywhere; thicker lines in high contrast.
TOKENS = {
    "light": {
        "line": "#767676", "width": "1px", "off": "#c4c4c4", "button": "#f4f4f4",
        "text": "#1f1f1f", "hover": "#e6e6e6", "press": "#1a5fb4", "press_text": "#ffffff",
        "accent": "#1a5fb4", "tick": "check-white.png", "group": "#c8c8c8", "radius": "4px",
    },
    "dark": {
        "line": "#8a9099", "width": "1px", "off": "#4a4d52", "button": "#2d2e31",
        "text": "#e8eaed", "hover": "#3a3b3f", "press": "#8ab4f8", "press_text": "#000000",
        "accent": "#8ab4f8", "tick": "check-black.png", "group": "#3c4043", "radius": "4px",
    },
    "high-contrast": {
        "line": "#ffffff", "width": "2px", "off": "#8c8c8c", "button": "#000000",
        "text": "#ffffff", "hover": "#303030", "press": "#ffff00", "press_text": "#000000",
        "accent": "#ffff00", "tick": "check-black.png", "group": "#ffffff", "radius": "3px",
    },
}  # fmt: skip


def form_sheet(theme: str) -> str:
    """Fields, boxes and buttons drawn the same way in every theme: outlined, ticked boxes
    filled with the accent colour and a tick, disabled ones dashed and grey. Sizes in em
    follow the text size."""
    from wt26desk.assets import resource_path

    t = TOKENS[theme]
    tick = resource_path(f"icons/{t['tick']}").as_posix()
    line = f"{t['width']} solid {t['line']}"
    off = f"{t['width']} dashed {t['off']}"
    fields = (
        "QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox, "
        "QListView, QTreeView, QTableView, QTextBrowser"
    )
    disabled_fields = ", ".join(f"{f.strip()}:disabled" for f in fields.split(","))
    indicators = "QCheckBox::indicator, QListView::indicator, QTableView::indicator"
    checked = ", ".join(f"{i.strip()}:checked" for i in indicators.split(","))
    return f"""
    {fields} {{ border: {line}; border-radius: {t["radius"]}; }}
    {disabled_fields} {{ border: {off}; }}
    QComboBox, QLineEdit, QAbstractSpinBox {{ padding: 2px 4px; }}
    QPushButton, QToolButton {{
        border: {line}; border-radius: {t["radius"]}; padding: 4px 12px;
        background: {t["button"]}; color: {t["text"]}; }}
    QToolBar {{ spacing: 4px; padding: 2px; }}
    QToolBar QToolButton {{ padding: 3px 8px; }}
    QTabBar QToolButton, QToolButton#qt_toolbar_ext_button {{ padding: 0px; }}
    QPushButton:default {{ border: 2px solid {t["accent"]}; }}
    QPushButton:hover, QToolButton:hover {{ background: {t["hover"]}; }}
    QPushButton:pressed, QToolButton:pressed, QToolButton:checked {{
        background: {t["press"]}; color: {t["press_text"]}; }}
    QPushButton:disabled, QToolButton:disabled {{ border: {off}; color: {t["off"]}; }}
    QPushButton:flat {{ border: none; text-decoration: underline; color: {t["accent"]}; }}
    {indicators} {{
        width: 0.9em; height: 0.9em; border: {line}; border-radius: 2px; }}
    {checked} {{ background: {t["accent"]}; border-color: {t["accent"]}; image: url({tick}); }}
    QCheckBox::indicator:disabled {{ border: {off}; }}
    QGroupBox {{ border: 1px solid {t["group"]}; border-radius: {t["radius"]};
        margin-top: 1.2em; padding: 0.4em 4px 4px 4px; }}
    QGroupBox::title {{ subcontrol-origin: margin; left: 8px; padding: 0 4px; }}
    QProgressBar {{ border: {line}; border-radius: {t["radius"]}; }}
    QProgressBar::chunk {{ background: {t["accent"]}; }}
    """


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, theme: str) -> None:
    """Set the palette: an explicit theme, or light/dark following the system."""
    chosen = theme if theme in THEMES else ("dark" if system_prefers_dark() else "light")
    palette = QPalette()
    for role, colour in THEMES[chosen].items():
        palette.setColor(role, QColor(colour))
    for role in _DISABLED_ROLES:
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(_DISABLED[chosen]))
    app.setPalette(palette)
    sheet = form_sheet(chosen)
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)
    app.setProperty("wt26_theme", chosen)


SCALES = (125, 130, 150, 160)  # larger text for titles and read-aloud pages, in percent


def scale_text(widget: QWidget, percent: int, bold: bool = False) -> None:
    """Text `percent` of the current size, following every later zoom (an explicit
    QFont would stay at the size it had when it was set)."""
    assert percent in SCALES
    widget.setProperty("wt26scale", percent)
    if bold:
        widget.setProperty("wt26bold", True)


ROOM_PIXELS_AT_1080 = 36  # the slides' rule: 36 px body text on a 1080-line screen


def room_pixels(window_height: int) -> int:
    """Text a room reads off a projector, sized by the window's height as the slides are:
    36 px at 1080 lines, never under 18 px."""
    return max(18, round(window_height * ROOM_PIXELS_AT_1080 / 1080))


def size_for_room(widgets: list[QWidget], window_height: int) -> int:
    """Give `widgets` projector-sized text (a widget's own sheet: it follows the window's
    height, not the zoom, like the slides). Returns the pixel size."""
    pixels = room_pixels(window_height)
    sheet = f"font-size: {pixels}px;"
    for widget in widgets:
        if widget.styleSheet() != sheet:
            widget.setStyleSheet(sheet)
    return pixels


def focus_style_sheet(palette: QPalette, theme: str, point_size: float = 0.0) -> str:
    """A visible focus ring on the panes and fields, thicker in high contrast, and the
    larger text of titles at the current zoom. Applied to a window (not the application),
    so changing it repolishes only that window."""
    width = 3 if theme == "high-contrast" else 2
    focus = palette.color(QPalette.ColorRole.Highlight).name()
    size = point_size or QApplication.font().pointSizeF() or 10.0
    scales = "".join(
        f' *[wt26scale="{percent}"] {{ font-size: {size * percent / 100:.1f}pt; }}'
        for percent in SCALES
    )
    return (
        "QLineEdit:focus, QPlainTextEdit:focus, QTreeView:focus, QListView:focus,"
        " QTableView:focus, QTextBrowser:focus, QComboBox:focus, QAbstractSpinBox:focus"
        f" {{ border: {width}px solid {focus}; }}"
        ' *[wt26bold="true"] { font-weight: bold; }' + scales
    )


def base_font(app: QApplication) -> QFont:
    """The system's own font (before any zoom), kept on the application the first time."""
    kept = app.property("wt26_base_font")
    if isinstance(kept, QFont):
        return QFont(kept)
    font = QFont(app.font())
    app.setProperty("wt26_base_font", font)
    return QFont(font)


def apply_zoom(app: QApplication, base: QFont, percent: int) -> None:
    """Scale all text from the system's own font size (which already follows the
    system's text-scaling setting). Widgets under a style sheet take the new font only
    when they are polished again: the window does that by setting its own sheet again
    (MainWindow._apply_focus_style), which repolishes its widgets once. Setting the
    application's sheet again here as well cost four times as much for nothing more: Qt
    repolishes each widget once for every ancestor it has cached."""
    font = QFont(base)
    size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
    font.setPointSizeF(max(6.0, size * percent / 100))
    if font != app.font():
        app.setFont(font)


def document_css(palette: QPalette) -> str:
    link = palette.color(QPalette.ColorRole.Link).name()
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    mark_bg = "#ffff00" if base.lightness() > 128 else "#806000"
    mark_fg = "#000000" if base.lightness() > 128 else "#ffffff"
    muted = QColor(text)
    muted.setAlphaF(0.75)
    return f"""
    a {{ color: {link}; text-decoration: underline; }}
    h1 {{ font-size: x-large; margin-bottom: 4px; }}
    h2 {{ font-size: large; margin-top: 14px; margin-bottom: 4px; }}
    p.meta, p.origin, p.sources {{ color: {muted.name(QColor.NameFormat.HexArgb)}; }}
    p.summary {{ font-size: medium; font-weight: 600; }}
    span.hl {{ background-color: {mark_bg}; color: {mark_fg}; font-weight: bold; }}
    table.duty {{ border-color: {link}; border-style: solid; margin: 4px 0; }}
    div.addendum {{ border-left: 4px solid {link}; padding-left: 8px; }}
    th {{ text-align: left; padding-right: 12px; }}
    td {{ padding-right: 12px; }}
    """
