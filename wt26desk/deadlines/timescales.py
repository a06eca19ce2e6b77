"""Due dates that follow an event, from the timescales in the content library."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from wt26desk.content_library.models import Timescale
from wt26desk.deadlines.in_words import short_date
from wt26desk.deadlines.working_days import WorkingDayCalendar, add_months


@dataclass(frozen=True)
class DueDate:
    event: str
    event_date: date
    due: date
    label: str
    period: str  # "15 working days"
    national: bool
    sources: tuple[str, ...]
    note: str
    timescale_id: str
    # A month-based limit can end on a weekend or bank holiday: then act by this working day.
    act_by: date | None = None

    @property
    def act_by_note(self) -> str:
        """Plain words when the due date is not a working day, else ""."""
        if self.act_by is None:
            return ""
        return (
            f"{short_date(self.due)} is not a working day: act by the working day before, "
            f"{short_date(self.act_by)}"
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "event": self.event,
            "event_date": self.event_date.isoformat(),
            "due": self.due.isoformat(),
            "label": self.label,
            "period": self.period,
            "national": self.national,
            "sources": list(self.sources),
            "note": self.note,
            "timescale": self.timescale_id,
            "act_by": (self.act_by or self.due).isoformat(),
            "act_by_note": self.act_by_note,
        }


def due_date(timescale: Timescale, on: date, calendar: WorkingDayCalendar) -> date:
    if timescale.unit in {"working-days", "school-days"}:
        start = on - timedelta(days=1) if timescale.counts_event_day else on
        return calendar.add_working_days(start, timescale.count)
    if timescale.unit == "calendar-days":
        return on + timedelta(days=timescale.count)
    if timescale.unit == "months":
        return add_months(on, timescale.count)
    raise ValueError(f"unknown unit {timescale.unit!r}")


def _act_by(timescale: Timescale, due: date, calendar: WorkingDayCalendar) -> date | None:
    """Counts in working or school days always end on a working day; a calendar count (in
    months or days) may not, and then the practical deadline is the working day before."""
    if timescale.unit in {"working-days", "school-days"} or calendar.is_working_day(due):
        return None
    return calendar.working_day_before(due)


def due_dates(
    timescales: Sequence[Timescale], event: str, on: date, calendar: WorkingDayCalendar
) -> list[DueDate]:
    """Every due date that follows `event` on day `on`, soonest first."""
    found = []
    for t in timescales:
        if t.event != event:
            continue
        due = due_date(t, on, calendar)
        found.append(
            DueDate(
                event=t.event,
                event_date=on,
                due=due,
                label=t.due_label,
                period=t.period,
                national=t.national,
                sources=t.sources,
                note=t.note,
                timescale_id=t.id,
                act_by=_act_by(t, due, calendar),
            )
        )
    return sorted(found, key=lambda d: (d.due, d.label))


def local_strategy_discussion(working_days: int) -> Timescale:
    """The strategy-discussion time limit an organisation sets in its settings.

    There is no national timescale; local procedures range from 24 hours to a few working
    days, so it exists only when a local figure is set.
    """
    return Timescale(
        id="timescale-local-strategy-discussion",
        kind="timescale",
        title="Strategy discussion (local procedure)",
        summary="Time limit set by the local safeguarding partnership's procedures.",
        sources=("Local safeguarding partnership procedures (set in Settings)",),
        event="significant-harm-suspected",
        event_label="Reasonable cause to suspect significant harm",
        count=working_days,
        unit="working-days",
        due_label="Strategy discussion held (local procedure)",
        national=False,
        note="No national timescale exists; this is your local setting.",
        origin="settings",
    )
