"""The annual-return report as a file: CSV or PDF, built in memory, written atomically
where the person chose (never through the temporary folder), and logged in the vault's
audit log like every export (what, which format, the period, where and a SHA-256)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from wt26desk.errors import Wt26Error
from wt26desk.exports.written import TRAINING_STAMP, write_logged
from wt26desk.insights.figures import Insights
from wt26desk.insights.report import as_csv, as_html
from wt26desk.vault.vault import Vault

FORMATS = ("csv", "pdf")


class InsightsExportError(Wt26Error):
    """The report could not be written; nothing was."""


@dataclass(frozen=True)
class Report:
    data: bytes
    format: str
    title: str


def build_report(
    insights: Insights,
    fmt: str,
    *,
    marking: str,
    training: bool,
    now: datetime | None = None,
) -> Report:
    if fmt not in FORMATS:
        raise InsightsExportError(f"Unknown format {fmt!r}: choose csv or pdf.")
    period = f"{insights.period.start.isoformat()} to {insights.period.end.isoformat()}"
    title = f"Safeguarding concerns: figures for {period}"
    if fmt == "csv":
        data = as_csv(insights)
        if training:
            data = f"{TRAINING_STAMP}\r\n".encode() + data
        return Report(data, fmt, title)
    from wt26desk.exports.pdf import render_pdf

    moment = (now or datetime.now()).isoformat(sep=" ", timespec="minutes")
    data = render_pdf(
        as_html(insights, title),
        title=title,
        marking=marking,
        footer=f"Made {moment} by wt26desk from the records in this vault",
        stamp=TRAINING_STAMP if training else "",
    )
    return Report(data, fmt, title)


def write_report(vault: Vault, insights: Insights, report: Report, target: Path) -> str:
    """Write atomically and log it; returns the SHA-256 of what was written."""
    return write_logged(
        vault,
        report.data,
        target,
        error=InsightsExportError,
        event="insights.exported",
        format=report.format,
        period_from=insights.period.start.isoformat(),
        period_to=insights.period.end.isoformat(),
        cohort=insights.cohort.name if insights.cohort is not None else "",
    )


def suggested_name(insights: Insights, fmt: str) -> str:
    return f"safeguarding-figures-{insights.period.start}-to-{insights.period.end}.{fmt}"
