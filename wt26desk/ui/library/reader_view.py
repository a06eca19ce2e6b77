"""The reading pane: renders an item or overview and reports link clicks."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from wt26desk.content_library.render import SCHEME, Renderer
from wt26desk.ui.common.theme import document_css


class ReaderView(QTextBrowser):
    """Shows pages; `link_activated(target)` fires for `wt26:` links."""

    link_activated = Signal(str)

    def __init__(self, renderer: Renderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._renderer = renderer
        self.setOpenLinks(False)  # we navigate; Qt must never open a URL itself
        self.setOpenExternalLinks(False)
        self.setAccessibleName("Guidance text")
        self.setAccessibleDescription("The selected standard, harm area or page")
        self.anchorClicked.connect(self._on_anchor)
        self.current_target: str | None = None

    def show_target(self, target: str, highlight: Iterable[str] = ()) -> bool:
        page = self._renderer.page_html(target, highlight)
        if page is None:
            return False
        self.document().setDefaultStyleSheet(document_css(self.palette()))
        self.setHtml(page)
        self.current_target = target
        self.setAccessibleDescription(self._renderer.title_of(target))
        return True

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "current_target"):
            # a new theme: the page again, its links in the theme's colours
            self.refresh_style()

    def refresh_style(self) -> None:
        if self.current_target:
            self.show_target(self.current_target)

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        # Content may not pull in files or images from disk or anywhere else.
        return None

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == SCHEME:
            self.link_activated.emit(url.path())
