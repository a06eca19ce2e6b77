"""A concern record as a referral report: titled sections of key-value rows, paragraphs,
quotations and tables, built once and rendered as HTML (the history view, print, PDF)
or by the Word exporter. Sections can be left out and people withheld (redaction)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape

from wt26desk.deadlines.in_words import uk_date
from wt26desk.records.body_map import describe
from wt26desk.records.model import ConcernRecord

SECTIONS = {
    "children": "Children",
    "people": "Adults and other children around them",
    "referrer": "Reported by",
    "facts": "What was seen and heard",
    "child-words": "The child's own words",
    "views": "Wishes, feelings, family and strengths",
    "injuries": "Injuries (body map)",
    "analysis": "Analysis and decision",
    "considered": "Harm areas and standards considered",
    "actions": "Actions and who was told",
    "chronology": "Chronology",
    "sign-off": "Signed",
}
MOBILITY: dict[bool | None, str] = {True: "Mobile", False: "Not yet mobile", None: ""}
WITHHELD = "[name withheld]"


@dataclass
class Block:
    section: str  # a key of SECTIONS
    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)  # the first row is the header
    level: int = 2


@dataclass(frozen=True)
class Considered:
    """What the guidance raised, for the referral (filled in by the exporter)."""

    harm_areas: tuple[tuple[str, str], ...] = ()  # (title, why)
    standards: tuple[tuple[str, str], ...] = ()  # (id, title)
    chronology: tuple[tuple[str, str, str], ...] = ()  # (when, what, actions)


def _names_pattern(people: list[str] | tuple[str, ...]) -> re.Pattern[str] | None:
    names = sorted({p.strip() for p in people if p.strip()}, key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names), re.I) if names else None


def withhold_text(text: str, people: list[str] | tuple[str, ...]) -> str:
    pattern = _names_pattern(people)
    return pattern.sub(WITHHELD, text) if pattern else text


def withhold(record: ConcernRecord, people: list[str] | tuple[str, ...]) -> ConcernRecord:
    """A copy with each named person replaced by WITHHELD wherever the name appears."""
    pattern = _names_pattern(people)
    if pattern is None:
        return record

    def scrub(value: object) -> object:
        if isinstance(value, str):
            return pattern.sub(WITHHELD, value)
        if isinstance(value, list):
            return [scrub(v) for v in value]
        if isinstance(value, dict):
            return {k: scrub(v) for k, v in value.items()}
        return value

    document = record.to_document()
    return ConcernRecord.from_document(
        {k: (v if k in {"id", "format", "kind"} else scrub(v)) for k, v in document.items()}
    )


def redact(record: ConcernRecord, leave_out: frozenset[str]) -> ConcernRecord:
    """A copy without the sections left out, so no format can leak them."""
    r = ConcernRecord.from_document(record.to_document())
    if "people" in leave_out:
        r.people = []
    if "referrer" in leave_out:
        r.reporter_name = r.reporter_role = ""
    if "facts" in leave_out:
        r.facts = ""
    if "child-words" in leave_out:
        r.quotes = []
    if "views" in leave_out:
        r.wishes_feelings = r.family_said = r.strengths = ""
    if "injuries" in leave_out:
        r.marks = []
    if "analysis" in leave_out:
        r.analysis = r.decision = r.rationale = ""
        r.categories = []
    if "actions" in leave_out:
        r.actions = []
    if "sign-off" in leave_out:
        r.sign_off = type(r.sign_off)()
        r.second_signatory = type(r.second_signatory)()
    return r


def _lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def report_blocks(
    record: ConcernRecord,
    *,
    revision: int | None = None,
    leave_out: frozenset[str] = frozenset(),
    considered: Considered | None = None,
    area_titles: Mapping[str, str] | None = None,
) -> list[Block]:
    """`area_titles`: harm-area id to title, so a reader sees "Physical abuse", never
    "physical-abuse"."""
    area_titles = area_titles or {}
    show = set(SECTIONS) - leave_out
    blocks = [
        Block(
            "summary",
            f"Safeguarding concern: {uk_date(record.title())}",
            rows=[
                ("Status", record.status),
                ("Revision", str(revision) if revision else ""),
                ("Happened", uk_date(f"{record.event_date} {record.event_time}".strip())),
                ("Written", uk_date(record.written_at or record.created)),
                ("Where", record.place),
                ("Who was present", ", ".join(record.present)),
            ],
            level=1,
        )
    ]

    def add(section: str, **parts: object) -> None:
        if section in show:
            blocks.append(Block(section, SECTIONS[section], **parts))  # type: ignore[arg-type]

    if "children" in show:
        add("children")
        for child in record.children:
            blocks.append(
                Block(
                    "children",
                    child.label(),
                    level=3,
                    rows=[
                        ("Role", child.role),
                        ("Date of birth", uk_date(child.date_of_birth)),
                        ("Age", f"{child.age_years} years" if child.age_years is not None else ""),
                        ("Expected date", uk_date(child.expected_date) if child.unborn else ""),
                        ("Mobility", MOBILITY[child.mobile]),
                        ("Sex", child.sex),
                        ("School or setting", child.setting),
                        ("SEND", child.send),
                        ("Communication", child.communication),
                        ("Language", child.language),
                        ("Interpreter", "Needed" if child.interpreter else ""),
                    ],
                )
            )
    if record.people:
        add(
            "people",
            rows=[
                (p.name or "Unnamed", f"{p.relationship} {p.notes}".strip()) for p in record.people
            ],
        )
    if record.reporter_name or record.reporter_role:
        add("referrer", rows=[("Name", record.reporter_name), ("Role", record.reporter_role)])
    add("facts", paragraphs=_lines(record.facts) or ["None recorded."])
    if record.quotes:
        names = {c.id: c.label() for c in record.children}
        add(
            "child-words",
            quotes=[
                f"“{q.text}”"
                + (f" ({names[q.child_id]})" if q.child_id in names else "")
                + (f", asked: “{q.asked}”" if q.asked else "")
                for q in record.quotes
            ],
        )
    views = [
        (title, value)
        for title, value in (
            ("The child's wishes and feelings", record.wishes_feelings),
            ("What the family said", record.family_said),
            ("Family strengths", record.strengths),
        )
        if value
    ]
    if views:
        add("views", rows=views)
    if record.marks:
        add(
            "injuries",
            table=[["No.", "Where", "View", "Size", "Shape", "Colour", "Notes"]]
            + [
                [
                    str(n),
                    m.location or describe(m.view, m.outline, m.x, m.y),
                    m.view,
                    m.size,
                    m.shape,
                    m.colour,
                    m.notes,
                ]
                for n, m in enumerate(record.marks, 1)
            ],
        )
    if record.analysis or record.decision or record.rationale or record.categories:
        add(
            "analysis",
            paragraphs=_lines(record.analysis),
            rows=[
                (
                    "Categories considered",
                    ", ".join(area_titles.get(c, c) for c in record.categories),
                ),
                ("Decision", record.decision),
                ("Reasons", record.rationale),
            ],
        )
    if considered and (considered.harm_areas or considered.standards):
        add(
            "considered",
            rows=[(title, why) for title, why in considered.harm_areas]
            + [(f"Standard {sid}", title) for sid, title in considered.standards],
        )
    if record.actions and "actions" in show:
        add("actions")
        for n, a in enumerate(record.actions, 1):
            blocks.append(
                Block(
                    "actions",
                    f"{n}. {a.who}",
                    level=3,
                    rows=[
                        ("Person", a.name),
                        ("When", uk_date(a.when)),
                        ("Reference", a.reference),
                        ("Outcome", a.outcome),
                        ("Why", a.rationale),
                        ("Follow-up due", uk_date(a.due)),
                    ],
                )
            )
    if considered and considered.chronology:
        add(
            "chronology",
            table=[["When", "What happened", "Actions"]] + [list(e) for e in considered.chronology],
        )
    if not (record.sign_off.name or record.second_signatory.name):
        return blocks
    add(
        "sign-off",
        rows=[
            ("Signed by", f"{record.sign_off.name}, {record.sign_off.role}".strip(", ")),
            ("Date", uk_date(record.sign_off.date)),
            (
                "Second signatory",
                f"{record.second_signatory.name}, {record.second_signatory.role}".strip(", "),
            ),
            ("Date", uk_date(record.second_signatory.date)),
        ],
    )
    return blocks


def blocks_html(blocks: list[Block], *, images: dict[str, str] | None = None) -> str:
    """HTML for QTextDocument; `images` maps a section to an image resource name shown
    at its end (the body map)."""
    parts = []
    for block in blocks:
        parts.append(f"<h{block.level}>{escape(block.title)}</h{block.level}>")
        parts += [f"<p>{escape(p)}</p>" for p in block.paragraphs]
        parts += [f"<blockquote><i>{escape(q)}</i></blockquote>" for q in block.quotes]
        rows = [(k, v) for k, v in block.rows if v]
        if rows:
            parts.append("<table cellpadding='3'>")
            parts += [f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows]
            parts.append("</table>")
        if block.table:
            head, *body = block.table
            parts.append("<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>")
            parts += [f"<th>{escape(h)}</th>" for h in head]
            parts.append("</tr>")
            for row in body:
                parts.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>")
            parts.append("</table>")
        if images and block.section in images and block.level == 2:
            parts.append(f"<p><img src='{escape(images[block.section])}'></p>")
    return "".join(parts)


def record_html(
    record: ConcernRecord,
    *,
    marking: str = "OFFICIAL-SENSITIVE",
    revision: int | None = None,
    leave_out: frozenset[str] = frozenset(),
    stamp: str = "",
    area_titles: Mapping[str, str] | None = None,
) -> str:
    heading = f"<p><b>{escape(marking)}</b>{' ' + escape(stamp) if stamp else ''}</p>"
    shown = redact(record, leave_out)
    blocks = report_blocks(shown, revision=revision, leave_out=leave_out, area_titles=area_titles)
    return heading + blocks_html(blocks)
