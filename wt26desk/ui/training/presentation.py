"""Presenting a session: a full-screen slide window for the room and, where a second screen
exists, a presenter view with the notes, the next slide and a clock.

Keys (also what presentation clickers send): Right, Down, Page Down, Space, Enter or N for
the next slide; Left, Up, Page Up, Backspace or P for the previous one; Home and End; B or
full stop for a black screen, W or comma for a white one; Escape to finish."""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from wt26desk.content_library.search import plain_text
from wt26desk.training.slides import Slide, notes_html, slide_css, slide_html

NEXT_KEYS = {
    Qt.Key.Key_Right,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Space,
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
    Qt.Key.Key_N,
}
PREVIOUS_KEYS = {
    Qt.Key.Key_Left,
    Qt.Key.Key_Up,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_Backspace,
    Qt.Key.Key_P,
}
BLACK_KEYS = {Qt.Key.Key_B, Qt.Key.Key_Period}
WHITE_KEYS = {Qt.Key.Key_W, Qt.Key.Key_Comma}
BLANK_NONE, BLANK_BLACK, BLANK_WHITE = "", "black", "white"


class Deck(QObject):
    """The slides and where the presenter is: shared by every window that shows them."""

    changed = Signal()
    finished = Signal()

    def __init__(self, slides: list[Slide], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.slides = slides
        self.index = 0
        self.blank = BLANK_NONE
        self.started = time.monotonic()

    @property
    def slide(self) -> Slide:
        return self.slides[self.index]

    @property
    def next_slide(self) -> Slide | None:
        return self.slides[self.index + 1] if self.index + 1 < len(self.slides) else None

    def go(self, index: int) -> None:
        index = max(0, min(index, len(self.slides) - 1))
        if index != self.index or self.blank:
            self.index = index
            self.blank = BLANK_NONE  # moving on always shows the slide again
            self.changed.emit()

    def step(self, delta: int) -> None:
        self.go(self.index + delta)

    def toggle_blank(self, colour: str) -> None:
        self.blank = BLANK_NONE if self.blank == colour else colour
        self.changed.emit()

    def handle_key(self, event: QKeyEvent) -> bool:
        """Act on a presentation key; False if the key means nothing here."""
        if event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            return False
        key = Qt.Key(event.key())
        if key in NEXT_KEYS:
            self.step(+1)
        elif key in PREVIOUS_KEYS:
            self.step(-1)
        elif key == Qt.Key.Key_Home:
            self.go(0)
        elif key == Qt.Key.Key_End:
            self.go(len(self.slides) - 1)
        elif key in BLACK_KEYS:
            self.toggle_blank(BLANK_BLACK)
        elif key in WHITE_KEYS:
            self.toggle_blank(BLANK_WHITE)
        elif key == Qt.Key.Key_Escape:
            self.finished.emit()
        else:
            return False
        return True

    def elapsed(self) -> str:
        seconds = int(time.monotonic() - self.started)
        return f"{seconds // 60:02d}:{seconds % 60:02d}"


class SlideView(QWidget):
    """Draws one slide as large as it fits: the text shrinks only when it must."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slide: Slide | None = None
        self.blank = BLANK_NONE
        self.caption = ""
        self.text_pixels = 0  # the body text's size at the last paint: large unless it must shrink
        self.setAccessibleName(name)
        self.setMinimumSize(QSize(160, 90))
        self.setAutoFillBackground(False)

    def show_slide(self, slide: Slide | None, blank: str = BLANK_NONE, caption: str = "") -> None:
        self.slide, self.blank, self.caption = slide, blank, caption
        if slide is None:
            self.setAccessibleDescription("No slide")
        elif blank:
            self.setAccessibleDescription(f"The screen is {blank}")
        else:
            text = " ".join(
                [slide.eyebrow, slide.title, slide.lead, *slide.points]
            )  # what a screen reader says
            self.setAccessibleDescription(plain_text(text))
        self.update()

    def _document(self, width: float, pixel_size: int) -> QTextDocument:
        document = QTextDocument()
        font = QFont(self.font())
        font.setPixelSize(pixel_size)
        document.setDefaultFont(font)
        palette = self.palette()
        document.setDefaultStyleSheet(
            slide_css(
                palette.color(QPalette.ColorRole.Text).name(),
                palette.color(QPalette.ColorRole.PlaceholderText).name(),
            )
        )
        document.setHtml(slide_html(self.slide, pixel_size) if self.slide else "")
        document.setTextWidth(width)
        return document

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        colours = {BLANK_BLACK: QColor("black"), BLANK_WHITE: QColor("white")}
        painter.fillRect(
            self.rect(), colours.get(self.blank, palette.color(QPalette.ColorRole.Base))
        )
        if self.slide is None or self.blank:
            return
        margin = self.width() * 0.06
        area = QRectF(self.rect()).adjusted(margin, margin * 0.8, -margin, -margin * 0.8)
        size = max(8, int(self.height() / 22))
        document = self._document(area.width(), size)
        while document.size().height() > area.height() and size > 8:
            size = max(8, int(size * 0.9))
            document = self._document(area.width(), size)
        self.text_pixels = size
        painter.translate(area.topLeft())
        document.drawContents(painter, QRectF(0, 0, area.width(), area.height()))
        if self.caption:
            painter.resetTransform()
            small = QFont(self.font())
            small.setPixelSize(max(8, int(self.height() / 45)))
            painter.setFont(small)
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                QRectF(self.rect()).adjusted(0, 0, -margin / 2, -margin / 4),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                self.caption,
            )


class PresentationWindow(QWidget):
    """What the room sees: one slide, full screen."""

    def __init__(self, deck: Deck) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.deck = deck
        self.setWindowTitle("wt26desk presentation")
        self.setAccessibleName("Presentation")
        self.view = SlideView("Slide", self)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        deck.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        deck = self.deck
        caption = f"{deck.index + 1} / {len(deck.slides)}"
        self.view.show_slide(deck.slide, deck.blank, caption)
        self.setAccessibleDescription(f"Slide {caption}: {deck.slide.title}")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.deck.handle_key(event):
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.deck.finished.emit()
        super().closeEvent(event)


class PresenterView(QWidget):
    """What the trainer sees: the current slide, the next one, notes, time and buttons."""

    def __init__(self, deck: Deck) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.deck = deck
        self.setWindowTitle("wt26desk presenter view")
        self.setAccessibleName("Presenter view")
        self.current = SlideView("Current slide", self)
        self.following = SlideView("Next slide", self)
        self.notes = QTextBrowser()
        self.notes.setAccessibleName("Presenter notes")
        self.notes.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.position = QLabel()
        self.position.setAccessibleName("Slide number")
        self.clock = QLabel()
        self.clock.setAccessibleName("Time since the start")
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.6)
        for label in (self.position, self.clock):
            label.setFont(big)
        buttons = QHBoxLayout()
        for text, name, slot in (
            ("Previous", "Previous slide (Left or Page Up)", lambda: deck.step(-1)),
            ("Next", "Next slide (Right or Page Down)", lambda: deck.step(+1)),
            ("Black screen", "Black screen (B)", lambda: deck.toggle_blank(BLANK_BLACK)),
            ("End", "End the presentation (Escape)", deck.finished.emit),
        ):
            button = QPushButton(text)
            button.setAccessibleName(name)
            button.setToolTip(name)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keys always go to the deck
            button.clicked.connect(slot)
            buttons.addWidget(button)
        grid = QGridLayout(self)
        grid.addWidget(self.current, 0, 0)
        side = QVBoxLayout()
        side.addWidget(QLabel("Next"))
        side.addWidget(self.following, 1)
        side.addWidget(self.position)
        side.addWidget(self.clock)
        grid.addLayout(side, 0, 1)
        grid.addWidget(self.notes, 1, 0, 1, 2)
        grid.addLayout(buttons, 2, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(lambda: self.clock.setText(deck.elapsed()))
        self.timer.start()
        deck.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        deck = self.deck
        self.current.show_slide(deck.slide, deck.blank)
        self.following.show_slide(deck.next_slide)
        self.notes.setHtml(notes_html(deck.slide))
        state = {BLANK_BLACK: " (screen black)", BLANK_WHITE: " (screen white)"}.get(deck.blank, "")
        self.position.setText(f"Slide {deck.index + 1} of {len(deck.slides)}{state}")
        self.clock.setText(deck.elapsed())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.deck.handle_key(event):
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.timer.stop()
        self.deck.finished.emit()
        super().closeEvent(event)


@dataclass(frozen=True)
class ScreenPlan:
    slides: int  # index of the screen for the room
    presenter: int | None  # index of the screen for the presenter view, if any


def plan_screens(geometries: list[QRect], current: int, *, presenter_wanted: bool) -> ScreenPlan:
    """With two or more screens the room gets one the window is not on, the presenter the
    one it is on; with one screen the slides fill it and the presenter view is only shown
    when asked for (it then opens as a normal window)."""
    if len(geometries) < 2:
        return ScreenPlan(0, 0 if presenter_wanted else None)
    current = current if 0 <= current < len(geometries) else 0
    others = [i for i in range(len(geometries)) if i != current]
    largest = max(others, key=lambda i: geometries[i].width() * geometries[i].height())
    return ScreenPlan(largest, current)


class Presentation(QObject):
    """One running presentation: the deck, its windows, and how it ends."""

    ended = Signal()

    def __init__(
        self, slides: list[Slide], origin: QWidget, *, presenter_wanted: bool = False
    ) -> None:
        super().__init__(origin)
        self.deck = Deck(slides, self)
        self.deck.finished.connect(self.end)
        self.window = PresentationWindow(self.deck)
        self.presenter: PresenterView | None = None
        screens = QApplication.screens()
        here = origin.screen()
        plan = plan_screens(
            [s.geometry() for s in screens],
            screens.index(here) if here in screens else 0,
            presenter_wanted=presenter_wanted,
        )
        self.window.setScreen(screens[plan.slides])
        self.window.setGeometry(screens[plan.slides].geometry())
        self.window.showFullScreen()
        if plan.presenter is not None:
            self.presenter = PresenterView(self.deck)
            self.presenter.setScreen(screens[plan.presenter])
            if len(screens) > 1:
                self.presenter.setGeometry(screens[plan.presenter].availableGeometry())
                self.presenter.showMaximized()
            else:
                self.presenter.resize(960, 640)
                self.presenter.show()
            self.presenter.activateWindow()
        else:
            self.window.activateWindow()
        self._ending = False

    def end(self) -> None:
        if self._ending:
            return
        self._ending = True
        for window in (self.window, self.presenter):
            if window is not None:
                window.hide()
                window.deleteLater()
        self.ended.emit()
