"""A date typed the UK way (30/11/2026) or chosen from a calendar (Alt+Down or F4), shown
back in words ("Monday 30 November 2026") so the reading is never in doubt, and stored as
an ISO date. Nothing ambiguous or impossible is ever stored: a two-figure year, a
month-first date (11/30/2026) or 31/02 is said to be wrong beside the field and the
record keeps its last good date until the text is put right."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

UK = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2,4})\s*$")
ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


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


def uk(value: date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def in_words(value: date) -> str:
    return f"{value:%A} {value.day} {MONTHS[value.month - 1]} {value.year}"


def iso_to_uk(text: str) -> str:
    try:
        return uk(date.fromisoformat(text)) if text else ""
    except ValueError:
        return text  # an old value that is not a date: shown as it is, to be put right


class DateField(QWidget):
    """Edits an ISO date string; `edited` when a good date (or nothing) is typed."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit()
        self.line.setPlaceholderText("dd/mm/yyyy")
        self.line.setMaxLength(12)
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

    def valid(self) -> bool:
        return parse_uk(self.line.text())[1] == ""

    def set_iso(self, text: str) -> None:
        self._iso = text or ""
        self.line.setText(iso_to_uk(self._iso))
        self._show_feedback("")

    def clear(self) -> None:
        self.set_iso("")

    def _typed(self, text: str) -> None:
        value, problem = parse_uk(text)
        self._show_feedback(problem)
        if problem:
            return  # the record keeps its last good date
        self._iso = value.isoformat() if value else ""
        self.edited.emit()

    def _tidy(self) -> None:
        """A good date typed another way (2026-11-30, 30.11.2026) is shown as 30/11/2026."""
        value, problem = parse_uk(self.line.text())
        if value is not None and not problem and self.line.text() != uk(value):
            self.line.setText(uk(value))

    def _show_feedback(self, problem: str) -> None:
        if problem:
            self.feedback.setText(f"\u26a0 {problem}")
            self.feedback.setProperty("wt26bold", True)
        else:
            value, _ = parse_uk(self.line.text())
            self.feedback.setText(in_words(value) if value else "")
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
        popup = QCalendarWidget(self)
        popup.setWindowFlags(Qt.WindowType.Popup)
        popup.setAccessibleName("Calendar")
        popup.setGridVisible(True)
        popup.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        value, _ = parse_uk(self.line.text())
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
        self.line.setText(uk(value))
        self._typed(self.line.text())
        popup.close()
        self.line.setFocus()
