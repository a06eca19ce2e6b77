"""One chronology per child across staff: the DSL confirms or rejects each proposed
match (same name and date of birth or setting), sees who recorded each entry, and
exports the chronology as PDF."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wt26desk.handover.matching import (
    Candidate,
    Group,
    candidates,
    confirm,
    groups,
    load_links,
    merged_chronology,
    merged_html,
    reject,
)
from wt26desk.records.model import ConcernRecord
from wt26desk.records.store import RecordStore
from wt26desk.ui.common.read_only_browser import ReadOnlyBrowser


class MergedChronologyPage(QWidget):
    back_requested = Signal()
    export_requested = Signal(object, object)  # Group, list[MergedEntry]
    print_requested = Signal(str, str)  # title, html

    def __init__(self, marking: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.marking = marking
        self.store: RecordStore | None = None
        self.records: list[ConcernRecord] = []
        self.groups: list[Group] = []
        self.proposed: list[Candidate] = []
        self.html = ""
        self.matches = QListWidget()
        self.matches.setAccessibleName("Possible matches to confirm")
        matches_label = QLabel(
            "&Possible matches (same name and date of birth or setting; confirm only if "
            "you are sure it is the same child):"
        )
        matches_label.setWordWrap(True)
        matches_label.setBuddy(self.matches)
        self.confirm_button = QPushButton("C&onfirm: same child")
        self.reject_button = QPushButton("&Not the same child")
        self.child = QComboBox()
        self.child.setAccessibleName("Child")
        child_label = QLabel("&Child:")
        child_label.setBuddy(self.child)
        self.view = ReadOnlyBrowser("Chronology across staff")
        self.export_button = QPushButton("&Export PDF…")
        self.print_button = QPushButton("&Print…")
        self.back_button = QPushButton("&Back to the inbox")
        match_row = QHBoxLayout()
        match_row.addWidget(self.confirm_button)
        match_row.addWidget(self.reject_button)
        match_row.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(child_label)
        top.addWidget(self.child, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(matches_label)
        layout.addWidget(self.matches)
        layout.addLayout(match_row)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.confirm_button.clicked.connect(lambda: self._decide(True))
        self.reject_button.clicked.connect(lambda: self._decide(False))
        self.child.currentIndexChanged.connect(self._show_child)
        self.back_button.clicked.connect(self.back_requested)
        self.export_button.clicked.connect(self._export)
        self.print_button.clicked.connect(
            lambda: self.print_requested.emit(f"Chronology: {self.child.currentText()}", self.html)
        )

    def show_store(self, store: RecordStore | None) -> None:
        self.store = store
        self.refresh()

    def refresh(self) -> None:
        chosen = self.current_group()
        self.records = self.store.records() if self.store is not None else []
        links = load_links(self.store) if self.store is not None else None
        self.proposed = candidates(self.records, links) if links is not None else []
        self.groups = groups(self.records, links) if links is not None else []
        self.matches.clear()
        for c in self.proposed:
            text = f"{c.label}: {c.basis} (recorded by {c.authors[0]} and by {c.authors[1]})"
            self.matches.addItem(QListWidgetItem(text))
        if self.proposed:
            self.matches.setCurrentRow(0)
        else:
            self.matches.addItem("No matches waiting for you.")
        self.confirm_button.setEnabled(bool(self.proposed))
        self.reject_button.setEnabled(bool(self.proposed))
        self.child.blockSignals(True)
        self.child.clear()
        for group in self.groups:
            staff = len(group.authors)
            suffix = f" ({staff} authors)" if staff > 1 else ""
            self.child.addItem(group.label + suffix, group.key)
        # Keep the child that was shown, else the first one recorded by several people.
        keep = next(
            (n for n, g in enumerate(self.groups) if chosen and g.members & chosen.members), -1
        )
        if keep < 0:
            keep = next((n for n, g in enumerate(self.groups) if len(g.authors) > 1), 0)
        self.child.setCurrentIndex(keep)
        self.child.blockSignals(False)
        self._show_child()

    def current_group(self) -> Group | None:
        index = self.child.currentIndex()
        return self.groups[index] if 0 <= index < len(self.groups) else None

    def _show_child(self) -> None:
        group = self.current_group()
        if group is None:
            self.html = "<p>No children recorded yet.</p>"
        else:
            self.html = merged_html(group, merged_chronology(self.records, group), self.marking)
        self.export_button.setEnabled(group is not None)
        self.view.show_html(self.html)

    def _decide(self, same: bool) -> None:
        row = self.matches.currentRow()
        if self.store is None or not 0 <= row < len(self.proposed):
            return
        (confirm if same else reject)(self.store, self.proposed[row])
        self.refresh()

    def _export(self) -> None:
        group = self.current_group()
        if group is not None:
            self.export_requested.emit(group, merged_chronology(self.records, group))

    def clear(self) -> None:
        self.store = None
        self.records, self.groups, self.proposed = [], [], []
        self.matches.clear()
        self.child.clear()
        self.view.clear()
