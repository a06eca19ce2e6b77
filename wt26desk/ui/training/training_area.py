"""Trainer mode in the window: the Training menu, the banner, and the session, scenario and
quiz pages. Opening any of them starts trainer mode first, which locks the real vault and
opens the demo vault of fictional records; leaving (or locking) needs the real passphrase.
Presenting shows only content, never a record."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QWidget

from wt26desk.assets import content_dir
from wt26desk.errors import Wt26Error
from wt26desk.ui.common.dialogs import DialogService
from wt26desk.ui.vault.vault_controller import UNLOCKED, VaultController

if TYPE_CHECKING:
    from wt26desk.content_library.library import Library
    from wt26desk.training.slides import Slide
    from wt26desk.ui.records.records_area import LazyEngine
    from wt26desk.ui.training.presentation import Presentation
    from wt26desk.ui.training.quiz_page import QuizPage
    from wt26desk.ui.training.scenario_page import ScenarioPage
    from wt26desk.ui.training.session_page import SessionPage

SESSION_FILTER = "wt26desk sessions (*.wt26session);;All files (*)"
BANNER = (
    "TRAINING MODE: fictional records only. Your own vault is locked and hidden. "
    "Leave trainer mode (Ctrl+Shift+T) or lock (Ctrl+L) to go back to it with your passphrase."
)
BANNER_NO_VAULT = (
    "TRAINING MODE: fictional records only. You have no vault of your own yet: leave "
    "trainer mode (Ctrl+Shift+T) to create one for real notes."
)


def _file_stem(title: str) -> str:
    """A file name from a session's title: "Team day: A3" -> "team-day--a3"."""
    return "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-") or "session"


