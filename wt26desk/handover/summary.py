"""What the inbox shows about a concern at a glance, from the prompt engine: is anything
urgent, and what the note raises. Urgent exactly when the practitioner's guidance panel
says "Urgent: act today" (an urgent harm area, or an immediate danger that raises no harm
area, such as a plan to end their life); the dangers are named first, then the harm
areas (urgent ones first)."""

from __future__ import annotations

from wt26desk.prompts.engine import PromptEngine
from wt26desk.records.model import ConcernRecord


def engine_summary(engine: PromptEngine, record: ConcernRecord) -> tuple[bool, tuple[str, ...]]:
    guidance = engine.guidance(record.concern())
    return (
        bool(guidance.dangers) or any(a.urgent for a in guidance.harm_areas),
        tuple(d.title for d in guidance.dangers) + tuple(a.title for a in guidance.harm_areas),
    )
