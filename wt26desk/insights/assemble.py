"""What the window and the command line both do before `figures.compute`: labels from the
content, and the harm areas the prompts raise for each record in the period."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from wt26desk.content_library.library import Library
from wt26desk.insights.characteristics import Characteristics
from wt26desk.insights.cohort import Cohort, load_cohort
from wt26desk.insights.figures import Insights, compute, concern_date
from wt26desk.insights.period import Period
from wt26desk.prompts.engine import Concern, PromptEngine
from wt26desk.records.model import ConcernRecord

# Record id -> what the prompts were given and what they raised: a record is read again
# only when it changed. Held in memory by the window, and emptied when the vault locks.
RaisedCache = dict[str, tuple[Concern, frozenset[str]]]


def raised_areas(
    engine: PromptEngine,
    records: Sequence[ConcernRecord],
    period: Period,
    cache: RaisedCache | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> dict[str, frozenset[str]]:
    """Record id -> the harm areas the prompts raise for it (records in the period).
    `cancelled` is asked before each record (the vault locked, or newer figures were
    asked for): then it stops, with what it has."""
    found = {}
    for record in records:
        if cancelled():
            break
        day = concern_date(record)
        if day is None or not period.contains(day):
            continue
        # Without the practitioner's choices: the prompts' own reading of the record.
        concern = dataclasses.replace(record.concern(), categories=())
        known = cache.get(record.id) if cache is not None else None
        if known is not None and known[0] == concern:
            found[record.id] = known[1]
            continue
        areas = frozenset(a.id for a in engine.guidance(concern).harm_areas)
        found[record.id] = areas
        if cache is not None:
            cache[record.id] = (concern, areas)
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