class TrainingArea(QObject):
    def __init__(
        self,
        window: QWidget,
        library: Callable[[], Library],
        vault: VaultController,
        dialogs: DialogService,
        engine: LazyEngine,
        show_page: Callable[[QWidget], None],
        add_page: Callable[[QWidget], object],
        status: Callable[[str], None],
        open_guidance: Callable[[str], None],
        demo_vault_dir: Path,
    ) -> None:
        super().__init__(window)
        self.window = window
        self._library = library  # loaded when first needed
        self.vault = vault
        self.dialogs = dialogs
        self.engine = engine
        self._show_page = show_page
        self._add_page = add_page
        self._status = status
        self._open_guidance = open_guidance
        self.demo_vault_dir = demo_vault_dir
        self.presentation: Presentation | None = None
        # The window is behind its privacy screen: the banner and title say nothing then.
        self.discreet: Callable[[], bool] = lambda: False

        self.banner = QLabel(BANNER)
        self.banner.setObjectName("trainingBanner")
        self.banner.setAccessibleName("Training mode")
        self.banner.setWordWrap(True)
        # Black on yellow with a thick border: clear in every theme and not colour alone.
        self.banner.setStyleSheet(
            "QLabel#trainingBanner { background: #ffd400; color: #000000; font-weight: bold; "
            "border: 3px dashed #000000; padding: 6px; }"
        )
        self.banner.hide()

        def action(text: str, slot: Callable[[], object], keys: str = "") -> QAction:
            made = QAction(text, window)
            if keys:
                made.setShortcut(QKeySequence(keys))
            made.setToolTip(text.replace("&", "").rstrip("…") + (f" ({keys})" if keys else ""))
            made.triggered.connect(slot)
            return made

        self.mode_action = action("&Trainer mode", self.toggle, "Ctrl+Shift+T")
        self.mode_action.setCheckable(True)
        self.sessions_action = action("&Sessions and slides…", self.show_sessions)
        self.present_action = action("&Present the session", self.present, "F5")
        self.scenarios_action = action("S&cenarios…", self.show_scenarios)
        self.quiz_action = action("&Quiz…", self.show_quiz)
        self.handout_action = action("&Handout PDF…", self.save_handout)
        self.reset_action = action("&Reset the demo records", self.reset_demo)
        # Alt+A: recording's fields keep clear of it (and of F, G, V, W and H, the other
        # menus); Ctrl+Shift+T and F5 work everywhere.
        self.menu = QMenu("Tr&aining", window)
        self.menu.addAction(self.mode_action)
        self.menu.addSeparator()
        for made in (
            self.sessions_action,
            self.present_action,
            self.scenarios_action,
            self.quiz_action,
            self.handout_action,
        ):
            self.menu.addAction(made)
        self.menu.addSeparator()
        self.menu.addAction(self.reset_action)
        vault.state_changed.connect(self._state_changed)
        self._state_changed(vault.state)

    # Trainer mode ------------------------------------------------------------------------------
    @property
    def library(self) -> Library:
        """The content library (loaded by the window when first needed)."""
        return self._library()

    @property
    def active(self) -> bool:
        return self.vault.training

    def start(self, *, fresh: bool = False) -> bool:
        """Trainer mode on (the demo vault open), or False when the user kept their own
        vault: with it unlocked, entering trainer mode asks first, from every way in."""
        if self.active and not fresh:
            return True
        if (
            not self.active
            and self.vault.state == UNLOCKED
            and not self.dialogs.confirm(
                "Start trainer mode?",
                "Trainer mode locks your vault (what you are writing is kept as an "
                "encrypted draft) and opens the demo vault of fictional records, so training "
                "never mixes with real records. Coming back needs your passphrase.\n\n"
                "Lock your vault and start trainer mode?",
            )
        ):
            self.mode_action.setChecked(False)
            self._status("Trainer mode not started: your vault stays open.")
            return False
        self._status("Starting trainer mode: your vault is locked and the demo vault opens.")
        self.vault.enter_training(self.demo_vault_dir, content_dir() / "demo-records", fresh=fresh)
        self._state_changed(self.vault.state)
        return True

    def leave(self) -> None:
        self.vault.leave_training()

    def toggle(self) -> None:
        if self.active:
            self.leave()
        else:
            self.mode_action.setChecked(self.start())

    def pages(self) -> list[QWidget]:
        """The training pages built so far (without building the others to ask)."""
        names = ("session_page", "scenario_page", "quiz_page")
        return [getattr(self, n) for n in names if n in self.__dict__]

    def reset_demo(self) -> None:
        if self.dialogs.confirm(
            "Reset the demo records",
            "Put the demo vault back as it came: records added or changed in training "
            "are removed. Your own vault is not touched.",
        ):
            self.start(fresh=True)

    def _state_changed(self, _state: str) -> None:
        active = self.active
        self.mode_action.setChecked(active)
        self.reset_action.setEnabled(active)
        if not active and self.presentation is not None:
            self.presentation.end()
        if not self.discreet():
            self.show_state()

    def show_state(self) -> None:
        """The banner and the window's title say whether trainer mode is on."""
        active = self.active
        self.banner.setText(BANNER if self.vault.has_own_vault else BANNER_NO_VAULT)
        self.banner.setVisible(active)
        title = "wt26desk: Working Together 2026"
        self.window.setWindowTitle(f"{title} [TRAINING: fictional records]" if active else title)

    # Pages --------------------------------------------------------------------------------------
    @cached_property
    def session_page(self) -> SessionPage:
        from wt26desk.training.session import starter_session
        from wt26desk.ui.training.session_page import SessionPage

        page = SessionPage(self.library)
        page.set_session(starter_session(self.library))
        page.present_requested.connect(self.present)
        page.handout_requested.connect(self.save_handout)
        page.save_requested.connect(self.save_session)
        page.load_requested.connect(self.load_session)
        self._add_page(page)
        return page

    @cached_property
    def scenario_page(self) -> ScenarioPage:
        from wt26desk.ui.training.scenario_page import ScenarioPage

        page = ScenarioPage(self.library, self.engine)
        page.open_guidance.connect(self._open_guidance)
        self._add_page(page)
        return page

    @cached_property
    def quiz_page(self) -> QuizPage:
        from wt26desk.ui.training.quiz_page import QuizPage

        page = QuizPage(self.library)
        page.open_guidance.connect(self._open_guidance)
        self._add_page(page)
        return page

    def show_sessions(self) -> None:
        if not self.start():
            return
        self._show_page(self.session_page)
        self.session_page.entries.setFocus()

    def show_scenarios(self, scenario_id: str = "") -> None:
        if not self.start():
            return
        page = self.scenario_page
        if scenario_id:
            page.choose(scenario_id)
        self._show_page(page)
        page.chooser.setFocus()

    def show_quiz(self) -> None:
        if not self.start():
            return
        self._show_page(self.quiz_page)
        self.quiz_page.topic.setFocus()

    # Presenting and handouts -----------------------------------------------------------------
    def _slides(self) -> tuple[str, list[Slide]]:
        from wt26desk.training.slides import session_slides

        session = self.session_page.session()
        return session.title, session_slides(self.library, session.title, session.entries)

    def present(self) -> None:
        from wt26desk.ui.training.presentation import Presentation

        if not self.start():
            return
        if self.presentation is not None:
            self.presentation.end()
        _title, slides = self._slides()
        presentation = Presentation(
            slides, self.window, presenter_wanted=self.session_page.presenter_view.isChecked()
        )
        presentation.ended.connect(lambda: self._ended(presentation))
        self.presentation = presentation

    def _ended(self, presentation: Presentation) -> None:
        if self.presentation is presentation:
            self.presentation = None
        presentation.deleteLater()
        self.window.activateWindow()

    def save_handout(self) -> None:
        from wt26desk.fileio import atomic_write_bytes
        from wt26desk.training.handout import handout_pdf

        if not self.start():
            return
        title, slides = self._slides()
        trainer = self.dialogs.confirm(
            "Handout",
            "Include the answers and presenter notes (a trainer's copy)?\n\n"
            "Choose No for a participant's copy without answers.",
        )
        path = self.dialogs.save_path("Save the handout", f"{_file_stem(title)}.pdf", "PDF (*.pdf)")
        if path is None:
            return
        try:
            atomic_write_bytes(path, handout_pdf(title, slides, trainer=trainer), mode=0o644)
        except Wt26Error as exc:
            self.dialogs.error("Handout not saved", str(exc))
            return
        self._status(f"Handout saved: {path}")

    def save_session(self) -> None:
        from wt26desk.training.session import SUFFIX, save_session

        session = self.session_page.session()
        path = self.dialogs.save_path(
            "Save the session", f"{_file_stem(session.title)}{SUFFIX}", SESSION_FILTER
        )
        if path is None:
            return
        try:
            save_session(path, session)
        except Wt26Error as exc:
            self.dialogs.error("Session not saved", str(exc))
            return
        self._status(f"Session saved: {path}")

    def load_session(self) -> None:
        from wt26desk.training.session import load_session

        path = self.dialogs.open_path("Open a session", SESSION_FILTER)
        if path is None:
            return
        try:
            loaded = load_session(path, self.library)
        except Wt26Error as exc:
            self.dialogs.error("Session not opened", str(exc))
            return
        self.session_page.set_session(loaded.session)
        if loaded.skipped:
            self.dialogs.inform(
                "Some items were left out",
                "These items are not in this library (another content pack, or a typing "
                f"slip): {', '.join(loaded.skipped)}",
            )
        self._status(f"Session opened: {loaded.session.title}")
