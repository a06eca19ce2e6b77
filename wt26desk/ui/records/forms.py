"""Forms built from a short description of their fields, bound to a dataclass: every edit
is written straight back to the object and announced with `changed`. Labels carry
mnemonics (Alt+letter) and every field gets an accessible name from its label."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wt26desk.ui.common.date_field import DateField

Choice = tuple[object, str]  # stored value, label shown


class LinesTextEdit(QPlainTextEdit):
    """A text field that shows at least `lines` lines in its current font, also after a
    zoom changes the font (a height fixed at the first font showed half as many at 200%)."""

    def __init__(self, lines: int) -> None:
        super().__init__()
        self._lines = lines
        self._fit_lines()

    def _fit_lines(self) -> None:
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * self._lines + 12)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_lines()


@dataclass(frozen=True)
class Field:
    name: str
    label: str  # with an & before the mnemonic letter
    kind: str = "line"  # line | text | check | choice | number | date | datetime
    choices: tuple[Choice, ...] = ()
    placeholder: str = ""
    help: str = ""  # tooltip and accessible description
    lines: int = 4  # height of a text field

    @property
    def plain_label(self) -> str:
        return self.label.replace("&", "")


def choices(*values: str) -> tuple[Choice, ...]:
    return tuple((v, v) for v in values)


class Form(QWidget):
    """Fields for one object; `load(obj)` shows it, edits go straight back into it."""

    changed = Signal(str)  # the field's name

    def __init__(self, fields: Sequence[Field], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields = {f.name: f for f in fields}
        self.widgets: dict[str, QWidget] = {}
        self.target: Any = None
        self._loading = False
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for f in fields:
            widget = self._make(f)
            widget.setAccessibleName(f.plain_label.rstrip(":"))
            if f.help:
                widget.setToolTip(f.help)
                widget.setAccessibleDescription(f.help)
            self.widgets[f.name] = widget
            if f.kind == "check":
                layout.addRow("", widget)
            else:
                label = QLabel(f.label)
                label.setBuddy(widget)
                layout.addRow(label, widget)

    def _make(self, f: Field) -> QWidget:
        if f.kind == "text":
            text = LinesTextEdit(f.lines)
            text.setTabChangesFocus(True)
            text.setPlaceholderText(f.placeholder)
            text.textChanged.connect(lambda: self._edited(f.name))
            return text
        if f.kind == "check":
            box = QCheckBox(f.label)
            box.toggled.connect(lambda _on: self._edited(f.name))
            return box
        if f.kind == "choice":
            combo = QComboBox()
            for value, label in f.choices:
                combo.addItem(label, value)
            combo.currentIndexChanged.connect(lambda _i: self._edited(f.name))
            return combo
        if f.kind in ("date", "datetime"):
            field = DateField(with_time=f.kind == "datetime")
            field.edited.connect(lambda: self._edited(f.name))
            return field
        if f.kind == "number":
            spin = QSpinBox()
            spin.setRange(-1, 25)
            spin.setSpecialValueText("Not known")
            spin.valueChanged.connect(lambda _v: self._edited(f.name))
            return spin
        line = QLineEdit()
        line.setPlaceholderText(f.placeholder)
        line.textEdited.connect(lambda _t: self._edited(f.name))
        return line

    # Binding ------------------------------------------------------------------------------
    def load(self, target: Any) -> None:
        self.target = target
        self._loading = True
        try:
            for name, widget in self.widgets.items():
                value = getattr(target, name) if target is not None else None
                self._set(self.fields[name], widget, value)
        finally:
            self._loading = False
        self.setEnabled(target is not None)

    def _set(self, f: Field, widget: QWidget, value: object) -> None:
        if isinstance(widget, QPlainTextEdit):
            if widget.toPlainText() != (value or ""):
                widget.setPlainText(str(value or ""))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QComboBox):
            index = next((i for i, (v, _) in enumerate(f.choices) if v == value), 0)
            widget.setCurrentIndex(index)
        elif isinstance(widget, QSpinBox):
            widget.setValue(-1 if value is None else int(str(value)))
        elif isinstance(widget, DateField):
            widget.set_iso(str(value or ""))
        elif isinstance(widget, QLineEdit):
            widget.setText(", ".join(value) if isinstance(value, list) else str(value or ""))

    def value(self, name: str) -> object:
        widget = self.widgets[name]
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, QComboBox):
            return self.fields[name].choices[max(0, widget.currentIndex())][0]
        if isinstance(widget, QSpinBox):
            return None if widget.value() < 0 else widget.value()
        if isinstance(widget, DateField):
            return widget.iso()
        assert isinstance(widget, QLineEdit)
        text = widget.text()
        if self.target is not None and isinstance(getattr(self.target, name), list):
            return [part.strip() for part in text.split(",") if part.strip()]
        return text

    def _edited(self, name: str) -> None:
        if self._loading or self.target is None:
            return
        setattr(self.target, name, self.value(name))
        self.changed.emit(name)

    def show_field(self, name: str, shown: bool) -> None:
        """Show or hide a field with its label (a field that does not fit the case)."""
        layout = self.layout()
        widget = self.widgets[name]
        if isinstance(layout, QFormLayout) and layout.indexOf(widget) >= 0:
            layout.setRowVisible(widget, shown)


class ListEditor(QWidget):
    """A list of objects (children, quotes, marks, actions) with add and remove buttons and
    a form for the one selected."""

    changed = Signal()
    current_changed = Signal(int)

    def __init__(
        self,
        noun: str,
        fields: Sequence[Field],
        factory: Callable[[], Any],
        label: Callable[[Any], str],
        add_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.noun = noun
        self.items: list[Any] = []
        self._factory = factory
        self._label = label
        self.list = QListWidget()
        self.list.setAccessibleName(f"{noun.capitalize()} list")
        self.list.setMaximumHeight(self.list.fontMetrics().lineSpacing() * 5 + 12)
        # Long entries wrap to the list's width (never cut off behind a sideways scroll).
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.add_button = QPushButton(add_text)
        self.add_button.setAccessibleName(add_text.replace("&", ""))
        self.remove_button = QPushButton(f"Remove {noun}")
        self.remove_button.setAccessibleName(f"Remove the selected {noun}")
        self.form = Form(fields)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.form)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.list.currentRowChanged.connect(self._select)
        self.form.changed.connect(self._edited)
        self.form.changed.connect(lambda _name: self.fit_fields(self.current()))
        self.fit_fields: Callable[[Any], None] = lambda _item: None
        self._refresh_buttons()

    def set_items(self, items: list[Any]) -> None:
        """Edit `items` in place (the record's own list)."""
        self.items = items
        self.list.clear()
        for item in items:
            self.list.addItem(QListWidgetItem(self._label(item)))
        self.list.setCurrentRow(0 if items else -1)
        if not items:
            self.form.load(None)
        self._refresh_buttons()

    def add(self) -> None:
        item = self._factory()
        self.items.append(item)
        self.list.addItem(QListWidgetItem(self._label(item)))
        self.list.setCurrentRow(len(self.items) - 1)
        self._refresh_buttons()
        self.changed.emit()
        first = next(iter(self.form.widgets.values()), None)
        if first is not None:
            first.setFocus()
        self._scroll_into_view()

    def _scroll_into_view(self) -> None:
        """The new item's fields on screen (below the fold on a long page otherwise)."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if isinstance(parent, QScrollArea):
            area = parent

            def show() -> None:  # once the layout has given the form its new size
                area.ensureWidgetVisible(self.form, 0, 0)
                focused = QApplication.focusWidget()
                if focused is not None and self.form.isAncestorOf(focused):
                    area.ensureWidgetVisible(focused)

            QTimer.singleShot(0, self, show)

    def remove(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.items):
            del self.items[row]
            # Taking the row moves the list's current row while the rows are still being
            # renumbered (its signal then names a row past the end, or the wrong item): the
            # form is loaded once the list has settled instead.
            self.list.blockSignals(True)
            try:
                self.list.takeItem(row)
            finally:
                self.list.blockSignals(False)
            self._select(self.list.currentRow())
            self._refresh_buttons()
            self.changed.emit()

    def current(self) -> Any:
        row = self.list.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _select(self, row: int) -> None:
        self.form.load(self.items[row] if 0 <= row < len(self.items) else None)
        self.fit_fields(self.current())
        self.current_changed.emit(row)

    def _edited(self, _name: str) -> None:
        row = self.list.currentRow()
        item = self.list.item(row)
        if item is not None:
            item.setText(self._label(self.items[row]))
        self.changed.emit()

    def refresh_labels(self) -> None:
        for row, obj in enumerate(self.items):
            item = self.list.item(row)
            if item is not None:
                item.setText(self._label(obj))

    def _refresh_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.items))
        self.list.setVisible(bool(self.items))
        self.form.setVisible(bool(self.items))
