"""The referral as PDF, laid out by Qt's text engine (no browser): real, searchable
text; a header with the sensitivity marking (and the training stamp) on every page; a
footer with the export date, the record's revision and page numbers."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from wt26desk.exports.gui_runtime import ensure_gui_application

RESOLUTION = 300  # dots per inch


def keep_headings_with_next(document: QTextDocument, page_height: float) -> None:
    """No heading left alone at the foot of a page: a heading whose next line falls on
    the next page starts that page instead (Qt's layout has no keep-with-next)."""
    layout = document.documentLayout()
    for _ in range(200):  # each move can shift the ones after it: settle one at a time
        block = document.begin()
        moved = False
        while block.isValid():
            following = block.next()
            if block.blockFormat().headingLevel() > 0 and following.isValid():
                top = layout.blockBoundingRect(block).top()
                nxt = layout.blockBoundingRect(following)
                # A heading not laid out yet has no line (its height would crash Qt).
                lines = block.layout()
                line = lines.lineAt(0).height() if lines.lineCount() else nxt.height()
                first_line = nxt.top() + min(nxt.height(), 1.5 * line)
                if int(top // page_height) != int((first_line - 1) // page_height):
                    fmt = block.blockFormat()
                    if fmt.pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
                        block = following
                        continue
                    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                    QTextCursor(block).setBlockFormat(fmt)
                    moved = True
                    break
            block = following
        if not moved:
            return


def render_pdf(
    html: str,
    *,
    title: str,
    marking: str,
    footer: str,
    stamp: str = "",
    images: dict[str, QImage] | None = None,
) -> bytes:
    ensure_gui_application()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setTitle(title)
    writer.setCreator("wt26desk")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 22, 18, 20),
            QPageLayout.Unit.Millimeter,
        )
    )
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)  # measure text at the PDF's resolution
    font = QFont()
    font.setPointSizeF(10.5)
    # No ligatures: "ff" must stay two letters for search, copying and screen readers.
    font.setFeature(QFont.Tag("liga"), 0)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(
        "h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 12px; } "
        "h3 { font-size: 11pt; } th { text-align: left; padding-right: 8px; }"
    )
    for name, image in (images or {}).items():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    document.setHtml(html)

    page = writer.pageLayout().paintRectPixels(RESOLUTION)
    band = RESOLUTION * 0.3  # header and footer bands inside the margins
    body = QRectF(0, band, page.width(), page.height() - 2 * band)
    document.setPageSize(QSizeF(body.width(), body.height()))
    keep_headings_with_next(document, body.height())
    pages = document.pageCount()
    small = QFont(font)
    small.setPointSizeF(8.5)
    bold = QFont(small)
    bold.setBold(True)

    painter = QPainter(writer)
    try:
        for index in range(pages):
            if index:
                writer.newPage()
            painter.save()
            painter.translate(body.left(), body.top() - index * body.height())
            document.drawContents(
                painter, QRectF(0, index * body.height(), body.width(), body.height())
            )
            painter.restore()
            top = QRectF(0, 0, page.width(), band * 0.8)
            painter.setPen(QColor("black"))
            painter.setFont(bold)
            painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, marking)
            if stamp:
                painter.drawText(
                    top, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, stamp
                )
            # The title takes what the marking (left) and the stamp (centre) leave, cut
            # short with an ellipsis rather than run into them (it is whole in the body).
            painter.setFont(bold)
            metrics = painter.fontMetrics()
            gap = metrics.averageCharWidth() * 3
            side: float = page.width() - metrics.horizontalAdvance(marking) - gap
            if stamp:
                side = min(side, (page.width() - metrics.horizontalAdvance(stamp)) / 2 - gap)
            painter.setFont(small)
            shown_title = painter.fontMetrics().elidedText(
                title, Qt.TextElideMode.ElideRight, int(side)
            )
            painter.drawText(
                top, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, shown_title
            )
            bottom = QRectF(0, page.height() - band * 0.8, page.width(), band * 0.8)
            page_no = f"Page {index + 1} of {pages}"
            painter.drawText(
                bottom, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, page_no
            )
            room = bottom.adjusted(0, 0, -painter.fontMetrics().horizontalAdvance(page_no), 0)
            room.setRight(room.right() - painter.fontMetrics().averageCharWidth() * 3)
            if stamp:  # the stamp first, then the footer after it: all of both, no overlap
                painter.setFont(bold)
                painter.drawText(
                    room, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, stamp
                )
                gap = painter.fontMetrics().horizontalAdvance(stamp + "   ")
                room.setLeft(room.left() + gap)
                painter.setFont(small)
            shown_footer = painter.fontMetrics().elidedText(
                footer, Qt.TextElideMode.ElideMiddle, int(room.width())
            )
            painter.drawText(
                room, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, shown_footer
            )
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())
