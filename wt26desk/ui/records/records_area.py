"""Everything about records in the window: the records list, the recording editor, the
chronology, revision history and the privacy screen, kept in step with the vault (a draft
is saved and every page emptied before the vault locks; the draft reopens after unlock)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from wt26desk.deadlines.working_days import WorkingDayCalendar
from wt26desk.errors import Wt26Error
from wt26desk.settings import Settings
from wt26desk.ui.common.dialogs import DialogService
from wt26desk.ui.vault.vault_controller import MISSING, UNLOCKED, VaultController

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from wt26desk.content_library.library import Library
    from wt26desk.content_library.render import Renderer
    from wt26desk.prompts.engine import PromptEngine
    from wt26desk.records.model import ConcernRecord
    from wt26desk.records.store import RecordStore
    from wt26desk.ui.records.chronology_page import ChronologyPage
    from wt26desk.ui.records.export_dialog import ExportDialog
    from wt26desk.ui.records.record_editor import RecordEditor
    from wt26desk.ui.records.records_page import RecordsPage
    from wt26desk.ui.vault.privacy_page import PrivacyPage

ShowPage = Callable[[QWidget], None]


class LazyEngine:
    """The prompt engine, built the first time a record is opened rather than at start."""

    def __init__(self, build: Callable[[], PromptEngine]) -> None:
        self._build = build
        self._engine: PromptEngine | None = None

    def __call__(self) -> PromptEngine:
        if self._engine is None:
            self._engine = self._build()
        return self._engine


class RecordsArea(QObject):
    records_changed = Signal()  # a record was saved (the status bar counts them)

    def __init__(
        self,
        window: QWidget,
        library: Callable[[], Library],
        settings: Settings,
        vault: VaultController,
        dialogs: DialogService,
        show_page: ShowPage,
        add_page: Callable[[QWidget], object],
        status: Callable[[str], None],
        calendar: WorkingDayCalendar,
    ) -> None:
        super().__init__(window)
        self.window = window
        self._library = library  # loaded when first needed
        self.settings = settings
        self.vault = vault
        self.dialogs = dialogs
        self._show_page = show_page
        self._add_page = add_page
        self._status = status
        self.store: RecordStore | None = None
        # The record being edited when the vault locked, and the vault it belongs to (trainer
        # mode swaps the vault: a real draft reopens only in the real vault).
        self._reopen: tuple[Path, str] | None = None
        self._before_privacy: QWidget | None = None
        # The vault locked (idle time, Ctrl+L) behind the privacy screen: the screen stays,
        # and the passphrase typed there unlocks the vault.
        self._locked_behind_privacy = False
        self.pin_attempts = 0
        self._windows: list[QWidget] = []  # history and guidance windows, closed on lock
        self.default_recipient = ""  # the organisation's age key for encrypted exports
        self._last_signer: tuple[str, str] | None = None  # (name, role), found when needed

        days = settings.strategy_discussion_working_days

        def build() -> PromptEngine:
            from wt26desk.prompts.engine import PromptEngine

            return PromptEngine(self.library, calendar, days)

        self.engine = LazyEngine(build)
        # Others' connections to the records page, made when it is built.
        self._records_page_hooks: list[Callable[[RecordsPage], object]] = []
        vault.state_changed.connect(self._state_changed)
        vault.about_to_lock.connect(self._about_to_lock)

        self.new_action = self._action("&New concern…", self.new_concern, "Ctrl+N")
        self.records_action = self._action("&Records", self.show_records, "Ctrl+R")
        self.hide_action = self._action(
            "&Hide screen", self.hide_screen, "Ctrl+Shift+H", "Blank the window at once"
        )
        self.pin_action = self._action("Set privacy &PIN…", self.set_pin)
        self.export_action = self._action(
            "&Export for referral…", self.export_current, "Ctrl+E", "Export for referral"
        )
        self._state_changed(vault.state)

    @property
    def library(self) -> Library:
        """The content library (loaded by the window when first needed)."""
        return self._library()

    def _action(
        self, text: str, slot: Callable[[], object], keys: str = "", tip: str = ""
    ) -> QAction:
        action = QAction(text, self.window)
        if keys:
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(
            f"{tip or text.replace('&', '').rstrip('…')}" + (f" ({keys})" if keys else "")
        )
        action.triggered.connect(slot)
        return action

    # Pages built when first needed (start-up pays only for what it shows) ------------------
    @cached_property
    def records_page(self) -> RecordsPage:
        from wt26desk.ui.records.records_page import RecordsPage

        page = RecordsPage()
        page.new_requested.connect(self.new_concern)
        page.open_requested.connect(self.open_record)
        page.history_requested.connect(self.show_history)
        page.chronology_requested.connect(self.show_chronology)
        page.close_requested.connect(self.mark_closed)
        page.export_requested.connect(self.export_record)
        self._add_page(page)
        page.vault_missing = self.vault.state == MISSING
        page.show_store(self.store)
        for hook in self._records_page_hooks:
            hook(page)
        return page

    def when_records_page(self, hook: Callable[[RecordsPage], object]) -> None:
        """Run `hook` with the records page once it is built (now, if it is)."""
        self._records_page_hooks.append(hook)
        if "records_page" in self.__dict__:
            hook(self.records_page)

    def is_records_page(self, page: object) -> bool:
        """`page` is the records page (without building it to ask)."""
        return "records_page" in self.__dict__ and page is self.records_page

    @cached_property
    def privacy_page(self) -> PrivacyPage:
        from wt26desk.ui.vault.privacy_page import PrivacyPage

        page = PrivacyPage()
        page.return_requested.connect(self.come_back)
        self._add_page(page)
        return page

    def is_privacy_page(self, page: object) -> bool:
        """`page` is the privacy screen (without building it to ask)."""
        return "privacy_page" in self.__dict__ and page is self.privacy_page

    @cached_property
    def editor(self) -> RecordEditor:
        from wt26desk.ui.records.record_editor import RecordEditor

        editor = RecordEditor(self.library, self.engine)
        editor.saved.connect(self._status)
        editor.saved.connect(lambda _message: self.records_changed.emit())
        editor.saved.connect(lambda _message: self._remember_signer())
        editor.closed.connect(self.show_records)
        editor.open_item.connect(self.show_guidance_item)
        self._add_page(editor)
        return editor

    @cached_property
    def renderer(self) -> Renderer:
        from wt26desk.content_library.render import Renderer  # Markdown: not at start

        return Renderer(self.library)

    @cached_property
    def chronology_page(self) -> ChronologyPage:
        from wt26desk.ui.records.chronology_page import ChronologyPage

        page = ChronologyPage(self.settings.sensitivity_marking)
        page.back_requested.connect(self.show_records)
        page.print_requested.connect(self.print_html)
        self._add_page(page)
        return page

    @property
    def editing(self) -> bool:
        """A record is open in the editor (without building the editor to ask)."""
        return "editor" in self.__dict__ and self.editor.active

    def is_editor(self, page: object) -> bool:
        """`page` is the record editor (without building it to ask)."""
        return "editor" in self.__dict__ and page is self.editor

    # The vault -------------------------------------------------------------------------------
    def _state_changed(self, state: str) -> None:
        unlocked = state == UNLOCKED and self.vault.vault is not None
        self.store = None
        self._last_signer = None
        if unlocked and self.vault.vault:
            from wt26desk.records.store import RecordStore  # records and prompts: not before

            self.store = RecordStore(self.vault.vault)
        for action in (self.new_action, self.pin_action, self.export_action):
            action.setEnabled(unlocked)
        if "records_page" in self.__dict__:  # else it shows the store when it is built
            self.records_page.vault_missing = state == MISSING
            self.records_page.show_store(self.store)
        if self._locked_behind_privacy and self.hidden:
            if state == MISSING:  # trainer mode ended with no vault of one's own to unlock:
                self._before_privacy = None  # the window shows the welcome page (there is
                self._locked_behind_privacy = False  # no record to protect)
                return
            if self.store is None:  # locked: the same neutral prompt, for the passphrase
                self.privacy_page.show_prompt(pin_allowed=False, needs_secret=True)
                return
            self._return()  # unlocked from the privacy screen: the records, as after unlock
        if self.store is not None and self._reopen and self._reopen[0] == self.vault.folder:
            record_id = self._reopen[1]
            self._reopen = None
            self._open_draft_or_record(record_id, "Your unsaved draft was restored.")

    def _about_to_lock(self) -> None:
        if self.editing:
            self.editor.save_draft()
            self._reopen = (self.vault.folder, self.editor.record.id)
        if "editor" in self.__dict__:
            self.editor.clear()
        if "chronology_page" in self.__dict__:
            self.chronology_page.clear()
        if "records_page" in self.__dict__:
            self.records_page.show_store(None)
        for window in self._windows:
            window.close()
        self._windows.clear()
        if self.hidden:
            # The screen stays neutral: after unlocking there, the records (and the draft).
            self._before_privacy = self.records_page
            self._locked_behind_privacy = True
        self.pin_attempts = 0
        self._last_signer = None  # of this vault only

    def _open_draft_or_record(self, record_id: str, note: str) -> None:
        assert self.store is not None
        draft = next((d for d in self.store.drafts() if d.id == record_id), None)
        if draft is not None:
            self._edit(draft, note)
        elif record_id in self.store.vault.record_ids():
            self._edit(self.store.get(record_id), "")

    # Pages -------------------------------------------------------------------------------------
    def show_records(self) -> None:
        if self.editing:
            self._show_page(self.editor)
            return
        self.records_page.refresh()
        self._show_page(self.records_page)
        self.records_page.table.setFocus()

    def new_concern(self) -> None:
        if self.store is None:
            self._status("Unlock the vault first: records are kept encrypted in it.")
            return
        if self.editing:
            self._show_page(self.editor)
            self._status("Finish or close the record you are writing first.")
            return
        from wt26desk.records.model import ConcernRecord

        record = ConcernRecord(event_date=date.today().isoformat())
        name, role = self._signer()
        record.sign_off.name, record.sign_off.role = name, role
        self._edit(record, "New record: nothing is saved until you type.")

    def _signer(self) -> tuple[str, str]:
        """Who signed the last record in this vault (kept in the vault, never in plain
        settings): a new record starts with their name and role in the sign-off."""
        if self._last_signer is None and self.store is not None:
            signed = [r for r in self.store.records() if r.sign_off.name.strip()]
            latest = max(signed, key=lambda r: r.sign_off.date or r.created, default=None)
            self._last_signer = (latest.sign_off.name, latest.sign_off.role) if latest else ("", "")
        return self._last_signer or ("", "")

    def _remember_signer(self) -> None:
        if "editor" in self.__dict__ and self.editor.record.sign_off.name.strip():
            signer = self.editor.record.sign_off
            self._last_signer = (signer.name, signer.role)

    def open_record(self, record: ConcernRecord) -> None:
        if self.store is None:
            return
        if self.editing and self.editor.record.id != record.id:
            self._status("Close the record you are writing first.")
            self._show_page(self.editor)
            return
        self._open_draft_or_record(record.id, "This is an unsaved draft.")

    def _edit(self, record: ConcernRecord, note: str) -> None:
        assert self.store is not None
        self.editor.start(record, self.store, note)
        self._show_page(self.editor)
        self.editor.next_button.setFocus()
        self.editor.go_to_field("children")

    def show_chronology(self, focus: ConcernRecord | None = None) -> None:
        if self.store is None:
            return
        self.chronology_page.show_records(self.store.records(), focus)
        self._show_page(self.chronology_page)
        self.chronology_page.child.setFocus()

    def mark_closed(self, record_id: str) -> None:
        if self.store is None:
            return
        record = self.store.get(record_id)
        if not self.dialogs.confirm(
            "Mark closed", f"Mark “{record.title()}” as closed? It stays in the vault."
        ):
            return
        record.status = "closed"
        try:
            revision = self.store.save(record)
        except Wt26Error as exc:
            self.dialogs.error("Not saved", str(exc))
            return
        self.records_page.refresh()
        self._status(f"Closed (revision {revision}).")

    def export_current(self) -> None:
        """The record being written (saved first), else the one selected in the list."""
        if self.store is None:
            return
        if self.editing:
            if self.editor.dirty and not self.editor.save():
                return
            if self.editor.record.id in self.store.vault.record_ids():
                self.export_record(self.editor.record.id)
            return
        self.records_page.export_selected()

    def export_record(self, record_id: str) -> ExportDialog | None:
        if self.store is None:
            return None
        from wt26desk.ui.records.export_dialog import ExportDialog  # loads the exporters on demand

        dialog = ExportDialog(
            self.store,
            record_id,
            self.engine(),
            self.settings.sensitivity_marking,
            self.dialogs,
            self.print_html,
            self.window,
        )
        if self.default_recipient:
            dialog.recipient.setText(self.default_recipient)
        self._keep(dialog)
        dialog.format.setFocus()
        return dialog

    def show_history(self, record_id: str) -> None:
        if self.store is None:
            return
        # Qt's classes for these windows are made when first used, not at start.
        from PySide6.QtWidgets import (
            QDialog,
            QDialogButtonBox,
            QHBoxLayout,
            QListWidget,
            QVBoxLayout,
        )

        from wt26desk.records.model import ConcernRecord
        from wt26desk.records.report import record_html
        from wt26desk.ui.common.read_only_browser import ReadOnlyBrowser

        revisions = self.store.vault.history(record_id)
        dialog = QDialog(self.window)
        dialog.setWindowTitle("Revision history")
        listing = QListWidget()
        listing.setAccessibleName("Revisions")
        view = ReadOnlyBrowser("Revision")
        records = [ConcernRecord.from_document(r.document) for r in revisions]
        for revision, record in zip(revisions, records, strict=True):
            listing.addItem(f"Revision {revision.revision}: {record.status}")
        listing.currentRowChanged.connect(
            lambda row: (
                view.show_html(
                    record_html(
                        records[row],
                        area_titles={a.id: a.title for a in self.library.harm_areas},
                        marking=self.settings.sensitivity_marking,
                        revision=revisions[row].revision,
                    )
                )
                if 0 <= row < len(records)
                else None
            )
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.close)
        row = QHBoxLayout()
        row.addWidget(listing, 1)
        row.addWidget(view, 3)
        layout = QVBoxLayout(dialog)
        layout.addLayout(row)
        layout.addWidget(buttons)
        listing.setCurrentRow(len(records) - 1)
        dialog.resize(900, 600)
        self._keep(dialog)

    def show_guidance_item(self, target: str) -> None:
        from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout

        dialog = QDialog(self.window)
        dialog.setWindowTitle(self.renderer.title_of(target) or "Guidance")
        from wt26desk.ui.library.reader_view import ReaderView

        reader = ReaderView(self.renderer)
        reader.link_activated.connect(lambda t: reader.show_target(t))
        reader.show_target(target)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.close)
        layout = QVBoxLayout(dialog)
        layout.addWidget(reader)
        layout.addWidget(buttons)
        dialog.resize(700, 600)
        self._keep(dialog)
        reader.setFocus()

    def _keep(self, window: QWidget) -> None:
        """Show a window that shows record text; it is deleted when closed and closed
        when the vault locks."""
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._windows.append(window)
        window.destroyed.connect(lambda: self._forget(window))
        window.show()

    def _forget(self, window: QWidget) -> None:
        if window in self._windows:
            self._windows.remove(window)

    def print_html(self, title: str, html: str, images: Mapping[str, QImage] | None = None) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QTextDocument
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        document = QTextDocument()
        for name, image in (images or {}).items():  # the body maps, before the HTML uses them
            document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        document.setHtml(html)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(title)
        preview = QPrintPreviewDialog(printer, self.window)
        preview.setWindowTitle(f"Print: {title}")
        preview.paintRequested.connect(document.print_)
        preview.exec()

    # Privacy screen ----------------------------------------------------------------------------
    @property
    def hidden(self) -> bool:
        return self._before_privacy is not None

    def hide_screen(self) -> None:
        if self.hidden:
            return
        current = self.window.property("current_page")
        self._before_privacy = current if isinstance(current, QWidget) else self.records_page
        vault = self.vault.vault
        unlocked = self.store is not None and vault is not None
        self._show_page(self.privacy_page)  # blank first; then the prompt
        pin_allowed = False
        if unlocked and vault is not None:
            from wt26desk.vault import pin  # cryptography: loaded with the vault, not at start

            pin_allowed = pin.has_pin(vault) and self.pin_attempts < pin.ATTEMPTS
        self.privacy_page.show_prompt(pin_allowed=pin_allowed, needs_secret=unlocked)

    def come_back(self, secret: str) -> None:
        from wt26desk.vault import pin  # cryptography: loaded with the vault, not at start

        if not self.hidden:
            return
        vault = self.vault.vault
        if self._locked_behind_privacy and vault is None:
            if secret:  # a PIN cannot open a locked vault: only its passphrase can
                self.privacy_page.secret.setEnabled(False)
                self.vault.unlock(secret)
            return
        if self.store is None or vault is None:
            self._return()
            return
        if secret.isdigit() and len(secret) <= pin.MAX_DIGITS and pin.has_pin(vault):
            if self.pin_attempts < pin.ATTEMPTS and pin.check_pin(vault, secret):
                self._return()
                return
            self.pin_attempts += 1
            left = pin.ATTEMPTS - self.pin_attempts
            self.privacy_page.refused(
                f"That PIN is not right. {left} tries left."
                if left > 0
                else "Too many wrong PINs: type your vault passphrase to come back."
            )
            return
        self.privacy_page.secret.setEnabled(False)
        self.vault.check_passphrase(secret, self._return)

    def passphrase_refused(self, message: str) -> None:
        self.privacy_page.secret.setEnabled(True)
        self.privacy_page.refused(message)

    def _return(self) -> None:
        page, self._before_privacy = self._before_privacy, None
        self._locked_behind_privacy = False
        self.pin_attempts = 0
        self.privacy_page.secret.setEnabled(True)
        self.privacy_page.secret.clear()
        self._show_page(page or self.records_page)

    def set_pin(self) -> None:
        from wt26desk.vault import pin  # cryptography: loaded with the vault, not at start

        vault = self.vault.vault
        if vault is None:
            return
        first = self.dialogs.ask_secret(
            "Privacy PIN",
            f"A PIN of {pin.MIN_DIGITS} to {pin.MAX_DIGITS} digits brings you back from the "
            "hidden screen while the vault is open (leave empty to remove it):",
        )
        if first is None:
            return
        if not first:
            pin.clear_pin(vault)
            self._status("Privacy PIN removed: the passphrase brings you back.")
            return
        if not pin.valid_pin(first):
            self.dialogs.error("Privacy PIN", f"Use {pin.MIN_DIGITS} to {pin.MAX_DIGITS} digits.")
            return
        again = self.dialogs.ask_secret("Privacy PIN", "Type the PIN again:")
        if again != first:
            self.dialogs.error("Privacy PIN", "The two PINs differ: nothing changed.")
            return
        pin.set_pin(vault, first)
        self._status("Privacy PIN set. It is kept encrypted in the vault.")
