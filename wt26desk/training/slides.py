"""Slides from content: one standard, harm area, page or timescale per slide, in large type;
a scenario unfolds as a slide per step with an answer slide after each; a quiz question
is a question slide then an answer slide. Presenter notes come with every slide.

A session lists entries by item id; "@timescales" and "@standards" are overview slides."""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from wt26desk.content_library.library import Library
from wt26desk.content_library.models import (
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
from wt26desk.content_library.search import plain_text

MAX_POINTS = 6
OVERVIEW_ENTRIES = {
    "@standards": "The 21 practice standards",
    "@timescales": "Statutory timescales",
}
PRESENTABLE = (Standard, Section, HarmArea, Page, Timescale, Scenario, QuizQuestion, GlossaryTerm)
LETTERS = "ABCDEF"


@dataclass(frozen=True)
class Slide:
    entry: str  # the session entry it comes from (an item id or an overview key)
    eyebrow: str  # small line above the title: what kind of slide this is
    title: str
    lead: str = ""
    points: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # for the presenter only
    sources: tuple[str, ...] = ()
    lettered: bool = False  # quiz options, A to F
    answer: bool = False  # reveals an answer: left out of participants' handouts


def presentable(library: Library, entry: str) -> bool:
    return entry in OVERVIEW_ENTRIES or isinstance(library.get(entry), PRESENTABLE)


def entry_title(library: Library, entry: str) -> str:
    if entry in OVERVIEW_ENTRIES:
        return OVERVIEW_ENTRIES[entry]
    item = library.get(entry)
    if item is None:
        return entry
    if isinstance(item, Standard):
        return f"{item.id}: {item.title}"
    return item.title


class SlideMaker:
    def __init__(self, library: Library) -> None:
        self.library = library
        self._titles = {i.id: entry_title(library, i.id) for i in library}

    def text(self, markdown: str) -> str:
        return plain_text(markdown, self._titles)

    def _texts(self, entries: Iterable[str], limit: int = MAX_POINTS) -> tuple[str, ...]:
        return tuple(self.text(e) for e in list(entries)[:limit])

    def _names(self, ids: Iterable[str]) -> str:
        return ", ".join(self._titles.get(i, i) for i in ids)

    def title_slide(self, title: str, count: int) -> Slide:
        return Slide(
            entry="",
            eyebrow="Working Together to Safeguard Children 2026",
            title=title,
            lead=f"{count} slide{'s' if count != 1 else ''}",
            notes=(
                "Keys: Right, Down, Page Down or Space for the next slide; Left, Up or "
                "Page Up for the previous one; B for a black screen; W for a white one; "
                "Escape to finish.",
            ),
        )

    def slides(self, entry: str) -> list[Slide]:
        """The slides for one session entry (none for an unknown one)."""
        lib = self.library
        if entry == "@timescales":
            return [
                Slide(
                    entry=entry,
                    eyebrow="Timescales",
                    title="Statutory timescales",
                    points=tuple(f"{t.period}: {t.due_label}" for t in lib.timescales[:8]),
                    notes=tuple(f"{t.title}. After: {t.event_label}." for t in lib.timescales),
                    sources=tuple(dict.fromkeys(s for t in lib.timescales for s in t.sources)),
                )
            ]
        if entry == "@standards":
            return [
                Slide(
                    entry=entry,
                    eyebrow="National Multi-Agency Practice Standards",
                    title="The 21 practice standards",
                    points=tuple(
                        f"{s.title}: {len(lib.standards_in(s.id))} standards. {s.applies_to}"
                        for s in lib.sections
                    ),
                    notes=tuple(f"{s.id}: {s.title}" for s in lib.standards),
                    sources=("WT2026 Appendix 1",),
                )
            ]
        item = lib.get(entry)
        if item is None:
            return []
        return self._item_slides(item)

    def _item_slides(self, item: Item) -> list[Slide]:
        base: dict[str, Any] = {"entry": item.id, "sources": item.sources}
        if isinstance(item, Standard):
            section = self.library.get(item.section)
            return [
                Slide(
                    **base,
                    eyebrow=f"Practice standard {item.id}"
                    + (f" · {section.title}" if section else ""),
                    title=item.title,
                    lead=self.text(item.summary),
                    points=self._texts(item.in_practice, 5),
                    notes=tuple(f"Ask the room: {self.text(q)}" for q in item.questions),
                )
            ]
        if isinstance(item, Section):
            return [
                Slide(
                    **base,
                    eyebrow="Practice standards",
                    title=item.title,
                    lead=self.text(item.applies_to),
                    points=tuple(f"{s.id}: {s.title}" for s in self.library.standards_in(item.id)),
                    notes=(self.text(item.summary),),
                )
            ]
        if isinstance(item, HarmArea):
            return [
                Slide(
                    **base,
                    eyebrow="Harm area",
                    title=item.title,
                    lead=self.text(item.summary),
                    points=self._texts(item.indicators),
                    notes=(
                        *(f"Ask: {self.text(a)}" for a in item.ask[:3]),
                        *(f"Tell: {self.text(t)}" for t in item.tell[:3]),
                        *(f"Duty: {d.name} ({d.source})" for d in item.duties),
                        f"Standards: {self._names(item.standards)}",
                    ),
                )
            ]
        if isinstance(item, Timescale):
            return [
                Slide(
                    **base,
                    eyebrow="Timescale" if item.national else "Timescale (good practice)",
                    title=item.title,
                    points=(
                        f"After: {item.event_label}",
                        f"Within: {item.period}",
                        f"Due: {item.due_label}",
                    ),
                    notes=(self.text(item.note),) if item.note else (),
                )
            ]
        if isinstance(item, Scenario):
            return self._scenario_slides(item)
        if isinstance(item, QuizQuestion):
            return self._quiz_slides(item)
        bullets = [
            line.strip()[2:]
            for line in item.body.splitlines()
            if line.strip().startswith(("- ", "* "))
        ]
        return [
            Slide(
                **base,
                eyebrow="Glossary" if isinstance(item, GlossaryTerm) else "Guidance",
                title=item.title,
                lead=self.text(item.summary),
                points=self._texts(bullets, 5),
                notes=(self.text(item.body)[:1200],) if item.body else (),
            )
        ]

    def _scenario_slides(self, item: Scenario) -> list[Slide]:
        count = len(item.steps)
        slides = [
            Slide(
                entry=item.id,
                eyebrow=f"Scenario (fictional) · {SETTINGS[item.setting]}",
                title=item.title,
                lead=self.text(item.summary),
                points=(f"Child: {item.child}",),
                notes=(self.text(item.body),) if item.body else (),
                sources=item.sources,
            )
        ]
        for number, step in enumerate(item.steps, start=1):
            where = f"{item.title} · step {number} of {count}"
            slides.append(
                Slide(
                    entry=item.id,
                    eyebrow=where,
                    title=step.title,
                    lead=self.text(step.arrives),
                    points=self._texts(step.ask),
                    notes=(f"Answer follows on the next slide. Why: {self.text(step.reasoning)}",),
                    sources=item.sources,
                )
            )
            slides.append(
                Slide(
                    entry=item.id,
                    eyebrow=f"{where} · what good practice looks like",
                    title=f"{step.title}: the answer",
                    answer=True,
                    lead=self.text(step.reasoning),
                    points=(
                        *(f"Record: {self.text(r)}" for r in step.record[:3]),
                        *(f"Next: {self.text(n)}" for n in step.next[:3]),
                    ),
                    notes=(
                        f"Standards: {self._names(step.standards)}",
                        f"Harm areas: {self._names(step.harm_areas)}",
                    ),
                    sources=item.sources,
                )
            )
        return slides

    def _quiz_slides(self, item: QuizQuestion) -> list[Slide]:
        return [
            Slide(
                entry=item.id,
                eyebrow=f"Quiz · {item.title}",
                title=self.text(item.summary),
                points=item.options,
                lettered=True,
                notes=(f"Answer: {LETTERS[item.answer - 1]}. {item.correct}",),
                sources=item.sources,
            ),
            Slide(
                entry=item.id,
                eyebrow=f"Quiz · {item.title} · answer",
                title=f"{LETTERS[item.answer - 1]}: {item.correct}",
                answer=True,
                lead=self.text(item.explanation),
                sources=item.sources,
            ),
        ]


def session_slides(library: Library, title: str, entries: Iterable[str]) -> list[Slide]:
    """A title slide, then every entry's slides in order."""
    maker = SlideMaker(library)
    body = [slide for entry in entries for slide in maker.slides(entry)]
    return [maker.title_slide(title, len(body) + 1), *body]


def slide_html(slide: Slide, size: int = 40) -> str:
    """The slide's visible text as HTML with the body text `size` pixels high (the view
    picks the largest size that fits); colours come from `slide_css` classes."""
    esc = html.escape

    def px(scale: float) -> str:
        return f"font-size:{max(6, round(size * scale))}px"

    # A long title (a quiz question) is set smaller so that the options still fit.
    title_scale = 1.5 if len(slide.title) <= 60 else 1.15
    parts = [
        f'<p class="muted" style="{px(0.6)}; margin:0">{esc(slide.eyebrow)}</p>',
        f'<h1 style="{px(title_scale)}; margin-top:{round(size * 0.2)}px">{esc(slide.title)}</h1>',
    ]
    if slide.lead:
        parts.append(f'<p style="{px(1.0)}">{esc(slide.lead)}</p>')
    if slide.points:
        if slide.lettered:
            parts += [
                f'<p style="{px(1.0)}"><b>{LETTERS[n]}</b>&nbsp;&nbsp;{esc(p)}</p>'
                for n, p in enumerate(slide.points)
            ]
        else:
            items = "".join(f'<li style="{px(0.95)}">{esc(p)}</li>' for p in slide.points)
            parts.append(f"<ul>{items}</ul>")
    if slide.sources:
        parts.append(
            f'<p class="muted" style="{px(0.5)}">Source: {esc("; ".join(slide.sources))}</p>'
        )
    return "".join(parts)


def slide_css(foreground: str, muted: str) -> str:
    """The style sheet for slide_html: `muted` for the small lines (eyebrow, source)."""
    return f"body {{ color: {foreground}; }} .muted {{ color: {muted}; }}"


def notes_html(slide: Slide) -> str:
    if not slide.notes:
        return "<p><i>No notes for this slide.</i></p>"
    return "".join(f"<p>{html.escape(n)}</p>" for n in slide.notes)
