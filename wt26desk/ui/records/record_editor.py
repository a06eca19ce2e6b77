"""Recording a concern: the five steps on the left, live guidance on the right, and
encrypted drafts saved a few seconds after each edit (and at once before the vault
locks). Rules live in records/ and prompts/; this page shows them and forwards edits."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from wt26desk.content_library.library import Library
from wt26desk.deadlines.in_words import uk_date
from wt26desk.errors import Wt26Error
from wt26desk.prompts import quality
from wt26desk.prompts.engine import PromptEngine
from wt26desk.records.flow import STEP_FOCUS, STEPS, Problem, RecordingFlow, step_problems
from wt26desk.records.model import ConcernRecord, Dismissal
from wt26desk.records.store import RecordStore
from wt26desk.ui.common.theme import scale_text
from wt26desk.ui.records.guidance_panel import GuidancePanel
from wt26desk.ui.records.record_steps import (
    CheckStep,
    ChildrenStep,
    DecisionStep,
    InjuriesStep,
    StepPage,
    WhatHappenedStep,
)
from wt26desk.ui.records.step_tabs import StepTabs

GUIDANCE_DELAY_MS = 40  # after a pause in typing
DRAFT_DELAY_MS = 3_000  # encrypted autosave after the last edit
STATE_CHARS = 40  # room, in characters, for the draft state beside the buttons
QUALITY_FIELDS = ("facts", "analysis", "family_said", "wishes_feelings", "decision", "rationale")
# Which step shows each field the prompts and checks point at.
FIELD_STEPS = {
    "children": "children",
    "event_date": "what-happened",
    "event_time": "what-happened",
    "present": "what-happened",
    "facts": "what-happened",
    "child_words": "what-happened",
    "family_said": "what-happened",
    "wishes_feelings": "what-happened",
    "injuries": "injuries",
    "analysis": "decision",
    "categories": "decision",
    "decision": "decision",
    "rationale": "decision",
    "actions": "decision",
    "sign_off": "check",
}


class RecordEditor(QWidget):
    saved = Signal(str)  # a message for the status bar
    closed = Signal()
    open_item = Signal(str)

    def __init__(
        self,
        library: Library,
        engine: Callable[[], PromptEngine],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.engine = engine
        self.store: RecordStore | None = None
        self.record = ConcernRecord()
        self.flow = RecordingFlow(self.record)
        self.dirty = False

        self.heading = QLabel()
        self.heading.setAccessibleName("Record")
        scale_text(self.heading, 125, bold=True)
        self.heading.setWordWrap(True)  # large text: two lines, not a wider window
        self.draft_state = QLabel()
        self.draft_state.setAccessibleName("Draft status")
        self.draft_state.setWordWrap(True)
        self.draft_state.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.tabs = StepTabs(STEPS)  # titles shorten rather than clip at large text
        self.tabs.setAccessibleName("Steps")
        self.tabs.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        self.steps: dict[str, StepPage] = {
            "children": ChildrenStep(library),
            "what-happened": WhatHappenedStep(),
            "injuries": InjuriesStep(),
            "decision": DecisionStep(library),
            "check": CheckStep(),
        }
        self.stack = QStackedWidget()
        titles = dict(STEPS)
        for name, page in self.steps.items():
            page.setAccessibleName(f"Step: {titles[name]}")  # the scrolling page itself
            self.stack.addWidget(page)
            page.changed.connect(self._edited)
        check = self.steps["check"]
        assert isinstance(check, CheckStep)
        check.finding_activated.connect(self.go_to_words)

        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName("Problems")
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.problems.hide()  # shown when something stops the next step
        self.back_button = QPushButton("Previous step")
        self.back_button.setToolTip("Previous step (Ctrl+Page Up)")
        self.next_button = QPushButton("Next step")
        self.next_button.setToolTip("Next step (Ctrl+Page Down)")
        self.save_button = QPushButton("Save")
        self.save_button.setToolTip("Save a revision (Ctrl+S)")
        self.submit_button = QPushButton("Submit")
        self.submit_button.setToolTip("Check and submit the record (Ctrl+Return)")
        self.close_button = QPushButton("Close")
        self.close_button.setToolTip("Save and go back to the records (Ctrl+W)")
        buttons = QHBoxLayout()
        for button in (self.back_button, self.next_button):
            buttons.addWidget(button)
        buttons.addWidget(self.draft_state, 1)
        for button in (self.save_button, self.submit_button, self.close_button):
            buttons.addWidget(button)
        self.buttons = buttons
        # The draft's state goes on a line of its own above the buttons when it would be
        # squeezed between them (large text): never a column of one word a line.
        footer = QVBoxLayout()
        footer.addLayout(buttons)
        self.footer = footer

        self.panel = GuidancePanel()
        left = self._record_side = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.tabs)
        column.addWidget(self.stack, 1)
        column.addWidget(self.problems)
        column.addLayout(footer)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.guidance_timer = QTimer(self)
        self.guidance_timer.setSingleShot(True)
        self.guidance_timer.setInterval(GUIDANCE_DELAY_MS)
        self.guidance_timer.timeout.connect(self.update_guidance)
        self.draft_timer = QTimer(self)
        self.draft_timer.setSingleShot(True)
        self.draft_timer.setInterval(DRAFT_DELAY_MS)
        self.draft_timer.timeout.connect(self.save_draft)

        self.tabs.currentChanged.connect(self._tab_chosen)
        self.back_button.clicked.connect(self.previous_step)
        self.next_button.clicked.connect(self.next_step)
        self.save_button.clicked.connect(self.save)
        self.submit_button.clicked.connect(self.submit)
        self.close_button.clicked.connect(self.close_record)
        self.panel.open_item.connect(self.open_item)
        self.panel.go_to_field.connect(self.go_to_field)
        self.panel.dismiss.connect(self.dismiss)
        self.panel.restore.connect(self.restore)
        for keys, slot in (
            ("Ctrl+PgDown", self.next_step),
            ("Ctrl+PgUp", self.previous_step),
            ("Ctrl+S", self.save),
            ("Ctrl+Return", self.submit),
            ("Ctrl+W", self.close_record),
            ("F6", self.toggle_panel_focus),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # Layout --------------------------------------------------------------------------------
    def _reflow(self) -> None:
        """The guidance beside the record while both have room for a line of words, else
        below it (large text or a narrow window): never a column one letter wide."""
        chars = max(1, self.fontMetrics().averageCharWidth())
        side_by_side = self.width() >= chars * 95
        wanted = Qt.Orientation.Horizontal if side_by_side else Qt.Orientation.Vertical
        self.panel.setMinimumWidth(chars * 30 if side_by_side else 0)
        # Below the record: six lines of guidance, but never more than a quarter of the
        # editor's height (very large text in a small window), which the step needs more.
        lines = min(self.fontMetrics().lineSpacing() * 6, self.height() // 4)
        self.panel.setMinimumHeight(0 if side_by_side else lines)
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
            self.splitter.setSizes([3000, 2000] if side_by_side else [3000, 1000])
        self._fit_heading()
        self._place_draft_state()

    def _fit_heading(self) -> None:
        """The heading as tall as its wrapped lines: the splitter knows nothing of height
        for width, and squeezed it to a line and a half at 300% in a small window."""
        width = self._record_side.width() or self.heading.width()
        self.heading.setMinimumHeight(max(0, self.heading.heightForWidth(max(1, width))))

    def _place_draft_state(self) -> None:
        chars = max(1, self.fontMetrics().averageCharWidth())
        buttons = (
            self.back_button,
            self.next_button,
            self.save_button,
            self.submit_button,
            self.close_button,
        )
        taken = sum(b.sizeHint().width() + self.buttons.spacing() for b in buttons)
        own_row = self._record_side.width() - taken < chars * STATE_CHARS
        if own_row != (self.footer.indexOf(self.draft_state) >= 0):
            if own_row:
                self.buttons.removeWidget(self.draft_state)
                self.buttons.insertStretch(2, 1)
                self.footer.insertWidget(0, self.draft_state)
            else:
                self.footer.removeWidget(self.draft_state)
                self.buttons.takeAt(2)  # the stretch
                self.buttons.insertWidget(2, self.draft_state, 1)
        self._show_state()

    def _say_state(self, text: str) -> None:
        self.draft_state.setText(text)
        self._show_state()

    def _show_state(self) -> None:
        """On a row of its own the draft's state takes no room until it has something
        to say (at 300% an empty line cost the step a line of its fields)."""
        own_row = self.footer.indexOf(self.draft_state) >= 0
        self.draft_state.setVisible(bool(self.draft_state.text()) or not own_row)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._reflow()
            QTimer.singleShot(0, self, self._place_draft_state)  # the buttons' new size

    # Opening and closing ------------------------------------------------------------------
    def start(self, record: ConcernRecord, store: RecordStore, note: str = "") -> None:
        self.store = store
        self.record = record
        self.flow = RecordingFlow(record)
        for page in self.steps.values():
            page.load(record)
        self.dirty = False
        self._say_state(note)
        self._show_step()
        self._update_heading()
        self.update_guidance()

    def clear(self) -> None:
        """Drop the record from every widget (the vault is locking)."""
        self.guidance_timer.stop()
        self.draft_timer.stop()
        self.store = None
        self.record = ConcernRecord()
        self.flow = RecordingFlow(self.record)
        for page in self.steps.values():
            page.load(self.record)
        for widget in self.findChildren(QPlainTextEdit) + self.findChildren(QLineEdit):
            widget.clear()
            if isinstance(widget, QPlainTextEdit):
                widget.document().clearUndoRedoStacks()
        self.panel.clear_guidance()
        self.heading.clear()
        self._say_problems("")
        self.dirty = False

    @property
    def active(self) -> bool:
        return self.store is not None

    # Steps ---------------------------------------------------------------------------------
    def _show_step(self) -> None:
        self.tabs.blockSignals(True)
        self.tabs.setCurrentIndex(self.flow.index)
        self.tabs.blockSignals(False)
        self.tabs.fit()  # the current step's title, when the others say only numbers
        page = self.steps[self.flow.step]
        page.load(self.record)  # children may have changed: refresh names and lists
        self.stack.setCurrentWidget(page)
        last = self.flow.index == len(STEPS) - 1
        self.next_button.setEnabled(not last)
        self.back_button.setEnabled(self.flow.index > 0)
        self.submit_button.setDefault(last)
        if last:
            self._show_findings()
        self.update_guidance()

    def _tab_chosen(self, index: int) -> None:
        self.flow.index = index
        self._say_problems("")
        self._show_step()

    def next_step(self) -> None:
        problems = self.flow.next()
        self._show_problems(problems)
        if not problems:
            self._show_step()
            self._focus_first()

    def previous_step(self) -> None:
        self.flow.back()
        self._say_problems("")
        self._show_step()
        self._focus_first()

    def _focus_first(self) -> None:
        page = self.steps[self.flow.step]
        widget = next(
            (
                w
                for w in page.inner.findChildren(QWidget)
                if w.focusPolicy() & Qt.FocusPolicy.TabFocus
                and w.isEnabled()
                and w.isVisibleTo(page)
            ),
            None,
        )
        if widget is not None:
            widget.setFocus(Qt.FocusReason.TabFocusReason)

    def _say_problems(self, text: str) -> None:
        """What stops the next step, or nothing: hidden when empty, so that it leaves no
        gap above the buttons."""
        self.problems.setText(text)
        self.problems.setVisible(bool(text))

    def _show_problems(self, problems: list[Problem]) -> None:
        if not problems:
            self._say_problems("")
            return
        self._say_problems("To go on: " + " ".join(p.message for p in problems))
        self.go_to_field(problems[0].field.split("[")[0].split(".")[0])

    def go_to_field(self, name: str) -> None:
        step = FIELD_STEPS.get(name, self.flow.step)
        if step != self.flow.step:
            self.flow.go_to(step)
            self._show_step()
        page = self.steps[step]
        widget = page.field_widget(name)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            page.show_whole(widget)
            # Again once a step just shown is laid out (its labels may have moved above
            # their fields).
            QTimer.singleShot(0, page, lambda: page.show_whole(widget))

    def go_to_words(self, name: str, start: int, end: int) -> None:
        self.go_to_field(name)
        widget = self.steps[FIELD_STEPS.get(name, self.flow.step)].field_widget(name)
        if isinstance(widget, QPlainTextEdit) and end > start:
            cursor = widget.textCursor()
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            widget.setTextCursor(cursor)

    def toggle_panel_focus(self) -> None:
        if self.panel.hasFocus():
            self._focus_first()
        else:
            self.panel.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # Edits ---------------------------------------------------------------------------------
    def _edited(self) -> None:
        if not self.active:
            return
        self.dirty = True
        self._say_state("Changed")
        self.guidance_timer.start()
        self.draft_timer.start()
        self._update_heading()
        if self.problems.text() and not [
            p for step, _ in STEPS for p in step_problems(self.record, step)
        ]:
            self._say_problems("")  # put right: stop saying so
        if self.flow.step == "check":
            self._show_findings()

    def _update_heading(self) -> None:
        training = " (TRAINING - FICTIONAL)" if self.store and self.store.training else ""
        title = uk_date(self.record.title())  # "30 November 2026: Leah Stone"
        self.heading.setText(f"{title}: {self.record.status}{training}")
        self._fit_heading()

    def update_guidance(self) -> None:
        if not self.active:
            return
        guidance = self.engine().guidance(
            self.record.concern(), focus=STEP_FOCUS.get(self.flow.step, ())
        )
        self.panel.show_guidance(guidance, self.flow.title)
        decision = self.steps["decision"]
        assert isinstance(decision, DecisionStep)
        decision.suggest([area.id for area in guidance.harm_areas])

    def dismiss(self, prompt_id: str) -> None:
        if prompt_id not in {d.prompt for d in self.record.dismissed}:
            self.record.dismissed.append(
                Dismissal(prompt_id, datetime.now().isoformat(timespec="minutes"))
            )
            self._edited()
            self.update_guidance()

    def restore(self, prompt_id: str) -> None:
        self.record.dismissed = [d for d in self.record.dismissed if d.prompt != prompt_id]
        self._edited()
        self.update_guidance()

    def findings(self) -> list[quality.Finding]:
        fields = {name: getattr(self.record, name) for name in QUALITY_FIELDS}
        fields["child_words"] = "\n".join(q.text for q in self.record.quotes)
        return quality.check(
            fields,
            rationale=self.record.rationale,
            has_event_time=bool(self.record.event_time),
        )

    def _show_findings(self) -> None:
        check = self.steps["check"]
        assert isinstance(check, CheckStep)
        check.show_findings([(f.message, f.field, f.start, f.end) for f in self.findings()])

    # Saving --------------------------------------------------------------------------------
    def save_draft(self) -> None:
        if not (self.active and self.dirty) or self.store is None:
            return
        try:
            self.store.save_draft(self.record)
        except Wt26Error as exc:
            self._say_state(f"Draft NOT saved: {exc}")
            return
        self._say_state(f"Draft saved (encrypted) {datetime.now():%H:%M:%S}")

    def save(self) -> bool:
        if self.store is None:
            return False
        try:
            revision = self.store.save(self.record)
        except Wt26Error as exc:
            self._say_problems(f"Not saved: {exc} Your text is still here.")
            return False
        self.dirty = False
        self.draft_timer.stop()
        self._say_state(f"Saved: revision {revision}")
        self.saved.emit(f"Saved {self.record.title()} (revision {revision})")
        return True

    def submit(self) -> None:
        if not self.active:
            return
        problems = self.flow.submit()
        if problems:
            self._show_problems(problems)
            return
        if self.save():
            self._update_heading()
            check = self.steps["check"]
            check.load(self.record)
            self._say_problems("Submitted. Remember to tell the people in your actions.")

    def close_record(self) -> None:
        if self.dirty and not self.save():
            return
        self.clear()
        self.closed.emit()
