"""Items and overview pages as HTML for the reading pane (and, later, printed handouts).

Links between items use the `wt26:` scheme: `wt26:A3` opens an item, `wt26:@harm-areas`
an overview page. Raw HTML in content is escaped: a content pack can format text with
Markdown but cannot inject markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

import markdown
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension

from wt26desk.content_library.library import WIKI_LINK, Library
from wt26desk.content_library.models import (
    GROUP_TITLES,
    QUIZ_TOPICS,
    SETTINGS,
    GlossaryTerm,
    HarmArea,
    Item,
    Page,
    QuizQuestion,
    Scenario,
    Section,
    Standard,
    Timescale,
)
from wt26desk.content_library.search import fold

SCHEME = "wt26"
OVERVIEWS = {
    "@standards": "Practice standards",
    "@harm-areas": "Harm areas",
    "@changes": GROUP_TITLES["changes"],
    "@roles": GROUP_TITLES["roles"],
    "@guide": GROUP_TITLES["guide"],
    "@timescales": "Statutory timescales",
    "@glossary": "Glossary",
    "@local": GROUP_TITLES["local"],
    "@scenarios": "Training scenarios",
    "@quiz": "Quiz questions",
}
KIND_LABELS = {
    "standard": "Practice standard",
    "section": "Practice standards section",
    "harm-area": "Harm area",
    "page": "Guidance",
    "glossary": "Glossary",
    "timescale": "Timescale",
    "addendum": "Local addition",
    "scenario": "Training scenario (fictional)",
    "quiz": "Quiz question",
}
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")


def link(target: str, text: str) -> str:
    return f'<a href="{SCHEME}:{html.escape(target)}">{html.escape(text)}</a>'


class Renderer:
    def __init__(self, library: Library) -> None:
        self.library = library
        # Extension objects, not names: names are looked up through package entry points,
        # which costs about 20 ms at start-up.
        self._md = markdown.Markdown(
            extensions=[TableExtension(), SaneListExtension()], output_format="html"
        )

    # Markdown -------------------------------------------------------------------------
    def _wiki(self, match: re.Match[str]) -> str:
        target = self.library.get(match.group(1))
        text = match.group(2) or (target.title if target else match.group(1))
        if target is None:
            return text
        return f"[{text}]({SCHEME}:{target.id})"

    def markdown(self, text: str, *, inline: bool = False) -> str:
        source = WIKI_LINK.sub(self._wiki, text.replace("<", "&lt;"))
        self._md.reset()
        rendered: str = self._md.convert(source)
        if inline and rendered.startswith("<p>") and rendered.endswith("</p>"):
            rendered = rendered[3:-4]
        return rendered

    def _list(self, heading: str, entries: Iterable[str], *, ordered: bool = False) -> str:
        items = [f"<li>{self.markdown(e, inline=True)}</li>" for e in entries]
        if not items:
            return ""
        tag = "ol" if ordered else "ul"
        return f"<h2>{html.escape(heading)}</h2><{tag}>{''.join(items)}</{tag}>"

    def _links(self, heading: str, ids: Iterable[str]) -> str:
        found = [self.library.get(i) for i in ids]
        entries = [f"<li>{link(i.id, _label(i))}</li>" for i in found if i is not None]
        return f"<h2>{html.escape(heading)}</h2><ul>{''.join(entries)}</ul>" if entries else ""

    # Items --------------------------------------------------------------------------------
    def item_html(self, item: Item, highlight: Iterable[str] = ()) -> str:
        parts = [f"<h1>{html.escape(_label(item))}</h1>", self._meta(item)]
        parts.append(f'<p class="summary">{self.markdown(item.summary, inline=True)}</p>')
        parts.append(self._details(item))
        if item.body:
            parts.append(self.markdown(item.body))
        for addendum in self.library.addenda_for(item.id):
            parts.append(
                f'<div class="addendum"><h2>{html.escape(addendum.title)}</h2>'
                f'<p class="origin">From the local pack “{html.escape(addendum.origin)}”</p>'
                f"{self.markdown(addendum.summary)}{self.markdown(addendum.body)}</div>"
            )
        sources = "; ".join(html.escape(s) for s in item.sources)
        parts.append(f'<p class="sources"><b>Sources:</b> {sources}</p>')
        return highlight_html("".join(p for p in parts if p), highlight)

    def _meta(self, item: Item) -> str:
        bits = [KIND_LABELS.get(item.kind, item.kind)]
        if isinstance(item, Standard):
            section = self.library.get(item.section)
            if section is not None:
                bits.append(link(section.id, section.title))
        if item.origin != "core":
            bits.append(f"Local pack: {html.escape(item.origin)}")
        return f'<p class="meta">{" · ".join(bits)}</p>'

    def _details(self, item: Item) -> str:
        if isinstance(item, Standard):
            section = self.library.get(item.section)
            applies = section.applies_to if isinstance(section, Section) else ""
            used_by = [h.id for h in self.library.harm_areas if item.id in h.standards]
            return "".join(
                [
                    f'<p class="applies"><b>Applies to:</b> {html.escape(applies)}</p>'
                    if applies
                    else "",
                    self._list("What it means in practice", item.in_practice),
                    self._list("Ask yourself", item.questions),
                    self._links("Harm areas that draw on this standard", used_by),
                ]
            )
        if isinstance(item, Section):
            return (
                f'<p class="applies"><b>Applies to:</b> {html.escape(item.applies_to)}</p>'
                + self._links("Standards", [s.id for s in self.library.standards_in(item.id)])
            )
        if isinstance(item, HarmArea):
            duties = "".join(  # a bordered one-cell table: Qt draws no borders on a div
                f'<table class="duty" border="1" cellpadding="8" cellspacing="0" width="100%">'
                f"<tr><td><b>{html.escape(d.name)}.</b> {self.markdown(d.text, inline=True)} "
                f"<i>({html.escape(d.source)})</i></td></tr></table>"
                for d in item.duties
            )
            return "".join(
                [
                    f"<h2>Statutory duties</h2>{duties}" if duties else "",
                    self._list("Signs to notice", item.indicators),
                    self._list("What to ask", item.ask),
                    self._list("What to record", item.record),
                    self._list("What to do", item.actions),
                    self._list("Who to tell", item.tell),
                    self._links("Practice standards", item.standards),
                    self._links("Related harm areas", item.related),
                ]
            )
        if isinstance(item, Timescale):
            kind = "National timescale" if item.national else "Good practice or local timescale"
            note = f"<p>{html.escape(item.note)}</p>" if item.note else ""
            if item.unit in {"months", "calendar-days"}:
                note += (
                    "<p>If the date this gives is a weekend or bank holiday, act by the "
                    "working day before.</p>"
                )
            return (
                f"<table><tr><th>After</th><td>{html.escape(item.event_label)}</td></tr>"
                f"<tr><th>Within</th><td>{item.period}</td></tr>"
                f"<tr><th>What is due</th><td>{html.escape(item.due_label)}</td></tr>"
                f"<tr><th>Status</th><td>{kind}</td></tr></table>{note}"
                f"<p>{link('guide-working-days', 'How working days are counted')}</p>"
            )
        if isinstance(item, Scenario):
            return self.scenario_details(item)
        if isinstance(item, QuizQuestion):
            options = "".join(
                f"<li>{html.escape(o)}{' <b>(answer)</b>' if n == item.answer else ''}</li>"
                for n, o in enumerate(item.options, start=1)
            )
            return (
                f"<p><b>Topic:</b> {QUIZ_TOPICS[item.topic]}</p><ol>{options}</ol>"
                f"<h2>Why</h2>{self.markdown(item.explanation)}"
                + self._links("Read more", item.refers_to)
            )
        return ""

    def scenario_details(self, item: Scenario) -> str:
        """The whole scenario with its answers: for trainers reading or printing it."""
        parts = [
            f"<p><b>Setting:</b> {SETTINGS[item.setting]} · <b>Child:</b> "
            f"{html.escape(item.child)}</p>",
            self._links("Harm areas", item.harm_areas),
            self._links("Practice standards", item.standards),
        ]
        for number, step in enumerate(item.steps, start=1):
            parts += [
                f"<h2>Step {number}: {html.escape(step.title)}</h2>",
                f"<p>{self.markdown(step.arrives, inline=True)}</p>",
                self._list("Questions for the room", step.ask),
                self._list("A good record holds", step.record),
                self._list("What should happen next", step.next),
                self._links("Standards", step.standards),
                f"<p><b>Why:</b> {self.markdown(step.reasoning, inline=True)}</p>",
            ]
        return "".join(parts)

    # Overview pages ------------------------------------------------------------------------
    def overview_html(self, key: str) -> str:
        title = OVERVIEWS.get(key, "")
        rows: list[str] = []
        lib = self.library
        if key == "@standards":
            for section in lib.sections:
                rows.append(
                    f"<h2>{link(section.id, section.title)}</h2>"
                    f"<p><i>{html.escape(section.applies_to)}</i></p><ul>"
                )
                rows += [
                    f"<li>{link(s.id, _label(s))}: {html.escape(s.summary)}</li>"
                    for s in lib.standards_in(section.id)
                ]
                rows.append("</ul>")
        elif key == "@timescales":
            rows.append(
                "<table><tr><th>After</th><th>Within</th><th>What is due</th><th>Source</th></tr>"
            )
            rows += [
                f"<tr><td>{html.escape(t.event_label)}</td><td>{t.period}"
                f"{'' if t.national else ' (good practice)'}</td><td>{link(t.id, t.due_label)}"
                f"</td><td>{html.escape('; '.join(t.sources))}</td></tr>"
                for t in lib.timescales
            ]
            rows.append("</table>")
            rows.append(f"<p>{link('guide-working-days', 'How working days are counted')}</p>")
        elif key == "@glossary":
            rows.append("<dl>")
            rows += [
                f"<dt><b>{link(g.id, g.term)}</b></dt><dd>{html.escape(g.summary)}</dd>"
                for g in lib.glossary
            ]
            rows.append("</dl>")
        else:
            rows.append("<ul>")
            rows += [
                f"<li>{link(i.id, i.title)}: {html.escape(i.summary)}</li>"
                for i in self.overview_items(key)
            ]
            rows.append("</ul>")
        return f"<h1>{html.escape(title)}</h1>{''.join(rows)}"

    def overview_items(self, key: str) -> list[Item]:
        lib = self.library
        if key == "@harm-areas":
            return list(lib.harm_areas)
        if key == "@scenarios":
            return list(lib.scenarios)
        if key == "@quiz":
            return list(lib.quiz)
        if key == "@local":
            return [i for i in lib if i.origin != "core" and i.kind != "addendum"]
        group = key.removeprefix("@")
        return [p for p in lib.pages(group) if isinstance(p, Page) and p.origin == "core"]

    def page_html(self, target: str, highlight: Iterable[str] = ()) -> str | None:
        """HTML for `wt26:` target (an item id or an overview key), or None if unknown."""
        if target in OVERVIEWS:
            return highlight_html(self.overview_html(target), highlight)
        item = self.library.get(target)
        return self.item_html(item, highlight) if item is not None else None

    def title_of(self, target: str) -> str:
        if target in OVERVIEWS:
            return OVERVIEWS[target]
        item = self.library.get(target)
        return _label(item) if item is not None else target


def _label(item: Item) -> str:
    if isinstance(item, Standard):
        return f"{item.id}. {item.title}"
    if isinstance(item, GlossaryTerm):
        return item.term
    return item.title


def highlight_html(page: str, terms: Iterable[str]) -> str:
    """Wrap words starting with any of `terms` in <span class="hl">, outside tags only."""
    wanted = [t for t in terms if t]
    if not wanted:
        return page
    pattern = re.compile(r"\b(" + "|".join(re.escape(t) for t in wanted) + r")\w*", re.IGNORECASE)
    out = []
    for piece in _TAG_OR_TEXT.split(page):
        if piece.startswith("<"):
            out.append(piece)
        else:
            out.append(pattern.sub(lambda m: f'<span class="hl">{m.group(0)}</span>', piece))
    return "".join(out)


def highlight_text(text: str, terms: Iterable[str]) -> str:
    """Escape plain text and mark matches in bold, for a result list."""
    return highlight_html(html.escape(text), [fold(t) for t in terms])
