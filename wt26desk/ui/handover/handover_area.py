"""The Handover menu (under File) and its pages: My handover key, Send to DSL (also a button on the
records page), the inbox with triage and receipts, and the chronology across staff.
Everything it does to files goes through wt26desk.handover (atomic, encrypted, logged)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QStackedWidget, QWidget

from wt26desk.errors import Wt26Error
from wt26desk.organisation import Organisation
from wt26desk.ui.common.dialogs import DialogService
from wt26desk.ui.vault.vault_controller import UNLOCKED, VaultController

if TYPE_CHECKING:
    from wt26desk.handover.matching import Group, MergedEntry
    from wt26desk.records.model import ConcernRecord
    from wt26desk.records.store import RecordStore
    from wt26desk.ui.handover.identity_dialog import IdentityDialog
    from wt26desk.ui.handover.inbox_page import InboxPage
    from wt26desk.ui.handover.merged_chronology_page import MergedChronologyPage
    from wt26desk.ui.handover.send_dialog import SendDialog
    from wt26desk.ui.records.records_area import RecordsArea
    from wt26desk.ui.records.records_page import RecordsPage


class HandoverArea(QObject):
    def __init__(
        self,
        window: QWidget,
        records: RecordsArea,
        vault: VaultController,
        dialogs: DialogService,
        organisation: Organisation,
        show_page: Callable[[QWidget], None],
        add_page: Callable[[QWidget], object],
        status: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.records = records
        self.vault = vault
        self.dialogs = dialogs
        self.organisation = organisation
        self._show_page = show_page
        self._add_page = add_page
        self._status = status
        self.folder = organisation.handover_folder
        self.recipient = organisation.export_recipient
        self.send_dialog: SendDialog | None = None
        self.identity_dialog: IdentityDialog | None = None
        self.menu = QMenu("Hand&over", window)
        self.identity_action = self._action("My handover &key…", self.show_identity)
        self.send_action = self._action("&Send to DSL…", self.send_current, "Ctrl+Shift+D")
        self.inbox_action = self._action("Handover &inbox", self.show_inbox, "Ctrl+Shift+I")
        self.chronology_action = self._action("&Chronology across staff", self.show_chronology)
        for action in (
            self.send_action,
            self.inbox_action,
            self.chronology_action,
            self.identity_action,
        ):
            self.menu.addAction(action)
        # Send to DSL is on only when there is a record to send: one open in the editor, or
        # a saved one chosen in the records list (its tooltip says which is missing).
        records.when_records_page(self._connect_records_page)
        self.menu.aboutToShow.connect(self._update_send)
        pages = getattr(window, "pages", None)
        if isinstance(pages, QStackedWidget):
            pages.currentChanged.connect(lambda _index: self._update_send())
        vault.state_changed.connect(self._state_changed)
        vault.about_to_lock.connect(self._about_to_lock)
        self._state_changed(vault.state)

    def _connect_records_page(self, page: RecordsPage) -> None:
        page.send_requested.connect(self.send)
        page.table.itemSelectionChanged.connect(self._update_send)

    def _action(self, text: str, slot: Callable[[], object], keys: str = "") -> QAction:
        action = QAction(text, self.window)
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(text.replace("&", "").rstrip("…") + (f" ({keys})" if keys else ""))
        action.triggered.connect(slot)
        return action

    @property
    def store(self) -> RecordStore | None:
        return self.records.store

    def _state_changed(self, state: str) -> None:
        unlocked = state == UNLOCKED and self.store is not None
        if unlocked and self.store is not None:
            from wt26desk.handover.identity import load_destination

            # What this vault last used, else what the organisation set.
            recipient, folder = load_destination(self.store.vault)
            self.recipient = recipient or self.organisation.export_recipient
            self.folder = folder or self.organisation.handover_folder
        for action in self.menu.actions():
            action.setEnabled(unlocked)
        self._update_send()
        if unlocked and "inbox_page" in self.__dict__:
            self.inbox_page.show_store(self.store, self.folder)
        if unlocked and "chronology_page" in self.__dict__:
            self.chronology_page.show_store(self.store)

    def _about_to_lock(self) -> None:
        self.recipient = self.organisation.export_recipient  # not the next vault's business
        self.folder = self.organisation.handover_folder
        for dialog in (self.send_dialog, self.identity_dialog):
            if dialog is not None:
                dialog.reject()
        if "inbox_page" in self.__dict__:
            self.inbox_page.cancel.set()
            self.vault.ops.wait()
            self.inbox_page.clear()
        if "chronology_page" in self.__dict__:
            self.chronology_page.clear()

    def sync_editor(self) -> None:
        """A record open in the editor keeps what a handover just saved (when it was handed
        over or acknowledged, the triage): its next save would otherwise undo that."""
        from wt26desk.handover.status import copy_handover

        if self.store is None or not self.records.editing:
            return
        record = self.records.editor.record
        if record.id in self.store.vault.record_ids():
            copy_handover(self.store.get(record.id), record)

    def _fail(self, title: str, exc: Exception) -> None:
        self.dialogs.error(title, str(exc))

    # Pages -----------------------------------------------------------------------------
    @cached_property
    def inbox_page(self) -> InboxPage:
        from wt26desk.handover.summary import engine_summary
        from wt26desk.ui.handover.inbox_page import InboxPage

        page = InboxPage(lambda record: engine_summary(self.records.engine(), record))
        page.run_in_background = self.vault.ops.run
        page.ask_open = lambda: self.dialogs.open_path(
            "Open a bundle or a receipt", "age files (*.age)"
        )
        page.records_changed.connect(self.records.records_page.refresh)
        page.records_changed.connect(self.sync_editor)
        page.records_changed.connect(self.records.records_changed)
        page.receipt_requested.connect(self.write_receipt)
        page.chronology_requested.connect(self.show_chronology)
        page.message.connect(self._status)
        self._add_page(page)
        return page

    @cached_property
    def chronology_page(self) -> MergedChronologyPage:
        from wt26desk.ui.handover.merged_chronology_page import MergedChronologyPage

        page = MergedChronologyPage(self.records.settings.sensitivity_marking)
        page.back_requested.connect(self.show_inbox)
        page.print_requested.connect(self.records.print_html)
        page.export_requested.connect(self.export_chronology)
        self._add_page(page)
        return page

    def show_inbox(self) -> None:
        if self.store is None:
            return
        self.inbox_page.show_store(self.store, self.folder)
        self._show_page(self.inbox_page)
        self.inbox_page.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_chronology(self) -> None:
        if self.store is None:
            return
        self.chronology_page.show_store(self.store)
        self._show_page(self.chronology_page)
        self.chronology_page.matches.setFocus(Qt.FocusReason.OtherFocusReason)

    # My key ----------------------------------------------------------------------------
    def show_identity(self) -> None:
        from wt26desk.handover.identity import ensure_identity
        from wt26desk.ui.handover.identity_dialog import IdentityDialog

        if self.store is None:
            return
        dialog = IdentityDialog(ensure_identity(self.store.vault), self.window)
        dialog.save_button.clicked.connect(lambda: self._save_key(dialog))
        dialog.print_button.clicked.connect(
            lambda: self.records.print_html("Handover key", dialog.key_html())
        )
        dialog.finished.connect(lambda _result: self._keep_name(dialog))
        self.identity_dialog = dialog
        dialog.open()

    def _save_key(self, dialog: IdentityDialog) -> None:
        from wt26desk.fileio import atomic_write_bytes

        path = self.dialogs.save_path("Save my handover key", "handover-key.txt", "Text (*.txt)")
        if path is not None:
            try:
                atomic_write_bytes(path, dialog.key_text().encode())
            except OSError as exc:
                self._fail("The key was not saved", exc)

    def _keep_name(self, dialog: IdentityDialog) -> None:
        from wt26desk.handover.identity import set_name

        name = dialog.name.text().strip()
        if self.store is not None and name and name != dialog.identity.name:
            try:
                set_name(self.store.vault, name)
            except Wt26Error as exc:
                self._fail("The name was not kept", exc)
        self.identity_dialog = None

    # Send to DSL -----------------------------------------------------------------------
    def _update_send(self) -> None:
        usable = self.vault.state == UNLOCKED and self.store is not None
        chosen = self.records.records_page.selected() if usable else None
        ready = usable and (self.records.editing or (chosen is not None and not chosen[1]))
        self.send_action.setEnabled(ready)
        self.send_action.setToolTip(
            "Send to DSL (Ctrl+Shift+D)"
            if ready
            else "Send to DSL: first choose a saved record in the records list, or open one"
        )
        self.send_action.setStatusTip(self.send_action.toolTip())

    def send_current(self) -> None:
        if self.records.editing:
            record = self.records.editor.record
            if self.store is None or record.id not in self.store.vault.record_ids():
                self.dialogs.inform("Send to the DSL", "Save the record first (Ctrl+S).")
                return
            self.send(record.id)
            return
        chosen = self.records.records_page.selected()
        if chosen is None or chosen[1]:
            self.dialogs.inform("Send to the DSL", "Choose a saved record in the records list.")
            return
        self.send(chosen[0].id)

    def send(self, record_id: str) -> None:
        from wt26desk.ui.handover.send_dialog import SendDialog

        if self.store is None:
            return
        record = self.store.get(record_id)
        dialog = SendDialog(record.title(), self.recipient, self.folder, self.window)
        dialog.accepted.connect(lambda: self._send(record, dialog))
        self.send_dialog = dialog
        dialog.open()

    def _send(self, record: ConcernRecord, dialog: SendDialog) -> None:
        from wt26desk.handover.identity import remember_destination
        from wt26desk.handover.service import make_bundle, write_bundle
        from wt26desk.handover.status import handover_status
        from wt26desk.handover.summary import engine_summary

        self.send_dialog = None
        if self.store is None:
            return
        recipient, folder = dialog.recipient.text().strip(), dialog.folder.text().strip()
        engine = self.records.engine()
        try:
            sent = make_bundle(
                self.store,
                record.id,
                recipient,
                marking=self.records.settings.sensitivity_marking,
                organisation=self.organisation.name,
                summary=lambda r: engine_summary(engine, r),
            )
            write_bundle(self.store, sent, Path(folder))
        except (Wt26Error, OSError) as exc:
            self._fail("Nothing was sent", exc)
            return
        self.recipient, self.folder = recipient, folder
        remember_destination(self.store.vault, recipient, folder)
        self.sync_editor()
        self.records.records_page.refresh()
        self.records.records_changed.emit()
        self._status(f"{handover_status(sent.record)}. The bundle is in {folder}.")

    # Receipts and the chronology export ---------------------------------------------------
    def write_receipt(self, record_id: str) -> None:
        from wt26desk.handover.service import make_receipt, receipt_file_name
        from wt26desk.handover.service import write_receipt as write

        if self.store is None:
            return
        folder = self.inbox_page.folder.text().strip() or self.folder
        try:
            data, record = make_receipt(self.store, record_id)
            if folder and Path(folder).is_dir():
                target = Path(folder)
            else:
                chosen = self.dialogs.save_path(
                    "Save the receipt", receipt_file_name(record), "age files (*.age)"
                )
                if chosen is None:
                    return
                target = chosen
            written = write(self.store, data, record, target)
        except (Wt26Error, OSError) as exc:
            self._fail("No receipt was written", exc)
            return
        self.sync_editor()
        self.inbox_page.refresh()
        self.records.records_page.refresh()
        self._status(f"Receipt for {record.received_from} written to {written}.")

    def export_chronology(self, group: Group, entries: list[MergedEntry]) -> None:
        from wt26desk.handover.chronology_pdf import merged_pdf, write_merged_pdf

        if self.store is None:
            return
        path = self.dialogs.save_path(
            "Export the chronology", f"chronology-{group.label}.pdf", "PDF (*.pdf)"
        )
        if path is None:
            return
        if not self.dialogs.confirm(
            "Export the chronology",
            f"This writes an UNENCRYPTED PDF of a child's chronology to {path}. Continue?",
        ):
            return
        try:
            data = merged_pdf(
                group,
                entries,
                marking=self.records.settings.sensitivity_marking,
                training=self.store.training,
            )
            write_merged_pdf(self.store, group, data, path)
        except (Wt26Error, OSError) as exc:
            self._fail("The chronology was not exported", exc)
            return
        self._status(f"Chronology exported to {path}.")
