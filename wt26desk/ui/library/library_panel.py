"""The left-hand panel: a search box over a browse tree and an instant results list.

Keyboard: type to search; Down moves into the results; arrows preview; Enter opens and
moves to the text; Escape clears the search and returns to the tree.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListView,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wt26desk.content_library.render import OVERVIEWS, Renderer
from wt26desk.content_library.search import SearchIndex
from wt26desk.ui.library.search_results_model import TARGET_ROLE, TERMS_ROLE, SearchResultsModel

TREE_TARGET = Qt.ItemDataRole.UserRole + 10


class LibraryPanel(QWidget):
    """Emits `target_chosen(target, terms)` when the user picks a page to read, and
    `open_requested()` when they press Enter to move into the text."""

    target_chosen = Signal(str, list)
    open_requested = Signal()

    def __init__(self, renderer: Renderer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._renderer = renderer
        self._index: SearchIndex | None = None
        self._syncing = False

        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText("Search all guidance (Ctrl+F)")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Search guidance")
        self.search_box.setAccessibleDescription(
            "Type to search. Down arrow moves to the results, Enter opens, Escape clears."
        )
        label = QLabel("&Search")
        label.setBuddy(self.search_box)

        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Contents")
        self.tree.setAccessibleDescription("Standards, harm areas and guidance pages")
        self._fill_tree()

        self.model = SearchResultsModel(self)  # owned by Qt: the view must not outlive it
        self.results = QListView()
        self.results.setModel(self.model)
        self._delegate_set = False  # the rich-text delegate, set at the first search
        self.results.setAccessibleName("Search results")
        self.results.setUniformItemSizes(True)  # see HtmlDelegate: one row height
        self.results.setResizeMode(QListView.ResizeMode.Adjust)

        self.no_results = QLabel("No matches. Try fewer or shorter words.")
        self.no_results.setWordWrap(True)
        self.no_results.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.no_results.setAccessibleName("No matches")

        self.stack = QStackedWidget()
        for widget in (self.tree, self.results, self.no_results):
            self.stack.addWidget(widget)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 0)
        layout.addWidget(label)
        layout.addWidget(self.search_box)
        layout.addWidget(self.stack)

        self.search_box.textChanged.connect(self._on_query)
        self.search_box.installEventFilter(self)
        self.results.installEventFilter(self)
        self.tree.installEventFilter(self)
        self.results.selectionModel().currentChanged.connect(self._on_result_current)
        self.results.activated.connect(lambda _index: self.open_requested.emit())
        self.tree.currentItemChanged.connect(self._on_tree_current)
        self.tree.itemActivated.connect(lambda *_: self.open_requested.emit())

    # Tree -------------------------------------------------------------------------------
    def _node(
        self, parent: QTreeWidget | QTreeWidgetItem, target: str, text: str
    ) -> QTreeWidgetItem:
        node = QTreeWidgetItem(parent, [text])
        node.setData(0, TREE_TARGET, target)
        node.setToolTip(0, text)
        return node

    def _fill_tree(self) -> None:
        lib = self._renderer.library
        label = self._renderer.title_of
        guide = self._node(self.tree, "@guide", OVERVIEWS["@guide"])
        for page in lib.pages("guide"):
            self._node(guide, page.id, page.title)
        standards = self._node(self.tree, "@standards", OVERVIEWS["@standards"])
        for section in lib.sections:
            node = self._node(standards, section.id, section.title)
            for standard in lib.standards_in(section.id):
                self._node(node, standard.id, label(standard.id))
        harms = self._node(self.tree, "@harm-areas", OVERVIEWS["@harm-areas"])
        for harm in lib.harm_areas:
            self._node(harms, harm.id, harm.title)
        for key in ("@changes", "@roles"):
            group = self._node(self.tree, key, OVERVIEWS[key])
            for entry in self._renderer.overview_items(key):
                self._node(group, entry.id, entry.title)
        times = self._node(self.tree, "@timescales", OVERVIEWS["@timescales"])
        for timescale in lib.timescales:
            self._node(times, timescale.id, timescale.title)
        glossary = self._node(self.tree, "@glossary", OVERVIEWS["@glossary"])
        for term in lib.glossary:
            self._node(glossary, term.id, term.term)
        for key in ("@scenarios", "@quiz"):
            entries = self._renderer.overview_items(key)
            if entries:
                group = self._node(self.tree, key, OVERVIEWS[key])
                for entry in entries:
                    self._node(group, entry.id, entry.title)
        local = self._renderer.overview_items("@local")
        if local:
            group = self._node(self.tree, "@local", OVERVIEWS["@local"])
            for item in local:
                self._node(group, item.id, f"{item.title} ({item.origin})")
        standards.setExpanded(True)

    def _on_tree_current(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        if current is not None and not self._syncing:
            self.target_chosen.emit(current.data(0, TREE_TARGET), [])

    def select_target(self, target: str) -> None:
        """Show `target` as current in the tree without announcing it again."""
        found = self._find(self.tree.invisibleRootItem(), target)
        if found is None:
            return
        self._syncing = True
        try:
            self.tree.setCurrentItem(found)
            self.tree.scrollToItem(found)
        finally:
            self._syncing = False

    def _find(self, node: QTreeWidgetItem, target: str) -> QTreeWidgetItem | None:
        for n in range(node.childCount()):
            child = node.child(n)
            if child is None:
                continue
            if child.data(0, TREE_TARGET) == target:
                return child
            deeper = self._find(child, target)
            if deeper is not None:
                return deeper
        return None

    # Search -----------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def search_index(self) -> SearchIndex:
        """Built on first use (about 15 ms); the window asks for it after the first paint."""
        if self._index is None:
            self._index = SearchIndex(self._renderer.library)
        return self._index

    def _on_query(self, text: str) -> None:
        if not text.strip():
            self.model.set_hits([])
            self.stack.setCurrentWidget(self.tree)
            return
        hits = self.search_index().search(text)
        if not self._delegate_set:
            from wt26desk.ui.library.html_delegate import HtmlDelegate  # not needed to start

            self.results.setItemDelegate(HtmlDelegate(self.results))
            self._delegate_set = True
        self.model.set_hits(hits)
        if not hits:
            self.stack.setCurrentWidget(self.no_results)
            return
        self.stack.setCurrentWidget(self.results)
        self._syncing = True  # select the best hit without opening it until asked
        try:
            self.results.setCurrentIndex(self.model.index(0, 0))
        finally:
            self._syncing = False

    def _on_result_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._syncing:
            self.target_chosen.emit(current.data(TARGET_ROLE), current.data(TERMS_ROLE))

    def open_current_result(self) -> None:
        current = self.results.currentIndex()
        if current.isValid():
            self.target_chosen.emit(current.data(TARGET_ROLE), current.data(TERMS_ROLE))
            self.open_requested.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        if watched is self.search_box:
            showing_results = self.stack.currentWidget() is self.results
            if key == Qt.Key.Key_Down:
                (self.results if showing_results else self.tree).setFocus()
                if showing_results:
                    self._on_result_current(self.results.currentIndex(), QModelIndex())
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and showing_results:
                self.open_current_result()
                return True
            if key == Qt.Key.Key_Escape and self.search_box.text():
                self.search_box.clear()
                return True
        elif watched is self.results:
            if key == Qt.Key.Key_Up and self.results.currentIndex().row() == 0:
                self.search_box.setFocus()
                return True
            if key == Qt.Key.Key_Escape:
                self.search_box.clear()
                self.search_box.setFocus()
                return True
        return False
