"""Table columns shown whole at any text size. Columns that size to their contents are
always as wide as their heading; columns that share what is left (Stretch) were squeezed
to the header's minimum section size, which Qt fixes in pixels once, or, with no room
left to share, kept whatever width they last had: at 300% "Children" became "ld". Here
the sharing columns stretch while there is room for them, and otherwise take the width
of their heading or of their text (up to CELL_CHARS characters), so that a table too
wide for the window scrolls sideways instead of cutting its headings."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

CELL_CHARS = 24  # a sharing column's widest text, when the table scrolls sideways


class WholeColumns(QObject):
    """Sizes a table's sharing columns again after a new font (the zoom), a new width or
    new rows."""

    def __init__(self, table: QTableView, stretch: Sequence[int]) -> None:
        super().__init__(table)
        self.table = table
        self.stretch = tuple(stretch)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        header = table.horizontalHeader()
        header.installEventFilter(self)
        model = table.model()
        for signal in (model.modelReset, model.rowsInserted, model.dataChanged):
            signal.connect(self._timer.start)
        self.fit()

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        chars = header.fontMetrics().averageCharWidth()
        headings = [header.sectionSizeHint(c) for c in self.stretch]
        floor = max([chars * 6, *headings])
        if header.minimumSectionSize() != floor:
            header.setMinimumSectionSize(floor)
        others = sum(header.sectionSize(c) for c in range(header.count()) if c not in self.stretch)
        room = header.width() - others
        stretch_fits = room >= floor * len(self.stretch)
        for column in self.stretch:
            if stretch_fits:
                if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Stretch:
                    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
                continue
            if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Interactive:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            text = min(self.table.sizeHintForColumn(column), chars * CELL_CHARS)
            width = max(floor, text)
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.Resize):
            self._timer.start()
        return False


def keep_columns_whole(table: QTableView, stretch: Sequence[int]) -> WholeColumns:
    """Headings of `table` never cut, its `stretch` columns included (see above)."""
    return WholeColumns(table, stretch)
