"""The JSON a concern arrives in (`wt26desk prompts --json` reads it on standard input):
validated field by field, with a clear message for anything wrong, and bounded."""

from __future__ import annotations

from datetime import date
from typing import Any

from wt26desk.errors import Wt26Error
from wt26desk.prompts.engine import ChildFacts, Concern

MAX_TEXT = 2_000_000  # characters; a long record is about 35,000
MAX_ITEMS = 500


class ConcernInputError(Wt26Error):
    """The concern JSON is malformed; the message names the field."""


def _text(data: dict[str, Any], key: str, *, limit: int = MAX_TEXT) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise ConcernInputError(f"{key} must be text")
    if len(value) > limit:
        raise ConcernInputError(f"{key} is longer than {limit:,} characters")
    return value


def _texts(data: dict[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConcernInputError(f"{key} must be a list of text")
    if len(value) > MAX_ITEMS:
        raise ConcernInputError(f"{key} has more than {MAX_ITEMS} entries")
    return tuple(value)


def _date(data: dict[str, Any], key: str) -> date | None:
    value = data.get(key)
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ConcernInputError(f"{key} must be a date like 2026-03-31") from None


def _child(entry: Any, n: int) -> ChildFacts:
    where = f"children[{n}]"
    if not isinstance(entry, dict):
        raise ConcernInputError(f"{where} must be an object")
    age = entry.get("age_months")
    if age is not None and (
        isinstance(age, bool) or not isinstance(age, int) or not 0 <= age <= 300
    ):
        raise ConcernInputError(f"{where}.age_months must be a whole number from 0 to 300")
    for flag in ("unborn", "interpreter"):
        if not isinstance(entry.get(flag, False), bool):
            raise ConcernInputError(f"{where}.{flag} must be true or false")
    mobile = entry.get("mobile")
    if mobile is not None and not isinstance(mobile, bool):
        raise ConcernInputError(f"{where}.mobile must be true, false or null")
    sex = entry.get("sex", "")
    if sex not in ("", "female", "male", "unknown"):
        raise ConcernInputError(f"{where}.sex must be female, male or unknown")
    return ChildFacts(
        name=_text(entry, "name", limit=200),
        age_months=age,
        unborn=bool(entry.get("unborn", False)),
        mobile=mobile,
        sex="" if sex == "unknown" else sex,
        communication_needs=_text(entry, "communication_needs", limit=2000),
        interpreter=bool(entry.get("interpreter", False)),
    )


def concern_from_json(data: Any) -> Concern:
    if not isinstance(data, dict):
        raise ConcernInputError('the concern must be a JSON object with at least "text"')
    children = data.get("children", [])
    if not isinstance(children, list) or len(children) > 50:
        raise ConcernInputError("children must be a list (at most 50)")
    actions = data.get("actions", [])
    if not isinstance(actions, list) or not all(isinstance(a, dict) for a in actions):
        raise ConcernInputError("actions must be a list of objects")
    return Concern(
        text=_text(data, "text"),
        children=tuple(_child(c, n) for n, c in enumerate(children)),
        categories=_texts(data, "categories"),
        event_date=_date(data, "event_date"),
        event_time=_text(data, "event_time", limit=100),
        place=_text(data, "place", limit=500),
        present=_texts(data, "present"),
        child_words=_texts(data, "child_words"),
        actions=tuple(actions[:MAX_ITEMS]),
        decision=_text(data, "decision", limit=20_000),
        rationale=_text(data, "rationale", limit=20_000),
        referred_to_social_care_on=_date(data, "referred_to_social_care_on"),
        dismissed=_texts(data, "dismissed"),
    )
