"""A concern record as a readable HTML document: for the revision history, printing and
the referral exports. Every value is escaped; sections can be left out (redaction)."""

from __future__ import annotations

from html import escape

from wt26desk.records.body_map import describe
from wt26desk.records.model import ConcernRecord

SECTIONS = (
    "children",
    "people",
    "referrer",
    "facts",
    "child-words",
    "views",
    "injuries",
    "analysis",
    "actions",
    "sign-off",
)
MOBILITY: dict[bool | None, str] = {True: "Mobile", False: "Not yet mobile", None: ""}


def _rows(pairs: list[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in pairs if v)
    return f"<table cellpadding='3'>{cells}</table>" if cells else ""


def _text(value: str) -> str:
    return "".join(f"<p>{escape(p)}</p>" for p in value.split("\n") if p.strip())


def record_html(
    record: ConcernRecord,
    *,
    marking: str = "OFFICIAL-SENSITIVE",
    revision: int | None = None,
    leave_out: frozenset[str] = frozenset(),
    stamp: str = "",
) -> str:
    show = [s for s in SECTIONS if s not in leave_out]
    parts = [f"<p><b>{escape(marking)}</b>{' ' + escape(stamp) if stamp else ''}</p>"]
    parts.append(f"<h1>Safeguarding concern: {escape(record.title())}</h1>")
    parts.append(
        _rows(
            [
                ("Status", record.status),
                ("Revision", str(revision) if revision else ""),
                ("Happened", f"{record.event_date} {record.event_time}".strip()),
                ("Written", record.written_at or record.created),
                ("Where", record.place),
                ("Who was present", ", ".join(record.present)),
            ]
        )
    )
    if "children" in show:
        parts.append("<h2>Children</h2>")
        for child in record.children:
            parts.append(f"<h3>{escape(child.label())}</h3>")
            parts.append(
                _rows(
                    [
                        ("Role", child.role),
                        ("Date of birth", child.date_of_birth),
                        ("Age", f"{child.age_years} years" if child.age_years is not None else ""),
                        ("Expected date", child.expected_date if child.unborn else ""),
                        ("Mobility", MOBILITY[child.mobile]),
                        ("Sex", child.sex),
                        ("School or setting", child.setting),
                        ("SEND", child.send),
                        ("Communication", child.communication),
                        ("Language", child.language),
                        ("Interpreter", "Needed" if child.interpreter else ""),
                    ]
                )
            )
    if "people" in show and record.people:
        parts.append("<h2>Adults and other children around them</h2>")
        parts.append(
            _rows(
                [
                    (p.name or "Unnamed", f"{p.relationship} {p.notes}".strip())
                    for p in record.people
                ]
            )
        )
    if "referrer" in show:
        parts.append("<h2>Reported by</h2>")
        parts.append(_rows([("Name", record.reporter_name), ("Role", record.reporter_role)]))
    if "facts" in show:
        parts.append(
            "<h2>What was seen and heard</h2>" + (_text(record.facts) or "<p>None recorded.</p>")
        )
    if "child-words" in show and record.quotes:
        names = {c.id: c.label() for c in record.children}
        parts.append("<h2>The child's own words</h2>")
        for quote in record.quotes:
            who = names.get(quote.child_id, "")
            asked = f" (asked: “{escape(quote.asked)}”)" if quote.asked else ""
            parts.append(
                f"<blockquote>“{escape(quote.text)}”{' - ' + escape(who) if who else ''}"
                f"{asked}</blockquote>"
            )
    if "views" in show:
        for title, value in (
            ("The child's wishes and feelings", record.wishes_feelings),
            ("What the family said", record.family_said),
            ("Family strengths", record.strengths),
        ):
            if value:
                parts.append(f"<h2>{title}</h2>{_text(value)}")
    if "injuries" in show and record.marks:
        parts.append("<h2>Injuries (body map)</h2><ol>")
        for mark in record.marks:
            where = mark.location or describe(mark.view, mark.outline, mark.x, mark.y)
            details = ", ".join(p for p in (mark.size, mark.shape, mark.colour) if p)
            notes = f". {escape(mark.notes)}" if mark.notes else ""
            parts.append(
                f"<li>{escape(where)} ({escape(mark.view)} view): "
                f"{escape(details or 'no details')}{notes}</li>"
            )
        parts.append("</ol>")
    if "analysis" in show:
        if record.analysis:
            parts.append(f"<h2>Analysis</h2>{_text(record.analysis)}")
        if record.categories:
            parts.append(f"<p>Categories considered: {escape(', '.join(record.categories))}</p>")
        if record.decision or record.rationale:
            parts.append(
                f"<h2>Decision</h2>{_text(record.decision)}"
                f"{'<p><b>Reasons:</b></p>' + _text(record.rationale) if record.rationale else ''}"
            )
    if "actions" in show and record.actions:
        parts.append(
            "<h2>Actions and who was told</h2><table border='1' cellspacing='0' cellpadding='3'>"
            "<tr><th>Who</th><th>Name</th><th>When</th><th>Reference</th><th>Outcome</th>"
            "<th>Why</th><th>Due</th></tr>"
        )
        for a in record.actions:
            cells = (a.who, a.name, a.when, a.reference, a.outcome, a.rationale, a.due)
            parts.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
        parts.append("</table>")
    if "sign-off" in show:
        parts.append("<h2>Signed</h2>")
        parts.append(
            _rows(
                [
                    ("Signed by", f"{record.sign_off.name}, {record.sign_off.role}".strip(", ")),
                    ("Date", record.sign_off.date),
                    (
                        "Second signatory",
                        f"{record.second_signatory.name}, {record.second_signatory.role}".strip(
                            ", "
                        ),
                    ),
                    ("Date", record.second_signatory.date),
                ]
            )
        )
    return "".join(parts)
