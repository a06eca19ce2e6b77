"""The records in the unlocked vault: unsaved drafts first, then every concern, newest
first; a search over the notes (in memory); new, open, history, chronology and close."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wt26desk.handover.status import handover_status
from wt26desk.ui.common.date_field import iso_to_uk, uk
from wt26desk.ui.common.flow_layout import FlowLayout
from wt26desk.ui.common.table_fit import keep_columns_whole

if TYPE_CHECKING:
    from wt26desk.records.model import ConcernRecord
    from wt26desk.records.store import RecordStore

COLUMNS = ("When", "Children", "Status", "Significant", "Follow-up", "Actions")


FOLLOW_UP = COLUMNS.index("Follow-up")
OVERDUE_BACKGROUND, OVERDUE_TEXT = "#ffd400", "#000000"  # as the training banner: any theme


def mark_overdue(item: QTableWidgetItem) -> None:
    """More than a word: a warning sign, bold, black on yellow (the same in every theme,
    with 15:1 contrast), and said to screen readers."""
    font = item.font()
    font.setBold(True)
    item.setFont(font)
    item.setBackground(QColor(OVERDUE_BACKGROUND))
    item.setForeground(QColor(OVERDUE_TEXT))
    item.setData(Qt.ItemDataRole.AccessibleTextRole, "Overdue: " + item.text().split()[-1])


def follow_up_text(record: ConcernRecord, today: date) -> str:
    """The next follow-up date, said in words when it is due or overdue."""
    due = record.follow_ups()
    if not due or record.status == "closed":
        return ""
    first = due[0]
    if first < today:
        return f"\u26a0 OVERDUE {uk(first)}"
    return f"{uk(first)} due today" if first == today else uk(first)


class RecordsPage(QWidget):
    new_requested = Signal()
    open_requested = Signal(object)  # ConcernRecord (a copy to edit)
    history_requested = Signal(str)
    chronology_requested = Signal(object)  # ConcernRecord
    close_requested = Signal(str)
    export_requested = Signal(str)
    send_requested = Signal(str)  # hand over to the DSL (wt26desk.ui.handover)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: RecordStore | None = None
        self.vault_missing = False  # no vault yet: say how to make one
        self.rows: list[tuple[ConcernRecord, bool]] = []  # (record, is an unsaved draft)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search your notes (Ctrl+F)")
        self.search.setAccessibleName("Search notes")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Records")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # Every heading and date shown whole at any text size; names and actions share
        # what is left (a long list of actions wraps to the window, not off it).
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (COLUMNS.index("Children"), COLUMNS.index("Actions")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        keep_columns_whole(
            self.table, (COLUMNS.index("Children"), COLUMNS.index("Actions"))
        )  # never "ld" for "Children": a table too wide scrolls sideways
        self.table.activated.connect(lambda _index: self.open_selected())
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.new_button = QPushButton("&New concern")
        self.new_button.setToolTip("Record a new concern (Ctrl+N)")
        self.open_button = QPushButton("&Open")
        self.history_button = QPushButton("Histor&y")
        self.chronology_button = QPushButton("&Chronology")
        self.close_button = QPushButton("Mark c&losed")
        self.export_button = QPushButton("E&xport…")
        self.export_button.setToolTip("Export for referral: PDF, Word, JSON, encrypted (Ctrl+E)")
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_selected)
        self.history_button.clicked.connect(self._history)
        self.chronology_button.clicked.connect(self._chronology)
        self.close_button.clicked.connect(self._close)
        self.export_button.clicked.connect(self.export_selected)
        self.send_button = QPushButton("Send to &DSL…")
        self.send_button.setToolTip("Hand the record to the safeguarding lead, encrypted")
        self.send_button.clicked.connect(self._send)
        buttons = FlowLayout()  # wraps onto a second line when the text is large
        for button in (
            self.new_button,
            self.open_button,
            self.history_button,
            self.chronology_button,
            self.export_button,
            self.close_button,
        ):
            buttons.addWidget(button)
        label = QLabel("&Search:")
        label.setBuddy(self.search)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.search, 1)
        top.addWidget(self.send_button)  # here, the row below is as wide as a small window
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.table.itemSelectionChanged.connect(self._update_buttons)

    def show_store(self, store: RecordStore | None) -> None:
        self.store = store
        if store is None:
            self.search.clear()
        self.refresh()

    def refresh(self) -> None:
        self.rows = []
        if self.store is not None:
            query = self.search.text().strip()
            wanted = self.store.search(query) if query else None
            drafts = self.store.drafts()
            draft_ids = {d.id for d in drafts}
            self.rows += [(d, True) for d in drafts]
            self.rows += [(r, False) for r in self.store.records() if r.id not in draft_ids]
            if wanted is not None:
                words = query.casefold().split()
                self.rows = [
                    (r, is_draft)
                    for r, is_draft in self.rows
                    if r.id in wanted
                    or (is_draft and all(w in str(r.to_document()).casefold() for w in words))
                ]
        self.table.setRowCount(len(self.rows))
        for row, (record, is_draft) in enumerate(self.rows):
            status = "unsaved draft" if is_draft else record.status
            handover = "" if is_draft else handover_status(record)
            if handover:
                status += f"; {handover[0].lower()}{handover[1:]}"
            cells = (
                f"{iso_to_uk(record.event_date)} {record.event_time}".strip()
                or iso_to_uk(record.created[:10]),
                ", ".join(c.label() for c in record.children) or "No child recorded",
                status,
                "Significant" if record.significant else "",
                follow_up_text(record, date.today()),
                "; ".join(a.who for a in record.actions),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == FOLLOW_UP and "OVERDUE" in text:
                    mark_overdue(item)
                self.table.setItem(row, column, item)
        if self.rows:
            self.table.selectRow(0)
        if self.store is None and self.vault_missing:
            self.empty.setText(
                "No vault yet. Records are kept encrypted in a vault on this computer: "
                "create one with Vault > Create vault… (you choose its passphrase). "
                "To look around first, Training > Trainer mode (Ctrl+Shift+T) opens "
                "fictional records."
            )
        elif self.store is None:
            self.empty.setText("Unlock the vault to see your records (Vault > Unlock…).")
        elif not self.rows:
            self.empty.setText(
                "No records match."
                if self.search.text()
                else "No records yet. Press Ctrl+N or New concern to record one."
            )
        self.empty.setVisible(not self.rows)
        self._update_buttons()

    def selected(self) -> tuple[ConcernRecord, bool] | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.rows[rows[0].row()]

    def _update_buttons(self) -> None:
        chosen = self.selected()
        for button in (self.open_button, self.chronology_button):
            button.setEnabled(chosen is not None)
        saved = chosen is not None and not chosen[1]
        self.history_button.setEnabled(saved)
        self.export_button.setEnabled(saved)
        self.send_button.setEnabled(saved)
        self.close_button.setEnabled(saved and chosen is not None and chosen[0].status != "closed")
        self.new_button.setEnabled(self.store is not None)

    def open_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.open_requested.emit(chosen[0])

    def export_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None and not chosen[1]:
            self.export_requested.emit(chosen[0].id)

    def _send(self) -> None:
        chosen = self.selected()
        if chosen is not None and not chosen[1]:
            self.send_requested.emit(chosen[0].id)

    def _history(self) -> None:
        chosen = self.selected()
        if chosen is not None and not chosen[1]:
            self.history_requested.emit(chosen[0].id)

    def _chronology(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.chronology_requested.emit(chosen[0])

    def _close(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.close_requested.emit(chosen[0].id)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
