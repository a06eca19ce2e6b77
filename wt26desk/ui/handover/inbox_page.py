"""The handover inbox: the `.age` files in the handover folder (or opened by hand),
decrypted in memory, with sender, children, date, urgency and harm areas; importing one
or all of them (all: on a worker thread, with progress); and the received concerns with
their triage, follow-up dates, what is overdue, and the receipt to the sender."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wt26desk.errors import Wt26Error
from wt26desk.handover.bundle import BundleError, Receipt
from wt26desk.handover.identity import fingerprint
from wt26desk.handover.inbox import ImportResult, InboxItem, age_files, import_all, list_inbox
from wt26desk.handover.service import accept, apply_receipt
from wt26desk.handover.status import when
from wt26desk.handover.triage import LABELS, is_overdue
from wt26desk.records.model import TRIAGE_STATES, ConcernRecord
from wt26desk.records.store import RecordStore
from wt26desk.ui.common.date_field import DateField, iso_to_uk
from wt26desk.ui.common.table_fit import keep_columns_whole
from wt26desk.ui.records.records_page import mark_overdue

INBOX_COLUMNS = ("Kind", "From", "Children", "Sent", "Urgency", "Harm areas", "Status", "File")
RECEIVED_COLUMNS = ("From", "Children", "Received", "Triage", "Follow-up", "Receipt")
Summary = Callable[[ConcernRecord], tuple[bool, tuple[str, ...]]]


def _table(columns: tuple[str, ...], name: str, stretch: tuple[str, ...]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:  # the rest shown whole at any text size
        header.setSectionResizeMode(columns.index(column), QHeaderView.ResizeMode.Stretch)
    keep_columns_whole(table, [columns.index(column) for column in stretch])
    return table


def inbox_notice(items: list[InboxItem]) -> str:
    """How many files, how many ready to import, and how many cannot be opened here."""
    waiting = sum(1 for i in items if i.importable)
    unreadable = [i for i in items if i.opened is None]
    text = f"{len(items)} file(s), {waiting} ready to import"
    if not unreadable:
        return text + "."
    return (
        text
        + f"; {len(unreadable)} cannot be opened here and are not imported: "
        + ", ".join(i.path.name for i in unreadable[:5])
        + (" and more" if len(unreadable) > 5 else "")
        + " (each row marked Unreadable says why)."
    )


class _Progress(QObject):
    moved = Signal(int, int)  # emitted on the worker thread, delivered on the GUI thread


class InboxPage(QWidget):
    records_changed = Signal()
    receipt_requested = Signal(str)  # record id
    chronology_requested = Signal()
    message = Signal(str)

    def __init__(self, summary: Summary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: RecordStore | None = None
        self.summary = summary
        self.items: list[InboxItem] = []
        self.just_imported: set[Path] = set()  # so their rows say so, not "already imported"
        self.received: list[ConcernRecord] = []
        self.cancel = threading.Event()
        self.run_in_background: Callable[..., None] | None = None
        self.ask_open: Callable[[], Path | None] | None = None  # the dialog service's
        self._progress = _Progress(self)

        self.folder = QLineEdit()
        self.folder.setAccessibleName("Handover folder")
        folder_label = QLabel("Handover &folder:")
        folder_label.setBuddy(self.folder)
        self.browse_button = QPushButton("&Browse…")
        self.refresh_button = QPushButton("&Refresh")
        self.open_button = QPushButton("Open a &file…")
        top = QHBoxLayout()
        top.addWidget(folder_label)
        top.addWidget(self.folder, 1)
        for button in (self.browse_button, self.refresh_button, self.open_button):
            top.addWidget(button)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName("Inbox notice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)  # names come from others' files
        self.table = _table(INBOX_COLUMNS, "Handover inbox", ("Harm areas", "Status"))
        self.import_button = QPushButton("&Import selected")
        self.import_all_button = QPushButton("Import &all")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Import progress")
        self.progress.hide()
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addWidget(self.import_all_button)
        row.addWidget(self.progress, 1)
        row.addStretch(1)

        self.received_table = _table(RECEIVED_COLUMNS, "Received concerns", ("Children",))
        self.state = QComboBox()
        self.state.setAccessibleName("Triage")
        for state in TRIAGE_STATES:
            self.state.addItem(LABELS[state], state)
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName("Reason")
        self.reason.setPlaceholderText("Why (required for no further action)")
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(self.fontMetrics().lineSpacing() * 4)
        self.follow_up = DateField()
        self.follow_up.setAccessibleName("Follow-up date")
        self.save_triage_button = QPushButton("Save &triage")
        self.receipt_button = QPushButton("Ac&knowledge and send receipt")
        self.chronology_button = QPushButton("C&hronology across staff")
        state_label = QLabel("&State:")
        state_label.setBuddy(self.state)
        reason_label = QLabel("Rea&son:")
        reason_label.setBuddy(self.reason)
        follow_label = QLabel("Follo&w-up:")
        follow_label.setBuddy(self.follow_up)
        form = QFormLayout()
        form.addRow(state_label, self.state)
        form.addRow(reason_label, self.reason)
        form.addRow(follow_label, self.follow_up)
        actions = QHBoxLayout()
        for button in (self.save_triage_button, self.receipt_button, self.chronology_button):
            actions.addWidget(button)
        actions.addStretch(1)
        triage_box = QGroupBox("Received concerns and triage")
        triage_layout = QVBoxLayout(triage_box)
        triage_layout.addWidget(self.received_table, 1)
        triage_layout.addLayout(form)
        triage_layout.addLayout(actions)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(triage_box, 1)

        self.browse_button.clicked.connect(self._browse)
        self.refresh_button.clicked.connect(self.refresh)
        self.folder.returnPressed.connect(self.refresh)
        self.open_button.clicked.connect(self._open_file)
        self.import_button.clicked.connect(self.import_selected)
        self.import_all_button.clicked.connect(self.import_everything)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.activated.connect(lambda _index: self.import_selected())  # Enter imports
        self.received_table.itemSelectionChanged.connect(self._show_triage)
        self.save_triage_button.clicked.connect(self.save_triage)
        self.receipt_button.clicked.connect(self._receipt)
        self.chronology_button.clicked.connect(self.chronology_requested)
        self._progress.moved.connect(self._moved)

    # Filling ---------------------------------------------------------------------------
    def show_store(self, store: RecordStore | None, folder: str = "") -> None:
        self.store = store
        if folder and not self.folder.text():
            self.folder.setText(folder)
        self.items = []
        self.just_imported.clear()
        self.refresh()

    def refresh(self) -> None:
        folder = self.folder.text().strip()
        self.notice.clear()
        if self.store is not None and folder:
            try:
                # Every file is a row: one this vault cannot open says why, by its name,
                # so that a damaged concern is never passed over unseen.
                self.items, _ = list_inbox(self.store, age_files(Path(folder)), only_for_me=False)
            except Wt26Error as exc:
                self.items = []
                self.notice.setText(str(exc))
            else:
                self.notice.setText(inbox_notice(self.items))
        elif self.store is not None:
            self.notice.setText("Choose the handover folder, or open a file.")
        self._fill_inbox()
        self._fill_received()

    def _fill_inbox(self) -> None:
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            sender = self._sender_key(item)
            for column, text in enumerate(self._cells(item)):
                cell = QTableWidgetItem(text)
                if sender and column == INBOX_COLUMNS.index("From"):
                    # The key's fingerprint, to check with the sender.
                    note = f"Key fingerprint {fingerprint(sender)}"
                    cell.setToolTip(note)
                    cell.setData(Qt.ItemDataRole.AccessibleDescriptionRole, note)
                if column == INBOX_COLUMNS.index("Status"):
                    cell.setToolTip(item.detail or text)  # the whole message, however narrow
                self.table.setItem(row, column, cell)
        if self.items:
            self.table.selectRow(0)
        self._update_buttons()

    def _cells(self, item: InboxItem) -> tuple[str, ...]:
        bundle = item.bundle
        if bundle is not None:
            urgent, areas = bundle.urgent, bundle.harm_areas
            if urgent is None:  # the sender gave no summary: ask the prompt engine here
                urgent, areas = self.summary(bundle.record)
            return (
                "Concern",
                bundle.sender.name,
                ", ".join(c.label() for c in bundle.record.children) or "No child recorded",
                when(bundle.sent_at),
                "URGENT" if urgent else "Not urgent",
                "; ".join(areas),
                self._status_of(item),
                item.path.name,
            )
        if item.opened is not None and isinstance(item.opened.item, Receipt):
            receipt = item.opened.item
            return (
                "Receipt",
                receipt.by.name,
                f"record {receipt.record_id}",
                when(receipt.acknowledged_at),
                "",
                "",
                self._status_of(item),
                item.path.name,
            )
        return ("Unreadable", "", "", "", "", "", item.status, item.path.name)

    def _status_of(self, item: InboxItem) -> str:
        if item.path in self.just_imported and not item.importable:
            return "Imported just now."
        return item.status

    @staticmethod
    def _sender_key(item: InboxItem) -> str:
        if item.bundle is not None:
            return item.bundle.sender.recipient
        if item.opened is not None and isinstance(item.opened.item, Receipt):
            return item.opened.item.by.recipient
        return ""

    def _fill_received(self) -> None:
        today = date.today()
        records = self.store.records() if self.store is not None else []
        self.received = sorted(
            (r for r in records if r.received_from),
            key=lambda r: (not is_overdue(r, today), r.received_at),
        )
        self.received_table.setRowCount(len(self.received))
        for row, record in enumerate(self.received):
            follow = iso_to_uk(record.triage.follow_up)
            overdue = is_overdue(record, today)
            cells = (
                record.received_from,
                ", ".join(c.label() for c in record.children) or "No child recorded",
                when(record.received_at),
                LABELS.get(record.triage.state, record.triage.state),
                f"\u26a0 OVERDUE {follow}" if overdue else follow,
                when(record.handover.receipt_written_at) if record.handover.receipt_written_at
                else "not sent",
            )  # fmt: skip
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if overdue and column == RECEIVED_COLUMNS.index("Follow-up"):
                    mark_overdue(cell)
                self.received_table.setItem(row, column, cell)
        if self.received:
            self.received_table.selectRow(0)
        self._show_triage()

    def _update_buttons(self) -> None:
        chosen = self.selected_item()
        self.import_button.setEnabled(chosen is not None and chosen.importable)
        self.import_all_button.setEnabled(any(i.importable for i in self.items))

    def selected_item(self) -> InboxItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

    def selected_record(self) -> ConcernRecord | None:
        rows = self.received_table.selectionModel().selectedRows()
        return self.received[rows[0].row()] if rows else None

    # Files -----------------------------------------------------------------------------
    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Handover folder", self.folder.text())
        if chosen:
            self.folder.setText(chosen)
            self.refresh()

    def _open_file(self) -> None:
        if self.ask_open is not None:
            path = self.ask_open()
        else:
            name, _ = QFileDialog.getOpenFileName(self, "Open a bundle", "", "age files (*.age)")
            path = Path(name) if name else None
        if path is not None:
            self.open_paths([path])

    def open_paths(self, paths: list[Path]) -> None:
        if self.store is None:
            return
        found, _ = list_inbox(self.store, paths, only_for_me=False)
        known = {i.path for i in self.items}
        self.items = [i for i in found if i.path not in known] + self.items
        self.notice.setText(
            "; ".join(f"{i.path.name}: {i.status}" for i in found) or "Nothing opened."
        )
        self._fill_inbox()

    # Importing -------------------------------------------------------------------------
    def import_selected(self) -> None:
        item = self.selected_item()
        if self.store is None or item is None or item.opened is None:
            return
        try:
            if isinstance(item.opened.item, Receipt):
                record = apply_receipt(self.store, item.opened.item)
                text = f"Receipt imported: acknowledged {when(record.acknowledged_at)}."
            else:
                record = accept(self.store, item.opened)
                text = f"Imported the concern from {record.received_from}."
        except BundleError as exc:
            self.notice.setText(str(exc))
            return
        self.just_imported.add(item.path)
        self.message.emit(text)
        self.records_changed.emit()
        self.refresh()
        self.notice.setText(text + " " + self.notice.text())

    def import_everything(self) -> None:
        if self.store is None:
            return
        store, items = self.store, [i for i in self.items if i.importable]
        self.cancel.clear()
        self.progress.setRange(0, len(items))
        self.progress.setValue(0)
        self.progress.show()
        for button in (self.import_button, self.import_all_button, self.refresh_button):
            button.setEnabled(False)

        def work() -> ImportResult:
            return import_all(store, items, progress=self._progress.moved.emit, cancel=self.cancel)

        if self.run_in_background is None:
            self._imported(work())
        else:
            self.run_in_background(work, self._imported, self._failed)

    def _moved(self, done: int, total: int) -> None:
        self.progress.setValue(done)
        self.progress.setFormat(f"{done} of {total}")

    def _imported(self, result: ImportResult) -> None:
        self.progress.hide()
        self.refresh_button.setEnabled(True)
        refused = result.refused or []
        self.just_imported.update(result.done or [])
        text = f"Imported {result.imported} file(s)" + (
            f"; {len(refused)} refused: " + "; ".join(f"{n}: {why}" for n, why in refused[:5])
            if refused
            else "."
        )
        self.records_changed.emit()
        if self.store is not None:
            self.refresh()
        self.notice.setText(text)
        self.message.emit(text)

    def _failed(self, exc: Exception) -> None:
        self.progress.hide()
        self.refresh_button.setEnabled(True)
        self.notice.setText(f"The import stopped: {exc}")

    # Triage ----------------------------------------------------------------------------
    def _show_triage(self) -> None:
        record = self.selected_record()
        for widget in (self.state, self.reason, self.follow_up):
            widget.setEnabled(record is not None)
        self.save_triage_button.setEnabled(record is not None)
        self.receipt_button.setEnabled(record is not None and not record.acknowledged_at)
        if record is None:
            return
        self.state.setCurrentIndex(max(0, self.state.findData(record.triage.state)))
        self.reason.setPlainText(record.triage.reason)
        self.follow_up.set_iso(record.triage.follow_up)

    def save_triage(self) -> None:
        from wt26desk.handover.triage import TriageError, set_triage

        record = self.selected_record()
        if self.store is None or record is None:
            return
        if not self.follow_up.valid():
            self.notice.setText("The follow-up date is not a date like 30/11/2026.")
            self.follow_up.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        text = self.follow_up.iso()
        try:
            changed = set_triage(
                record,
                str(self.state.currentData()),
                reason=self.reason.toPlainText(),
                follow_up=date.fromisoformat(text[:10]) if text else None,
            )
        except TriageError as exc:
            self.notice.setText(str(exc))
            self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.store.save(changed)
        self.store.vault.record_event(
            "record.triaged", record=record.id, state=changed.triage.state
        )
        self.records_changed.emit()
        self._fill_received()
        self.notice.setText(f"Triage saved: {LABELS[changed.triage.state]}.")

    def _receipt(self) -> None:
        record = self.selected_record()
        if record is not None:
            self.receipt_requested.emit(record.id)

    def clear(self) -> None:
        self.cancel.set()
        self.store = None
        self.items = []
        self.just_imported.clear()
        self.received = []
        self.table.setRowCount(0)
        self.received_table.setRowCount(0)
        self.reason.clear()
        self.notice.clear()
