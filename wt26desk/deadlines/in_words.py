"""Dates in English words, whatever the machine's locale ("Monday 30 November 2026").

`strftime("%A %B")` follows the C library's locale, which Qt sets from the desktop on
start-up; guidance and referrals are written in English, so the names live here."""

from __future__ import annotations

import re
from datetime import date

MONTH_NAMES = (
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
)
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day_month_year(day: int, month: int, year: int | str) -> str:
    """ "30 November 2026"; `month` counts from 1."""
    return f"{day} {MONTH_NAMES[month - 1]} {year}"


def full_date(value: date) -> str:
    """ "30 November 2026"."""
    return day_month_year(value.day, value.month, value.year)


def day_month(value: date) -> str:
    """ "30 November"."""
    return f"{value.day} {MONTH_NAMES[value.month - 1]}"


def long_date(value: date) -> str:
    """ "Monday 30 November 2026"."""
    return f"{DAY_NAMES[value.weekday()]} {full_date(value)}"


def short_date(value: date) -> str:
    """ "Mon 30 Nov 2026"."""
    month = MONTH_NAMES[value.month - 1][:3]
    return f"{short_day(value)} {value:%d} {month} {value.year}"


def short_day(value: date) -> str:
    """ "Mon"."""
    return DAY_NAMES[value.weekday()][:3]


_MOMENT = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2}))?")


def uk_date(text: str) -> str:
    """One date style in every export: "30 November 2026", "30 November 2026 at 09:05".
    Text that is not an ISO date or moment is shown as it was written."""
    match = _MOMENT.match(text.strip())
    if not match:
        return text
    year, month, day, hour, minute = match.groups()
    if not 1 <= int(month) <= 12:
        return text
    shown = day_month_year(int(day), int(month), year)
    rest = text.strip()[match.end() :].strip()
    if hour is not None:
        shown += f" at {int(hour):02d}:{minute}"
    if not rest:
        return shown
    return shown + (rest if rest.startswith((":", ",", ";")) else " " + rest)
