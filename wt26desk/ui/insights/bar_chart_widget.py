"""A horizontal bar chart painted with Qt (no chart library: a few bars do not earn the
bundle a plotting package), and the table of its numbers that goes with it.

Colours come from the palette, so the chart follows the light, dark and high-contrast
themes; sizes come from the font, so it grows with the text size. The chart is a picture
for sighted readers: the table beside it carries the same numbers for screen readers and
keyboards, and the chart's accessible description says where to find them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSizePolicy,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str  # the value in words on the bar's end
    low: float | None = None  # an interval around the value, drawn as a line
    high: float | None = None


NUMBER = re.compile(r"^(<5|c|-|[\d.,]+%?( (days|hours))?)$")  # right-aligned in a table


class BarChart(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.bars: list[Bar] = []
        self.setAccessibleName(f"Chart: {title}")
        self.setAccessibleDescription("The same numbers are in the table after this chart.")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def set_bars(self, bars: Sequence[Bar]) -> None:
        self.bars = list(bars)
        self.updateGeometry()
        self.update()

    def _row(self) -> int:
        return int(self.fontMetrics().height() * 1.6)

    def sizeHint(self) -> QSize:
        return QSize(400, max(1, len(self.bars)) * self._row() + self._row() // 2)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        bar_colour = palette.color(QPalette.ColorRole.Highlight)
        metrics = self.fontMetrics()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.bars:
            painter.setPen(text)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Nothing to show")
            return
        row = self._row()
        label_width = min(
            max(metrics.horizontalAdvance(b.label) for b in self.bars) + metrics.averageCharWidth(),
            self.width() // 3,
        )
        value_width = max(metrics.horizontalAdvance(b.shown) for b in self.bars)
        left = label_width + metrics.averageCharWidth()
        room = max(10, self.width() - left - value_width - 2 * metrics.averageCharWidth())
        top_value = max(max(b.high or 0.0, b.value) for b in self.bars)
        scale = room / top_value if top_value > 0 else 0.0
        for index, bar in enumerate(self.bars):
            y = index * row + row // 4
            height = row * 0.6
            painter.setPen(text)
            label_rect = QRectF(0, y, label_width, height)
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_width)
            painter.drawText(
                label_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label
            )
            width = bar.value * scale
            painter.fillRect(QRectF(left, y, width, height), bar_colour)
            painter.setPen(QPen(text, 1))
            painter.drawRect(QRectF(left, y, width, height))
            if bar.low is not None and bar.high is not None:
                # A halo in the background colour first: the line shows on the bar too.
                width_px = max(1.5, metrics.height() / 10)
                halo = palette.color(QPalette.ColorRole.Window)
                for colour, extra in ((halo, 2.0), (text, 0.0)):
                    painter.setPen(QPen(colour, width_px + extra))
                    self._whisker(painter, bar, left, scale, y, height)
            end = max(width, (bar.high or 0.0) * scale)
            painter.setPen(text)
            painter.drawText(
                QRectF(left + end + metrics.averageCharWidth(), y, value_width + 4, height),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                bar.shown,
            )

    @staticmethod
    def _whisker(
        painter: QPainter, bar: Bar, left: float, scale: float, y: float, height: float
    ) -> None:
        assert bar.low is not None and bar.high is not None
        middle = int(y + height / 2)
        low, high = int(left + bar.low * scale), int(left + bar.high * scale)
        painter.drawLine(low, middle, high, middle)
        for x in (low, high):
            painter.drawLine(x, int(y + height * 0.2), x, int(y + height * 0.8))


class ColumnChart(BarChart):
    """Upright bars in order, for counts over time (months along the bottom)."""

    def sizeHint(self) -> QSize:
        return QSize(400, self.fontMetrics().height() * 12)

    def _paint(self, painter: QPainter) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        bar_colour = palette.color(QPalette.ColorRole.Highlight)
        metrics = self.fontMetrics()
        if not self.bars:
            painter.setPen(text)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Nothing to show")
            return
        line = metrics.height()
        slot = self.width() / len(self.bars)
        top, bottom = line * 1.5, self.height() - line * 2.5  # values above, labels below
        largest = max(b.value for b in self.bars)
        scale = (bottom - top) / largest if largest > 0 else 0.0
        painter.setPen(QPen(text, 1))
        painter.drawLine(0, int(bottom), self.width(), int(bottom))
        for index, bar in enumerate(self.bars):
            x = index * slot
            height = bar.value * scale
            column = QRectF(x + slot * 0.15, bottom - height, slot * 0.7, height)
            painter.fillRect(column, bar_colour)
            painter.setPen(QPen(text, 1))
            painter.drawRect(column)
            painter.drawText(
                QRectF(x, bottom - height - line * 1.3, slot, line * 1.2),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                bar.shown,
            )
            # "Mar 2026" on two lines: the month, then the year.
            painter.drawText(
                QRectF(x, bottom + line * 0.2, slot, line * 2.2),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                bar.label.replace(" ", "\n", 1),
            )


class NumbersTable(QTableWidget):
    """The numbers of one chart (or of a figure with no chart), read-only, one row each.

    Its columns are sized to their contents within the width it is given: headers and
    words wrap onto more lines rather than being cut off or scrolled sideways, and a
    `wide_last` column of words takes the room left. Only a table of numbers wider than
    the page (a month per column at a large text size) scrolls sideways."""

    def __init__(
        self,
        title: str,
        header: Sequence[str],
        parent: QWidget | None = None,
        *,
        wide_last: bool = False,  # the last column is words that take the room left
    ) -> None:
        super().__init__(0, len(header), parent)
        self.wide_last = wide_last
        self._titles: list[str] = []
        self._fitting = False
        self.setHorizontalHeaderLabels(list(header))
        self.setAccessibleName(f"Table: {title}")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.verticalHeader().setVisible(False)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        head = self.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        head.setStretchLastSection(False)
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def setHorizontalHeaderLabels(self, labels: Sequence[str]) -> None:
        self._titles = list(labels)
        super().setHorizontalHeaderLabels(list(labels))
        for column, title in enumerate(self._titles):
            item = self.horizontalHeaderItem(column)
            if item is not None:
                item.setData(Qt.ItemDataRole.AccessibleTextRole, title)
        self._fit()

    def title_of(self, column: int) -> str:
        """A column's header as written (the header shows it over as many lines as fit)."""
        return self._titles[column] if 0 <= column < len(self._titles) else ""

    def set_rows(self, rows: Sequence[Sequence[str]]) -> None:
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                item = QTableWidgetItem(cell)
                if c and NUMBER.match(cell):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.setItem(r, c, item)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # larger text: taller rows, no clipping
            self._fit()
            QTimer.singleShot(0, self, self._fit)  # again once the header has the new font

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit()

    # Fitting the columns to the width ---------------------------------------------------------
    def _texts(self, column: int) -> list[str]:
        items = (self.item(r, column) for r in range(self.rowCount()))
        return [item.text() for item in items if item is not None]

    def _fit(self) -> None:
        """Each column first gets its longest word; a column of words then gets a
        readable line; then each column its cells on one line with the header wrapped,
        then everything on one line; what is left goes to the column of words. Then the
        headers wrap to their widths and the rows take their heights."""
        columns = self.columnCount()
        if self._fitting or not columns:
            return
        self._fitting = True
        try:
            cells, head = self.fontMetrics(), self.horizontalHeader().fontMetrics()
            style = self.style()
            margin = max(
                style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin),  # a header's text
                style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1,  # a cell's
            )
            pad = 2 * margin + 6 + 2 * self.showGrid()

            def width(metrics: QFontMetrics, texts: Sequence[str]) -> int:
                return max((metrics.horizontalAdvance(t) for t in texts), default=0)

            least, middle, most = [], [], []
            for column in range(columns):
                title = self.title_of(column)
                texts = self._texts(column)
                words = [w for t in texts for w in t.split()]
                longest_word = max(width(cells, words), width(head, title.split()))
                one_line = width(cells, texts)
                least.append(longest_word + pad)
                middle.append(max(one_line, width(head, title.split())) + pad)
                most.append(max(one_line, width(head, [title])) + pad)
            stages = [middle, most]
            if self.wide_last:  # words need about 30 characters a line to read well: first
                readable = 30 * cells.averageCharWidth() + pad
                words_first = [*least[:-1], max(least[-1], min(most[-1], readable))]
                stages.insert(0, words_first)
                middle[-1] = most[-1] = words_first[-1]  # then the rest, then what is left
            room = self.width() - 2 * self.frameWidth()  # no vertical scroll bar, ever
            sizes = list(least)
            for target in stages:
                sizes = _grow(sizes, target, room)
            if self.wide_last and sum(sizes) < room:
                sizes[-1] += room - sum(sizes)
            head_view = self.horizontalHeader()
            for column, size in enumerate(sizes):
                head_view.resizeSection(column, size)
                item = self.horizontalHeaderItem(column)
                if item is not None:
                    item.setText(_wrapped(self.title_of(column), head, size - pad))
            self.setHorizontalScrollBarPolicy(
                Qt.ScrollBarPolicy.ScrollBarAsNeeded
                if sum(sizes) > room
                else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            )
            self.resizeRowsToContents()
            self.updateGeometry()
        finally:
            self._fitting = False

    def sizeHint(self) -> QSize:
        height = self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth()
        height += sum(self.rowHeight(r) for r in range(self.rowCount()))
        if self.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
            height += self.horizontalScrollBar().sizeHint().height()
        return QSize(super().sizeHint().width(), height + 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(100, self.sizeHint().height())


def _grow(sizes: list[int], target: Sequence[int], room: int) -> list[int]:
    """Widen each column towards its target, in proportion to what it lacks, as far as
    the room allows."""
    lacking = [max(0, t - s) for s, t in zip(sizes, target, strict=True)]
    spare, wanted = room - sum(sizes), sum(lacking)
    if spare <= 0 or wanted == 0:
        return sizes
    share = min(1.0, spare / wanted)
    return [s + int(n * share) for s, n in zip(sizes, lacking, strict=True)]


def _wrapped(text: str, metrics: QFontMetrics, width: int) -> str:
    """The words of a header over as many lines as its width needs."""
    lines: list[str] = []
    for word in text.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)
