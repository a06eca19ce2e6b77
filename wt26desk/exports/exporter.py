"""Export one record: build the chosen format in memory, optionally wrap it with age,
write it atomically beside the target (never via the temp folder), and log what, which
format, when, where and a hash of the output in the vault's audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage

from wt26desk.deadlines.in_words import uk_date
from wt26desk.errors import Wt26Error
from wt26desk.exports import age_bundle, json_format
from wt26desk.exports.body_map_image import body_map_images
from wt26desk.exports.gui_runtime import ensure_gui_application
from wt26desk.exports.written import TRAINING_STAMP, write_logged
from wt26desk.prompts.engine import PromptEngine
from wt26desk.records.chronology import child_key, chronology
from wt26desk.records.model import ConcernRecord
from wt26desk.records.report import (
    SECTIONS,
    Block,
    Considered,
    blocks_html,
    redact,
    report_blocks,
    withhold,
    withhold_text,
)
from wt26desk.records.store import RecordStore

FORMATS = ("pdf", "docx", "json")
SUFFIX = {"pdf": ".pdf", "docx": ".docx", "json": ".json"}


class ExportError(Wt26Error):
    """The export could not be made; nothing was written."""


@dataclass(frozen=True)
class ExportOptions:
    format: str = "pdf"
    leave_out: frozenset[str] = frozenset()
    withhold: tuple[str, ...] = ()
    marking: str = "OFFICIAL-SENSITIVE"
    age_recipient: str | None = None
    age_passphrase: str | None = None

    @property
    def encrypted(self) -> bool:
        return self.age_recipient is not None or self.age_passphrase is not None

    def check(self) -> None:
        if self.format not in FORMATS:
            raise ExportError(f"Unknown format {self.format!r}: choose pdf, docx or json.")
        unknown = sorted(self.leave_out - set(SECTIONS))
        if unknown:
            raise ExportError(
                f"Unknown section(s) to leave out: {', '.join(unknown)}. "
                f"Sections: {', '.join(SECTIONS)}."
            )


@dataclass
class Export:
    data: bytes
    format: str
    encrypted: bool
    record_id: str
    revision: int
    title: str


def _png(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # PySide6 wants str here
    return bytes(data.data())


@dataclass
class Composition:
    """Everything an export shows, before it becomes a file: also the preview."""

    record_id: str
    revision: int
    title: str
    footer: str
    stamp: str
    marking: str
    html: str
    blocks: list[Block]
    images: list[QImage]
    json_record: ConcernRecord
    redacted: list[str]

    @property
    def preview_html(self) -> str:
        return f"<p><b>{escape(self.marking)}</b> {escape(self.stamp)}</p>{self.html}"


def compose(
    store: RecordStore,
    record_id: str,
    options: ExportOptions,
    *,
    engine: PromptEngine | None = None,
    now: datetime | None = None,
) -> Composition:
    options.check()
    ensure_gui_application()  # fonts for the body map and the PDF
    original = store.get(record_id)
    revision = store.revision_count(record_id)
    record = redact(withhold(original, options.withhold), options.leave_out)
    areas: tuple[tuple[str, str], ...] = ()
    standards: tuple[tuple[str, str], ...] = ()
    if engine is not None and "considered" not in options.leave_out:
        guidance = engine.guidance(record.concern())  # the copy: nothing left out leaks
        areas = tuple((a.title, "; ".join(a.reasons)) for a in guidance.harm_areas)
        standards = tuple((s.id, s.title) for s in guidance.standards)
    rows: tuple[tuple[str, str, str], ...] = ()
    # The chronology quotes each record's facts, so it goes when the facts do.
    chronology_out = {"chronology", "facts"} & options.leave_out
    if original.children and not chronology_out:
        entries = chronology(store.records(), child_key(original.children[0], original))
        if len(entries) > 1:  # the record alone is not a chronology
            rows = tuple(
                (e.when, withhold_text(e.summary, options.withhold), e.actions) for e in entries
            )
    considered = Considered(areas, standards, rows)
    titles = {i: a.title for i, a in engine.areas.items()} if engine is not None else {}
    blocks = report_blocks(
        record,
        revision=revision,
        leave_out=options.leave_out,
        considered=considered,
        area_titles=titles,
    )
    moment = uk_date((now or datetime.now()).isoformat(sep=" ", timespec="minutes"))
    redacted = sorted(options.leave_out) + (["people withheld"] if options.withhold else [])
    images = body_map_images(record.marks) if "injuries" not in options.leave_out else []
    html = blocks_html(blocks, images={"injuries": "bodymap-0.png"} if images else None).replace(
        "<img src='bodymap-0.png'>",
        "".join(f"<img src='bodymap-{n}.png' width='480'> " for n in range(len(images))),
    )
    if redacted:
        html = f"<p><i>Left out of this copy: {escape(', '.join(redacted))}.</i></p>" + html
    return Composition(
        record_id=record_id,
        revision=revision,
        title=f"Referral: {uk_date(record.title())}",
        footer=f"Exported {moment} by wt26desk; record {record_id}, revision {revision}",
        stamp=TRAINING_STAMP if store.training else "",
        marking=options.marking,
        html=html,
        blocks=blocks,
        images=images,
        json_record=record,
        redacted=redacted,
    )


def render(composition: Composition, options: ExportOptions, training: bool) -> Export:
    """The file's bytes, in memory only."""
    c = composition
    if options.format == "pdf":
        from wt26desk.exports.pdf import render_pdf

        data = render_pdf(
            c.html,
            title=c.title,
            marking=c.marking,
            footer=c.footer,
            stamp=c.stamp,
            images={f"bodymap-{n}.png": image for n, image in enumerate(c.images)},
        )
    elif options.format == "docx":
        from wt26desk.exports.word import render_docx

        data = render_docx(
            c.blocks,
            title=c.title,
            marking=c.marking,
            footer=c.footer,
            stamp=c.stamp,
            images={"injuries": [_png(image) for image in c.images]},
        )
    else:
        data = json_format.dump(
            c.json_record, marking=c.marking, training=training, redacted=c.redacted
        )
    if options.encrypted:
        data = age_bundle.encrypt(
            data, recipient=options.age_recipient, passphrase=options.age_passphrase
        )
    return Export(data, options.format, options.encrypted, c.record_id, c.revision, c.title)


def build_export(
    store: RecordStore,
    record_id: str,
    options: ExportOptions,
    *,
    engine: PromptEngine | None = None,
    now: datetime | None = None,
) -> Export:
    composition = compose(store, record_id, options, engine=engine, now=now)
    return render(composition, options, store.training)


def write_export(store: RecordStore, export: Export, target: Path) -> str:
    """Write atomically and log it; returns the SHA-256 of what was written."""
    return write_logged(
        store.vault,
        export.data,
        target,
        error=ExportError,
        event="record.exported",
        record=export.record_id,
        revision=export.revision,
        format=export.format + ("+age" if export.encrypted else ""),
    )


def suggested_name(record_id: str, options: ExportOptions) -> str:
    return f"referral-{record_id}{SUFFIX[options.format]}" + (".age" if options.encrypted else "")
