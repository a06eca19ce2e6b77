"""Slides, session files, the quiz and the demo vault: the trainer's core, without windows."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

import pytest

from wt26desk.assets import content_dir
from wt26desk.content_library.library import Library
from wt26desk.content_library.models import QuizQuestion, Scenario
from wt26desk.errors import WrongPassphrase
from wt26desk.records.store import RecordStore
from wt26desk.training.demo_cohort import demo_cohort_records
from wt26desk.training.demo_vault import (
    DEMO_PASSPHRASE,
    NotATrainingVault,
    demo_records,
    open_demo_vault,
)
from wt26desk.training.handout import handout_pdf
from wt26desk.training.quiz import QuizRun
from wt26desk.training.session import (
    Session,
    SessionFileError,
    dumps,
    load_session,
    loads,
    save_session,
    starter_session,
)
from wt26desk.training.slides import session_slides, slide_html
from wt26desk.vault.vault import Vault

DEMO_RECORDS = content_dir() / "demo-records"


def test_a_session_becomes_a_title_slide_then_one_slide_per_item(library: Library) -> None:
    slides = session_slides(library, "Induction", ["A3", "neglect", "@timescales"])
    assert [s.title for s in slides[:2]] == ["Induction", library.get("A3").title]  # type: ignore[union-attr]
    assert slides[1].eyebrow.startswith("Practice standard A3")
    assert slides[1].points and slides[1].notes and slides[1].sources
    assert slides[2].points[0] in library.get("neglect").indicators  # type: ignore[union-attr]
    assert "15 working days" in " ".join(slides[3].points)


def test_a_scenario_unfolds_with_an_answer_after_each_step(library: Library) -> None:
    scenario = library.scenarios[0]
    slides = session_slides(library, "S", [scenario.id])[1:]
    assert len(slides) == 1 + 2 * len(scenario.steps)
    assert [s.answer for s in slides] == [False] + [False, True] * len(scenario.steps)
    assert slides[1].lead == scenario.steps[0].arrives
    assert scenario.steps[0].reasoning in slides[2].lead


def test_a_quiz_question_shows_lettered_options_then_the_answer(library: Library) -> None:
    question = library.get("quiz-icpc")
    assert isinstance(question, QuizQuestion)
    ask, answer = session_slides(library, "Q", [question.id])[1:]
    assert ask.lettered and ask.points == question.options and not ask.answer
    assert answer.answer and answer.title == "C: Within 15 working days"
    html = slide_html(ask)
    assert "<b>C</b>" in html and "Within 15 working days" in html


def test_slide_text_is_escaped(library: Library) -> None:
    [_, slide] = session_slides(library, "<script>", ["A1"])[:2]
    title_html = slide_html(session_slides(library, "<script>", [])[0])
    assert "<script>" not in title_html and "&lt;script&gt;" in title_html
    assert slide.title in slide_html(slide)


def test_session_files_round_trip_and_skip_unknown_entries(
    library: Library, tmp_path: Path
) -> None:
    session = Session("Team day", ("A1", "scenario-baby-bruise", "@standards"))
    path = tmp_path / "day.wt26session"
    save_session(path, session)
    assert load_session(path, library).session == session
    data = json.loads(path.read_text())
    data["entries"].insert(1, "not-in-this-library")
    loaded = loads(json.dumps(data).encode(), library)
    assert loaded.session == session and loaded.skipped == ("not-in-this-library",)


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"\xff\xfe", "not valid JSON"),
        (b"[]", "not a wt26desk session"),
        (b'{"format": "wt26desk-session", "version": 9, "title": "x", "entries": []}', "9"),
        (b'{"format": "wt26desk-session", "version": 1, "title": "", "entries": []}', "title"),
        (b'{"format": "wt26desk-session", "version": 1, "title": "x", "entries": [1]}', "entries"),
        (b" " * 300_000, "256 KiB"),
    ],
)
def test_a_bad_session_file_is_refused_with_a_reason(
    library: Library, raw: bytes, words: str
) -> None:
    with pytest.raises(SessionFileError, match=words):
        loads(raw, library)


def test_an_unreadable_session_file_says_so(library: Library, tmp_path: Path) -> None:
    with pytest.raises(SessionFileError, match="Cannot read"):
        load_session(tmp_path / "missing.wt26session", library)


def test_the_starter_session_is_all_presentable(library: Library) -> None:
    session = starter_session(library)
    assert loads(dumps(session), library).skipped == ()
    assert {"A1", "A5", "@timescales"} <= set(session.entries)


def test_quiz_scores_teams_and_names_topics_to_revisit(library: Library) -> None:
    questions = tuple(library.quiz[:3])
    run = QuizRun(questions, teams=("Red", "Blue"))
    wrong = 1 if questions[0].answer != 1 else 2
    run.choose("Red", questions[0].answer)
    run.choose("Blue", wrong)
    run.reveal()
    run.choose("Blue", questions[0].answer)  # too late: answers are fixed once revealed
    run.go(1)
    run.choose("Red", questions[1].answer)
    run.choose("Blue", questions[1].answer)
    run.reveal()
    run.go(2)  # not revealed: not scored
    run.choose("Red", questions[2].answer)
    assert run.scores() == {"Red": 2, "Blue": 1}
    summary = run.summary()
    assert summary.scores == (("Red", 2), ("Blue", 1)) and summary.asked == 2
    assert summary.results[0].wrong == ("Blue",) and summary.results[1].right == ("Red", "Blue")
    assert summary.revisit == ("Practice standards",)
    assert not run.finished
    with pytest.raises(ValueError, match="no team"):
        run.choose("Green", 1)
    with pytest.raises(ValueError, match="option 9"):
        run.choose("Red", 9)
    with pytest.raises(ValueError):
        QuizRun(questions, teams=("Same", "Same"))


def test_the_demo_vault_is_made_from_the_demo_records(tmp_path: Path) -> None:
    folder = tmp_path / "training-vault"
    vault = open_demo_vault(folder, DEMO_RECORDS)
    store = RecordStore(vault)
    assert store.training
    records = store.records()
    year = demo_cohort_records(date.today())  # a year of concerns for the lead's view
    assert len(records) == len(demo_records(DEMO_RECORDS)) + len(year) >= 4 + 60
    assert {r.status for r in records} == {"draft", "submitted", "closed"}
    vault.lock()
    again = open_demo_vault(folder, DEMO_RECORDS)  # opened, not re-created
    assert len(again.record_ids()) == len(records)
    again.lock()
    Vault.unlock(folder, DEMO_PASSPHRASE).lock()


def test_the_demo_vault_never_opens_a_real_vault(tmp_path: Path) -> None:
    folder = tmp_path / "looks-like-training"
    Vault.create(folder, "a real passphrase for real notes")[0].lock()
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    with pytest.raises(NotATrainingVault):
        open_demo_vault(folder, DEMO_RECORDS)
    with pytest.raises(NotATrainingVault):
        open_demo_vault(folder, DEMO_RECORDS, fresh=True)  # and never deletes it
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before
    with pytest.raises(WrongPassphrase):
        Vault.unlock(folder, DEMO_PASSPHRASE)


def test_fresh_demo_vault_forgets_what_trainees_added(tmp_path: Path) -> None:
    folder = tmp_path / "training-vault"
    vault = open_demo_vault(folder, DEMO_RECORDS)
    store = RecordStore(vault)
    record = store.records()[0]
    record.facts = "A trainee's practice entry"
    store.save(record)
    vault.lock()
    vault = open_demo_vault(folder, DEMO_RECORDS, fresh=True)
    texts = [r.facts for r in RecordStore(vault).records()]
    assert "A trainee's practice entry" not in texts and len(texts) >= 4
    vault.lock()


def test_a_demo_record_not_marked_training_is_refused(tmp_path: Path) -> None:
    records = tmp_path / "records"
    records.mkdir()
    raw = json.loads((DEMO_RECORDS / "demo-mia0001.json").read_text())
    raw["training"] = False
    (records / "real.json").write_text(json.dumps(raw))
    with pytest.raises(Exception, match="not marked as training"):
        open_demo_vault(tmp_path / "vault", records)
    assert not (tmp_path / "vault").exists()  # no half-filled demo is left behind


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "h.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_handouts_leave_answers_out_of_the_participants_copy(
    library: Library, tmp_path: Path
) -> None:
    scenario = library.get("scenario-baby-bruise")
    assert isinstance(scenario, Scenario)
    slides = session_slides(library, "Baby bruising workshop", ["A5", scenario.id, "quiz-icpc"])
    participant = pdf_text(handout_pdf("Workshop", slides, trainer=False), tmp_path)
    trainer = pdf_text(handout_pdf("Workshop", slides, trainer=True), tmp_path)
    step = scenario.steps[0]
    for text in (participant, trainer):
        assert "TRAINING HANDOUT" in text and "Page 1 of" in text
        assert step.title in text and "Never assume someone else has shared it" in text
    assert "the answer" not in participant and "Notes" not in participant
    assert f"{step.title}: the answer" in trainer and "Notes" in trainer
    assert "C: Within 15 working days" in trainer
