"""Working-day arithmetic: Monday to Friday, less bank holidays in England and Wales.

Working Together does not define "working day"; this definition is shown on screen and
can be changed in settings (bank holidays on or off, extra closure days).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date, timedelta


@functools.cache
def england_bank_holidays(year: int) -> frozenset[date]:
    import holidays  # about 50 ms to import: only when a date is first counted

    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


class WorkingDayCalendar:
    def __init__(
        self, *, exclude_bank_holidays: bool = True, extra_closures: Iterable[date] = ()
    ) -> None:
        self.exclude_bank_holidays = exclude_bank_holidays
        self.extra_closures = frozenset(extra_closures)

    def is_working_day(self, day: date) -> bool:
        if day.weekday() >= 5 or day in self.extra_closures:
            return False
        return not (self.exclude_bank_holidays and day in england_bank_holidays(day.year))

    def add_working_days(self, start: date, count: int) -> date:
        """The `count`-th working day after `start` (the start day itself never counts)."""
        if count < 1:
            raise ValueError("count must be at least 1")
        day = start
        remaining = count
        while remaining:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_day_before(self, day: date) -> date:
        """The last working day before `day`."""
        day -= timedelta(days=1)
        while not self.is_working_day(day):
            day -= timedelta(days=1)
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (negative if end is earlier)."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(
            1
            for n in range(1, (end - start).days + 1)
            if self.is_working_day(start + timedelta(days=n))
        )


def add_months(start: date, months: int) -> date:
    """The same day `months` later, or the last day of that month if it is shorter."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    import calendar  # with the first date counted, not at start

    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))
