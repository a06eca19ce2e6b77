"""A session as a printable handout (PDF): every slide's text in reading order. The
participants' copy leaves out answers and presenter notes; the trainer's copy keeps them."""

from __future__ import annotations

import html
from datetime import datetime

from wt26desk.deadlines.in_words import full_date
from wt26desk.exports.pdf import render_pdf
from wt26desk.training.slides import LETTERS, Slide

HANDOUT_MARKING = "TRAINING HANDOUT - fictional scenarios"


def handout_html(title: str, slides: list[Slide], *, trainer: bool) -> str:
    esc = html.escape
    parts = [f"<h1>{esc(title)}</h1>"]
    parts.append(
        "<p><i>Trainer's copy: answers and presenter notes included.</i></p>"
        if trainer
        else "<p><i>Participant's copy. Scenarios are fictional.</i></p>"
    )
    for slide in slides[1:]:  # the title slide is the heading above
        if slide.answer and not trainer:
            continue
        parts.append(f"<h2>{esc(slide.title)}</h2><p><i>{esc(slide.eyebrow)}</i></p>")
        if slide.lead:
            parts.append(f"<p>{esc(slide.lead)}</p>")
        if slide.points:
            if slide.lettered:
                parts.append(
                    "".join(
                        f"<p>{LETTERS[n]}. {esc(point)}</p>" for n, point in enumerate(slide.points)
                    )
                )
            else:
                parts.append("<ul>" + "".join(f"<li>{esc(p)}</li>" for p in slide.points) + "</ul>")
        if trainer and slide.notes:
            notes = "".join(f"<li>{esc(n)}</li>" for n in slide.notes)
            parts.append(f"<p><b>Notes</b></p><ul>{notes}</ul>")
        if slide.sources:
            parts.append(f"<p><small>Source: {esc('; '.join(slide.sources))}</small></p>")
    return "".join(parts)


def handout_pdf(
    title: str, slides: list[Slide], *, trainer: bool, now: datetime | None = None
) -> bytes:
    when = full_date(now or datetime.now())
    copy = "trainer's copy" if trainer else "participant's copy"
    return render_pdf(
        handout_html(title, slides, trainer=trainer),
        title=title,
        marking=HANDOUT_MARKING,
        footer=f"wt26desk handout, {copy}, {when}",
    )
