"""Guard against Qt binding bugs that corrupt Python's reference counts.

PySide6 6.12.0 dropped a reference to None each time a Python `data()` override returned
None, and on some void methods; after a few thousand calls (a minute of typing in the
search box) Python aborted with "deallocating None". This pins the fix (a version that
does not) and fails loudly if an upgrade brings the bug back."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListView, QStyleOptionViewItem

from wt26desk.content_library.search import Hit
from wt26desk.ui.library.html_delegate import HtmlDelegate
from wt26desk.ui.library.search_results_model import SearchResultsModel

CALLS = 500


def none_refs_lost(action) -> int:
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        action()
    return before - sys.getrefcount(None)


def test_model_data_returning_none_keeps_none_alive(qapp) -> None:
    model = SearchResultsModel()
    model.set_hits([Hit("A1", "Title", "standard", 1.0, "snippet", ("ti",))])
    index = model.index(0, 0)
    assert none_refs_lost(lambda: index.data(Qt.ItemDataRole.DecorationRole)) < CALLS // 10


def test_void_methods_keep_none_alive(qapp) -> None:
    colour = QColor("#123456")
    assert none_refs_lost(lambda: colour.setAlphaF(0.5)) < CALLS // 10


def test_delegate_size_hint_keeps_none_alive(qapp) -> None:
    view = QListView()
    model = SearchResultsModel(view)
    view.setModel(model)
    model.set_hits([Hit("A1", "Title", "standard", 1.0, "snippet", ("ti",))])
    delegate = HtmlDelegate(view)
    option = QStyleOptionViewItem()
    option.widget = view
    index = model.index(0, 0)
    assert none_refs_lost(lambda: delegate.sizeHint(option, index)) < CALLS // 10
