"""The period the figures cover: a light module, so the window can hold one before any
record or statistics module is loaded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"The period ends ({self.end}) before it starts ({self.start}).")

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def months(self) -> tuple[str, ...]:
        found, year, month = [], self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            found.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return tuple(found)

    @classmethod
    def last_twelve_months(cls, today: date) -> Period:
        """The current month and the eleven before it, up to today."""
        first = today.year * 12 + today.month - 1 - 11  # months since year 0
        return cls(date(first // 12, first % 12 + 1, 1), today)
