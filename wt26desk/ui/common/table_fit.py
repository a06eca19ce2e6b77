"""Table headings shown whole at any text size. Columns that size to their contents are
always as wide as their heading; columns that share what is left (Stretch) may be
squeezed to the header's minimum section size, which Qt fixes in pixels once: at 300%
"Children" became "ld". This keeps that minimum as wide as the widest stretching
heading at the current font, so a table too wide for the window scrolls sideways
instead of cutting its headings."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView


class WholeHeadings(QObject):
    """Watches a table's header for a new font (the zoom) and widens its minimum."""

    def __init__(self, table: QTableView, stretch: Sequence[int]) -> None:
        super().__init__(table)
        self.table = table
        self.stretch = tuple(stretch)
        table.horizontalHeader().installEventFilter(self)
        self.fit()

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        chars = header.fontMetrics().averageCharWidth()
        widest = max([chars * 6] + [header.sectionSizeHint(c) for c in self.stretch])
        if header.minimumSectionSize() != widest:
            header.setMinimumSectionSize(widest)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit()
        return False


def keep_headings_whole(table: QTableView, stretch: Sequence[int]) -> WholeHeadings:
    """Headings of `table` never cut, the `stretch` columns included (see above)."""
    return WholeHeadings(table, stretch)
