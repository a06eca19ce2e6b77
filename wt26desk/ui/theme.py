"""Colours and text size: follow the system (light or dark), or a chosen theme,
including a high-contrast one. Document styles derive from the palette, never fixed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

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
    QPalette.ColorRole.Link: "#8ab4f8",
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
    QPalette.ColorRole.Link: "#1a5fb4",
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
    QPalette.ColorRole.Link: "#00ffff",
    QPalette.ColorRole.ToolTipBase: "#000000",
    QPalette.ColorRole.ToolTipText: "#ffffff",
    QPalette.ColorRole.PlaceholderText: "#d0d0d0",
}
THEMES = {"light": _LIGHT, "dark": _DARK, "high-contrast": _HIGH_CONTRAST}


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, theme: str) -> None:
    """Set the palette: an explicit theme, or light/dark following the system."""
    chosen = theme if theme in THEMES else ("dark" if system_prefers_dark() else "light")
    palette = QPalette()
    for role, colour in THEMES[chosen].items():
        palette.setColor(role, QColor(colour))
    if chosen == "high-contrast":
        palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#c0c0c0"))
    app.setPalette(palette)
    app.setProperty("wt26_theme", chosen)


def focus_style_sheet(palette: QPalette, theme: str) -> str:
    """A visible focus ring on the panes and fields, thicker in high contrast. Applied to
    a window (not the application), so changing it repolishes only that window."""
    width = 3 if theme == "high-contrast" else 2
    focus = palette.color(QPalette.ColorRole.Highlight).name()
    return (
        "QLineEdit:focus, QTreeView:focus, QListView:focus, QTextBrowser:focus"
        f" {{ border: {width}px solid {focus}; }}"
    )


def apply_zoom(app: QApplication, base: QFont, percent: int) -> None:
    """Scale all text from the system's own font size (which already follows the
    system's text-scaling setting)."""
    font = QFont(base)
    size = base.pointSizeF() if base.pointSizeF() > 0 else 10.0
    font.setPointSizeF(max(6.0, size * percent / 100))
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
