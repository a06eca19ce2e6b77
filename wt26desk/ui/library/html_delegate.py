"""Draws a result row from HTML (bold title, highlighted matches) in the palette's colours.

Rows have one height (two title lines and three snippet lines, measured once per font),
so the list lays out without rendering every row: only visible rows are drawn as HTML.
That keeps a keystroke in the search box cheap however many results there are.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRectF, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from wt26desk.ui.common.theme import document_css
from wt26desk.ui.library.search_results_model import HTML_ROLE

Index = QModelIndex | QPersistentModelIndex
PADDING = 4
_SAMPLE = "<b>Title<br>Title</b><br><small>Line<br>Line<br>Line</small>"


def _row_width(option: QStyleOptionViewItem) -> int:
    """The width a row wraps to: the view's, since the size hint gets no rectangle."""
    widget = option.widget
    viewport = getattr(widget, "viewport", None)
    return viewport().width() if callable(viewport) else option.rect.width()


def whole_lines_height(doc: QTextDocument, height: float) -> float:
    """The height of the lines of `doc` that fit whole in `height`: a row never shows the
    top half of a line it has no room for (a snippet is cut between lines, not across)."""
    fits = 0.0
    block = doc.begin()
    layout_of = doc.documentLayout()
    while block.isValid():
        top = layout_of.blockBoundingRect(block).top()
        layout = block.layout()
        for n in range(layout.lineCount()):
            line = layout.lineAt(n)
            bottom = top + line.y() + line.height()
            if bottom > height + 0.5:
                return fits
            fits = bottom
        block = block.next()
    return fits


class HtmlDelegate(QStyledItemDelegate):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._css: dict[int, str] = {}
        self._heights: dict[str, int] = {}

    def _css_for(self, palette: QPalette) -> str:
        key = palette.cacheKey()
        if key not in self._css:
            self._css = {key: document_css(palette)}  # one palette at a time
        return self._css[key]

    def _document(self, option: QStyleOptionViewItem, html: str, width: int) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDefaultStyleSheet(self._css_for(option.palette))
        doc.setHtml(html)
        doc.setTextWidth(max(50, width - 2 * PADDING))
        return doc

    def row_height(self, option: QStyleOptionViewItem) -> int:
        key = option.font.key()
        if key not in self._heights:
            doc = self._document(option, _SAMPLE, 10_000)
            self._heights[key] = int(doc.size().height()) + PADDING
        return self._heights[key]

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        doc = self._document(option, index.data(HTML_ROLE) or "", option.rect.width())
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        # Build the palette apart and assign it whole: changing the struct field in place
        # through PySide's wrapper is fragile.
        palette = QPalette(option.palette)
        palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette = palette
        room = whole_lines_height(doc, option.rect.height() - PADDING)
        context.clip = QRectF(0, 0, option.rect.width(), room)
        painter.save()
        painter.translate(option.rect.left() + PADDING, option.rect.top() + PADDING // 2)
        painter.setClipRect(context.clip)
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        self.initStyleOption(option, index)
        return QSize(_row_width(option), self.row_height(option))
