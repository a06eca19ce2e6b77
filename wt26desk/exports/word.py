"""The referral as a Word document (python-docx): headings, tables and the body map, for
receivers who copy it into their own forms. The marking and any training stamp sit in
the page header; the footer carries the export details and page numbers."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from wt26desk.records.report import Block


def _page_field(paragraph: Paragraph) -> None:
    """Insert a PAGE field, which Word fills in with the page number."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def render_docx(
    blocks: list[Block],
    *,
    title: str,
    marking: str,
    footer: str,
    stamp: str = "",
    images: dict[str, list[bytes]] | None = None,
) -> bytes:
    document = Document()
    document.core_properties.title = title
    document.core_properties.author = "wt26desk"
    document.styles["Normal"].font.size = Pt(10.5)
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = marking + (f"    {stamp}" if stamp else "")
    header.runs[0].bold = True
    foot = section.footer.paragraphs[0]
    foot.text = f"{footer}    Page "
    _page_field(foot)
    if stamp:
        document.add_paragraph().add_run(stamp).bold = True
    for block in blocks:
        document.add_heading(block.title, level=min(block.level, 3) - (1 if block.level > 1 else 0))
        for text in block.paragraphs:
            document.add_paragraph(text)
        for quote in block.quotes:
            document.add_paragraph(quote, style="Quote")
        rows = [(k, v) for k, v in block.rows if v]
        if rows:
            table = document.add_table(rows=0, cols=2)
            table.style = "Table Grid"
            for key, value in rows:
                cells = table.add_row().cells
                cells[0].text = key
                cells[1].text = value
                cells[0].paragraphs[0].runs[0].bold = True
        if block.table:
            head, *body = block.table
            table = document.add_table(rows=1, cols=len(head))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, head, strict=True):
                cell.text = text
                cell.paragraphs[0].runs[0].bold = True
            for row in body:
                for cell, text in zip(table.add_row().cells, row, strict=True):
                    cell.text = text
        for png in (images or {}).get(block.section, []) if block.level == 2 else []:
            document.add_picture(io.BytesIO(png), width=Cm(14))  # front and back
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
