"""The safeguarding lead's page: the period and the cohort, then each figure as a chart
with the table of its numbers, and the figures that are better read than looked at as
tables. It only shows an `Insights` (computed in the core); it never computes one."""

from __future__ import annotations

import dataclasses
from datetime import date
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from wt26desk.deadlines.in_words import MONTH_NAMES, full_date
from wt26desk.insights.report import concerns_and_children
from wt26desk.ui.common.date_field import DateField
from wt26desk.ui.common.flow_layout import FlowLayout
from wt26desk.ui.insights.bar_chart_widget import Bar, BarChart, ColumnChart, NumbersTable

if TYPE_CHECKING:
    from wt26desk.insights.figures import Breakdown, Insights, PromptGap

INTRO = (
    "Patterns across your concern records, worked out on this computer from the unlocked "
    "vault and kept in memory only. With a cohort file (your roll by characteristic, for "
    "example from the school census) you also see the rate of concerns in each group and "
    "how it compares with the rest of the roll. Small numbers mean little: read the words "
    "beside each rate."
)


def _label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _date_field(name: str) -> DateField:
    field = DateField()
    field.setAccessibleName(name)
    return field


def _short(day: date) -> str:
    """ "4 Mar 2026", in English whatever the desktop's locale."""
    return f"{day.day} {MONTH_NAMES[day.month - 1][:3]} {day.year}"


def _days(value: float | None, unit: str) -> str:
    return "-" if value is None else f"{value:.1f} {unit}"


