"""Export a record for referral: choose the format, what to leave out and whose names to
withhold, see the preview of exactly what will go, then write it (a plaintext file only
after a confirmation that names where it goes), encrypt it with age, or print it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wt26desk.errors import Wt26Error
from wt26desk.exports.exporter import (
    ExportOptions,
    compose,
    render,
    suggested_name,
    write_export,
)
from wt26desk.prompts.engine import PromptEngine
from wt26desk.records.report import SECTIONS
from wt26desk.records.store import RecordStore
from wt26desk.ui.common.dialogs import DialogService
from wt26desk.ui.common.read_only_browser import ReadOnlyBrowser
from wt26desk.ui.vault.passphrase_widget import password_field

FORMATS = (("pdf", "PDF (for reading and printing)"), ("docx", "Word"), ("json", "JSON (data)"))
FILTERS = {"pdf": "PDF (*.pdf)", "docx": "Word (*.docx)", "json": "JSON (*.json)"}


class ExportDialog(QDialog):
    def __init__(
        self,
        store: RecordStore,
        record_id: str,
        engine: PromptEngine,
        marking: str,
        dialogs: DialogService,
        print_html: Callable[[str, str, dict[str, QImage]], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export for referral")
        self.store, self.record_id, self.engine = store, record_id, engine
        self.marking, self.dialogs = marking, dialogs
        self._print_html = print_html
        self.written: list[str] = []

        self.format = QComboBox()
        for value, label in FORMATS:
            self.format.addItem(label, value)
        self.format.setAccessibleName("Format")
        self.encrypt = QCheckBox("&Encrypt with age (for a USB stick or email)")
        self.recipient = QLineEdit()
        self.recipient.setPlaceholderText("age1… (the receiver's public key)")
        self.recipient.setAccessibleName("Receiver's age public key")
        self.bundle_passphrase = password_field("Bundle passphrase")
        self.bundle_passphrase.setPlaceholderText("or a passphrase you give the receiver")
        self.sections = QListWidget()
        self.sections.setAccessibleName("Sections to include")
        self.sections.setAccessibleDescription("Untick a section to leave it out")
        for key, title in SECTIONS.items():
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.sections.addItem(item)
        self.withhold = QLineEdit()
        self.withhold.setAccessibleName("Names to withhold")
        self.withhold.setPlaceholderText("Full names, with commas (for example the referrer)")
        self.preview = ReadOnlyBrowser("Preview of what will go")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        self.export_button = QPushButton("E&xport…")
        self.print_button = QPushButton("&Print…")
        close = QPushButton("Close")
        # No default button, on purpose: Enter after typing the names to withhold must not
        # start writing a copy of the record (audited for issue 17, kept as it was).
        for button in (self.print_button, self.export_button, close):
            button.setAutoDefault(False)

        form = QFormLayout()
        for text, widget in (
            ("&Format:", self.format),
            ("", self.encrypt),
            ("&Receiver's key:", self.recipient),
            ("Bundle pass&phrase:", self.bundle_passphrase),
            ("&Include:", self.sections),
            ("&Withhold names:", self.withhold),
        ):
            if text:
                buddy = QLabel(text)
                buddy.setBuddy(widget)
                form.addRow(buddy, widget)
            else:
                form.addRow(widget)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(self.message)
        left.addStretch(1)
        row = QHBoxLayout()
        row.addLayout(left, 2)
        row.addWidget(self.preview, 3)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.print_button, self.export_button, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addLayout(buttons)

        self.format.currentIndexChanged.connect(self.refresh)
        self.encrypt.toggled.connect(self.refresh)
        self.sections.itemChanged.connect(self.refresh)
        # Composing reads every record (for the chronology): once a pause, not per key.
        self._typing = QTimer(self, singleShot=True, interval=200)
        self._typing.timeout.connect(self.refresh)
        self.withhold.textChanged.connect(self._typing.start)
        self.export_button.clicked.connect(self.export)
        self.print_button.clicked.connect(self.print_preview)
        close.clicked.connect(self.reject)
        self.resize(1000, 680)
        self.refresh()

    def options(self) -> ExportOptions:
        leave_out = frozenset(
            self.sections.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.sections.count())
            if self.sections.item(row).checkState() != Qt.CheckState.Checked
        )
        encrypted = self.encrypt.isChecked()
        return ExportOptions(
            format=self.format.currentData(),
            leave_out=leave_out,
            withhold=tuple(n.strip() for n in self.withhold.text().split(",") if n.strip()),
            marking=self.marking,
            age_recipient=(self.recipient.text().strip() or None) if encrypted else None,
            age_passphrase=(
                (self.bundle_passphrase.text() or None)
                if encrypted and not self.recipient.text().strip()
                else None
            ),
        )

    def refresh(self) -> None:
        encrypted = self.encrypt.isChecked()
        self.recipient.setEnabled(encrypted)
        self.bundle_passphrase.setEnabled(encrypted)
        self.composition = compose(self.store, self.record_id, self.options(), engine=self.engine)
        self.preview.show_html(self.composition.preview_html, self._images())

    def _stem(self) -> str:
        """A name a person understands: the child's initials (unless withheld) and the
        date of the event, e.g. LS-2026-11-20; never the record's internal id."""
        record = self.composition.json_record
        child = record.children[0] if record.children else None
        withheld = {n.casefold() for n in self.options().withhold}
        initials = ""
        if child is not None and child.name.strip() and child.name.casefold() not in withheld:
            initials = "".join(part[0] for part in child.name.split() if part[:1].isalpha())
        day = record.event_date or record.created[:10]
        return "-".join(p for p in (initials.upper(), day) if p) or "record"

    def _images(self) -> dict[str, QImage]:
        return {f"bodymap-{n}.png": image for n, image in enumerate(self.composition.images)}

    def _settle(self) -> None:
        """Names typed a moment ago are in what goes."""
        if self._typing.isActive():
            self._typing.stop()
            self.refresh()

    def export(self) -> None:
        self._settle()
        options = self.options()
        if self.encrypt.isChecked() and not options.encrypted:
            self.message.setText("Give the receiver's age key or a bundle passphrase.")
            return
        filter_ = "age (*.age)" if options.encrypted else FILTERS[options.format]
        name = suggested_name(self.record_id, options).replace(self.record_id, self._stem())
        target = self.dialogs.save_path("Export for referral", name, filter_)
        if target is None:
            return
        if not options.encrypted and not self.dialogs.confirm(
            "Unencrypted file",
            f"This writes an UNENCRYPTED copy of a safeguarding record to:\n\n{target}\n\n"
            "Anyone who can open that folder can read it. Continue?",
        ):
            self.message.setText("Nothing was written.")
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            export = render(self.composition, options, self.store.training)
            sha256 = write_export(self.store, export, target)
        except Wt26Error as exc:
            self.message.setText(f"Not exported: {exc}")
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.written.append(str(target))
        self.message.setText(
            f"Exported to {target} ({len(export.data):,} bytes). Recorded in the vault's "
            f"audit log with its fingerprint {sha256[:12]}…"
        )

    def print_preview(self) -> None:
        self._settle()
        self._print_html(self.composition.title, self.composition.preview_html, self._images())
