"""A date typed the UK way (30/11/2026) or chosen from a calendar (Alt+Down or F4), shown
back in words ("Monday 30 November 2026") so the reading is never in doubt, and stored as
an ISO date. Nothing ambiguous or impossible is ever stored: a two-figure year, a
month-first date (11/30/2026) or 31/02 is said to be wrong beside the field and the
record keeps its last good date until the text is put right."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wt26desk.deadlines.in_words import long_date

if TYPE_CHECKING:
    from PySide6.QtWidgets import QCalendarWidget

UK = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2,4})\s*$")
ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def parse_uk(text: str) -> tuple[date | None, str]:
    """(the date, "") or (None, why not). Empty text is (None, "")."""
    if not text.strip():
        return None, ""
    iso = ISO.match(text)
    match = UK.match(text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif match:
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) != 4:
            return None, "Give the year in full (for example 30/11/2026)."
        if month > 12 and day <= 12:
            return None, "Day first, then month: for example 30/11/2026 for 30 November."
    else:
        return None, "Type the date as day/month/year, for example 30/11/2026."
    try:
        return date(year, month, day), ""
    except ValueError:
        return None, "There is no such date: check the day and the month."


MOMENT = re.compile(r"^(?P<day>.*?)(?:\s*(?:,|at)?\s+(?P<h>\d{1,2})[:.](?P<m>\d{2}))?\s*$")


def parse_moment(text: str) -> tuple[date | None, str, str]:
    """(the date, "HH:MM" or "", "") or (None, "", why not), for a date with a time."""
    match = MOMENT.match(text)
    assert match is not None  # every text matches: the time is optional
    when = ""
    if match.group("h") is not None:
        hour, minute = int(match.group("h")), int(match.group("m"))
        if hour > 23 or minute > 59:
            return None, "", "There is no such time: use the 24-hour clock, e.g. 14:30."
        when = f"{hour:02d}:{minute:02d}"
    value, problem = parse_uk(match.group("day"))
    if problem:
        return None, "", problem
    if when and value is None:
        return None, "", "Give the date as well as the time, e.g. 30/11/2026 14:30."
    return value, when, ""


def uk(value: date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def in_words(value: date) -> str:
    return long_date(value)


def iso_to_uk(text: str) -> str:
    try:
        return uk(date.fromisoformat(text)) if text else ""
    except ValueError:
        return text  # an old value that is not a date: shown as it is, to be put right


class DateField(QWidget):
    """Edits an ISO date string; `edited` when a good date (or nothing) is typed."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None, with_time: bool = False) -> None:
        super().__init__(parent)
        self.with_time = with_time  # "30/11/2026 14:30", stored as "2026-11-30 14:30"
        self.line = QLineEdit()
        self.line.setPlaceholderText("dd/mm/yyyy hh:mm" if with_time else "dd/mm/yyyy")
        self.line.setMaxLength(24 if with_time else 12)
        self.button = QToolButton()
        self.button.setText("Calendar…")
        self.button.setAccessibleName("Choose from a calendar")
        self.button.setToolTip("Choose from a calendar (Alt+Down in the field)")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Alt+Down from the field
        self.feedback = QLabel()
        self.feedback.setAccessibleName("Date read as")
        self.feedback.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line, 1)
        row.addWidget(self.button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.feedback)
        self.setFocusProxy(self.line)
        self.setFocusPolicy(self.line.focusPolicy())  # a label's Alt+letter reaches it
        self._iso = ""
        self._popup: QCalendarWidget | None = None
        self.line.textEdited.connect(self._typed)
        self.line.editingFinished.connect(self._tidy)
        self.line.installEventFilter(self)
        self.button.clicked.connect(self.open_calendar)
        self._show_feedback("")

    # The accessible name and description are the text field's (the one that takes focus).
    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.line.setAccessibleName(name)

    def setAccessibleDescription(self, text: str) -> None:
        super().setAccessibleDescription(text)
        self.line.setAccessibleDescription(text)

    def iso(self) -> str:
        return self._iso

    def _parse(self, text: str) -> tuple[date | None, str, str]:
        if self.with_time:
            return parse_moment(text)
        value, problem = parse_uk(text)
        return value, "", problem

    @staticmethod
    def _shown(value: date, when: str) -> str:
        return f"{uk(value)} {when}".strip()

    def valid(self) -> bool:
        return self._parse(self.line.text())[2] == ""

    def set_iso(self, text: str) -> None:
        self._iso = text or ""
        day, _, when = self._iso.partition(" ")
        self.line.setText(f"{iso_to_uk(day)} {when}".strip() if self.with_time else iso_to_uk(text))
        self._show_feedback("")

    def clear(self) -> None:
        self.set_iso("")

    def _typed(self, text: str) -> None:
        value, when, problem = self._parse(text)
        self._show_feedback(problem)
        if problem:
            return  # the record keeps its last good date
        self._iso = f"{value.isoformat()} {when}".strip() if value else ""
        self.edited.emit()

    def _tidy(self) -> None:
        """A good date typed another way (2026-11-30, 30.11.2026) is shown as 30/11/2026."""
        value, when, problem = self._parse(self.line.text())
        if value is not None and not problem and self.line.text() != self._shown(value, when):
            self.line.setText(self._shown(value, when))

    def _show_feedback(self, problem: str) -> None:
        if problem:
            self.feedback.setText(f"\u26a0 {problem}")
            self.feedback.setProperty("wt26bold", True)
        else:
            value, when, _ = self._parse(self.line.text())
            words = in_words(value) + (f" at {when}" if when else "") if value else ""
            self.feedback.setText(words)
            self.feedback.setProperty("wt26bold", False)
        self.feedback.setVisible(bool(self.feedback.text()))
        self.feedback.style().unpolish(self.feedback)
        self.feedback.style().polish(self.feedback)

    # Calendar -------------------------------------------------------------------------------
    def eventFilter(self, watched: object, event: object) -> bool:
        if (
            watched is self.line
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and (
                event.key() == Qt.Key.Key_F4
                or (
                    event.key() == Qt.Key.Key_Down
                    and event.modifiers() & Qt.KeyboardModifier.AltModifier
                )
            )
        ):
            self.open_calendar()
            return True
        return False

    def open_calendar(self) -> QCalendarWidget:
        from PySide6.QtWidgets import QCalendarWidget  # when first asked for

        popup = QCalendarWidget(self)
        popup.setWindowFlags(Qt.WindowType.Popup)
        popup.setAccessibleName("Calendar")
        popup.setGridVisible(True)
        popup.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        value, _, _ = self._parse(self.line.text())
        chosen = value or date.today()
        popup.setSelectedDate(QDate(chosen.year, chosen.month, chosen.day))
        popup.activated.connect(lambda picked: self._picked(popup, picked))
        popup.clicked.connect(lambda picked: self._picked(popup, picked))
        popup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        popup.move(self.line.mapToGlobal(self.line.rect().bottomLeft()))
        popup.show()
        popup.setFocus()
        self._popup = popup
        return popup

    def _picked(self, popup: QCalendarWidget, picked: QDate) -> None:
        value = date(picked.year(), picked.month(), picked.day())
        _, when, _ = self._parse(self.line.text())  # a time already typed is kept
        self.line.setText(self._shown(value, when))
        self._typed(self.line.text())
        popup.close()
        self.line.setFocus()