class WheelOnlyWhenFocused(QComboBox):
    """A combo box that the mouse wheel changes only once it has been clicked or tabbed
    into: scrolling the page over it scrolls the page, not the choice."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel alone never focuses it

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
            return
        area = self.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is None:
            event.ignore()  # Qt passes it on to the parent
        else:  # the page scrolls, as everywhere else on it
            QApplication.sendEvent(area.viewport(), event)


class InsightsPage(QScrollArea):
    period_changed = Signal(object, object)  # start, end (date)
    cohort_requested = Signal()
    cohort_cleared = Signal()
    export_requested = Signal(str)  # "csv" | "pdf"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setAccessibleName("Insights")
        inner = QWidget()
        self.column = QVBoxLayout(inner)
        self.setWidget(inner)
        self.insights: Insights | None = None

        title = QLabel("<h2>Patterns, cohorts and disproportionality</h2>")
        title.setWordWrap(True)  # at 300% text the heading alone is wider than the window
        title.setAccessibleName("Patterns, cohorts and disproportionality")
        self.column.addWidget(title)
        self.column.addWidget(_label(INTRO))

        controls = FlowLayout()  # wraps onto more lines at a large text size
        self.start = _date_field("First day of the period")
        self.end = _date_field("Last day of the period")
        from_label, to_label = QLabel("Fro&m"), QLabel("Unti&l")
        from_label.setBuddy(self.start)
        to_label.setBuddy(self.end)
        self.cohort_button = QPushButton("Open &cohort file…")
        self.clear_cohort_button = QPushButton("&No cohort")
        self.csv_button = QPushButton("Export C&SV…")
        self.pdf_button = QPushButton("Export &PDF…")
        for widget in (
            from_label,
            self.start,
            to_label,
            self.end,
            self.cohort_button,
            self.clear_cohort_button,
            self.csv_button,
            self.pdf_button,
        ):
            controls.addWidget(widget)
        self.column.addLayout(controls)
        self._fit_date_fields()
        self.cohort_label = _label("Cohort: none (no rates)")
        self.cohort_label.setAccessibleName("Cohort")
        self.column.addWidget(self.cohort_label)
        self.summary = _label("")
        self.summary.setAccessibleName("Summary")
        self.column.addWidget(self.summary)

        self.month_chart, self.month_table = self._chart_section(
            "Concerns by month", ("Month", "Concerns"), over_time=True
        )
        self.area_chart, self.area_table = self._chart_section(
            "Concerns by harm area", ("Harm area", "Concerns")
        )
        self.area_month_table = self._table_section(
            "Concerns by harm area and month", ("Harm area", "Months")
        )
        self.characteristic = WheelOnlyWhenFocused()
        self.characteristic.setAccessibleName("Show concerns by")
        self.group_chart, self.group_table = self._chart_section(
            "Concerns by characteristic", ("Group", "Concerns", "Children"), self.characteristic
        )
        self.rate_chart, self.rate_table = self._chart_section(
            "Rate of concerns against the roll",
            (
                "Group",
                "On roll",
                "Children with concerns",
                "Rate (95% interval)",
                "Ratio to the rest (95% interval)",
                "In plain words",
            ),
            wide_last=True,
        )
        self.repeated_note = _label("")
        self.repeated_note.setAccessibleName("Time between concerns")
        self.repeated_table = self._table_section(
            "Children with more than one concern (is this part of a pattern?)",
            ("Child", "Concerns", "Dates"),
            wide_last=True,
            above=self.repeated_note,
        )
        self.timing_table = self._table_section(
            "How long things took", ("Measure", "Measured", "Median", "Longest", "Not yet")
        )
        self.overdue_table = self._table_section("Overdue now", ("What", "Number"))
        self.prompt_note = _label("")
        self.prompt_note.setAccessibleName("Comparison with the prompts")
        self.prompt_table = self._table_section(
            "Harm areas the prompts raised but were not chosen, and the reverse",
            ("Harm area", "Raised, not chosen", "Chosen, not raised"),
            above=self.prompt_note,
        )
        self.column.addStretch(1)

        self.start.edited.connect(self._period_edited)
        self.end.edited.connect(self._period_edited)
        self.cohort_button.clicked.connect(self.cohort_requested)
        self.clear_cohort_button.clicked.connect(self.cohort_cleared)
        self.csv_button.clicked.connect(lambda: self.export_requested.emit("csv"))
        self.pdf_button.clicked.connect(lambda: self.export_requested.emit("pdf"))
        self.characteristic.currentIndexChanged.connect(lambda _i: self._show_characteristic())
        self.set_busy(True)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_date_fields()

    def _fit_date_fields(self) -> None:
        """Wide enough for the whole of "31/12/2026" at any text size (the line edit's own
        minimum cuts it to ")1/01/2026" once the row is tight)."""
        for field in (self.start, self.end):
            metrics = field.line.fontMetrics()
            frame = field.line.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth)
            text = metrics.horizontalAdvance("31/12/2026") + 2 * metrics.averageCharWidth()
            field.line.setMinimumWidth(text + 2 * frame + 8)

    # Building --------------------------------------------------------------------------------
    def _group(self, title: str) -> QVBoxLayout:
        """A frame with its title as a heading that wraps (a group box's own title does
        not, and at 300% text the longest is wider than the window)."""
        box = QGroupBox()
        box.setAccessibleName(title)
        layout = QVBoxLayout(box)
        heading = QLabel(f"<b>{escape(title)}</b>")
        heading.setWordWrap(True)
        heading.setAccessibleName(title)
        layout.addWidget(heading)
        self.column.addWidget(box)
        return layout

    def _chart_section(
        self,
        title: str,
        header: tuple[str, ...],
        above: QWidget | None = None,
        wide_last: bool = False,
        over_time: bool = False,
    ) -> tuple[BarChart, NumbersTable]:
        layout = self._group(title)
        if above is not None:
            layout.addWidget(above)
        chart = ColumnChart(title) if over_time else BarChart(title)
        table = NumbersTable(title, header, wide_last=wide_last)
        layout.addWidget(chart)
        layout.addWidget(table)
        return chart, table

    def _table_section(
        self,
        title: str,
        header: tuple[str, ...],
        wide_last: bool = False,
        above: QWidget | None = None,
    ) -> NumbersTable:
        table = NumbersTable(title, header, wide_last=wide_last)
        layout = self._group(title)
        if above is not None:
            layout.addWidget(above)
        layout.addWidget(table)
        return table

    # Showing ---------------------------------------------------------------------------------
    def set_period(self, start: date, end: date) -> None:
        self.start.set_iso(start.isoformat())
        self.end.set_iso(end.isoformat())

    def _period_edited(self) -> None:
        """Each time both fields hold a whole date (a half-typed one waits)."""
        if self.start.iso() and self.end.iso():
            start, end = date.fromisoformat(self.start.iso()), date.fromisoformat(self.end.iso())
            self.period_changed.emit(start, end)

    def set_busy(self, busy: bool, message: str = "Working out the figures…") -> None:
        if busy:
            self.summary.setText(message)
        for button in (self.csv_button, self.pdf_button):
            button.setEnabled(not busy and self.insights is not None)

    def clear(self) -> None:
        """Nothing about any child stays on the page once the vault locks."""
        self.insights = None
        for table in self.findChildren(NumbersTable):
            table.set_rows([])
        for chart in self.findChildren(BarChart):
            chart.set_bars([])
        self.summary.setText("")
        self.prompt_note.setText("")
        self.repeated_note.setText("")
        self.set_busy(False)

    def show_insights(self, insights: Insights) -> None:
        self.insights = insights
        i = insights
        cohort = i.cohort
        self.cohort_label.setText(
            f"Cohort: {cohort.name}" if cohort is not None else "Cohort: none (no rates)"
        )
        self.clear_cohort_button.setEnabled(cohort is not None)
        self.summary.setText(
            f"{concerns_and_children(i)} from "
            f"{full_date(i.period.start)} to {full_date(i.period.end)}."
            + (f" {i.undated} records have no date and are left out." if i.undated else "")
        )
        months = [(m, n) for m, n in zip(i.months, i.concerns_by_month, strict=True)]
        self.month_chart.set_bars([Bar(_month(m), n, str(n)) for m, n in months])
        self.month_table.set_rows([(_month(m), str(n)) for m, n in months])
        self.area_chart.set_bars([Bar(a.title, a.concerns, str(a.concerns)) for a in i.harm_areas])
        self.area_table.set_rows([(a.title, str(a.concerns)) for a in i.harm_areas])
        self.area_month_table.setColumnCount(1 + len(i.months))
        self.area_month_table.setHorizontalHeaderLabels(
            ["Harm area", *(_month(m) for m in i.months)]
        )
        self.area_month_table.set_rows(
            [(a.title, *(str(n) for n in a.by_month)) for a in i.harm_areas]
        )
        current = self.characteristic.currentData()
        self.characteristic.blockSignals(True)
        self.characteristic.clear()
        for breakdown in i.by_characteristic:
            self.characteristic.addItem(breakdown.title, breakdown.characteristic)
        index = self.characteristic.findData(current)
        self.characteristic.setCurrentIndex(max(0, index))
        self.characteristic.blockSignals(False)
        self._show_characteristic()
        self._show_rates(i)
        self.repeated_table.set_rows(
            [
                (w.label, str(len(w.dates)), ", ".join(_short(d) for d in w.dates))
                for w in i.repeated.who
            ]
        )
        r = i.repeated
        self.repeated_note.setText(
            f"{r.children} children had more than one concern. Between one concern and the "
            f"next for the same child: median {r.median_days_between:.0f} days, shortest "
            f"{r.shortest_days_between} days. Their names are shown here only, never exported."
            if r.median_days_between is not None
            else "No child had more than one concern in this period."
        )
        self.timing_table.set_rows(
            [
                (
                    t.title,
                    str(t.measured),
                    _days(t.median, t.unit),
                    _days(t.longest, t.unit),
                    str(t.waiting),
                )
                for t in i.timings
            ]
        )
        self.overdue_table.set_rows(
            [
                ("Actions past their due date with no outcome", str(i.overdue.actions)),
                ("Follow-up reminders passed on open records", str(i.overdue.follow_ups)),
                ("Records with either", str(i.overdue.records)),
            ]
        )
        if i.prompt_gaps is not None:
            self.show_prompt_gaps(i.prompt_gaps)
        else:
            self.prompt_table.set_rows([])  # the window's comparison follows
        self.set_busy(False)

    def show_prompt_gaps(self, gaps: tuple[PromptGap, ...]) -> None:
        if self.insights is not None:
            self.insights = dataclasses.replace(self.insights, prompt_gaps=gaps)
        self.prompt_note.setText(
            "Where the practitioner's harm areas and the prompts' differ: worth a look, not "
            "a mistake in itself."
            if gaps
            else "The prompts and the practitioners agree."
        )
        self.prompt_table.set_rows(
            [(g.title, str(g.raised_not_chosen), str(g.chosen_not_raised)) for g in gaps]
        )

    def _breakdown(self) -> Breakdown | None:
        if self.insights is None:
            return None
        return self.insights.breakdown(str(self.characteristic.currentData()))

    def _show_characteristic(self) -> None:
        breakdown = self._breakdown()
        groups = breakdown.groups if breakdown is not None else ()
        self.group_chart.set_bars([Bar(g.label, g.concerns, str(g.concerns)) for g in groups])
        self.group_table.set_rows([(g.label, str(g.concerns), str(g.children)) for g in groups])

    def _show_rates(self, i: Insights) -> None:
        rows, bars = [], []
        for d in i.disproportionality:
            title = f"{d.label} ({d.characteristic.replace('_', ' ')})"
            low = d.rate_interval.low if d.rate_interval else None
            high = d.rate_interval.high if d.rate_interval else None
            if d.rate is not None:
                bars.append(
                    Bar(
                        title,
                        d.rate * 100,
                        f"{d.rate:.1%}",
                        None if low is None else low * 100,
                        None if high is None else high * 100,
                    )
                )
            # Each figure with its interval in one cell: two columns fewer, so the table
            # fits the page at 300% text without scrolling sideways.
            rate = "-" if d.rate is None else f"{d.rate:.1%}"
            if d.rate is not None and d.rate_interval is not None:
                rate += f" ({d.rate_interval.low:.1%} to {d.rate_interval.high:.1%})"
            ratio = "-" if d.ratio is None else f"{d.ratio:.2f}"
            if d.ratio is not None and d.ratio_interval is not None:
                ratio += f" ({d.ratio_interval.low:.2f} to {d.ratio_interval.high:.2f})"
            rows.append((title, str(d.roll), str(d.children), rate, ratio, d.caution))
        self.rate_chart.set_bars(bars)
        self.rate_table.set_rows(rows)


def _month(text: str) -> str:
    """ "2026-03" -> "Mar 2026"."""
    year, month = text.split("-")
    return f"{MONTH_NAMES[int(month) - 1][:3]} {year}"
