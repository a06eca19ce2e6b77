"""Running a scenario with the room: each step brings new information; the room decides
which standards and harm areas apply and what to record and do; then the app shows the
guided prompts it would give for what has been written, the answer and the reasoning."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from wt26desk.content_library.library import Library
from wt26desk.content_library.models import SETTINGS, Scenario
from wt26desk.content_library.render import SCHEME
from wt26desk.prompts.present import guidance_html
from wt26desk.training.scenario_run import Comparison, ScenarioRun
from wt26desk.ui.common.keys import bind_steps
from wt26desk.ui.training.room_page import RoomPage

if TYPE_CHECKING:
    from wt26desk.prompts.engine import PromptEngine

ID = Qt.ItemDataRole.UserRole


def _checklist(name: str, entries: list[tuple[str, str]]) -> QListWidget:
    listing = QListWidget()
    listing.setAccessibleName(name)
    listing.setAccessibleDescription("Space ticks or unticks the highlighted entry")
    for item_id, text in entries:
        item = QListWidgetItem(text)
        item.setData(ID, item_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        listing.addItem(item)
    return listing


class ScenarioPage(RoomPage):
    open_guidance = Signal(str)  # an item id

    def __init__(
        self, library: Library, engine: Callable[[], PromptEngine], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.engine = engine
        self.run: ScenarioRun | None = None

        self.chooser = QComboBox()
        self.chooser.setAccessibleName("Scenario")
        for scenario in library.scenarios:
            self.chooser.addItem(f"{scenario.title} ({SETTINGS[scenario.setting]})", scenario.id)
        chooser_label = QLabel("&Scenario")
        chooser_label.setBuddy(self.chooser)
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.about.setAccessibleName("About this scenario")
        self.position = QLabel()
        self.position.setAccessibleName("Step")
        self.arrives = QLabel()
        self.arrives.setWordWrap(True)
        self.arrives.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.arrives.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.arrives.setAccessibleName("What happens")
        self.questions = QLabel()
        self.questions.setWordWrap(True)
        self.questions.setTextFormat(Qt.TextFormat.RichText)
        self.questions.setAccessibleName("Questions for the room")

        self.standards = _checklist(
            "Standards the room thinks apply",
            [(s.id, f"{s.id}: {s.title}") for s in library.standards],
        )
        standards_label = QLabel("Which standar&ds apply?")
        standards_label.setBuddy(self.standards)
        self.areas = _checklist(
            "Harm areas the room thinks apply", [(h.id, h.title) for h in library.harm_areas]
        )
        areas_label = QLabel("Which harm ar&eas?")
        areas_label.setBuddy(self.areas)
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("What the room would record and do next")
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(
            "What would you write down, who would you tell, and by when? "
            "(Kept only while this scenario is open.)"
        )
        self.notes.setMaximumHeight(self.notes.fontMetrics().lineSpacing() * 6 + 12)
        notes_label = QLabel("What would you rec&ord and do next?")
        notes_label.setBuddy(self.notes)

        self.check_button = QPushButton("&Check our answer")
        self.check_button.setToolTip("Show the answer and the app's prompts (Ctrl+Return)")
        self.previous_button = QPushButton("&Previous step")
        self.previous_button.setToolTip("Ctrl+Page Up")
        self.next_button = QPushButton("&Next step")
        self.next_button.setToolTip("Ctrl+Page Down")
        self.answer = QTextBrowser()
        self.answer.setAccessibleName("The answer, the reasoning and the app's prompts")
        self.answer.setOpenLinks(False)
        self.answer.anchorClicked.connect(self._link)

        self.chooser.currentIndexChanged.connect(self._start)
        self.check_button.clicked.connect(self.reveal)
        self.previous_button.clicked.connect(lambda: self.go(-1))
        self.next_button.clicked.connect(lambda: self.go(+1))
        bind_steps(self, self.reveal, self.go)

        top = QHBoxLayout()
        top.addWidget(chooser_label)
        top.addWidget(self.chooser, 1)
        story = QVBoxLayout()
        story.addLayout(top)
        story.addWidget(self.about)
        story.addWidget(self.position)
        story.addWidget(self.arrives)
        story.addWidget(self.questions)
        decide = QGridLayout()
        decide.addWidget(standards_label, 0, 0)
        decide.addWidget(areas_label, 0, 1)
        decide.addWidget(self.standards, 1, 0)
        decide.addWidget(self.areas, 1, 1)
        decide.addWidget(notes_label, 2, 0, 1, 2)
        decide.addWidget(self.notes, 3, 0, 1, 2)
        buttons = QHBoxLayout()
        for button in (self.previous_button, self.check_button, self.next_button):
            buttons.addWidget(button)
        decide.addLayout(buttons, 4, 0, 1, 2)
        decide.setRowStretch(1, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(story)
        left_layout.addLayout(decide, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.answer)
        splitter.setSizes([700, 500])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        if library.scenarios:
            self._start(0)

    # Running ---------------------------------------------------------------------------------
    def choose(self, scenario_id: str) -> None:
        index = self.chooser.findData(scenario_id)
        if index >= 0:
            if index == self.chooser.currentIndex():
                self._start(index)
            self.chooser.setCurrentIndex(index)

    def _start(self, index: int) -> None:
        item = self.library.get(self.chooser.itemData(index) or "")
        if not isinstance(item, Scenario):
            return
        self.run = ScenarioRun(item)
        self.about.setText(f"{item.summary} Child: {item.child}. All names are fictional.")
        self._show_step()

    def _ticked(self, listing: QListWidget) -> set[str]:
        return {
            listing.item(n).data(ID)
            for n in range(listing.count())
            if listing.item(n).checkState() == Qt.CheckState.Checked
        }

    def _set_ticks(self, listing: QListWidget, wanted: set[str]) -> None:
        for n in range(listing.count()):
            item = listing.item(n)
            state = Qt.CheckState.Checked if item.data(ID) in wanted else Qt.CheckState.Unchecked
            item.setCheckState(state)

    def _keep_answer(self) -> None:
        if self.run is not None:
            answer = self.run.answer
            answer.standards = self._ticked(self.standards)
            answer.harm_areas = self._ticked(self.areas)
            answer.notes = self.notes.toPlainText()

    def go(self, delta: int) -> None:
        if self.run is None:
            return
        self._keep_answer()
        self.run.go(self.run.index + delta)
        self._show_step()

    def _show_step(self) -> None:
        run = self.run
        if run is None:
            return
        step = run.step
        count = len(run.scenario.steps)
        self.position.setText(f"Step {run.index + 1} of {count}: {step.title}")
        self.arrives.setText(step.arrives)
        asks = "".join(f"<li>{html.escape(q)}</li>" for q in step.ask)
        self.questions.setText(f"<b>For the room</b><ul>{asks}</ul>")
        self._set_ticks(self.standards, run.answer.standards)
        self._set_ticks(self.areas, run.answer.harm_areas)
        self.notes.setPlainText(run.answer.notes)
        self.previous_button.setEnabled(run.index > 0)
        self.next_button.setEnabled(not run.is_last)
        if run.answer.revealed:
            self.reveal()
        else:
            self.answer.setHtml(
                "<h2>Decide first</h2><p>Tick the standards and harm areas the room thinks "
                "apply and note what you would record and do. Then choose <b>Check our "
                "answer</b> (Ctrl+Return).</p>"
            )

    def reveal(self) -> None:
        run = self.run
        if run is None:
            return
        self._keep_answer()
        standards, areas = run.reveal()
        step = run.step
        guidance = self.engine().guidance(run.concern())

        def names(ids: tuple[str, ...]) -> str:
            found = [self.library.get(i) for i in ids]
            links = [
                f'<a href="{SCHEME}:{html.escape(i.id)}">{html.escape(i.title)}</a>'
                for i in found
                if i is not None
            ]
            return ", ".join(links) or "none"

        def compared(what: str, result: Comparison) -> str:
            return (
                f"<h3>{what}: you agreed on {result.score}</h3><ul>"
                f"<li>Agreed: {names(result.agreed)}</li>"
                f"<li>Missed: {names(result.missed)}</li>"
                f"<li>Also chosen (discuss why): {names(result.extra)}</li></ul>"
            )

        def bullets(entries: tuple[str, ...]) -> str:
            return "<ul>" + "".join(f"<li>{html.escape(e)}</li>" for e in entries) + "</ul>"

        self.answer.setHtml(
            f"<h2>Step {run.index + 1}: the answer</h2>"
            + compared("Standards", standards)
            + compared("Harm areas", areas)
            + f"<h3>A good record holds</h3>{bullets(step.record)}"
            + f"<h3>What should happen next</h3>{bullets(step.next)}"
            + f"<h3>Why</h3><p>{html.escape(step.reasoning)}</p>"
            + "<hr><h2>What wt26desk would prompt</h2><p><i>From the facts written so far"
            + " in this scenario.</i></p>"
            + guidance_html(guidance, interactive=False)
        )

    def _link(self, url: QUrl) -> None:
        if url.scheme() == SCHEME:
            self.open_guidance.emit(url.toString().split(":", 1)[-1])

    # Read by a room: as large as the slides (36 px on a 1080-line screen) ---------------
    def room_widgets(self) -> list[QWidget]:
        return [self.arrives, self.questions]
