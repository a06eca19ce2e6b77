"""A child's chronology: every record about them in date order, significant events
marked, filtered by words or significance, and printable."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wt26desk.records.chronology import child_key, children_in, chronology, chronology_html
from wt26desk.records.model import ConcernRecord
from wt26desk.ui.common.read_only_browser import ReadOnlyBrowser


class ChronologyPage(QWidget):
    back_requested = Signal()
    print_requested = Signal(str, str)  # title, html

    def __init__(self, marking: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.marking = marking
        self.records: list[ConcernRecord] = []
        self.html = ""
        self.child = QComboBox()
        self.child.setAccessibleName("Child")
        self.significant = QCheckBox("Only &significant events")
        self.filter = QLineEdit()
        self.filter.setAccessibleName("Filter by words")
        self.filter.setPlaceholderText("Words that must appear")
        self.view = ReadOnlyBrowser("Chronology")
        self.print_button = QPushButton("&Print…")
        self.back_button = QPushButton("&Back to records")
        child_label = QLabel("&Child:")
        child_label.setBuddy(self.child)
        filter_label = QLabel("Fil&ter:")
        filter_label.setBuddy(self.filter)
        top = QHBoxLayout()
        top.addWidget(child_label)
        top.addWidget(self.child, 1)
        top.addWidget(filter_label)
        top.addWidget(self.filter, 1)
        top.addWidget(self.significant)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.child.currentIndexChanged.connect(self.refresh)
        self.significant.toggled.connect(self.refresh)
        self.filter.textChanged.connect(self.refresh)
        self.back_button.clicked.connect(self.back_requested)
        self.print_button.clicked.connect(
            lambda: self.print_requested.emit(f"Chronology: {self.child.currentText()}", self.html)
        )

    def show_records(self, records: list[ConcernRecord], focus: ConcernRecord | None) -> None:
        self.records = records
        self.child.blockSignals(True)
        self.child.clear()
        for key, label in children_in(records).items():
            self.child.addItem(label, key)
        if focus is not None and focus.children:
            index = self.child.findData(child_key(focus.children[0], focus))
            self.child.setCurrentIndex(max(0, index))
        self.child.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        key = self.child.currentData()
        if key is None:
            self.html = "<p>No children recorded yet.</p>"
        else:
            entries = chronology(
                self.records,
                key,
                significant_only=self.significant.isChecked(),
                text=self.filter.text(),
            )
            self.html = chronology_html(self.child.currentText(), entries, self.marking)
        self.view.show_html(self.html)

    def clear(self) -> None:
        self.records = []
        self.child.clear()
        self.filter.clear()
        self.html = ""
        self.view.clear()
