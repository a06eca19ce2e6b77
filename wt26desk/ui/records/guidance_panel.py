"""The side panel beside a record, in the order a practitioner needs it: what to do now
first (urgent items, what is still to record, due dates), then the harm areas with why,
then the standards for the step, one line each that opens on request (Enter or a click on
"more"). No wall of italics. Links open guidance, jump to a field, dismiss or restore a
prompt; the panel never takes the focus from typing."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from wt26desk.content_library.render import SCHEME
from wt26desk.prompts.engine import Guidance
from wt26desk.prompts.present import (
    care_and_dismissed_html,
    deadlines_html,
    harm_areas_html,
    missing_html,
    notices_and_urgent_html,
)
from wt26desk.ui.common.theme import document_css


def record_panel_html(guidance: Guidance, step_title: str, opened: set[str]) -> str:
    """The record's guidance: do now, harm areas, standards (one line each; `opened` ids
    show their why and question), then care prompts and what was dismissed."""
    parts = [
        notices_and_urgent_html(guidance),
        missing_html(guidance),
        deadlines_html(guidance),
        harm_areas_html(guidance),
    ]
    heading = f"Standards: {escape(step_title)}" if step_title else "Standards"
    parts.append(f"<h2>{heading}</h2><ul>")
    for standard in guidance.standards:
        line = (
            f'<a href="{SCHEME}:{escape(standard.id)}">{escape(standard.id)} '
            f"{escape(standard.title)}</a>"
        )
        if standard.id in opened:
            parts.append(
                f"<li>{line} ({escape(standard.why)})<br>Ask yourself: "
                f"{escape(standard.question)} "
                f'<a href="less:{escape(standard.id)}" title="Show less">less</a></li>'
            )
        else:
            parts.append(
                f'<li>{line} <a href="more:{escape(standard.id)}" '
                f'title="Why, and the question to ask yourself">more</a></li>'
            )
    parts.append("</ul>")
    parts.append(care_and_dismissed_html(guidance))
    return "".join(parts)


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
            "What to do now, harm areas with why, then the standards for this step (each "
            "opens with its link 'more'); updates as you type"
        )
        self.anchorClicked.connect(self._on_anchor)
        self.guidance: Guidance | None = None
        self._html = ""
        self._step = ""
        self.opened: set[str] = set()  # standards shown in full

    def show_guidance(self, guidance: Guidance, step_title: str) -> None:
        self.guidance = guidance
        if step_title != self._step:
            self.opened.clear()  # a new step: every standard one line again
        page = record_panel_html(guidance, step_title, self.opened)
        if page == self._html:
            return  # nothing changed: keep the reader's scroll position untouched
        self._html = page
        # The same step: keep the reader's place. A new step: start at the top.
        position = self.verticalScrollBar().value() if step_title == self._step else 0
        self._step = step_title
        self._render(position)

    def _render(self, position: int) -> None:
        self.document().setDefaultStyleSheet(
            document_css(self.palette()) + " div.urgent { border: 3px solid; padding: 6px; }"
        )
        self.setHtml(self._html)
        self.verticalScrollBar().setValue(position)

    def changeEvent(self, event: QEvent) -> None:
        """A new theme: the links and boxes take its colours (the page's style sheet was
        made from the palette it was shown in)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_html") and self._html:
            self._render(self.verticalScrollBar().value())

    def clear_guidance(self) -> None:
        self.guidance = None
        self._html = ""
        self._step = ""
        self.opened.clear()
        self.clear()

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        return None  # nothing is ever fetched

    def _on_anchor(self, url: QUrl) -> None:
        scheme, rest = url.scheme(), url.path()
        if scheme in ("more", "less"):
            (self.opened.add if scheme == "more" else self.opened.discard)(rest)
            if self.guidance is not None:
                self.show_guidance(self.guidance, self._step)
            return
        signal = {
            SCHEME: self.open_item,
            "field": self.go_to_field,
            "dismiss": self.dismiss,
            "restore": self.restore,
        }.get(scheme)
        if signal is not None:
            signal.emit(rest)
