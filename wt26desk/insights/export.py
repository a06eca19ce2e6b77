"""The annual-return report as a file: CSV or PDF, built in memory, written atomically
where the person chose (never through the temporary folder), and logged in the vault's
audit log like every export (what, which format, the period, where and a SHA-256)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from wt26desk.errors import Wt26Error
from wt26desk.fileio import atomic_write_bytes, remove_stale_temporaries
from wt26desk.insights.figures import Insights
from wt26desk.insights.report import as_csv, as_html
from wt26desk.vault.vault import Vault

FORMATS = ("csv", "pdf")
TRAINING_STAMP = "TRAINING - FICTIONAL"


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
    target = Path(target).expanduser()
    if target.is_dir():
        raise InsightsExportError(f"{target} is a folder: give a file name.")
    if not target.parent.is_dir():
        raise InsightsExportError(f"The folder {target.parent} does not exist.")
    remove_stale_temporaries(target.parent)
    atomic_write_bytes(target, report.data)
    sha256 = hashlib.sha256(report.data).hexdigest()
    vault.record_event(
        "insights.exported",
        format=report.format,
        period_from=insights.period.start.isoformat(),
        period_to=insights.period.end.isoformat(),
        cohort=insights.cohort.name if insights.cohort is not None else "",
        target=str(target.resolve()),
        sha256=sha256,
        bytes=len(report.data),
    )
    return sha256


def suggested_name(insights: Insights, fmt: str) -> str:
    return f"safeguarding-figures-{insights.period.start}-to-{insights.period.end}.{fmt}"
