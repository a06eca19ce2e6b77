"""The figures as JSON (the lead's own working copy, every number as it is), and as the
tables of the annual-return report (CSV and the PDF's HTML), where every count from 1 to
4 is shown as "<5" with whatever could be worked out from it, no child is named, and the
period and the cohort are stated."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from wt26desk.deadlines.in_words import MONTH_NAMES
from wt26desk.insights.figures import Disproportion, Insights
from wt26desk.insights.stats import LEVEL, Interval
from wt26desk.insights.suppress import (
    HIDDEN,
    SMALL,
    WITHHELD,
    WITHHELD_NOTE,
    is_small,
    shown,
    shown_cells,
)


def _interval(interval: Interval | None) -> list[float] | None:
    return None if interval is None else [round(interval.low, 4), round(interval.high, 4)]


def as_json(insights: Insights, *, training: bool = False) -> dict[str, Any]:
    i = insights
    return {
        "period": {"from": i.period.start.isoformat(), "to": i.period.end.isoformat()},
        "today": i.today.isoformat(),
        "training": training,
        "records": i.records,
        "children": i.children,
        "undated_records": i.undated,
        "months": list(i.months),
        "concerns_by_month": list(i.concerns_by_month),
        "harm_areas": [
            {"id": a.id, "title": a.title, "concerns": a.concerns, "by_month": list(a.by_month)}
            for a in i.harm_areas
        ],
        "by_characteristic": {
            b.characteristic: [
                {"value": g.value, "label": g.label, "concerns": g.concerns, "children": g.children}
                for g in b.groups
            ]
            for b in i.by_characteristic
        },
        "repeated": {
            "children": i.repeated.children,
            "by_count": dict(i.repeated.by_count),
            "median_days_between": i.repeated.median_days_between,
            "shortest_days_between": i.repeated.shortest_days_between,
        },
        "timings": {
            t.id: {
                "title": t.title,
                "unit": t.unit,
                "measured": t.measured,
                "median": t.median,
                "longest": t.longest,
                "waiting": t.waiting,
            }
            for t in i.timings
        },
        "overdue": {
            "actions": i.overdue.actions,
            "follow_ups": i.overdue.follow_ups,
            "records": i.overdue.records,
        },
        "prompts": None
        if i.prompt_gaps is None
        else [
            {
                "id": g.id,
                "title": g.title,
                "raised_not_chosen": g.raised_not_chosen,
                "chosen_not_raised": g.chosen_not_raised,
            }
            for g in i.prompt_gaps
        ],
        "cohort": None if i.cohort is None else {"name": i.cohort.name, "groups": i.cohort.groups},
        "confidence_level": LEVEL,
        "disproportionality": [
            {
                "characteristic": d.characteristic,
                "value": d.value,
                "label": d.label,
                "roll": d.roll,
                "children": d.children,
                "rate": d.rate,
                "rate_interval": _interval(d.rate_interval),
                "ratio": d.ratio,
                "ratio_interval": _interval(d.ratio_interval),
                "caution": d.caution,
            }
            for d in i.disproportionality
        ],
        "unmatched": dict(i.unmatched),
    }


@dataclass(frozen=True)
class Table:
    """One table of the report: a title, a header and rows of text, already suppressed."""

    id: str
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""


def _counts_table(
    id_: str, title: str, first: str, rows: list[tuple[str, int]], note: str = ""
) -> Table:
    cells = shown_cells([n for _, n in rows])
    if WITHHELD in cells:
        note = f"{note} {WITHHELD_NOTE}".strip()
    return Table(
        id_,
        title,
        (first, "Concerns"),
        tuple((label, cell) for (label, _n), cell in zip(rows, cells, strict=True)),
        note,
    )


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value * 100:.1f}%"


def _range(interval: Interval | None, percent: bool) -> str:
    if interval is None:
        return ""
    if percent:
        return f"{interval.low * 100:.1f}% to {interval.high * 100:.1f}%"
    return f"{interval.low:.2f} to {interval.high:.2f}"


def _disproportion_row(d: Disproportion) -> tuple[str, ...]:
    small = is_small(d.children) or is_small(d.roll)
    if small:
        return (
            d.characteristic,
            d.label,
            shown(d.roll),
            shown(d.children),
            HIDDEN,
            HIDDEN,
            HIDDEN,
            HIDDEN,
            d.caution,
        )
    return (
        d.characteristic,
        d.label,
        str(d.roll),
        str(d.children),
        _pct(d.rate),
        _range(d.rate_interval, True),
        "" if d.ratio is None else f"{d.ratio:.2f}",
        _range(d.ratio_interval, False),
        d.caution,
    )


NOT_MEASURED = "not measured"
TOO_FEW_MEASURED = f"fewer than {SMALL} measured"


def _duration(value: float | None, measured: int) -> str:
    """A median or longest time is a number of days (or hours), not a count: it is never
    shown as "<5". Nothing measured says so; one worked out from fewer than 5 concerns is
    withheld in words (it would be one of a few children's own dates)."""
    if value is None or measured == 0:
        return NOT_MEASURED
    if measured < SMALL:
        return TOO_FEW_MEASURED
    return f"{value:.1f}".removesuffix(".0")


def report_tables(insights: Insights) -> list[Table]:
    i = insights
    tables = [
        _counts_table(
            "by-month",
            "Concerns by month",
            "Month",
            list(zip(i.months, i.concerns_by_month, strict=True)),
        ),
        _counts_table(
            "harm-areas",
            "Concerns by harm area (as chosen by the practitioner)",
            "Harm area",
            [(a.title, a.concerns) for a in i.harm_areas],
            "A concern can be in more than one harm area.",
        ),
    ]
    by_month = tuple((a.title, *shown_cells(list(a.by_month))) for a in i.harm_areas)
    withheld = any(WITHHELD in row for row in by_month)
    tables.append(
        Table(
            "harm-areas-by-month",
            "Concerns by harm area and month",
            ("Harm area", *i.months),
            by_month,
            WITHHELD_NOTE if withheld else "",
        )
    )
    for b in i.by_characteristic:
        if b.characteristic == "setting":
            continue  # a setting's name can point to a child: not in the annual return
        tables.append(
            _counts_table(
                f"by-{b.characteristic}",
                f"Concerns by {b.title if b.title.isupper() else b.title.lower()}",
                b.title,
                [(g.label, g.concerns) for g in b.groups],
            )
        )
    r = i.repeated
    tables.append(
        Table(
            "repeated",
            "Children with more than one concern (is this part of a pattern?)",
            ("Concerns in the period", "Children"),
            tuple((label, shown(n)) for label, n in r.by_count),
            "Median days between one concern and the next for the same child: "
            + (
                "not enough to say"
                if r.median_days_between is None or is_small(r.gaps)
                else f"{r.median_days_between:.0f}"
            ),
        )
    )
    tables.append(
        Table(
            "timings",
            "How long things took",
            ("Measure", "Measured", "Median", "Longest", "Not yet"),
            tuple(
                (
                    f"{t.title} ({t.unit})",
                    shown(t.measured),
                    _duration(t.median, t.measured),
                    _duration(t.longest, t.measured),
                    shown(t.waiting),
                )
                for t in i.timings
            ),
            "Median and longest are times in days or hours, not counts: they are shown as "
            f'they are, or as "{TOO_FEW_MEASURED}" when worked out from fewer than '
            f"{SMALL} concerns.",
        )
    )
    tables.append(
        Table(
            "overdue",
            f"Overdue on {i.today.isoformat()} (all records)",
            ("What", "Number"),
            (
                ("Actions past their due date with no outcome", shown(i.overdue.actions)),
                ("Follow-up reminders passed on open records", shown(i.overdue.follow_ups)),
                ("Records with either", shown(i.overdue.records)),
            ),
        )
    )
    if i.prompt_gaps is not None:
        tables.append(
            Table(
                "prompts",
                "Harm areas the prompts raised but the practitioner did not choose, and the "
                "reverse",
                ("Harm area", "Raised, not chosen", "Chosen, not raised"),
                tuple(
                    (g.title, shown(g.raised_not_chosen), shown(g.chosen_not_raised))
                    for g in i.prompt_gaps
                ),
            )
        )
    if i.cohort is not None:
        tables.append(
            Table(
                "disproportionality",
                f"Disproportionality against the roll ({i.cohort.name})",
                (
                    "Characteristic",
                    "Group",
                    "On roll",
                    "Children with concerns",
                    "Rate",
                    f"Rate, {LEVEL:.0%} interval",
                    "Ratio to the rest of the roll",
                    f"Ratio, {LEVEL:.0%} interval",
                    "In plain words",
                ),
                tuple(_disproportion_row(d) for d in i.disproportionality),
                "Rates are children with at least one concern in the period per child on the "
                "roll. Intervals: Wilson (rate) and Katz (ratio), computed with SciPy.",
            )
        )
    return tables


def concerns_and_children(insights: Insights) -> str:
    """ "12 concerns about 9 children", "1 concern about 1 child"."""
    records, children = insights.records, insights.children
    return (
        f"{records} concern{'' if records == 1 else 's'} about "
        f"{children} child{'' if children == 1 else 'ren'}"
    )


def heading(insights: Insights) -> list[tuple[str, str]]:
    i = insights
    return [
        ("Period", f"{i.period.start.isoformat()} to {i.period.end.isoformat()}"),
        ("Cohort", i.cohort.name if i.cohort is not None else "none given (no rates)"),
        ("Concerns", shown(i.records)),
        ("Children", shown(i.children)),
        ("Small numbers", f"counts from 1 to 4 are shown as {HIDDEN}; no child is named"),
    ]


def _cell(text: str) -> str:
    """Text someone typed (a language, the cohort's name) never starts a formula when a
    spreadsheet opens the file."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def as_csv(insights: Insights) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")

    def row(cells: Sequence[str]) -> None:
        writer.writerow([_cell(c) for c in cells])

    for key, value in heading(insights):
        row([key, value])
    for table in report_tables(insights):
        writer.writerow([])
        row([table.title])
        row(table.header)
        for cells in table.rows:
            row(cells)
        if table.note:
            row([table.note])
    return out.getvalue().encode("utf-8")


def as_html(insights: Insights, title: str) -> str:
    """Each heading is followed by a paragraph before its table: the PDF's layout keeps a
    heading with the line after it, and that line must be text."""
    parts = [f"<h1>{escape(title)}</h1>", "<p>Figures from the concern records in this vault.</p>"]
    parts.append("<table cellpadding='3'>")
    parts += [f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in heading(insights)]
    parts.append("</table>")
    for table in report_tables(insights):
        wide = len(table.header) > 9  # a month per column: small type, months in two lines
        parts.append(f"<h2>{escape(table.title)}</h2>")
        parts.append(f"<p><i>{escape(table.note or 'Counts of concerns.')}</i></p>")
        parts.append("<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>")
        for n, text in enumerate(table.header):
            label = _month_label(text) if wide and n else escape(text)
            parts.append(f"<th>{_small(label) if wide else label}</th>")
        parts.append("</tr>")
        for row in table.rows:
            cells = (_small(escape(c)) if wide else escape(c) for c in row)
            parts.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        parts.append("</table>")
    return "".join(parts)


def _small(html: str) -> str:
    return f"<span style='font-size: 7.5pt'>{html}</span>"


def _month_label(text: str) -> str:
    """ "2026-03" -> "Mar<br>2026", in English whatever the locale."""
    year, _sep, month = text.partition("-")
    if not month.isdigit() or not 1 <= int(month) <= 12:
        return escape(text)
    return f"{MONTH_NAMES[int(month) - 1][:3]}<br>{escape(year)}"
