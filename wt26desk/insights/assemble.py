"""What the window and the command line both do before `figures.compute`: labels from the
content, and the harm areas the prompts raise for each record in the period."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from wt26desk.content_library.library import Library
from wt26desk.insights.characteristics import Characteristics
from wt26desk.insights.cohort import Cohort, load_cohort
from wt26desk.insights.figures import Insights, Period, compute, concern_date
from wt26desk.prompts.engine import PromptEngine
from wt26desk.records.model import ConcernRecord


def raised_areas(
    engine: PromptEngine, records: Sequence[ConcernRecord], period: Period
) -> dict[str, frozenset[str]]:
    """Record id -> the harm areas the prompts raise for it (records in the period)."""
    found = {}
    for record in records:
        day = concern_date(record)
        if day is not None and period.contains(day):
            guidance = engine.guidance(record.concern())
            found[record.id] = frozenset(a.id for a in guidance.harm_areas)
    return found


def insights_for(
    records: Sequence[ConcernRecord],
    library: Library,
    period: Period,
    *,
    today: date,
    cohort_file: Path | None = None,
    cohort: Cohort | None = None,
    engine: PromptEngine | None = None,
) -> Insights:
    characteristics = Characteristics.from_library(library)
    if cohort_file is not None:
        cohort = load_cohort(cohort_file, characteristics)
    return compute(
        records,
        period,
        characteristics,
        today=today,
        area_titles={a.id: a.title for a in library.harm_areas},
        cohort=cohort,
        raised=raised_areas(engine, records, period) if engine is not None else None,
    )
