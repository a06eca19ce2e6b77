"""A text pane that shows our own HTML and never fetches anything or follows a link.
Pictures it shows are handed to it in memory (the export preview's body maps)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QUrl
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
        self._html = ""

    def show_html(self, html: str, images: Mapping[str, QImage] | None = None) -> None:
        self._images = dict(images or {})
        self._html = html
        self.document().setDefaultStyleSheet(document_css(self.palette()))
        self.setHtml(html)

    def changeEvent(self, event: QEvent) -> None:
        """A new theme: the page again in its colours (links included)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_html") and self._html:
            position = self.verticalScrollBar().value()
            self.document().setDefaultStyleSheet(document_css(self.palette()))
            self.setHtml(self._html)
            self.verticalScrollBar().setValue(position)

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        key = name.toString() if isinstance(name, QUrl) else str(name)
        return self._images.get(key)  # only what we were given: nothing is fetched
