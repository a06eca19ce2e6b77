"""Search hits as a Qt list model; the delegate draws title and snippet with highlights."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from wt26desk.content_library.render import KIND_LABELS, highlight_text
from wt26desk.content_library.search import Hit

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
TERMS_ROLE = Qt.ItemDataRole.UserRole + 3


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[Hit] = []

    def set_hits(self, hits: list[Hit]) -> None:
        self.beginResetModel()
        self._hits = hits
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        kind = KIND_LABELS.get(hit.kind, hit.kind)
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{hit.title}. {kind}. {hit.snippet}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.snippet
        if role == TARGET_ROLE:
            return hit.item_id
        if role == TERMS_ROLE:
            return list(hit.terms)
        if role == HTML_ROLE:
            return (
                f"<b>{highlight_text(hit.title, hit.terms)}</b>"
                f" <small>· {kind}</small><br><small>"
                f"{highlight_text(hit.snippet, hit.terms)}</small>"
            )
        return None
