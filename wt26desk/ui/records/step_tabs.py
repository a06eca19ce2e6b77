"""The recording steps across the top of the concern editor, always all in view: when
the full titles ("1. Who is this about") do not fit (large text, a narrow window) the
tabs say less rather than clip or scroll away: short titles ("1. Who"), then numbers with
the current step's short title, then numbers alone. Each tab keeps its full title for
screen readers and as its tooltip."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QTabBar, QWidget

# The few words each step keeps when its full title does not fit.
SHORT_TITLES = {
    "children": "Who",
    "what-happened": "What",
    "injuries": "Injuries",
    "decision": "Actions",
    "check": "Sign",
}


def labels(steps: Sequence[tuple[str, str]], current: int) -> list[list[str]]:
    """The tabs' texts from the longest to the shortest."""
    full = [f"{n}. {title}" for n, (_step, title) in enumerate(steps, 1)]
    short = [f"{n}. {SHORT_TITLES.get(step, title)}" for n, (step, title) in enumerate(steps, 1)]
    numbers = [str(n) for n in range(1, len(steps) + 1)]
    current_only = [short[n] if n == current else numbers[n] for n in range(len(steps))]
    return [full, short, current_only, numbers]


class StepTabs(QTabBar):
    """A tab bar for `steps` ((id, title) pairs) whose titles shorten to fit its width."""

    def __init__(self, steps: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.steps = tuple(steps)
        self.setElideMode(Qt.TextElideMode.ElideNone)  # shorter words, never "Analysis a…"
        self.setExpanding(False)
        self._fitting = False
        for n, (_step, title) in enumerate(self.steps, 1):
            index = self.addTab(f"{n}. {title}")
            said = f"Step {n} of {len(self.steps)}: {title}"
            self.setTabToolTip(index, said)
            self.setAccessibleTabName(index, said)
        self.currentChanged.connect(lambda _index: self.fit())

    def level(self) -> int:
        """Which of labels() is shown: 0 for the full titles."""
        texts = [self.tabText(i) for i in range(self.count())]
        for n, each in enumerate(labels(self.steps, self.currentIndex())):
            if each == texts:
                return n
        return -1

    def _needed(self, texts: list[str]) -> int:
        for index, text in enumerate(texts):
            if self.tabText(index) != text:
                self.setTabText(index, text)
        return sum(self.tabSizeHint(i).width() for i in range(self.count()))

    def fit(self) -> None:
        """The longest titles that fit the bar's width (numbers alone when none do)."""
        if self._fitting or not self.count():
            return
        self._fitting = True
        try:
            room = self.width()
            choices = labels(self.steps, max(0, self.currentIndex()))
            for texts in choices:
                if self._needed(texts) <= room:
                    break
        finally:
            self._fitting = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.fit()
