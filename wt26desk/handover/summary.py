"""What the inbox shows about a concern at a glance, from the prompt engine: is anything
urgent, and which harm areas it raises (urgent ones first)."""

from __future__ import annotations

from wt26desk.prompts.engine import PromptEngine
from wt26desk.records.model import ConcernRecord


def engine_summary(engine: PromptEngine, record: ConcernRecord) -> tuple[bool, tuple[str, ...]]:
    guidance = engine.guidance(record.concern())
    return (
        any(a.urgent for a in guidance.harm_areas),
        tuple(a.title for a in guidance.harm_areas),
    )
