"""A text pane that shows our own HTML and never fetches anything or follows a link."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QTextBrowser, QWidget

from wt26desk.ui.theme import document_css


class ReadOnlyBrowser(QTextBrowser):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName(name)

    def show_html(self, html: str) -> None:
        self.document().setDefaultStyleSheet(document_css(self.palette()))
        self.setHtml(html)

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        return None
