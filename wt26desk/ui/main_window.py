"""The main window: library panel on the left, reading pane on the right."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6

from PySide6.QtCore import QByteArray, QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from wt26desk import __version__
from wt26desk.deadlines.working_days import WorkingDayCalendar
from wt26desk.organisation import Organisation
from wt26desk.settings import THEMES, Settings
from wt26desk.ui.common.dialogs import DialogService, QtDialogs
from wt26desk.ui.common.history import History
from wt26desk.ui.common.icons import fit_icons, icon
from wt26desk.ui.common.keys import ShortcutsBeforeFields
from wt26desk.ui.common.theme import focus_style_sheet
from wt26desk.ui.common.toolbar_fit import (
    RefitOnFontChange,
    fit_row,
    name_in_tooltip,
    row_width,
)
from wt26desk.ui.handover.handover_area import HandoverArea
from wt26desk.ui.insights.insights_area import InsightsArea
from wt26desk.ui.records.records_area import RecordsArea
from wt26desk.ui.training.training_area import TrainingArea
from wt26desk.ui.vault.lock_page import LockPage
from wt26desk.ui.vault.vault_actions import VaultActions, close_modal_dialogs
from wt26desk.ui.vault.vault_controller import LOCKED, MISSING, UNLOCKED, VaultController

if TYPE_CHECKING:
    from wt26desk.content_library.library import Library
    from wt26desk.ui.library.library_panel import LibraryPanel
    from wt26desk.ui.library.reader_view import ReaderView

WINDOW_TITLE = "wt26desk: Working Together 2026"
LIBRARY_LIST_MIN = 320  # pixels: the library's list of contents at 100%
LIBRARY_LIST_CHARS = 34  # average characters of a title the list shows at any text size
FIT_RETRIES = 10  # tries, 20 ms apart, to give the window back its size after zooming out
APP_DISPLAY_NAME = "wt26desk"
PRIVATE_TITLE = "Document"  # what the hidden window calls itself: says nothing
HOME = "guide-worried"
TOUR = "guide-tour"
TOOLBAR_SLACK = 8  # pixels kept free at the end of the toolbar row
ZOOM_STEPS = (50, 67, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300, 400)

SettingsSink = Callable[[Settings], None]
Place = tuple[QWidget, str]  # a page, and the guidance item read on it ("" on other pages)


class AfterFirstPaint(QObject):
    """Runs `then` once the watched widget has painted (not merely been shown: a timer
    of 0 ms set at show time fires before the first paint)."""

    def __init__(self, watched: QWidget, then: Callable[[], object]) -> None:
        super().__init__(watched)
        self._then = then
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)
        return False


class MainWindow(QMainWindow):
    def __init__(
        self,
        library: Callable[[], Library],
        settings: Settings,
        save_settings: SettingsSink,
        apply_view: Callable[[Settings], None],
        vault: VaultController,
        dialogs: DialogService | None = None,
        calendar: WorkingDayCalendar | None = None,
        demo_vault_dir: Path | None = None,
        organisation: Organisation | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(WINDOW_TITLE)
        self._hiding = False
        self._chrome_shown: list[QWidget] = []
        self._size_before_zoom: QSize | None = None  # the size chosen before zooming in
        self._fit_retries = 0
        self._title_shown = ""
        # The content is loaded when first needed: after the first paint when the first
        # page (welcome or unlock) shows none of it, else to build the page that does.
        self._load_library = library
        self._library: Library | None = None
        self.settings = settings
        self._save_settings = save_settings
        self._apply_view = apply_view
        # The window's sheet before any of its widgets is made: set once they are, it
        # would polish every one of them again (they are polished when first shown).
        self._apply_focus_style()
        # Back and forward over the pages and guidance items of this session (in memory;
        # a lock forgets the pages that showed records).
        self.history: History[Place] = History()
        self._travelling = False  # going back or forward: not a new visit
        self._guide_target: str | None = None  # the guidance item in the reader

        # The guidance (library panel and reader) is built when first shown or used: the
        # lock page covers it at most starts, and it needs the Markdown renderer.
        self._library_page: QSplitter | None = None
        self.lock_page = LockPage()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.lock_page)
        self.vault = vault
        self.dialogs: DialogService = dialogs or QtDialogs(self)
        self._disabled_while_hidden: list[QAction] = []
        self.records = RecordsArea(
            self,
            lambda: self.library,
            settings,
            vault,
            self.dialogs,
            self.show_page,
            self.pages.addWidget,
            lambda text: self.statusBar().showMessage(text, 8000),
            calendar or WorkingDayCalendar(),
        )
        self.training = TrainingArea(
            self,
            lambda: self.library,
            vault,
            self.dialogs,
            self.records.engine,
            self.show_page,
            self.pages.addWidget,
            lambda text: self.statusBar().showMessage(text, 8000),
            self.records.show_guidance_item,
            demo_vault_dir or vault.folder.parent / "training-vault",
        )
        self.insights = InsightsArea(
            self,
            lambda: self.library,
            settings,
            vault,
            self.dialogs,
            self.records.engine,
            self.show_page,
            self.pages.addWidget,
            lambda text: self.statusBar().showMessage(text, 8000),
        )
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.startup_problems = QLabel()
        self.startup_problems.setObjectName("startupProblems")
        self.startup_problems.setAccessibleName("Start-up check")
        self.startup_problems.setWordWrap(True)
        self.startup_problems.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.startup_problems.setStyleSheet(
            "QLabel#startupProblems { border: 3px solid; padding: 6px; }"
        )
        self.startup_problems.hide()
        column.addWidget(self.startup_problems)
        column.addWidget(self.training.banner)
        column.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.organisation = organisation or Organisation()
        self.records.default_recipient = self.organisation.export_recipient
        self.vault_actions = VaultActions(self, vault, self.dialogs, self.show_lock_page)
        self.handover = HandoverArea(
            self,
            self.records,
            vault,
            self.dialogs,
            self.organisation,
            self.show_page,
            self.pages.addWidget,
            lambda text: self.statusBar().showMessage(text, 8000),
        )
        self.training.discreet = lambda: self._hiding
        self._build_actions()
        self._build_status()
        self._connect_vault()
        # The window's shortcuts before a text field's own keys, from the first moment:
        # the guard watches only the focus widget (see keys.py).
        self._shortcut_guard = self._guard_shortcuts()
        self.resize(1200, 800)
        if settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(settings.window_geometry.encode()))
        self._start: str | None = settings.last_item or HOME
        if vault.state == MISSING and not settings.last_item:
            self.show_lock_page()  # first run: say what the vault is for
        if vault.state == LOCKED or (vault.state == MISSING and not settings.last_item):
            # The guidance is covered: build it and its first page after the first paint.
            self._start_after_paint = AfterFirstPaint(self.statusBar(), self._open_start)
        else:
            self._open_start()
            self.show_page(self.library_page)
        self._first_paint = AfterFirstPaint(self.statusBar(), self._after_first_paint)

    def _after_first_paint(self) -> None:
        self.panel.search_index()  # the content, the guidance and its search index

    @property
    def library(self) -> Library:
        """The content library, loaded on first use (see __init__)."""
        if self._library is None:
            self._library = self._load_library()
            self._show_content_status()
        return self._library

    def _guard_shortcuts(self) -> ShortcutsBeforeFields:
        """The window's shortcuts before a text field's own keys (see keys.py): the guard
        follows the focus, wherever it goes in the application."""
        guard = ShortcutsBeforeFields(self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(guard.follow_focus)  # ends with the guard (a child)
            guard.follow_focus(None, app.focusWidget())
        return guard

    # The guidance page, built on first use ------------------------------------------------
    @property
    def library_page(self) -> QSplitter:
        return self._ensure_library()

    def _ensure_library(self) -> QSplitter:
        if self._library_page is None:
            from wt26desk.content_library.render import Renderer
            from wt26desk.ui.library.library_panel import LibraryPanel
            from wt26desk.ui.library.reader_view import ReaderView

            self._renderer = Renderer(self.library)
            self._panel = LibraryPanel(self._renderer)
            self._reader = ReaderView(self._renderer)
            splitter = QSplitter(Qt.Orientation.Horizontal)
            splitter.addWidget(self._panel)
            splitter.addWidget(self._reader)
            splitter.setStretchFactor(1, 3)
            splitter.setChildrenCollapsible(False)
            self._panel.target_chosen.connect(self.open_target)
            self._panel.open_requested.connect(self._reader.setFocus)
            self._reader.link_activated.connect(lambda target: self.open_target(target, []))
            self._library_page = splitter
            self.pages.addWidget(splitter)
            self._fit_library()
        return self._library_page

    def _fit_library(self) -> None:
        """The library's list of contents wide enough for its titles at the text size
        (a fixed width elides them at large text), the reader taking the rest."""
        splitter = self._library_page
        if splitter is None:
            return
        chars = self._panel.fontMetrics().averageCharWidth()
        left = max(LIBRARY_LIST_MIN, chars * LIBRARY_LIST_CHARS)
        splitter.setSizes([left, max(splitter.width() - left, left * 2)])

    @property
    def panel(self) -> LibraryPanel:
        self._ensure_library()
        return self._panel

    @property
    def reader(self) -> ReaderView:
        self._ensure_library()
        return self._reader

    # Actions ----------------------------------------------------------------------------
    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(
            f"{tip or text.replace('&', '')}"
            + (f" ({action.shortcut().toString()})" if shortcut else "")
        )
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.back_action = self._action("&Back", self.go_back, QKeySequence.StandardKey.Back)
        self.forward_action = self._action(
            "&Forward", self.go_forward, QKeySequence.StandardKey.Forward
        )
        self.home_action = self._action(
            "&Home",
            lambda: self.open_target(HOME, []),
            "Alt+Home",
            "If you are worried about a child now",
        )
        self.find_action = self._action(
            "&Search", self.find_in_guidance, QKeySequence.StandardKey.Find, "Search all guidance"
        )
        zoom_in = self._action("Zoom &in", lambda: self.zoom(+1), QKeySequence.StandardKey.ZoomIn)
        zoom_out = self._action(
            "Zoom &out", lambda: self.zoom(-1), QKeySequence.StandardKey.ZoomOut
        )
        zoom_reset = self._action("&Actual size", lambda: self.zoom(0), "Ctrl+0")
        quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)

        self.guidance_action = self._action(
            "&Guidance", self.show_library, "Ctrl+G", "Read the guidance"
        )
        records = self.records
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(records.new_action)
        file_menu.addAction(records.export_action)
        file_menu.addMenu(self.handover.menu)  # a submenu: its letter clashes with no field
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        go_menu = self.menuBar().addMenu("&Go")
        for action in (self.guidance_action, records.records_action, self.insights.action):
            go_menu.addAction(action)
        go_menu.addSeparator()
        for action in (self.back_action, self.forward_action, self.home_action, self.find_action):
            go_menu.addAction(action)
        self.menuBar().addMenu(self.vault_actions.menu)
        self.menuBar().addMenu(self.training.menu)
        view_menu = self.menuBar().addMenu("Vie&w")
        for action in (zoom_in, zoom_out, zoom_reset):
            view_menu.addAction(action)
        theme_menu = view_menu.addMenu("&Theme")
        self.theme_actions: dict[str, QAction] = {}
        for theme in THEMES:
            label = {
                "system": "Follow &system",
                "light": "&Light",
                "dark": "&Dark",
                "high-contrast": "&High contrast",
            }[theme]
            action = self._action(label, partial(self.set_theme, theme))
            action.setCheckable(True)
            action.setChecked(theme == self.settings.theme)
            theme_menu.addAction(action)
            self.theme_actions[theme] = action
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self._action("&Quick tour", lambda: self.open_guide(TOUR)))
        help_menu.addAction(self._action("&Keyboard shortcuts", self.show_shortcuts, "F1"))
        help_menu.addAction(self._action("Referral &contacts", self.show_contacts))
        help_menu.addAction(self._action("&About wt26desk", self.show_about))

        # Icons from one set beside the words, in the bar only (a menu keeps its words).
        for action, name in (
            (self.back_action, "arrow-left"),
            (self.forward_action, "arrow-right"),
            (self.home_action, "house"),
            (self.find_action, "search"),
            (self.guidance_action, "book-open"),
            (records.records_action, "folder-open"),
            (records.new_action, "file-plus"),
            (records.hide_action, "eye-off"),
            (self.vault_actions.lock, "lock"),
        ):
            action.setIcon(icon(name))
            action.setIconVisibleInMenu(False)
        toolbar = QToolBar("Navigation")
        toolbar.setObjectName("navigation")
        toolbar.setAccessibleName("Navigation")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.back_action, self.forward_action, self.home_action, self.find_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        for action in (self.guidance_action, records.records_action, records.new_action):
            toolbar.addAction(action)
        self.addToolBar(toolbar)
        self.toolbar = toolbar
        # Hide screen and Lock have their own bar, on the same row: when the text is large
        # the buttons give up their words (see _reflow_toolbars), never their place.
        safety = QToolBar("Privacy")
        safety.setObjectName("privacy")
        safety.setAccessibleName("Privacy")
        safety.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        safety.addAction(records.hide_action)
        safety.addAction(self.vault_actions.lock)
        self.addToolBar(safety)
        self.safety_toolbar = safety
        # Who gives up its words first when the row is too narrow for them all.
        self._words_given_up_first = (
            self.forward_action,
            self.back_action,
            self.find_action,
            self.home_action,
            self.guidance_action,
            records.records_action,
            records.new_action,
            self.vault_actions.lock,
            records.hide_action,
        )
        for action in self._words_given_up_first:
            name_in_tooltip(action)  # it names a button shown as an icon alone
        for bar in (toolbar, safety):
            fit_icons(bar)
        # Fitted again once the bars and their buttons have the zoomed font.
        self._refit_toolbars = RefitOnFontChange((toolbar, safety), self._fit_toolbars)
        # Their keys work with every bar hidden (behind the privacy screen).
        self.addActions([records.hide_action, self.vault_actions.lock])
        self.vault_actions.menu.addSeparator()
        self.vault_actions.menu.addAction(records.hide_action)
        self.vault_actions.menu.addAction(records.pin_action)

    def _build_status(self) -> None:
        self.status_label = QLabel()  # what the content holds, once it is loaded
        self.status_label.setAccessibleName("Status")
        # Permanent, on the right like the vault's state: a passing message ("Text size
        # 200%") then has the left of the bar to itself instead of drawing over it.
        self.status_label.setContentsMargins(0, 0, 16, 0)  # apart from the vault state
        self.statusBar().addPermanentWidget(self.status_label)
        self.vault_label = QLabel()
        self.vault_label.setAccessibleName("Vault status")
        self.statusBar().addPermanentWidget(self.vault_label)
        self.statusBar().messageChanged.connect(self._make_room_for_message)

    def _make_room_for_message(self, message: str) -> None:
        """A passing message ("Text size 300%") is drawn left of the permanent labels and
        cut where they begin: with large text in a narrow window the count of items
        loaded (the least needed) steps aside while the message shows."""
        bar = self.statusBar()
        needed = (
            bar.fontMetrics().horizontalAdvance(message + "MMMM")  # and the margins
            + self.status_label.sizeHint().width()
            + self.vault_label.sizeHint().width()
        )
        self.status_label.setVisible(not message or needed <= bar.width())

    def _show_content_status(self) -> None:
        library = self.library
        problems = len(library.errors)
        text = f"{len(library)} items loaded"
        if problems:
            text += f"; {problems} content problem(s): run 'wt26desk content check' for details"
        self.status_label.setText(text)

    # Vault ------------------------------------------------------------------------------
    def _connect_vault(self) -> None:
        page = self.lock_page
        vault = self.vault
        page.unlock_requested.connect(vault.unlock)
        page.cancel_requested.connect(vault.cancel_unlock)
        vault.unlock_progress.connect(page.show_progress)
        vault.notice.connect(lambda text: self.statusBar().showMessage(text, 20_000))
        vault.integrity_warning.connect(self._integrity_warning)
        page.reset_requested.connect(vault.reset_with_recovery)
        page.create_requested.connect(self.vault_actions.create_vault)
        page.restore_requested.connect(self.vault_actions.restore_backup)
        page.browse_requested.connect(self.show_library)
        page.demo_requested.connect(self.start_demo)
        vault.state_changed.connect(self._vault_state_changed)
        self.records.records_changed.connect(self._update_vault_label)  # after each save
        vault.failed.connect(self._vault_failed)
        vault.about_to_lock.connect(close_modal_dialogs)
        self._vault_state_changed(vault.state)

    def _update_vault_label(self) -> None:
        state = self.vault.state
        texts = {MISSING: "No vault yet", LOCKED: "Vault locked", UNLOCKED: "Vault unlocked"}
        text = texts[state]
        if state == UNLOCKED and self.vault.vault is not None:
            count = len(self.vault.vault.record_ids())
            text += f": {count} note{'s' if count != 1 else ''}"
        if self.vault.training and state == UNLOCKED:
            text = f"Demo vault (fictional): {text.split(': ')[-1]}"
        self.vault_label.setText(text)

    def _vault_state_changed(self, state: str) -> None:
        self._update_vault_label()
        self._update_nav()  # a lock forgets the pages that showed records
        current = self.pages.currentWidget()
        if state == UNLOCKED:
            # Trainer mode may open the demo vault while a training page is in use.
            if not self.records.editing and (
                current is self.lock_page or self.records.is_records_page(current)
            ):
                self.records.show_records()
        elif self.records.hidden:
            return  # a lock behind the privacy screen keeps it: its prompt unlocks
        elif state == LOCKED or current is None or current is not self._library_page:
            # No records are on show without an open vault (trainer mode has just ended).
            self.show_lock_page(self.vault.lock_reason)

    def _integrity_warning(self, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox  # message boxes load when first used

        self.statusBar().showMessage(message)
        box = QMessageBox(
            QMessageBox.Icon.Warning, "The vault's check failed", message, parent=self
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not modal to the application: the window stays usable

    def _vault_failed(self, message: str) -> None:
        if self.records.hidden:
            self.records.passphrase_refused(message)
        elif self.pages.currentWidget() is self.lock_page:
            self.lock_page.failed(message, self.vault.backoff.wait_remaining())
        else:
            self.statusBar().showMessage(message, 10_000)

    def lock_on_suspend(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended:
            self.vault.lock("Locked because the computer went to sleep.")

    def show_lock_page(self, reason: str = "") -> None:
        mode = {MISSING: "welcome", LOCKED: "unlock"}.get(self.vault.state)
        if mode is None:
            return
        self.show_page(self.lock_page)  # visible and enabled first, so that
        self.lock_page.set_busy(False)  # the passphrase field can take the focus
        self.lock_page.show_mode(mode, reason)

    def show_startup_problems(self, findings: list[str]) -> None:
        """The self-check's findings above every page, each with what to do (in words)."""
        if not findings:
            self.startup_problems.hide()
            return
        import html

        items = "".join(f"<li>{html.escape(f)}</li>" for f in findings)
        self.startup_problems.setText(f"<b>Start-up check: please read.</b><ul>{items}</ul>")
        self.startup_problems.show()

    def start_demo(self) -> None:
        """Trainer mode from the lock or welcome page: the demo vault's records list."""
        self.show_page(self.records.records_page)
        self.training.start()

    def _open_start(self) -> None:
        """The page the reader opens on (the last one read, else the first steps), once."""
        start, self._start = self._start, None
        if start is None:
            return  # something else was opened first
        self._ensure_library()
        if start != HOME and not self._renderer.page_html(start):
            start = HOME
        self.open_target(start, [])

    def find_in_guidance(self) -> None:
        self.panel.focus_search()

    def show_library(self) -> None:
        self._open_start()
        self.show_page(self.library_page)
        self.reader.setFocus()

    def show_page(self, page: QWidget) -> None:
        """The one way pages change: while the screen is hidden nothing replaces the privacy
        screen (a lock behind it keeps it; the passphrase typed there unlocks)."""
        hiding = self.records.is_privacy_page(page)
        if self.records.hidden and not hiding:
            return
        self.pages.setCurrentWidget(page)
        self.setProperty("current_page", page)
        if hiding and not self._disabled_while_hidden:
            # Nothing but locking works behind the privacy screen.
            keep = {self.vault_actions.lock, self.records.hide_action}
            self._disabled_while_hidden = [
                a for a in self.findChildren(QAction) if a.isEnabled() and a not in keep
            ]
            for action in self._disabled_while_hidden:
                action.setEnabled(False)
        elif not hiding:
            for action in self._disabled_while_hidden:
                action.setEnabled(True)
            self._disabled_while_hidden = []
            self.records.new_action.setEnabled(
                page is not self.lock_page and self.records.store is not None
            )
        self._discreet(hiding)
        self._visited(page)

    def _discreet(self, hiding: bool) -> None:
        """Behind the privacy screen the window is a neutral blank: no menus, toolbars,
        status bar or banner, and a title that does not say what the app is for."""
        for bar in (self.menuBar(), self.toolbar, self.safety_toolbar):
            bar.setEnabled(not hiding)
        if hiding == self._hiding:
            return
        self._hiding = hiding
        chrome: list[QWidget] = [
            self.menuBar(),
            self.toolbar,
            self.safety_toolbar,
            self.statusBar(),
            self.training.banner,
            self.startup_problems,
        ]
        if hiding:
            self._chrome_shown = [w for w in chrome if w.isVisible()]
            for widget in self._chrome_shown:
                widget.hide()
            self._title_shown = self.windowTitle()
            self.setWindowTitle(PRIVATE_TITLE)
            QGuiApplication.setApplicationDisplayName("")  # not appended to the title
        else:
            for widget in self._chrome_shown:
                if widget is not self.training.banner:  # trainer mode may have ended since
                    widget.show()
            self._chrome_shown = []
            QGuiApplication.setApplicationDisplayName(APP_DISPLAY_NAME)
            self.setWindowTitle(self._title_shown or WINDOW_TITLE)
            self.training.show_state()  # its banner and title, as they are now

    # Navigation -------------------------------------------------------------------------
    def open_target(self, target: str, terms: list[str]) -> None:
        self._start = None
        if not self.reader.show_target(target, terms):
            self.statusBar().showMessage(f"Not found: {target}", 5000)
            return
        self._guide_target = target
        self.panel.select_target(target)
        if self.pages.currentWidget() is self.library_page or not self.history.current:
            self.history.visit((self.library_page, target))
        self._update_nav()

    def _visited(self, page: QWidget) -> None:
        """A page shown: a place to come back to (not the lock or privacy screens)."""
        if not (self._travelling or page is self.lock_page or self.records.hidden):
            target = (self._guide_target or "") if page is self._library_page else ""
            self.history.visit((page, target))
        self._update_nav()

    def _gone(self, place: Place) -> bool:
        """A place that cannot be shown again: a record page once the vault has locked
        (they are emptied), the editor once its record is closed."""
        page, _target = place
        if not shiboken6.isValid(page):
            return True
        if page is self._library_page:
            return False
        if self.vault.state != UNLOCKED:
            return True
        return self.records.is_editor(page) and not self.records.editing

    def _off_history(self) -> bool:
        """The lock or privacy screen is up: Back returns to the last place itself."""
        current = self.history.current
        return current is not None and current[0] is not self.pages.currentWidget()

    def _travel(self, step: Callable[[], Place | None]) -> None:
        self.history.forget(self._gone)
        place = self.history.current if self._off_history() else step()
        if place is not None:
            page, target = place
            self._travelling = True
            try:
                if page is self._library_page and target:
                    self.reader.show_target(target)
                    self.panel.select_target(target)
                    self._guide_target = target
                if self.records.is_records_page(page):
                    self.records.records_page.refresh()
                self.show_page(page)
            finally:
                self._travelling = False
        self._update_nav()

    def go_back(self) -> None:
        self._travel(self.history.back)

    def go_forward(self) -> None:
        if not self._off_history():
            self._travel(self.history.forward)

    def _update_nav(self) -> None:
        if self.records.hidden:
            return  # nothing works behind the privacy screen
        self.history.forget(self._gone)
        off = self._off_history()
        self.back_action.setEnabled(self.history.can_go_back() or off)
        self.forward_action.setEnabled(self.history.can_go_forward() and not off)

    # View -------------------------------------------------------------------------------
    def zoom(self, direction: int) -> None:
        current = self.settings.zoom_percent
        if direction == 0:
            new = 100
        else:
            steps = [z for z in ZOOM_STEPS if (z > current if direction > 0 else z < current)]
            new = (min(steps) if direction > 0 else max(steps)) if steps else current
        if self._size_before_zoom is None:
            self._size_before_zoom = self.size()
        self._change(zoom_percent=new)
        self.statusBar().showMessage(f"Text size {new}%", 3000)
        QTimer.singleShot(0, self, self._fit_after_zoom)

    def _fit_after_zoom(self) -> None:
        """Large text may have pushed the window wider than the user made it (its minimum
        grew): the size they chose again as soon as it fits, never past the screen."""
        self._fit_library()
        kept = self._size_before_zoom
        if kept is None or self.isMaximized() or self.isFullScreen():
            return
        grown = self.width() > kept.width() or self.height() > kept.height()
        if grown and self.settings.zoom_percent == 100:
            self.resize(kept)  # the text as it was: the size as it was
        elif grown:  # back to the size chosen, or as near as the larger text allows
            target = kept.expandedTo(self.minimumSizeHint())
            screen = self.screen()
            if screen is not None:
                target = target.boundedTo(screen.availableGeometry().size())
            self.resize(target.expandedTo(kept))
        if self.settings.zoom_percent == 100:
            if self.size() != kept and self._fit_retries < FIT_RETRIES:
                # The layouts have not yet let go of the larger text's minimum size: try
                # again once they have, rather than forget the size the user chose.
                self._fit_retries += 1
                QTimer.singleShot(20, self, self._fit_after_zoom)
                return
            self._size_before_zoom = None
            self._fit_retries = 0

    def set_theme(self, theme: str) -> None:
        for name, action in self.theme_actions.items():
            action.setChecked(name == theme)
        self._change(theme=theme)

    def follow_system_scheme(self) -> None:
        """The system switched between light and dark: follow it if the theme says so."""
        self._apply_view(self.settings)
        self._apply_focus_style()
        if self._library_page is not None:
            self.reader.refresh_style()

    def _change(self, **changes: object) -> None:
        self.settings = self.settings.replace(**changes)
        self._apply_view(self.settings)
        self._apply_focus_style()
        if self._library_page is not None:
            self.reader.refresh_style()
        self._save_settings(self.settings)

    def _fit_toolbars(self) -> None:
        """Icons as tall as the zoomed text, then the bars' rows for their new width."""
        bar = getattr(self, "safety_toolbar", None)
        if bar is None or not shiboken6.isValid(bar):
            return
        for each in (self.toolbar, bar):
            fit_icons(each)
        self._reflow_toolbars()

    def _reflow_toolbars(self) -> None:
        """Both bars on one row: buttons give up their words, least needed first (the
        arrows, the magnifier and the house say enough alone), Hide screen last; only a
        window too narrow even for the icons puts the privacy bar on a row of its own."""
        bar = getattr(self, "safety_toolbar", None)
        if bar is None or not shiboken6.isValid(bar):  # not built yet, or being destroyed
            return
        bars = (self.toolbar, bar)
        room = self.width() - TOOLBAR_SLACK
        order = self._words_given_up_first
        given = fit_row(bars, order, room)
        needs_row = given == len(order) and row_width(bars) > room
        broken = self.toolBarBreak(bar)
        if needs_row:
            if not broken:
                self.insertToolBarBreak(bar)
            for each in bars:  # a row each: as many words as each row has room for
                fit_row((each,), [a for a in order if a in each.actions()], room)
        elif broken:
            self.removeToolBarBreak(bar)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow_toolbars()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and hasattr(self, "_refit_toolbars"):
            self._refit_toolbars.start()  # once the bars have the new font

    def _apply_focus_style(self) -> None:
        """The window's sheet, set again after every change: widgets under a style sheet
        take a new application font (the zoom) only when they are polished again, and
        setting the sheet (even the same one) repolishes every widget of the window, its
        dialogs included, once. Clearing it first would repolish them all twice."""
        self.setStyleSheet(focus_style_sheet(self.palette(), self.settings.theme))

    def show_shortcuts(self) -> None:
        rows = [
            ("Ctrl+N", "Record a new concern"),
            ("Ctrl+R / Ctrl+G", "Records / guidance"),
            ("Ctrl+Page Down / Up", "Next / previous step while recording"),
            ("Alt+underlined letter", "Go to that field or press that button"),
            ("Ctrl+S / Ctrl+Return", "Save / check and submit the record"),
            ("F6", "Between the record and its guidance panel"),
            ("Arrows, Enter (body map)", "Move the pointer, add a mark"),
            ("Page Down / Up, Ctrl+arrows, Delete (body map)", "Select a mark, move it, remove it"),
            ("Alt+Down or F4 (in a date)", "Pick the date from a calendar"),
            ("Alt+K (analysis step)", "Tick the harm areas the guidance suggests"),
            ("Ctrl+H (in a passphrase)", "Show or hide what you typed"),
            ("Ctrl+E", "Export the record for referral"),
            ("Ctrl+Shift+D / Ctrl+Shift+I", "Send the record to the DSL / the handover inbox"),
            ("Ctrl+I", "Insights: patterns, cohorts and disproportionality"),
            ("Ctrl+Shift+H", "Hide the screen at once"),
            ("Ctrl+Shift+T", "Trainer mode on or off (demo vault of fictional records)"),
            ("F5", "Present the session full screen"),
            ("Right, Page Down, Space / Left, Page Up", "Next / previous slide"),
            ("B / W / Escape", "Black screen / white screen / end the presentation"),
            ("Ctrl+Return (scenario, quiz)", "Check the answer / reveal it"),
            ("Ctrl+L", "Lock the vault"),
            ("Ctrl+F", "Search all guidance"),
            ("Down / Up", "Move through results"),
            ("Enter", "Open the result and move to the text"),
            ("Escape", "Clear the search"),
            ("Alt+Left / Alt+Right", "Back / forward"),
            ("Alt+Home", "First steps page"),
            ("Ctrl++ / Ctrl+- / Ctrl+0", "Larger, smaller, actual text size"),
            ("Tab", "Move between the panels"),
            ("F1", "This list"),
        ]
        table = "".join(f"<tr><td><b>{k}</b></td><td>{v}</td></tr>" for k, v in rows)
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self, "Keyboard shortcuts", f"<table>{table}</table>")

    def open_guide(self, target: str) -> None:
        self.show_library()
        self.open_target(target, [])

    def show_contacts(self) -> None:
        import html

        org = self.organisation
        if org.contacts:
            rows = "".join(
                f"<p><b>{html.escape(c.name)}</b>"
                + "".join(
                    f"<br>{label}: {html.escape(value)}"
                    for label, value in (
                        ("Phone", c.phone),
                        ("Email", c.email),
                        ("When", c.hours),
                        ("Note", c.notes),
                    )
                    if value
                )
                + "</p>"
                for c in org.contacts
            )
            who = f" for {html.escape(org.name)}" if org.name else ""
            text = f"<p>Referral contacts{who}, set by your organisation:</p>{rows}"
        else:
            text = (
                "<p>Your organisation has not set referral contacts in this copy of "
                "wt26desk. Use your local safeguarding partnership's procedures and your "
                "designated safeguarding lead.</p><p>IT can add them in "
                "<code>wt26desk-org.toml</code> next to the app (see the README).</p>"
            )
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self, "Referral contacts", text)

    def show_about(self) -> None:
        org = self.organisation
        setup = f"<p>Set up for {org.name}.</p>" if org.name else ""
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            "About wt26desk",
            f"<p><b>wt26desk {__version__}</b></p>{setup}<p>An offline aid to Working Together to "
            "Safeguard Children 2026, written in its own words with sources. It never "
            "connects to a network.</p><p>It does not replace the statutory guidance or your "
            "local safeguarding partnership's procedures.</p>",
        )

    # Qt overrides ------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.vault.lock("closed")
        geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        self.settings = self.settings.replace(
            window_geometry=geometry, last_item=self._guide_target or ""
        )
        self._save_settings(self.settings)
        super().closeEvent(event)
