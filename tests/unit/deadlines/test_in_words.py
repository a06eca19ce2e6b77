"""Dates are written in English words whatever the desktop's locale."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import wt26desk
from wt26desk.deadlines.in_words import day_month, full_date, long_date, short_date


def test_each_style_names_the_day_and_month_in_english() -> None:
    day = date(2027, 1, 4)
    assert long_date(day) == "Monday 4 January 2027"
    assert full_date(day) == "4 January 2027"
    assert day_month(day) == "4 January"
    assert short_date(day) == "Mon 04 Jan 2027"
    assert long_date(date(2026, 11, 29)) == "Sunday 29 November 2026"


def test_no_module_asks_the_locale_for_day_or_month_names() -> None:
    # Qt sets the C library's locale from the desktop, so strftime's %a %A %b %B would
    # name days and months in the desktop's language inside English guidance.
    locale_names = re.compile(r"%[aAbB]")
    package = Path(wt26desk.__file__).parent
    offenders = [
        f"{path.relative_to(package)}:{number}"
        for path in package.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if locale_names.search(line) and not line.lstrip().startswith(("#", '"""', "`"))
    ]
    assert offenders == []
