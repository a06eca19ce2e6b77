"""The content schema: which fields each kind of item has, their types, and the checks.

A schema violation raises ContentError naming the file, the line and the field.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wt26desk.content_library.models import (
    QUIZ_TOPICS,
    SETTINGS,
    Addendum,
    Choices,
    Concept,
    Duty,
    GlossaryTerm,
    HarmArea,
    Item,
    Lexicon,
    Page,
    QuizQuestion,
    Scenario,
    ScenarioStep,
    Section,
    Shorthand,
    Standard,
    Timescale,
)
from wt26desk.errors import ContentError

SCHEMA_VERSION = 1
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,63}$")
STANDARD_ID = re.compile(r"^[A-Z][0-9]{1,2}$")
GROUP = re.compile(r"^[a-z][a-z0-9-]{0,63}$")
# A term of the lexicon: lower-case words; =word for the exact word, word* for any ending.
TERM = re.compile(r"^(=?[a-z0-9£#][a-z0-9'/&+.%-]*\*?)( =?[a-z0-9£#][a-z0-9'/&+.%-]*\*?)*$")
AGE_BAND = re.compile(r"^age:(1[0-7]|[0-9])-(1[0-7]|[0-9])$|^(under|over):(1[0-8]|[1-9])$")
CHILD_CONDITIONS = ("", "young", "baby", "non-mobile", "unborn", "girl")
CHOICE_FIELDS = ("ethnicity", "care_status")  # Child fields whose values are content
CHOICE_VALUE = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
UNITS = ("working-days", "calendar-days", "months", "school-days")
GROUPS = ("guide", "changes", "roles", "local")
MAX_TEXT = 20_000  # characters in one field; a content file is never a novel
MAX_LIST = 200
MAX_TERMS = 600  # a lexicon group lists the ways people write one idea


@dataclass(frozen=True)
class FieldSpec:
    kind: str  # text | text-list | int | bool | duties | steps
    required: bool = True
    limit: int = 0  # entries in a list, when not the usual MAX_LIST


COMMON: dict[str, FieldSpec] = {
    "id": FieldSpec("text"),
    "kind": FieldSpec("text"),
    "title": FieldSpec("text"),
    "summary": FieldSpec("text"),
    "sources": FieldSpec("text-list"),
    "keywords": FieldSpec("text-list", required=False),
    "body": FieldSpec("text", required=False),  # in TOML list files; Markdown files use the body
}

KINDS: dict[str, tuple[type[Item], dict[str, FieldSpec]]] = {
    "section": (Section, {"applies_to": FieldSpec("text"), "order": FieldSpec("int")}),
    "standard": (
        Standard,
        {
            "section": FieldSpec("text"),
            "order": FieldSpec("int"),
            "in_practice": FieldSpec("text-list"),
            "questions": FieldSpec("text-list"),
        },
    ),
    "harm-area": (
        HarmArea,
        {
            "indicators": FieldSpec("text-list"),
            "ask": FieldSpec("text-list"),
            "record": FieldSpec("text-list"),
            "actions": FieldSpec("text-list"),
            "tell": FieldSpec("text-list"),
            "duties": FieldSpec("duties", required=False),
            "standards": FieldSpec("text-list"),
            "related": FieldSpec("text-list", required=False),
        },
    ),
    "lexicon": (
        Lexicon,
        {"group": FieldSpec("text"), "terms": FieldSpec("text-list", limit=MAX_TERMS)},
    ),
    "shorthand": (
        Shorthand,
        {"entries": FieldSpec("text-list"), "when": FieldSpec("text-list", required=False)},
    ),
    "concept": (
        Concept,
        {
            "area": FieldSpec("text"),
            "means": FieldSpec("text"),
            "all": FieldSpec("text-list", required=False),
            "denied": FieldSpec("text-list", required=False),
            "any": FieldSpec("text-list", required=False),
            "unless": FieldSpec("text-list", required=False),
            "unless_note": FieldSpec("text-list", required=False),
            "within": FieldSpec("int", required=False),
            "ordered": FieldSpec("bool", required=False),
            "child": FieldSpec("text", required=False),
            "urgent": FieldSpec("bool", required=False),
            "urgent_with": FieldSpec("text-list", required=False),
            "weak": FieldSpec("bool", required=False),
            "deadline": FieldSpec("text", required=False),
            "now": FieldSpec("text", required=False),
            "examples": FieldSpec("text-list"),
            "not_examples": FieldSpec("text-list", required=False),
        },
    ),
    "page": (Page, {"group": FieldSpec("text"), "order": FieldSpec("int", required=False)}),
    "glossary": (GlossaryTerm, {"term": FieldSpec("text")}),
    "timescale": (
        Timescale,
        {
            "event": FieldSpec("text"),
            "event_label": FieldSpec("text"),
            "count": FieldSpec("int"),
            "unit": FieldSpec("text"),
            "due_label": FieldSpec("text"),
            "national": FieldSpec("bool", required=False),
            "note": FieldSpec("text", required=False),
            "counts_event_day": FieldSpec("bool", required=False),
        },
    ),
    "addendum": (Addendum, {"extends": FieldSpec("text")}),
    "choices": (Choices, {"field": FieldSpec("text"), "entries": FieldSpec("text-list")}),
    "scenario": (
        Scenario,
        {
            "setting": FieldSpec("text"),
            "child": FieldSpec("text"),
            "age_months": FieldSpec("int", required=False),
            "unborn": FieldSpec("bool", required=False),
            "mobile": FieldSpec("bool", required=False),
            "harm_areas": FieldSpec("text-list"),
            "standards": FieldSpec("text-list"),
            "steps": FieldSpec("steps"),
        },
    ),
    "quiz": (
        QuizQuestion,
        {
            "topic": FieldSpec("text"),
            "options": FieldSpec("text-list"),
            "answer": FieldSpec("int"),
            "explanation": FieldSpec("text"),
            "refers_to": FieldSpec("text-list", required=False),
        },
    ),
}

STEP_FIELDS: dict[str, FieldSpec] = {
    "title": FieldSpec("text"),
    "arrives": FieldSpec("text"),
    "facts": FieldSpec("text"),
    "ask": FieldSpec("text-list"),
    "record": FieldSpec("text-list"),
    "standards": FieldSpec("text-list"),
    "harm_areas": FieldSpec("text-list"),
    "next": FieldSpec("text-list"),
    "reasoning": FieldSpec("text"),
}
MAX_STEPS = 12

LineOf = Callable[[str], int | None]


def parse_shorthand(entry: str) -> tuple[str, str] | None:
    """ "dv = domestic violence" -> ("dv", "domestic violence"). A short form written in
    capitals ("M = mother", case notes' mother) keeps them: it stands only for a word typed
    in capitals, never for the ordinary lower-case word ("5 m")."""
    short, sep, full = entry.partition("=")
    short, full = short.strip(), full.strip().lower()
    if not short.isupper():
        short = short.lower()
    if not sep or not short or not full or " " in short:
        return None
    return short, full


def _concept_part_ok(part: str) -> bool:
    """A part: alternatives separated by |, each a @group or words."""
    return all(
        GROUP.match(alt[1:]) if alt.startswith("@") else TERM.match(alt)
        for alt in (a.strip() for a in part.split("|"))
    )


def _convert(spec: FieldSpec, value: Any, fail: Callable[[str], ContentError]) -> Any:
    if spec.kind == "text":
        if not isinstance(value, str):
            raise fail("must be text in quotes")
        if len(value) > MAX_TEXT:
            raise fail(f"is longer than {MAX_TEXT} characters")
        return value.strip()
    if spec.kind == "text-list":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail('must be a list of text, like ["one", "two"]')
        if len(value) > (spec.limit or MAX_LIST):
            raise fail(f"has more than {spec.limit or MAX_LIST} entries")
        if any(not v.strip() or len(v) > MAX_TEXT for v in value):
            raise fail("has an empty or over-long entry")
        return tuple(v.strip() for v in value)
    if spec.kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise fail("must be a whole number")
        if not 0 <= value <= 10_000:
            raise fail("must be between 0 and 10000")
        return value
    if spec.kind == "bool":
        if not isinstance(value, bool):
            raise fail("must be true or false")
        return value
    if spec.kind == "duties":
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise fail("must be a list of tables with name, text and source")
        duties = []
        for entry in value:
            missing = {"name", "text", "source"} - entry.keys()
            if missing or not all(isinstance(entry[k], str) for k in ("name", "text", "source")):
                raise fail("each duty needs text fields name, text and source")
            duties.append(Duty(name=entry["name"], text=entry["text"], source=entry["source"]))
        return tuple(duties)
    if spec.kind == "steps":
        return _steps(value, fail)
    raise AssertionError(spec.kind)  # pragma: no cover


def _steps(value: Any, fail: Callable[[str], ContentError]) -> tuple[ScenarioStep, ...]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise fail("must be [[steps]] tables")
    if not 1 <= len(value) <= MAX_STEPS:
        raise fail(f"must have from 1 to {MAX_STEPS} steps")
    steps = []
    for number, entry in enumerate(value, start=1):
        unknown = sorted(set(entry) - set(STEP_FIELDS))
        if unknown:
            raise fail(f"number {number}: {unknown[0]} is not a field of a step (check spelling)")
        values: dict[str, Any] = {}
        for name, spec in STEP_FIELDS.items():
            if name not in entry:
                raise fail(f"number {number}: {name} is missing")

            def fail_here(message: str, name: str = name, number: int = number) -> ContentError:
                return fail(f"number {number}: {name} {message}")

            values[name] = _convert(spec, entry[name], fail_here)
        steps.append(ScenarioStep(**values))
    return tuple(steps)


def build_item(
    meta: dict[str, Any], *, body: str, path: str, line_of: LineOf, origin: str, item_line: int
) -> Item:
    """Validate `meta` against the schema of its kind and build the typed item."""

    def fail_at(name: str) -> Callable[[str], ContentError]:
        def fail(message: str) -> ContentError:
            return ContentError(
                path, f"{name} {message}", line=line_of(name) or item_line, field=name
            )

        return fail

    kind = meta.get("kind")
    if not isinstance(kind, str) or kind not in KINDS:
        known = ", ".join(sorted(KINDS))
        raise fail_at("kind")(f"must be one of: {known}")
    cls, specific = KINDS[kind]
    specs = {**COMMON, **specific}
    unknown = sorted(set(meta) - set(specs))
    if unknown:
        raise fail_at(unknown[0])("is not a field of a " + kind + " item (check the spelling)")
    values: dict[str, Any] = {}
    for name, spec in specs.items():
        if name not in meta:
            if spec.required:
                raise ContentError(path, f"{name} is missing", line=item_line, field=name)
            continue
        values[name] = _convert(spec, meta[name], fail_at(name))
    if not ID_PATTERN.match(values["id"]):
        raise fail_at("id")("must be letters, digits and hyphens (at most 64)")
    if not values["sources"]:
        raise fail_at("sources")("must cite at least one source")
    if kind == "standard" and not STANDARD_ID.match(values["id"]):
        raise fail_at("id")("of a standard must be a section letter and a number, like A3")
    if kind == "lexicon":
        if not GROUP.match(values["group"]):
            raise fail_at("group")("must be lower-case letters and hyphens, like hurt-words")
        bad = [t for t in values["terms"] if not TERM.match(t)]
        if bad:
            raise fail_at("terms")(
                f"has {bad[0]!r}: use lower-case words; =word for the exact word, "
                "word* for any ending"
            )
    if kind == "shorthand":
        bad = [e for e in values["entries"] if parse_shorthand(e) is None]
        if bad:
            raise fail_at("entries")(f'has {bad[0]!r}: write it as "dv = domestic violence"')
    if kind == "concept":
        if not values.get("all") and not values.get("denied"):
            raise fail_at("all")("or denied must name at least one part")
        for name in ("all", "denied", "any", "unless", "unless_note", "urgent_with"):
            bad = [p for p in values.get(name, ()) if not _concept_part_ok(p)]
            if bad:
                raise fail_at(name)(
                    f"has {bad[0]!r}: use @group, or words with | between alternatives"
                )
        child = values.get("child", "")
        if child not in CHILD_CONDITIONS and not AGE_BAND.match(child):
            raise fail_at("child")(
                "must be one of: " + ", ".join(CHILD_CONDITIONS[1:]) + ", or an age band "
                "in years like age:13-17, under:13 (no age known, or a child under 13) or "
                "over:10 (no age known, or someone aged 10 or more)"
            )
    if kind == "timescale":
        if values["unit"] not in UNITS:
            raise fail_at("unit")("must be one of: " + ", ".join(UNITS))
        if not values["count"]:
            raise fail_at("count")("must be at least 1")
    if kind == "choices":
        if values["field"] not in CHOICE_FIELDS:
            raise fail_at("field")("must be one of: " + ", ".join(CHOICE_FIELDS))
        seen: set[str] = set()
        for entry in values["entries"]:
            value, sep, label = (part.strip() for part in entry.partition("="))
            if not sep or not CHOICE_VALUE.match(value) or not label or value in seen:
                raise fail_at("entries")(
                    f'has {entry!r}: write each once as "value = Label", the value in '
                    "lower-case letters and hyphens"
                )
            seen.add(value)
        if not {"not-known", "declined"} <= seen:
            raise fail_at("entries")('must offer "not-known" and "declined"')
    if kind == "page" and values["group"] not in GROUPS:
        raise fail_at("group")("must be one of: " + ", ".join(GROUPS))
    if kind == "scenario":
        if values["setting"] not in SETTINGS:
            raise fail_at("setting")("must be one of: " + ", ".join(SETTINGS))
        if values.get("age_months", 0) > 18 * 12:
            raise fail_at("age_months")("must be under 216 (a child is under 18)")
    if kind == "quiz":
        options = values["options"]
        if not 2 <= len(options) <= 6 or len(set(options)) != len(options):
            raise fail_at("options")("must be 2 to 6 different answers")
        if not 1 <= values["answer"] <= len(options):
            raise fail_at("answer")(f"must be the number of an option, 1 to {len(options)}")
        if values["topic"] not in QUIZ_TOPICS:
            raise fail_at("topic")("must be one of: " + ", ".join(QUIZ_TOPICS))
    inline_body = values.pop("body", "")
    if inline_body and body:
        raise fail_at("body")("is set in the header and the file has a body too")
    return cls(**values, body=inline_body or body, origin=origin, path=path, line=item_line)
