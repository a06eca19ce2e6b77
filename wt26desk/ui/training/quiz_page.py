"""The quiz for the room: choose the questions and teams, record each team's answer, reveal
the right one with its explanation, keep the scores, and end with a summary."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from wt26desk.content_library.library import Library
from wt26desk.content_library.models import QUIZ_TOPICS
from wt26desk.content_library.render import SCHEME, Renderer
from wt26desk.training.quiz import MAX_TEAMS, QuizRun
from wt26desk.training.slides import LETTERS
from wt26desk.ui.common.keys import bind_steps
from wt26desk.ui.training.room_page import RoomPage

NOT_ANSWERED = "No answer yet"


def team_names(text: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(n.strip() for n in text.split(",") if n.strip()))
    return names[:MAX_TEAMS] or ("The room",)


class QuizPage(RoomPage):
    open_guidance = Signal(str)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.renderer = Renderer(library)
        self.run: QuizRun | None = None
        self.views = QStackedWidget()

        # Setting up -----------------------------------------------------------------------
        setup = QWidget()
        self.topic = QComboBox()
        self.topic.setAccessibleName("Questions")
        self.topic.addItem(f"All questions ({len(library.quiz)})", "")
        for key, label in QUIZ_TOPICS.items():
            count = sum(q.topic == key for q in library.quiz)
            if count:
                self.topic.addItem(f"{label} ({count})", key)
        self.teams = QLineEdit("The room")
        self.teams.setAccessibleName("Team names, separated by commas")
        self.teams.setToolTip(f"Up to {MAX_TEAMS} teams, for example: Red, Blue, Green")
        self.begin_button = QPushButton("&Begin the quiz")
        self.begin_button.clicked.connect(self.begin)
        form = QFormLayout(setup)
        topic_label = QLabel("&Questions")
        topic_label.setBuddy(self.topic)
        teams_label = QLabel("Team &names")
        teams_label.setBuddy(self.teams)
        form.addRow(QLabel("<h2>Quiz</h2>"))
        form.addRow(topic_label, self.topic)
        form.addRow(teams_label, self.teams)
        form.addRow(self.begin_button)

        # Asking ----------------------------------------------------------------------------
        asking = QWidget()
        self.position = QLabel()
        self.position.setAccessibleName("Question number")
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.question.setAccessibleName("Question")
        self.question.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.options = QLabel()
        self.options.setWordWrap(True)
        self.options.setTextFormat(Qt.TextFormat.RichText)
        self.options.setAccessibleName("Answers to choose from")
        self.answers_box = QFormLayout()
        self.answer_boxes: dict[str, QComboBox] = {}
        self.explanation = QTextBrowser()
        self.explanation.setAccessibleName("The answer and why")
        self.explanation.setOpenLinks(False)
        self.explanation.anchorClicked.connect(self._link)
        self.scores = QLabel()
        self.scores.setAccessibleName("Scores")
        self.reveal_button = QPushButton("&Reveal the answer")
        self.reveal_button.setToolTip("Ctrl+Return")
        self.previous_button = QPushButton("&Previous")
        self.previous_button.setToolTip("Ctrl+Page Up")
        self.next_button = QPushButton("Ne&xt question")
        self.next_button.setToolTip("Ctrl+Page Down")
        self.end_button = QPushButton("&End and see the summary")
        self.reveal_button.clicked.connect(self.reveal)
        self.previous_button.clicked.connect(lambda: self.go(-1))
        self.next_button.clicked.connect(lambda: self.go(+1))
        self.end_button.clicked.connect(self.finish)
        buttons = QHBoxLayout()
        for button in (
            self.previous_button,
            self.reveal_button,
            self.next_button,
            self.end_button,
        ):
            buttons.addWidget(button)
        ask_layout = QVBoxLayout(asking)
        ask_layout.addWidget(self.position)
        ask_layout.addWidget(self.question)
        ask_layout.addWidget(self.options)
        ask_layout.addLayout(self.answers_box)
        ask_layout.addWidget(self.explanation, 1)
        ask_layout.addWidget(self.scores)
        ask_layout.addLayout(buttons)

        # Summary ---------------------------------------------------------------------------
        summary = QWidget()
        self.summary = QTextBrowser()
        self.summary.setAccessibleName("Quiz summary")
        self.summary.setOpenLinks(False)
        self.summary.anchorClicked.connect(self._link)
        self.again_button = QPushButton("Back to the &setup")
        self.again_button.clicked.connect(lambda: self.views.setCurrentIndex(0))
        summary_layout = QVBoxLayout(summary)
        summary_layout.addWidget(self.summary, 1)
        summary_layout.addWidget(self.again_button)

        for view in (setup, asking, summary):
            self.views.addWidget(view)
        layout = QVBoxLayout(self)
        layout.addWidget(self.views)
        bind_steps(asking, self.reveal, self.go)

    # Flow ----------------------------------------------------------------------------------
    def begin(self) -> None:
        topic = self.topic.currentData()
        questions = tuple(q for q in self.library.quiz if not topic or q.topic == topic)
        if not questions:
            return
        self.run = QuizRun(questions, team_names(self.teams.text()))
        while self.answers_box.rowCount():
            self.answers_box.removeRow(0)
        self.answer_boxes = {}
        for team in self.run.teams:
            box = QComboBox()
            box.setAccessibleName(f"{team}: answer")
            box.activated.connect(lambda _i, t=team: self._chosen(t))
            self.answer_boxes[team] = box
            self.answers_box.addRow(f"{team}:", box)
        self.views.setCurrentIndex(1)
        self._show()
        next(iter(self.answer_boxes.values())).setFocus()

    def _chosen(self, team: str) -> None:
        run = self.run
        option = self.answer_boxes[team].currentData()
        if run is not None and option:
            run.choose(team, option)

    def _show(self) -> None:
        run = self.run
        if run is None:
            return
        question = run.question
        self.position.setText(f"Question {run.index + 1} of {len(run.questions)}")
        self.question.setText(question.summary)
        self.options.setText(
            "".join(
                f"<p><b>{LETTERS[n]}</b>&nbsp;&nbsp;{html.escape(o)}</p>"
                for n, o in enumerate(question.options)
            )
        )
        for team, box in self.answer_boxes.items():
            box.blockSignals(True)
            box.clear()
            box.addItem(NOT_ANSWERED, 0)
            for n, option in enumerate(question.options, start=1):
                box.addItem(f"{LETTERS[n - 1]}: {option}", n)
            box.setCurrentIndex(run.choices[run.index].get(team, 0))
            box.setEnabled(not run.is_revealed)
            box.blockSignals(False)
        self.previous_button.setEnabled(run.index > 0)
        self.next_button.setEnabled(run.index < len(run.questions) - 1)
        self.reveal_button.setEnabled(not run.is_revealed)
        if run.is_revealed:
            self._explain()
        else:
            self.explanation.setHtml("<p>Record each team's answer, then reveal it.</p>")
        self._scores()

    def _scores(self) -> None:
        if self.run is not None:
            self.scores.setText(
                "Scores: " + ", ".join(f"{t} {s}" for t, s in self.run.scores().items())
            )

    def reveal(self) -> None:
        run = self.run
        if run is None or self.views.currentIndex() != 1:
            return
        for team in run.teams:
            self._chosen(team)
        run.reveal()
        self._show()
        self.explanation.setFocus()

    def _explain(self) -> None:
        run = self.run
        if run is None:
            return
        question = run.question
        chosen = run.choices[run.index]
        right = [t for t in run.teams if chosen.get(t) == question.answer]
        verdict = (
            f"Right: {html.escape(', '.join(right))}." if right else "Nobody chose this answer."
        )
        text = self._links(question.explanation)
        self.explanation.setHtml(
            f"<h2>Answer {LETTERS[question.answer - 1]}: {html.escape(question.correct)}</h2>"
            f"<p>{verdict}</p><p>{text}</p>"
            f"<p><small>Source: {html.escape('; '.join(question.sources))}</small></p>"
        )

    def _links(self, markdown: str) -> str:
        return self.renderer.markdown(markdown, inline=True)

    def go(self, delta: int) -> None:
        if self.run is not None and self.views.currentIndex() == 1:
            self.run.go(self.run.index + delta)
            self._show()

    def finish(self) -> None:
        run = self.run
        if run is None:
            return
        summary = run.summary()
        rows = "".join(
            f"<tr><td>{html.escape(team)}</td><td>{score} of {summary.asked}</td></tr>"
            for team, score in summary.scores
        )
        results = "".join(
            f"<li>{html.escape(r.question.summary)}<br>Answer: "
            f"<b>{html.escape(r.question.correct)}</b>. Right: "
            f"{html.escape(', '.join(r.right) or 'nobody')}"
            + (f"; wrong: {html.escape(', '.join(r.wrong))}" if r.wrong else "")
            + (f"; no answer: {html.escape(', '.join(r.unanswered))}" if r.unanswered else "")
            + "".join(
                f' · <a href="{SCHEME}:{html.escape(i)}">read more</a>'
                for i in r.question.refers_to[:1]
            )
            + "</li>"
            for r in summary.results
        )
        revisit = (
            "<p>Go over again: " + html.escape(", ".join(summary.revisit)) + ".</p>"
            if summary.revisit
            else "<p>Every revealed question was answered correctly by every team.</p>"
        )
        left = len(run.questions) - summary.asked
        skipped = f"<p>{left} question(s) were not revealed and are not scored.</p>" if left else ""
        self.summary.setHtml(
            f"<h2>Quiz summary</h2><table border='1' cellpadding='6' cellspacing='0'>"
            f"<tr><th>Team</th><th>Score</th></tr>{rows}</table>{revisit}{skipped}"
            f"<h3>Questions</h3><ol>{results}</ol>"
        )
        self.views.setCurrentIndex(2)
        self.summary.setFocus()

    def _link(self, url: QUrl) -> None:
        if url.scheme() == SCHEME:
            self.open_guidance.emit(url.toString().split(":", 1)[-1])

    # Read by a room: as large as the slides (36 px on a 1080-line screen) ---------------
    def room_widgets(self) -> list[QWidget]:
        return [self.question, self.options, self.scores, self.explanation]
