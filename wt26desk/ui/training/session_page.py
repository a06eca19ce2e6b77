"""Building a session: pick standards, harm areas, pages, timescales, scenarios and quiz
questions, put them in order, save the session as a small file, present it or print it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wt26desk.content_library.library import Library
from wt26desk.content_library.models import GROUP_TITLES
from wt26desk.content_library.search import fold
from wt26desk.training.session import Session
from wt26desk.training.slides import OVERVIEW_ENTRIES, SlideMaker, entry_title
from wt26desk.ui.common.keys import bind
from wt26desk.ui.training.presentation import SlideView

ENTRY = Qt.ItemDataRole.UserRole


class SessionPage(QWidget):
    present_requested = Signal()
    handout_requested = Signal()
    load_requested = Signal()
    save_requested = Signal()

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.maker = SlideMaker(library)
        heading = QLabel("<h2>Session and slides</h2>")
        heading.setTextFormat(Qt.TextFormat.RichText)

        self.title = QLineEdit()
        self.title.setAccessibleName("Session name")
        self.title.setMaxLength(200)
        title_label = QLabel("Session na&me")
        title_label.setBuddy(self.title)

        self.filter = QLineEdit()
        self.filter.setAccessibleName("Look for items to add")
        self.filter.setPlaceholderText("Type to filter, for example: neglect, A3, quiz")
        self.filter.setClearButtonEnabled(True)
        filter_label = QLabel("Loo&k for")
        filter_label.setBuddy(self.filter)
        self.available = QTreeWidget()
        self.available.setHeaderHidden(True)
        self.available.setAccessibleName("Available items")
        self.available.setAccessibleDescription("Press Enter to add the item to the session")
        self._fill_available()

        self.entries = QListWidget()
        self.entries.setAccessibleName("Items in this session, in order")
        entries_label = QLabel("&In this session")
        entries_label.setBuddy(self.entries)
        self.count = QLabel()
        self.count.setAccessibleName("Number of slides")
        self.preview = SlideView("Preview of the selected item's first slide")
        self.preview.setMinimumSize(320, 180)
        self.presenter_view = QCheckBox("Prese&nter view with notes (on this screen too)")
        self.presenter_view.setToolTip(
            "With a second screen the presenter view always opens on this one."
        )

        def button(text: str, tip: str) -> QPushButton:
            made = QPushButton(text)
            made.setToolTip(tip)
            made.setAccessibleName(tip)
            return made

        self.add_button = button("Add &to the session", "Add the chosen item (Enter)")
        self.remove_button = button("&Remove", "Remove from the session (Delete)")
        self.up_button = button("Move &up", "Move earlier (Ctrl+Up)")
        self.down_button = button("Move &down", "Move later (Ctrl+Down)")
        self.new_button = button("N&ew", "Start a new, empty session")
        self.load_button = button("&Load…", "Open a session file")
        self.save_button = button("&Save…", "Save the session as a file to share")
        self.present_button = button("&Present", "Present full screen (F5)")
        self.handout_button = button("Hand&out PDF…", "Save the session as a PDF handout")

        self.add_button.clicked.connect(self.add_current)
        self.available.itemActivated.connect(lambda *_: self.add_current())
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_entry(-1))
        self.down_button.clicked.connect(lambda: self.move_entry(+1))
        self.new_button.clicked.connect(lambda: self.set_session(Session("New session", ())))
        self.load_button.clicked.connect(self.load_requested)
        self.save_button.clicked.connect(self.save_requested)
        self.present_button.clicked.connect(self.present_requested)
        self.handout_button.clicked.connect(self.handout_requested)
        self.filter.textChanged.connect(self._apply_filter)
        self.filter.returnPressed.connect(self._first_match)
        self.entries.currentRowChanged.connect(self._preview)
        self.entries.model().rowsInserted.connect(self._update)
        self.entries.model().rowsRemoved.connect(self._update)
        bind(
            self.entries,
            (
                (QKeySequence.StandardKey.Delete, self.remove_current),
                ("Ctrl+Up", lambda: self.move_entry(-1)),
                ("Ctrl+Down", lambda: self.move_entry(+1)),
            ),
            Qt.ShortcutContext.WidgetShortcut,
        )

        left = QVBoxLayout()
        left.addWidget(filter_label)
        left.addWidget(self.filter)
        left.addWidget(self.available, 1)
        left.addWidget(self.add_button)
        middle = QVBoxLayout()
        middle.addWidget(entries_label)
        middle.addWidget(self.entries, 1)
        order = QHBoxLayout()
        for widget in (self.up_button, self.down_button, self.remove_button):
            order.addWidget(widget)
        middle.addLayout(order)
        right = QVBoxLayout()
        right.addWidget(self.preview, 1)
        right.addWidget(self.count)
        right.addWidget(self.presenter_view)
        actions = QGridLayout()
        for n, widget in enumerate(
            (
                self.present_button,
                self.handout_button,
                self.save_button,
                self.load_button,
                self.new_button,
            )
        ):
            actions.addWidget(widget, n // 2, n % 2)
        right.addLayout(actions)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(middle, 2)
        columns.addLayout(right, 3)
        top = QHBoxLayout()
        top.addWidget(title_label)
        top.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(top)
        layout.addLayout(columns, 1)
        self.setTabOrder(self.title, self.filter)
        self.setTabOrder(self.filter, self.available)
        self.setTabOrder(self.available, self.add_button)
        self.setTabOrder(self.add_button, self.entries)

    # The lists --------------------------------------------------------------------------------
    def _fill_available(self) -> None:
        lib = self.library
        self._groups: list[tuple[QTreeWidgetItem, list[QTreeWidgetItem]]] = []

        def group(title: str, entries: list[str]) -> None:
            node = QTreeWidgetItem(self.available, [title])
            node.setFlags(node.flags() & ~Qt.ItemFlag.ItemIsSelectable)
            children = []
            for entry in entries:
                child = QTreeWidgetItem(node, [entry_title(lib, entry)])
                child.setData(0, ENTRY, entry)
                children.append(child)
            self._groups.append((node, children))

        group("Overviews", list(OVERVIEW_ENTRIES))
        for section in lib.sections:
            group(section.title, [section.id, *(s.id for s in lib.standards_in(section.id))])
        group("Harm areas", [h.id for h in lib.harm_areas])
        group("Timescales", [t.id for t in lib.timescales])
        for name in ("changes", "roles"):
            group(GROUP_TITLES[name], [p.id for p in lib.pages(name)])
        group("Scenarios (fictional)", [s.id for s in lib.scenarios])
        group("Quiz questions", [q.id for q in lib.quiz])
        self.available.expandToDepth(0)

    def _apply_filter(self, text: str) -> None:
        words = fold(text).split()
        for n, (node, children) in enumerate(self._groups):
            shown = 0
            for child in children:
                haystack = fold(f"{child.text(0)} {child.data(0, ENTRY)} {node.text(0)}")
                hide = bool(words) and not all(w in haystack for w in words)
                child.setHidden(hide)
                shown += not hide
            node.setHidden(shown == 0)
            node.setExpanded(bool(words) or n == 0)

    def _first_match(self) -> None:
        for node, children in self._groups:
            for child in children:
                if not child.isHidden() and not node.isHidden():
                    node.setExpanded(True)
                    self.available.setCurrentItem(child)
                    self.available.setFocus()
                    return

    # The session -------------------------------------------------------------------------------
    def session(self) -> Session:
        entries = tuple(self.entries.item(n).data(ENTRY) for n in range(self.entries.count()))
        return Session(self.title.text().strip() or "Untitled session", entries)

    def set_session(self, session: Session) -> None:
        self.title.setText(session.title)
        self.entries.clear()
        for entry in session.entries:
            self._append(entry)
        self.entries.setCurrentRow(0 if session.entries else -1)
        self._update()

    def _append(self, entry: str, row: int | None = None) -> None:
        item = QListWidgetItem(entry_title(self.library, entry))
        item.setData(ENTRY, entry)
        if row is None:
            self.entries.addItem(item)
        else:
            self.entries.insertItem(row, item)

    def add_current(self) -> None:
        current = self.available.currentItem()
        entry = current.data(0, ENTRY) if current is not None else None
        if not entry:
            return
        row = self.entries.currentRow() + 1 if self.entries.currentRow() >= 0 else None
        self._append(entry, row)
        self.entries.setCurrentRow(row if row is not None else self.entries.count() - 1)

    def remove_current(self) -> None:
        row = self.entries.currentRow()
        if row >= 0:
            self.entries.takeItem(row)

    def move_entry(self, delta: int) -> None:
        row = self.entries.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.entries.count():
            return
        item = self.entries.takeItem(row)
        self.entries.insertItem(target, item)
        self.entries.setCurrentRow(target)

    def _preview(self, row: int) -> None:
        item = self.entries.item(row) if row >= 0 else None
        slides = self.maker.slides(item.data(ENTRY)) if item is not None else []
        self.preview.show_slide(slides[0] if slides else None)

    def _update(self, *_: object) -> None:
        total = 1 + sum(len(self.maker.slides(e)) for e in self.session().entries)
        items = self.entries.count()
        self.count.setText(
            f"{items} item{'s' if items != 1 else ''}, {total} slides with the title slide"
        )
        has = self.entries.count() > 0
        for widget in (self.present_button, self.handout_button, self.remove_button):
            widget.setEnabled(has)
