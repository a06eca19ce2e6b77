"""The guidance panel's page: the engine's guidance as accessible HTML with links to the
guidance (`wt26:ID`), to the field concerned (`field:NAME`), and to dismiss or restore a
prompt (`dismiss:ID`, `restore:ID`). Urgency is said in words, never by colour alone."""

from __future__ import annotations

from html import escape

from wt26desk.content_library.render import SCHEME
from wt26desk.deadlines.in_words import day_month, full_date
from wt26desk.prompts.engine import Guidance


def _dismiss(prompt_id: str, what: str) -> str:
    return f' <a href="dismiss:{escape(prompt_id)}" title="Dismiss {escape(what)}">Dismiss</a>'


def notices_and_urgent_html(guidance: Guidance, *, interactive: bool = True) -> str:
    """What the panel says first: the limits of reading the note, then what is urgent, in
    words (never by colour alone), with what to do now."""
    parts = [f'<p class="notice"><b>Note:</b> {escape(n)}</p>' for n in guidance.notices]
    urgent = [a for a in guidance.harm_areas if a.urgent]
    if urgent or guidance.dangers:
        parts.append('<div class="urgent"><h2>Urgent: act today</h2><ul>')
        for danger in guidance.dangers:
            parts.append(
                f"<li><b>{escape(danger.title)}</b>: the note mentions {escape(danger.why)}."
                + (f"<br>Now: {escape(danger.now)}" if danger.now else "")
                + (_dismiss("danger:" + danger.id, "this warning") if interactive else "")
                + "</li>"
            )
        for area in urgent:
            why = "; ".join(area.urgent_why or area.reasons[:1])
            now = " ".join(area.now)
            parts.append(
                f"<li><b>{escape(area.title)}</b>: the note mentions {escape(why)}."
                + (f"<br>Now: {escape(now)}" if now else "")
                + f' <a href="{SCHEME}:{escape(area.id)}">What to do</a></li>'
            )
        parts.append("</ul></div>")
    return "".join(parts)


def missing_html(guidance: Guidance, *, interactive: bool = True) -> str:
    """What a good record still needs, each a link to its field when there is a record."""
    if not guidance.missing:
        return ""
    parts = ["<h2>Still to record</h2><ul>"]
    for missing in guidance.missing:
        prompt = escape(missing.prompt)
        if interactive:
            prompt = f'<a href="field:{escape(missing.field)}">{prompt}</a>'
            prompt += _dismiss("missing:" + missing.id, "this reminder")
        parts.append(f"<li>{prompt}</li>")
    parts.append("</ul>")
    return "".join(parts)


def deadlines_html(guidance: Guidance) -> str:
    """The due dates, in the UK style ("30 November 2026"), with where they come from."""
    if not guidance.deadlines:
        return ""
    parts = ["<h2>What must happen by when</h2><ul>"]
    for due in guidance.deadlines:
        kind = "national" if due.national else "local"
        parts.append(
            f"<li><b>{full_date(due.due)}</b>: {escape(due.label)} "
            f"({escape(due.period)} from {day_month(due.event_date)}, {kind}; "
            f"{escape('; '.join(due.sources))})"
            + (f"<br>{escape(due.act_by_note)}" if due.act_by_note else "")
            + "</li>"
        )
    parts.append("</ul>")
    return "".join(parts)


def harm_areas_html(guidance: Guidance, *, interactive: bool = True) -> str:
    """Each harm area the note points to, with why and the duties it brings."""
    if not guidance.harm_areas:
        return (
            "<h2>Harm areas to consider</h2>"
            "<p>Nothing in the record points to a harm area yet. The prompts read what is "
            "written; they cannot see what is not, so use your own judgement too.</p>"
        )
    parts = ["<h2>Harm areas to consider</h2><ul>"]
    for area in guidance.harm_areas:
        label = "Urgent. " if area.urgent else ""
        duties = "".join(
            f"<br>Duty: <b>{escape(d['name'])}</b> ({escape(d['source'])})" for d in area.duties
        )
        parts.append(
            f'<li>{label}<a href="{SCHEME}:{escape(area.id)}"><b>{escape(area.title)}</b></a>'
            f"<br>Why: {escape('; '.join(area.reasons))}{duties}"
            + (_dismiss("area:" + area.id, area.title) if interactive else "")
            + "</li>"
        )
    parts.append("</ul>")
    return "".join(parts)


def care_and_dismissed_html(guidance: Guidance, *, interactive: bool = True) -> str:
    """The prompts to take care, then what the practitioner dismissed (to show again)."""
    parts: list[str] = []
    if guidance.care:
        parts.append("<h2>Take care</h2><ul>")
        for care in guidance.care:
            parts.append(
                f"<li>{escape(care.prompt)} ({escape(care.source)})"
                + (_dismiss("care:" + care.id, "this prompt") if interactive else "")
                + "</li>"
            )
        parts.append("</ul>")
    if guidance.dismissed:
        shown = ", ".join(
            f'{escape(d)} (<a href="restore:{escape(d)}" title="Show {escape(d)} again">'
            "show again</a>)"
            for d in guidance.dismissed
        )
        parts.append(f"<h2>Dismissed by you</h2><p>{shown}</p>")
    return "".join(parts)


def guidance_html(guidance: Guidance, step_title: str = "", *, interactive: bool = True) -> str:
    """`interactive=False` (a training scenario: there is no record to change) leaves out
    the links that dismiss prompts or jump to a field."""
    parts = [
        notices_and_urgent_html(guidance, interactive=interactive),
        harm_areas_html(guidance, interactive=interactive),
    ]
    heading = f"Standards: {escape(step_title)}" if step_title else "Standards"
    parts.append(f"<h2>{heading}</h2><ul>")
    for standard in guidance.standards:
        parts.append(
            f'<li><a href="{SCHEME}:{escape(standard.id)}"><b>{escape(standard.id)} '
            f"{escape(standard.title)}</b></a> ({escape(standard.why)})"
            f"<br>Ask yourself: <i>{escape(standard.question)}</i></li>"
        )
    parts.append("</ul>")
    parts.append(missing_html(guidance, interactive=interactive))
    parts.append(deadlines_html(guidance))
    parts.append(care_and_dismissed_html(guidance, interactive=interactive))
    return "".join(parts)
