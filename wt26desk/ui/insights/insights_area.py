"""The lead's view in the window: Go > Insights (Ctrl+I) once the vault is unlocked. The
records are read from the unlocked vault on the GUI thread and the figures worked out on
a worker thread, in memory; the page is emptied when the vault locks. The report is
written only where the person chooses, after a confirmation, and logged in the audit."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from wt26desk.assets import content_dir
from wt26desk.errors import Wt26Error
from wt26desk.settings import Settings
from wt26desk.ui.common.dialogs import DialogService
from wt26desk.ui.common.ops import Operations
from wt26desk.ui.vault.vault_controller import UNLOCKED, VaultController

if TYPE_CHECKING:
    from wt26desk.content_library.library import Library
    from wt26desk.insights.assemble import RaisedCache
    from wt26desk.insights.characteristics import Characteristics
    from wt26desk.insights.cohort import Cohort
    from wt26desk.insights.figures import Insights, PromptGap
    from wt26desk.insights.period import Period
    from wt26desk.prompts.engine import PromptEngine
    from wt26desk.records.model import ConcernRecord
    from wt26desk.ui.insights.insights_page import InsightsPage

DEMO_COHORT = ("demo-records", "demo-cohort.csv")


class InsightsArea(QObject):
    def __init__(
        self,
        window: QWidget,
        library: Callable[[], Library],
        settings: Settings,
        vault: VaultController,
        dialogs: DialogService,
        engine: Callable[[], PromptEngine],
        show_page: Callable[[QWidget], None],
        add_page: Callable[[QWidget], object],
        status: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self._library = library  # loaded when first needed
        self.settings = settings
        self.vault = vault
        self.dialogs = dialogs
        self._engine = engine
        self._show_page = show_page
        self._add_page = add_page
        self._status = status
        self._period: Period | None = None  # the last twelve months, once asked for
        self.cohort: Cohort | None = None
        self._demo_cohort = False  # the cohort is the demo setting's fictional roll
        self._generation = 0  # a result for an older request (or a locked vault) is dropped
        self._raised: RaisedCache = {}  # what the prompts raised for each record, in memory
        self._records: list[ConcernRecord] | None = None  # read when the page is opened
        self.ops = Operations(self)
        self.action = QAction("&Insights", window)
        self.action.setShortcut(QKeySequence("Ctrl+I"))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.setToolTip("Patterns, cohorts and disproportionality (Ctrl+I)")
        self.action.triggered.connect(self.show)
        vault.state_changed.connect(self._state_changed)
        vault.about_to_lock.connect(self._about_to_lock)
        self._state_changed(vault.state)

    @property
    def library(self) -> Library:
        """The content library (loaded by the window when first needed)."""
        return self._library()

    @property
    def period(self) -> Period:
        if self._period is None:
            from wt26desk.insights.period import Period

            self._period = Period.last_twelve_months(date.today())
        return self._period

    @period.setter
    def period(self, period: Period) -> None:
        self._period = period

    @functools.cached_property
    def page(self) -> InsightsPage:
        """The page, built when first shown (charts and date fields: not at start)."""
        from wt26desk.ui.insights.insights_page import InsightsPage

        page = InsightsPage()
        self._add_page(page)
        page.set_period(self.period.start, self.period.end)
        page.period_changed.connect(self._period_changed)
        page.cohort_requested.connect(self.choose_cohort)
        page.cohort_cleared.connect(self.clear_cohort)
        page.export_requested.connect(self.export)
        return page

    # The vault ---------------------------------------------------------------------------
    def _state_changed(self, state: str) -> None:
        unlocked = state == UNLOCKED and self.vault.vault is not None
        self.action.setEnabled(unlocked)
        if unlocked:
            if self.vault.training and self.cohort is None:
                # The demo setting's fictional roll, so trainer mode shows every figure.
                self.cohort = self._load(content_dir().joinpath(*DEMO_COHORT))
                self._demo_cohort = True
            elif not self.vault.training and self._demo_cohort:
                self.cohort, self._demo_cohort = None, False  # never over real records

    @functools.cached_property
    def characteristics(self) -> Characteristics:
        # Loaded when first needed, not to paint the window (records, prompts, TOML).
        from wt26desk.insights.characteristics import Characteristics

        return Characteristics.from_library(self.library)

    def _load(self, path: Path) -> Cohort:
        from wt26desk.insights.cohort import load_cohort

        return load_cohort(path, self.characteristics)

    def _about_to_lock(self) -> None:
        self._generation += 1  # a running comparison stops at its next record
        self._raised = {}  # a new one: a worker still finishing writes into the old one
        self._records = None
        if "page" in self.__dict__:  # built: emptied; never built: nothing to empty
            self.page.clear()

    # Showing -----------------------------------------------------------------------------
    def show(self) -> None:
        if self.vault.state != UNLOCKED or self.vault.vault is None:
            return
        self._show_page(self.page)
        self.refresh(reload=True)
        self.page.start.setFocus()

    def refresh(self, reload: bool = False) -> None:
        """The figures first; then the prompts' harm areas, which take longer (about 6 ms a
        record the first time; a record read before and unchanged is not read again).

        The records are read from the vault (decrypted into memory, on this thread: the
        vault's connection belongs to it) each time the page is opened; a new period or
        cohort on the open page reuses them, since nothing can change them meanwhile."""
        vault = self.vault.vault
        if vault is None:
            return
        from wt26desk.insights.assemble import insights_for
        from wt26desk.records.store import RecordStore

        if reload or self._records is None:
            self._records = RecordStore(vault).records()
        records = self._records
        period, cohort, library = self.period, self.cohort, self.library
        self._generation += 1
        generation = self._generation
        self.page.set_busy(True)

        def work() -> Insights:
            return insights_for(records, library, period, today=date.today(), cohort=cohort)

        def done(insights: Insights) -> None:
            if generation == self._generation:
                self.page.show_insights(insights)
                self._compare_with_prompts(records, period, generation)

        self.ops.run(work, done, self._failed(generation))

    def _compare_with_prompts(
        self, records: list[ConcernRecord], period: Period, generation: int
    ) -> None:
        from wt26desk.insights.assemble import raised_areas
        from wt26desk.insights.figures import prompt_gaps

        engine, cache = self._engine(), self._raised
        titles = {a.id: a.title for a in self.library.harm_areas}

        def stale() -> bool:  # read from the worker: a plain int, no lock needed
            return generation != self._generation

        def work() -> tuple[PromptGap, ...]:
            raised = raised_areas(engine, records, period, cache, cancelled=stale)
            return prompt_gaps(records, period, raised, titles)

        def done(gaps: tuple[PromptGap, ...]) -> None:
            if generation == self._generation:
                self.page.show_prompt_gaps(gaps)

        self.page.prompt_note.setText("Running the prompts over each record…")
        self.ops.run(work, done, self._failed(generation))

    def _failed(self, generation: int) -> Callable[[Exception], None]:
        def failed(exc: Exception) -> None:
            if generation == self._generation:
                self.page.set_busy(False)
                self.dialogs.error("Insights", f"The figures could not be worked out: {exc}")

        return failed

    def set_period(self, start: date, end: date) -> None:
        """Show this period next time (the figures follow at once if the page is shown)."""
        from wt26desk.insights.period import Period

        self.period = Period(start, end)
        if "page" in self.__dict__:  # else the page takes the period when it is built
            self.page.set_period(start, end)

    def _period_changed(self, start: date, end: date) -> None:
        if end < start:
            self.page.set_busy(True, "The period ends before it starts: change one of the dates.")
            return
        from wt26desk.insights.period import Period

        self.period = Period(start, end)
        self.refresh()

    def choose_cohort(self) -> None:
        path = self.dialogs.open_path("Open a cohort file", "Cohort files (*.toml *.csv)")
        if path is None:
            return
        try:
            self.cohort, self._demo_cohort = self._load(path), False
        except Wt26Error as exc:
            self.dialogs.error("Cohort file", str(exc))
            return
        self.refresh()

    def clear_cohort(self) -> None:
        self.cohort, self._demo_cohort = None, False
        self.refresh()

    # The report ----------------------------------------------------------------------------
    def export(self, fmt: str) -> Path | None:
        insights, vault = self.page.insights, self.vault.vault
        if insights is None or vault is None:
            return None
        from wt26desk.insights.export import build_report, suggested_name, write_report

        kind = {"csv": "CSV (*.csv)", "pdf": "PDF (*.pdf)"}[fmt]
        path = self.dialogs.save_path("Export the figures", suggested_name(insights, fmt), kind)
        if path is None:
            return None
        if not self.dialogs.confirm(
            "Write an unencrypted file?",
            f"This writes the figures as {fmt.upper()}, unencrypted, to {path}. Counts from 1 "
            "to 4 are shown as <5 and no child is named. The export is noted in the vault's "
            "audit log. Continue?",
        ):
            return None
        try:
            report = build_report(
                insights,
                fmt,
                marking=self.settings.sensitivity_marking,
                training=vault.header.training,
            )
            write_report(vault, insights, report, path)
        except (Wt26Error, OSError) as exc:
            self.dialogs.error("Export", f"Nothing was written: {exc}")
            return None
        self._status(f"Wrote the figures to {path}")
        return path
