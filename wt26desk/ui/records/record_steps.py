"""The five pages of the recording flow. Each shows part of a ConcernRecord, writes edits
straight back into it, and says `changed`; they hold no rules (those are in records/)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wt26desk.content_library.library import Library
from wt26desk.records.body_map import figures, mark_words, outline_for_age
from wt26desk.records.model import (
    AGENCIES,
    ROLES,
    Action,
    Child,
    ConcernRecord,
    Mark,
    Person,
    Quote,
)
from wt26desk.ui.records.body_map_widget import BodyMap
from wt26desk.ui.records.forms import Field, Form, ListEditor, choices

MOBILITY = (
    (None, "Not asked or not a baby"),
    (False, "Not yet mobile (not rolling, crawling or pulling up)"),
    (True, "Mobile (rolls, crawls, pulls up or walks)"),
)
SEX = (("", "Not recorded"), ("female", "Female"), ("male", "Male"), ("other", "Other"))


LABEL_SHARE = 0.3  # of a step's width, at most, for the column of labels beside the fields


class StepPage(QScrollArea):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.inner = QWidget()
        self.column = QVBoxLayout(self.inner)
        self.setWidget(self.inner)
        self.record = ConcernRecord()
        self.fields: dict[str, QWidget] = {}

    def _form(self, fields: list[Field]) -> Form:
        form = Form(fields)
        form.changed.connect(lambda _name: self.changed.emit())
        self.fields.update(form.widgets)
        return form

    def _group(self, title: str, *widgets: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        for widget in widgets:
            layout.addWidget(widget)
        self.column.addWidget(box)
        return box

    def load(self, record: ConcernRecord) -> None:
        self.record = record

    def field_widget(self, name: str) -> QWidget | None:
        return self.fields.get(name)

    def show_whole(self, widget: QWidget) -> None:
        """Scroll the whole of `widget` into view where it fits (ensureWidgetVisible shows
        only a text field's cursor line: the first line of the facts, the rest cut off)."""
        inner = self.widget()
        room = self.viewport().height()
        if inner is None or widget.height() + 24 > room:
            self.ensureWidgetVisible(widget)
            return
        top = widget.mapTo(inner, QPoint(0, 0))
        half = widget.height() // 2
        self.ensureVisible(top.x(), top.y() + half, 0, half + 12)

    # One label column for the whole page, not one per group --------------------------------
    def align_labels(self) -> None:
        """Labels beside their fields in one column while that leaves the fields room
        (LABEL_SHARE of the page at most); else above them (large text, a narrow window),
        so that a text field keeps the page's whole width for its words."""
        forms = self.inner.findChildren(QFormLayout)
        labels = []
        for form in forms:
            for row in range(form.rowCount()):
                item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
                widget = item.widget() if item is not None else None
                if isinstance(widget, QLabel) and widget.text():
                    labels.append(widget)
        # Measured from the text, not the size hint: a label's hint is never less than its
        # minimum width, and is kept until its font changes, so after a zoom back to 100%
        # it still said the width the column had at 200%.
        width = max((natural_width(label) for label in labels), default=0)
        above = width > self.viewport().width() * LABEL_SHARE
        policy = (
            QFormLayout.RowWrapPolicy.WrapAllRows
            if above
            else QFormLayout.RowWrapPolicy.DontWrapRows
        )
        for form in forms:
            if form.rowWrapPolicy() != policy:
                form.setRowWrapPolicy(policy)
        for label in labels:
            label.setMinimumWidth(0 if above else width)
            label.setIndent(label.indent())  # forgets the kept hint (the old width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.isVisible():
            self.align_labels()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.align_labels()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.isVisible():
            # Once every label has the new size too: this page may hear of the zoom
            # before its labels do, and a column measured on the old text stays that wide
            # (570 px after going back from 200%).
            QTimer.singleShot(0, self, self.align_labels)


def natural_width(label: QLabel) -> int:
    """The width a one-line label needs for its text at its present font."""
    margins = label.contentsMargins()
    text = label.fontMetrics().size(Qt.TextFlag.TextShowMnemonic, label.text()).width()
    return text + margins.left() + margins.right() + 2 * label.margin() + 2


def child_label(child: Child) -> str:
    return f"{child.label()} ({child.role})"


def context_choices(library: Library | None, field: str) -> tuple[tuple[object, str], ...]:
    """A child's context field's values from content (never required; issue 19)."""
    found = library.choices_for(field) if library is not None else ()
    return (("", "Not recorded"), *found)


class ChildrenStep(StepPage):
    def __init__(self, library: Library | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.children_editor = ListEditor(
            "child",
            [
                Field("name", "&Name", placeholder="Full name, if known"),
                Field("name_unknown", "Name not &known", "check"),
                Field("unborn", "&Unborn baby", "check"),
                Field("expected_date", "Expected &birth date", "date"),
                Field("date_of_birth", "Date &of birth", "date"),
                Field("age_years", "Age in &years", "number", help="If the date is not known"),
                Field("mobile", "&Mobility (babies)", "choice", MOBILITY),
                Field("sex", "Se&x", "choice", SEX),
                Field(
                    "role",
                    "&Role in this record",
                    "choice",
                    choices(*ROLES),
                    help="Set for each child on their own: it never copies to the others",
                ),
                Field("setting", "School or se&tting"),
                Field(
                    "send",
                    "S&END",
                    help='Special educational needs and disabilities: write "none" if the '
                    "child has none (a blank field means not recorded)",
                ),
                Field("communication", "&Communication needs"),
                Field("language", "&Language"),
                Field("interpreter", "&Interpreter needed", "check"),
                Field(
                    "ethnicity",
                    "Ethnicity",  # every letter of it is taken on this page
                    "choice",
                    context_choices(library, "ethnicity"),
                    help="As the child or family describe it (school census categories)",
                ),
                Field(
                    "care_status", "Care statu&s", "choice", context_choices(library, "care_status")
                ),
            ],
            Child,
            child_label,
            "A&dd child",
        )
        self.children_editor.changed.connect(self.changed)
        self.children_editor.fit_fields = self._fit_child_fields
        self.fields.update(self.children_editor.form.widgets)
        self.fields["children"] = self.children_editor.add_button
        hint = QLabel(
            "Add each child on their own, including an unborn baby. A name is not needed "
            "if you do not know it."
        )
        hint.setWordWrap(True)
        self._group("Children", hint, self.children_editor)
        self.people_editor = ListEditor(
            "person",
            [
                Field("name", "Full name"),
                Field("relationship", "Relationship to the child"),
                Field("notes", "Notes"),
            ],
            Person,
            lambda p: f"{p.name or 'Unnamed'} ({p.relationship or 'relationship not given'})",
            "Add adult or other &person",
        )
        self.people_editor.changed.connect(self.changed)
        self._group("Adults and other children around them", self.people_editor)
        self.column.addStretch(1)

    def _fit_child_fields(self, child: Child | None) -> None:
        """Only the fields that fit this child: an expected birth date for an unborn baby,
        mobility for a baby under two, a date of birth and age for a child born."""
        form = self.children_editor.form
        if child is None:
            return
        months = child.age_months(date.today())
        baby = child.unborn or (months is not None and months < 24)
        form.show_field("expected_date", child.unborn)
        form.show_field("date_of_birth", not child.unborn)
        form.show_field("age_years", not child.unborn)
        form.show_field("mobile", baby and not child.unborn)

    def load(self, record: ConcernRecord) -> None:
        super().load(record)
        self.children_editor.set_items(record.children)
        self.people_editor.set_items(record.people)


class WhatHappenedStep(StepPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.when = self._form(
            [
                Field("event_date", "&Date it happened", "date"),
                Field("event_time", "&Time", placeholder="for example 10:40"),
                Field("place", "P&lace"),
                Field("reporter_name", "&Reported by"),
                Field("reporter_role", "Reporter's r&ole"),
                Field(
                    "present", "Who was &present", placeholder="Full names and roles, with commas"
                ),
            ]
        )
        self._group("When and where", self.when)
        self.facts = self._form(
            [
                Field(
                    "facts",
                    "What you &saw and heard",
                    "text",
                    placeholder="Facts only: what you saw and heard, in order",
                    lines=8,
                )
            ]
        )
        self._group("Facts", self.facts)
        self.quotes = ListEditor(
            "quote",
            [
                Field(
                    "text", "E&xact words", "text", lines=2, help="Verbatim, as the child said it"
                ),
                Field("asked", "&Question asked just before", placeholder="if any"),
                Field("child_id", "Sa&id by", "choice", (("", "Not recorded"),)),
            ],
            Quote,
            lambda q: f"“{q.text[:60]}”" if q.text else "(empty)",
            "Add the &child's own words",
        )
        self.quotes.changed.connect(self.changed)
        self.fields["child_words"] = self.quotes.add_button
        self.fields["quotes"] = self.quotes.add_button
        self._group("The child's own words (verbatim)", self.quotes)
        self.views = self._form(
            [
                Field("wishes_feelings", "Child's wishes and f&eelings", "text", lines=3),
                Field("family_said", "What the famil&y said", "text", lines=3),
                Field("strengths", "Family stre&ngths", "text", lines=3),
            ]
        )
        self._group("Views and strengths", self.views)
        self.column.addStretch(1)

    def load(self, record: ConcernRecord) -> None:
        super().load(record)
        self.when.load(record)
        self.facts.load(record)
        self.views.load(record)
        options = (("", "Not recorded"), *((c.id, c.label()) for c in record.children))
        self.quotes.form.fields["child_id"] = Field(
            "child_id", "Sa&id by", "choice", tuple(options)
        )
        combo = self.quotes.form.widgets["child_id"]
        assert isinstance(combo, QComboBox)
        combo.blockSignals(True)
        combo.clear()
        for value, label in options:
            combo.addItem(label, value)
        combo.blockSignals(False)
        self.quotes.set_items(record.quotes)


class InjuriesStep(StepPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.child_choice = QComboBox()
        self.child_choice.setAccessibleName("Whose body map")
        self.outline_choice = QComboBox()
        for outline in figures().values():
            self.outline_choice.addItem(outline.label, outline.name)
        self.outline_choice.setAccessibleName("Figure")
        self.outline_choice.setAccessibleDescription(
            "Chosen from the child's age; change it if another fits the child better"
        )
        controls = QFormLayout()
        for text, widget in (("&Child:", self.child_choice), ("Figu&re:", self.outline_choice)):
            label = QLabel(text)
            label.setBuddy(widget)
            controls.addRow(label, widget)
        self.map = BodyMap()
        self.fields["injuries"] = self.map
        hint = QLabel(
            "Click the figure, or use the arrow keys and Enter, to mark each injury; drag a "
            "mark or use Ctrl and the arrow keys to move it. R and L are the child's right "
            "and left. Then describe each mark: size, shape, colour and exact place. If you "
            "saw no injuries, leave this page empty."
        )
        hint.setWordWrap(True)
        self.marks = ListEditor(
            "mark",
            [
                Field("size", "&Size", placeholder="for example 2 cm by 1 cm"),
                Field("shape", "Sha&pe", placeholder="round, linear, pattern of an object"),
                Field("colour", "Colo&ur"),
                Field("location", "Exact &location"),
                Field("notes", "No&tes", "text", lines=2),
            ],
            Mark,
            lambda m: (
                mark_words(self._number(m), m)
                + ("" if (m.size or m.shape or m.colour) else "; details still to add")
            ),
            "",
        )
        self.marks.add_button.hide()
        self.marks.changed.connect(self._marks_changed)
        left = QVBoxLayout()
        left.addLayout(controls)
        left.addWidget(self.map, 1)
        self.map_notice = QLabel()  # a click beside the figure adds no mark: it says so
        self.map_notice.setWordWrap(True)
        self.map_notice.setAccessibleName("Body map notice")
        self.map_notice.hide()
        self.map.notice.connect(self._notice)
        left.addWidget(self.map_notice)
        left.addStretch(0)  # below the map when it has reached its tallest
        right = QVBoxLayout()
        right.addWidget(hint)
        right.addWidget(self.marks)
        right.addStretch(1)
        # The list beside the map when there is room, under it when the text is large.
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.row.addLayout(left, 3)
        self.row.addLayout(right, 2)
        holder = QWidget()
        holder.setLayout(self.row)
        self.column.addWidget(holder, 1)
        self.map.mark_added.connect(self._mark_added)
        self.map.mark_selected.connect(self._select_mark)
        self.map.mark_moved.connect(self._mark_moved)
        self.map.remove_requested.connect(self._remove_mark)
        self.child_choice.currentIndexChanged.connect(self._child_changed)
        self.outline_choice.currentIndexChanged.connect(self._show_map)
        self.marks.current_changed.connect(self._list_selected)

    def _reflow(self) -> None:
        wide = self.viewport().width() >= self.fontMetrics().height() * 48
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.row.direction() != direction:
            self.row.setDirection(direction)
        # Never taller than the page shows: the whole figure in view at once.
        tallest = max(self.map.minimumSizeHint().height(), self.viewport().height() - 8)
        if self.map.maximumHeight() != tallest:
            self.map.setMaximumHeight(tallest)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the zoom
            self._reflow()

    def _notice(self, text: str) -> None:
        self.map_notice.setText(text)
        self.map_notice.setVisible(bool(text))

    def _number(self, mark: Mark) -> int:
        """The mark's number, as drawn on the figure (its place in the record's list)."""
        return next((n for n, m in enumerate(self.record.marks, 1) if m is mark), 0)

    def load(self, record: ConcernRecord) -> None:
        super().load(record)
        self.child_choice.blockSignals(True)
        self.child_choice.clear()
        for child in record.children:
            self.child_choice.addItem(child.label(), child.id)
        self.child_choice.blockSignals(False)
        self.marks.set_items(record.marks)
        self._child_changed()

    def fitting_outline(self) -> str:
        """The figure for the chosen child: the one their marks were made on, else the one
        for their age on the day of the concern (today when no date is recorded)."""
        child_id = self.child_choice.currentData() or ""
        made = [m.outline for m in self.record.marks if m.child_id in {"", child_id}]
        if made:
            return made[-1]
        child = next((c for c in self.record.children if c.id == child_id), None)
        try:
            on = date.fromisoformat(self.record.event_date)
        except ValueError:
            on = date.today()
        return outline_for_age(child.age_months(on) if child else None)

    def _child_changed(self) -> None:
        index = self.outline_choice.findData(self.fitting_outline())
        self.outline_choice.blockSignals(True)
        self.outline_choice.setCurrentIndex(max(index, 0))
        self.outline_choice.blockSignals(False)
        self._show_map()

    def _show_map(self) -> None:
        self.map.show_marks(
            self.record.marks,
            self.outline_choice.currentData() or "child",
            self.child_choice.currentData() or "",
        )

    def _mark_added(self, _mark: Mark) -> None:
        self.marks.set_items(self.record.marks)
        self.marks.list.setCurrentRow(len(self.record.marks) - 1)
        self.changed.emit()

    def _mark_moved(self, index: int) -> None:
        if self.marks.list.currentRow() == index:
            self.marks.form.load(self.record.marks[index])  # its place in words
        self.marks.refresh_labels()
        self.changed.emit()

    def _remove_mark(self, index: int) -> None:
        self.marks.list.setCurrentRow(index)
        self.marks.remove()

    def _select_mark(self, index: int) -> None:
        self.marks.list.setCurrentRow(index)

    def _list_selected(self, index: int) -> None:
        self.map.select(index)

    def _marks_changed(self) -> None:
        self.marks.refresh_labels()  # numbers after a removed mark move up
        self.map.select(self.marks.list.currentRow())
        self.changed.emit()


class DecisionStep(StepPage):
    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.analysis = self._form(
            [
                Field(
                    "analysis",
                    "Your ana&lysis",
                    "text",
                    placeholder="What you think this means for the child, and why",
                    lines=4,
                )
            ]
        )
        self._group("Analysis", self.analysis)
        self.categories = QListWidget()
        self.categories.setAccessibleName("Categories of concern")
        self.categories.setAccessibleDescription("Space ticks or unticks a category")
        for area in library.harm_areas:
            item = QListWidgetItem(area.title)
            item.setData(Qt.ItemDataRole.UserRole, area.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.categories.addItem(item)
        self.categories.setMaximumHeight(self.categories.fontMetrics().lineSpacing() * 7 + 12)
        self.categories.itemChanged.connect(self._categories_changed)
        self.fields["categories"] = self.categories
        label = QLabel("&Categories you think apply (optional):")
        label.setBuddy(self.categories)
        # One key (Alt+K) ticks every harm area the guidance suggests for what you wrote.
        self.accept_suggested = QPushButton("Tic&k the suggested areas")
        self.accept_suggested.setEnabled(False)
        self.accept_suggested.clicked.connect(self.tick_suggested)
        self.suggested: list[str] = []
        self._group("Categories", label, self.categories, self.accept_suggested)
        self.decision = self._form(
            [
                Field("decision", "&Decision", "text", lines=2),
                Field(
                    "rationale",
                    "Reasons for &it",
                    "text",
                    lines=3,
                    help="Including the reasons for a decision not to refer",
                ),
                Field("significant", "Mark as a &significant event in the chronology", "check"),
                Field("follow_up", "Follow-up re&minder date", "date"),
            ]
        )
        self._group("Decision", self.decision)
        self.action_list = ListEditor(
            "action",
            [
                Field("who", "&Told", "choice", choices(*AGENCIES)),
                Field("name", "&Person spoken to"),
                Field("when", "Whe&n", "datetime"),
                Field("reference", "&Reference number"),
                Field("outcome", "Outcom&e"),
                Field("rationale", "Wh&y"),
                Field("due", "Follow-up d&ue", "date"),
            ],
            Action,
            lambda a: (
                f"{a.who}"
                + (f", {a.when}" if a.when else "")
                + (f" (ref {a.reference})" if a.reference else "")
            ),
            "Add an acti&on or who was told",
        )
        self.action_list.changed.connect(self.changed)
        self.fields["actions"] = self.action_list.add_button
        self._group("Actions and who was told", self.action_list)
        self.column.addStretch(1)

    def load(self, record: ConcernRecord) -> None:
        super().load(record)
        self.analysis.load(record)
        self.decision.load(record)
        self.categories.blockSignals(True)
        for row in range(self.categories.count()):
            item = self.categories.item(row)
            chosen = item.data(Qt.ItemDataRole.UserRole) in record.categories
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
        self.categories.blockSignals(False)
        self.action_list.set_items(record.actions)

    def suggest(self, area_ids: list[str]) -> None:
        """The harm areas the guidance finds in the record, offered to tick at once."""
        self.suggested = list(area_ids)
        new = [a for a in self.suggested if a not in self.record.categories]
        titles = [
            self.categories.item(row).text()
            for row in range(self.categories.count())
            if self.categories.item(row).data(Qt.ItemDataRole.UserRole) in new
        ]
        self.accept_suggested.setEnabled(bool(new))
        self.accept_suggested.setText(
            f"Tic&k the suggested areas: {', '.join(titles)}"
            if titles
            else "Tic&k the suggested areas (none new)"
        )
        self.accept_suggested.setAccessibleName(self.accept_suggested.text().replace("&", ""))

    def tick_suggested(self) -> None:
        wanted = set(self.suggested)
        for row in range(self.categories.count()):
            item = self.categories.item(row)
            if item.data(Qt.ItemDataRole.UserRole) in wanted:
                item.setCheckState(Qt.CheckState.Checked)  # each tick says `changed`
        self.suggest(self.suggested)
        self.categories.setFocus()

    def _categories_changed(self, _item: QListWidgetItem) -> None:
        self.record.categories = [
            self.categories.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.categories.count())
            if self.categories.item(row).checkState() == Qt.CheckState.Checked
        ]
        self.changed.emit()


class CheckStep(StepPage):
    finding_activated = Signal(str, int, int)  # field, start, end

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.findings = QListWidget()
        self.findings.setAccessibleName("Things that would make the record stronger")
        self.findings.setAccessibleDescription("Enter on an item takes you to the words")
        self.findings.setWordWrap(True)
        self.findings.itemActivated.connect(self._activated)
        self.findings.setMaximumHeight(self.findings.fontMetrics().lineSpacing() * 9 + 12)
        label = QLabel("Things that would make the record &stronger (Enter to go there):")
        label.setBuddy(self.findings)
        self._group("Quality check", label, self.findings)
        self.sign = Form(
            [
                Field("name", "Your &name"),
                Field("role", "Your r&ole"),
                Field("date", "&Date signed", "date"),
            ]
        )
        self.sign.changed.connect(lambda _n: self.changed.emit())
        self.fields["sign_off"] = self.sign.widgets["name"]
        self._group("Sign-off", self.sign)
        self.second = Form(
            [
                Field("name", "Colleague's full na&me"),
                Field("role", "Colleague's ro&le"),
                Field("date", "Date colleague signed", "date"),
            ]
        )
        self.second.changed.connect(lambda _n: self.changed.emit())
        hint = QLabel("Second signatory: a colleague who also heard the disclosure (optional).")
        hint.setWordWrap(True)
        self._group("Second signatory", hint, self.second)
        self.status = QLabel()
        self.status.setAccessibleName("Record status")
        self.column.addWidget(self.status)
        self.column.addStretch(1)

    def load(self, record: ConcernRecord) -> None:
        super().load(record)
        self.sign.load(record.sign_off)
        self.second.load(record.second_signatory)
        self.status.setText(f"Status: {record.status}")

    def show_findings(self, findings: list[tuple[str, str, int, int]]) -> None:
        """(message, field, start, end) for each finding."""
        self.findings.clear()
        if not findings:
            item = QListWidgetItem("Nothing to add: the record reads clearly.")
            self.findings.addItem(item)
        for message, field_name, start, end in findings:
            item = QListWidgetItem(message)
            item.setData(Qt.ItemDataRole.UserRole, (field_name, start, end))
            self.findings.addItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        where = item.data(Qt.ItemDataRole.UserRole)
        if where:
            self.finding_activated.emit(*where)
