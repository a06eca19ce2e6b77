"""The side panel beside a record: harm areas with why, standards for the step, what is
still missing, due dates and care prompts. Links open guidance, jump to a field, or
dismiss and restore a prompt; the panel never takes the focus from typing."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from wt26desk.prompts.engine import Guidance
from wt26desk.prompts.present import guidance_html
from wt26desk.ui.theme import document_css


class GuidancePanel(QTextBrowser):
    open_item = Signal(str)
    go_to_field = Signal(str)
    dismiss = Signal(str)
    restore = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName("Guidance for this record")
        self.setAccessibleDescription(
            "Harm areas, standards, what is still missing and due dates; updates as you type"
        )
        self.anchorClicked.connect(self._on_anchor)
        self.guidance: Guidance | None = None
        self._html = ""
        self._step = ""

    def show_guidance(self, guidance: Guidance, step_title: str) -> None:
        self.guidance = guidance
        page = guidance_html(guidance, step_title)
        if page == self._html:
            return  # nothing changed: keep the reader's scroll position untouched
        self._html = page
        # The same step: keep the reader's place. A new step: start at the top.
        position = self.verticalScrollBar().value() if step_title == self._step else 0
        self._step = step_title
        self.document().setDefaultStyleSheet(
            document_css(self.palette()) + " div.urgent { border: 3px solid; padding: 6px; }"
        )
        self.setHtml(page)
        self.verticalScrollBar().setValue(position)

    def clear_guidance(self) -> None:
        self.guidance = None
        self._html = ""
        self._step = ""
        self.clear()

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        return None  # nothing is ever fetched

    def _on_anchor(self, url: QUrl) -> None:
        scheme, rest = url.scheme(), url.path()
        signal = {
            "wt26": self.open_item,
            "field": self.go_to_field,
            "dismiss": self.dismiss,
            "restore": self.restore,
        }.get(scheme)
        if signal is not None:
            signal.emit(rest)
