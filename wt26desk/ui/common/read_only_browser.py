"""A text pane that shows our own HTML and never fetches anything or follows a link.
Pictures it shows are handed to it in memory (the export preview's body maps)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QTextBrowser, QWidget

from wt26desk.ui.common.theme import document_css


class ReadOnlyBrowser(QTextBrowser):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName(name)
        self._images: dict[str, QImage] = {}

    def show_html(self, html: str, images: Mapping[str, QImage] | None = None) -> None:
        self._images = dict(images or {})
        self.document().setDefaultStyleSheet(document_css(self.palette()))
        self.setHtml(html)

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        key = name.toString() if isinstance(name, QUrl) else str(name)
        return self._images.get(key)  # only what we were given: nothing is fetched
