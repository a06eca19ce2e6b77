"""Recording concerns as a practitioner does: keyboard only, a real vault, offscreen.
Set WT26DESK_SCREENSHOTS=DIR to save a screenshot of each step."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from wt26desk.records.model import ConcernRecord
from wt26desk.ui.main_window import MainWindow
from wt26desk.ui.vault.vault_controller import LOCKED
from wt26desk.vault.vault import Vault

from .test_main_window import shot
from .test_vault_ui import PASS, existing_vault, unlock

CTRL, ALT, SHIFT = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.ShiftModifier,
)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def key(qtbot: QtBot, k: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(focused(), k, mod)


def click(qtbot: QtBot, alt_letter: Qt.Key, done: Callable[[], bool]) -> None:
    """Alt+letter on a button: Qt animates the click, so wait for its effect."""
    key(qtbot, alt_letter, ALT)
    qtbot.waitUntil(done, timeout=2000)


def type_into(qtbot: QtBot, alt_letter: Qt.Key, text: str, expected: str) -> None:
    """Alt+letter to a labelled field (as a person would), check it is the one meant, type."""
    key(qtbot, alt_letter, ALT)
    assert focused().accessibleName() == expected, focused().accessibleName()
    qtbot.keyClicks(focused(), text)


def choose(qtbot: QtBot, alt_letter: Qt.Key, expected: str, downs: int) -> None:
    key(qtbot, alt_letter, ALT)
    assert focused().accessibleName() == expected, focused().accessibleName()
    for _ in range(downs):
        key(qtbot, Qt.Key.Key_Down)


def tick(qtbot: QtBot, alt_letter: Qt.Key, expected: str) -> None:
    """Alt+letter on a check box ticks it (after Qt's animated click)."""
    key(qtbot, alt_letter, ALT)
    qtbot.waitUntil(lambda: focused().accessibleName() == expected and focused().isChecked())


def stored(window: MainWindow) -> list[ConcernRecord]:
    store = window.records.store
    assert store is not None
    return store.records()


def test_whole_flow_two_siblings_and_an_unborn_baby(unlocked: MainWindow, qtbot: QtBot) -> None:
    window = unlocked
    editor = window.records.editor
    shot(window, "20-records-empty")
    key(qtbot, Qt.Key.Key_N, CTRL)
    assert window.pages.currentWidget() is editor and editor.flow.step == "children"

    # Step 1: two siblings (the second with no known name) and an unborn baby.
    children = editor.record.children
    click(qtbot, Qt.Key.Key_D, lambda: len(children) == 1)  # Add child
    qtbot.keyClicks(focused(), "Amira Okafor")
    type_into(qtbot, Qt.Key.Key_Y, "7", "Age in years")
    type_into(qtbot, Qt.Key.Key_T, "Hill Street Primary", "School or setting")
    click(qtbot, Qt.Key.Key_D, lambda: len(children) == 2)
    tick(qtbot, Qt.Key.Key_K, "Name not known")
    choose(qtbot, Qt.Key.Key_R, "Role in this record", downs=1)  # Sibling
    type_into(qtbot, Qt.Key.Key_Y, "4", "Age in years")
    click(qtbot, Qt.Key.Key_D, lambda: len(children) == 3)
    tick(qtbot, Qt.Key.Key_U, "Unborn baby")
    type_into(qtbot, Qt.Key.Key_B, "2027-02-14", "Expected birth date")
    choose(qtbot, Qt.Key.Key_R, "Role in this record", downs=2)  # Other child in household
    record = editor.record
    assert [c.label() for c in record.children] == [
        "Amira Okafor",
        "Name not known",
        "Unborn baby (due 2027-02-14)",
    ]
    # Roles were set one by one: the sibling's label did not spread.
    assert [c.role for c in record.children] == [
        "Subject of the concern",
        "Sibling",
        "Other child in the household",
    ]
    shot(window, "21-step-children")
    key(qtbot, Qt.Key.Key_PageDown, CTRL)
    assert editor.flow.step == "what-happened"

    # Step 2: the facts with an injury and the child's own words.
    type_into(qtbot, Qt.Key.Key_T, "09:10", "Time")
    type_into(qtbot, Qt.Key.Key_L, "Year 3 classroom", "Place")
    type_into(qtbot, Qt.Key.Key_P, "Ms Jo Reyes, class teacher", "Who was present")
    type_into(
        qtbot,
        Qt.Key.Key_S,
        "At 09:10 I saw a bruise on Amira's left cheek, about 3 cm across, purple. "
        "Amira often arrives hungry.",
        "What you saw and heard",
    )
    qtbot.waitUntil(lambda: "Physical abuse" in editor.panel.toPlainText(), timeout=2000)
    assert "bruise" in editor.panel.toPlainText()  # the why
    click(qtbot, Qt.Key.Key_C, lambda: len(record.quotes) == 1)  # Add the child's own words
    assert focused().accessibleName() == "Exact words"
    qtbot.keyClicks(focused(), "Dad got cross and hit me with his hand")
    choose(qtbot, Qt.Key.Key_I, "Said by", downs=1)
    assert record.quotes[0].child_id == record.children[0].id
    shot(window, "22-step-what-happened")
    key(qtbot, Qt.Key.Key_PageDown, CTRL)
    assert editor.flow.step == "injuries"

    # Step 3: mark the injury on the body map with the arrow keys and Enter.
    editor.go_to_field("injuries")
    assert focused() is editor.steps["injuries"].map
    for _ in range(3):
        key(qtbot, Qt.Key.Key_Up, SHIFT)  # big steps
    for _ in range(2):
        key(qtbot, Qt.Key.Key_Up)
    assert "face or front of the head" in focused().accessibleDescription()
    key(qtbot, Qt.Key.Key_Return)
    assert len(record.marks) == 1 and record.marks[0].child_id == record.children[0].id
    assert record.marks[0].location == "face or front of the head"
    type_into(qtbot, Qt.Key.Key_S, "3 cm", "Size")
    type_into(qtbot, Qt.Key.Key_U, "purple", "Colour")
    assert record.marks[0].size == "3 cm" and record.marks[0].colour == "purple"
    shot(window, "23-step-injuries")
    key(qtbot, Qt.Key.Key_PageDown, CTRL)

    # Step 4: analysis, a decision, and who was told.
    assert editor.flow.step == "decision"
    type_into(qtbot, Qt.Key.Key_L, "A visible injury with a disclosure.", "Your analysis")
    type_into(qtbot, Qt.Key.Key_D, "Refer to children's social care.", "Decision")
    type_into(
        qtbot, Qt.Key.Key_I, "Because Amira named her father and has a bruise.", "Reasons for it"
    )
    click(qtbot, Qt.Key.Key_O, lambda: len(record.actions) == 1)  # Add an action
    choose(qtbot, Qt.Key.Key_T, "Told", downs=1)  # Children's social care
    type_into(qtbot, Qt.Key.Key_N, "2026-11-20 10:05", "When")
    type_into(qtbot, Qt.Key.Key_R, "CSC-4471", "Reference number")
    assert record.actions[0].who == "Children's social care"
    qtbot.waitUntil(lambda: "What must happen by when" in editor.panel.toPlainText(), timeout=2000)
    shot(window, "24-step-decision")
    key(qtbot, Qt.Key.Key_PageDown, CTRL)

    # Step 5: the quality check points at "often"; Enter goes to the words.
    assert editor.flow.step == "check"
    check = editor.steps["check"]
    texts = [check.findings.item(i).text() for i in range(check.findings.count())]
    assert any("“often” is vague" in t for t in texts)
    key(qtbot, Qt.Key.Key_S, ALT)
    assert focused() is check.findings
    row = next(i for i, t in enumerate(texts) if "often" in t)
    check.findings.setCurrentRow(row)
    key(qtbot, Qt.Key.Key_Return)
    facts = editor.steps["what-happened"].fields["facts"]
    assert focused() is facts and facts.textCursor().selectedText() == "often"
    qtbot.keyClicks(facts, "on 3 mornings this week")
    assert "often" not in record.facts  # the selected word was replaced
    assert "Amira on 3 mornings this week arrives hungry" in record.facts
    key(qtbot, Qt.Key.Key_PageDown, CTRL)
    key(qtbot, Qt.Key.Key_PageDown, CTRL)
    key(qtbot, Qt.Key.Key_PageDown, CTRL)
    assert editor.flow.step == "check"
    # Submitting unsigned is refused with the reason, and the focus goes to the name.
    key(qtbot, Qt.Key.Key_Return, CTRL)
    assert "Sign the record" in editor.problems.text()
    assert focused().accessibleName() == "Your name"
    qtbot.keyClicks(focused(), "Sam Patel")
    type_into(qtbot, Qt.Key.Key_O, "Designated safeguarding lead", "Your role")
    type_into(qtbot, Qt.Key.Key_M, "Jo Reyes", "Colleague's full name")
    shot(window, "25-step-check")
    key(qtbot, Qt.Key.Key_Return, CTRL)
    assert record.status == "submitted", editor.problems.text()

    [saved] = stored(window)
    assert saved.status == "submitted" and saved.second_signatory.name == "Jo Reyes"
    assert saved.quotes[0].text == "Dad got cross and hit me with his hand"
    assert saved.children[2].unborn and saved.children[1].name_unknown
    assert saved.written_at and saved.sign_off.date

    key(qtbot, Qt.Key.Key_W, CTRL)  # close: back to the list
    assert window.pages.currentWidget() is window.records.records_page
    assert window.records.records_page.table.rowCount() == 1
    shot(window, "26-records-list")


def test_prompts_update_as_you_type_and_dismissals_are_recorded(
    unlocked: MainWindow, qtbot: QtBot
) -> None:
    window = unlocked
    editor = window.records.editor
    key(qtbot, Qt.Key.Key_N, CTRL)
    click(qtbot, Qt.Key.Key_D, lambda: len(editor.record.children) == 1)
    qtbot.keyClicks(focused(), "Baby Lee")
    born = date.today().replace(day=1) - timedelta(days=150)
    type_into(qtbot, Qt.Key.Key_O, born.strftime("%d/%m/%Y"), "Date of birth")
    choose(qtbot, Qt.Key.Key_M, "Mobility (babies)", downs=1)  # not yet mobile
    editor.next_step()
    facts = editor.steps["what-happened"].fields["facts"]
    editor.go_to_field("facts")
    qtbot.keyClicks(facts, "No bruising seen. ")
    qtbot.wait(150)
    assert "Infant" not in editor.panel.toPlainText()  # negated
    qtbot.keyClicks(facts, "Small bruise on the thigh at nappy change.")
    qtbot.waitUntil(lambda: "Urgent" in editor.panel.toPlainText(), timeout=2000)
    assert "not yet mobile" in editor.panel.toPlainText()
    shot(window, "27-urgent-infant")
    editor.panel.dismiss.emit("missing:who-present")
    assert [d.prompt for d in editor.record.dismissed] == ["missing:who-present"]
    assert "Who was there?" not in editor.panel.toPlainText()
    assert "Dismissed by you" in editor.panel.toPlainText()
    editor.panel.restore.emit("missing:who-present")
    assert editor.record.dismissed == []


def test_draft_autosaves_encrypted_and_comes_back_after_lock(
    unlocked: MainWindow, qtbot: QtBot, data_dir: Path
) -> None:
    window = unlocked
    editor = window.records.editor
    key(qtbot, Qt.Key.Key_N, CTRL)
    click(qtbot, Qt.Key.Key_D, lambda: len(editor.record.children) == 1)
    qtbot.keyClicks(focused(), "Tariq Mahmood")
    editor.draft_timer.setInterval(50)
    qtbot.waitUntil(lambda: "Draft saved" in editor.draft_state.text(), timeout=3000)
    editor.next_step()
    editor.go_to_field("facts")
    canary = "Tariq said the canary sings at midnight"
    qtbot.keyClicks(focused(), canary)
    window.vault_actions.lock.trigger()  # before the autosave fires
    assert window.vault.state == LOCKED and window.pages.currentWidget() is window.lock_page
    # Every widget was emptied; nothing of the note is left in the window.
    assert canary not in editor.steps["what-happened"].fields["facts"].toPlainText()
    assert not editor.active
    for path in (data_dir / "vault").iterdir():
        assert b"canary sings" not in path.read_bytes()
    unlock(qtbot, window)
    assert window.pages.currentWidget() is editor and editor.active
    assert editor.record.facts == canary
    assert editor.record.children[0].name == "Tariq Mahmood"
    assert "restored" in editor.draft_state.text()
    shot(window, "28-draft-restored")
    # Saving makes a revision and removes the draft.
    key(qtbot, Qt.Key.Key_S, CTRL)
    store = window.records.store
    assert store is not None and store.drafts() == [] and len(stored(window)) == 1


def test_privacy_screen_hides_everything_and_needs_pin_or_passphrase(
    unlocked: MainWindow, qtbot: QtBot
) -> None:
    window = unlocked
    records = window.records
    records.dialogs = type(
        "D", (), {"ask_secret": lambda self, t, label: "2468", "error": lambda *a: None}
    )()
    records.set_pin()
    key(qtbot, Qt.Key.Key_N, CTRL)
    click(qtbot, Qt.Key.Key_D, lambda: len(records.editor.record.children) == 1)
    qtbot.keyClicks(focused(), "Private Name")
    key(qtbot, Qt.Key.Key_H, CTRL | SHIFT)
    assert window.pages.currentWidget() is records.privacy_page
    assert not window.menuBar().isEnabled() and not records.records_action.isEnabled()
    shot(window, "29-privacy")
    image_text = window.pages.currentWidget().findChildren(QWidget)
    assert all("Private Name" not in getattr(w, "text", lambda: "")() for w in image_text)
    # Shortcuts that would show another page do nothing behind the screen.
    key(qtbot, Qt.Key.Key_G, CTRL)
    assert window.pages.currentWidget() is records.privacy_page
    qtbot.keyClicks(focused(), "1111")
    key(qtbot, Qt.Key.Key_Return)
    assert "2 tries left" in records.privacy_page.message.text()
    qtbot.keyClicks(focused(), "2468")
    key(qtbot, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is records.editor
    assert window.menuBar().isEnabled() and records.records_action.isEnabled()
    # Three wrong PINs: then only the passphrase brings you back.
    key(qtbot, Qt.Key.Key_H, CTRL | SHIFT)
    for _ in range(3):
        qtbot.keyClicks(focused(), "0000")
        key(qtbot, Qt.Key.Key_Return)
    assert "passphrase" in records.privacy_page.message.text()
    qtbot.keyClicks(focused(), "2468")
    key(qtbot, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is records.privacy_page
    qtbot.keyClicks(focused(), PASS)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is records.editor, timeout=20_000)


def test_chronology_of_a_child_across_records(unlocked: MainWindow, qtbot: QtBot) -> None:
    window = unlocked
    store = window.records.store
    assert store is not None
    from wt26desk.records.model import Child

    for day, facts, significant in (
        ("2026-10-01", "Arrived without a coat in the rain.", False),
        ("2026-11-03", "Disclosed being hit at home.", True),
    ):
        store.save(
            ConcernRecord(
                event_date=day,
                facts=facts,
                significant=significant,
                children=[Child(name="Leah Stone", date_of_birth="2016-05-02")],
            )
        )
    window.records.show_records()
    page = window.records.chronology_page
    click(qtbot, Qt.Key.Key_C, lambda: window.pages.currentWidget() is page)
    text = page.view.toPlainText()
    assert text.index("2026-10-01") < text.index("2026-11-03")
    click(qtbot, Qt.Key.Key_S, page.significant.isChecked)  # only significant events
    assert "coat" not in page.view.toPlainText() and "hit at home" in page.view.toPlainText()
    shot(window, "30-chronology")


def test_history_and_guidance_windows_open(unlocked: MainWindow, qtbot: QtBot) -> None:
    """The revision history and a guidance item open in their own windows (their Qt
    classes are loaded when first used, not at start)."""
    from PySide6.QtWidgets import QListWidget

    from wt26desk.ui.common.read_only_browser import ReadOnlyBrowser
    from wt26desk.ui.library.reader_view import ReaderView

    window = unlocked
    store = window.records.store
    assert store is not None
    record = ConcernRecord(event_date="2026-10-01", facts="Arrived without a coat.")
    store.save(record)
    record.facts = "No coat again."
    store.save(record)
    window.records.show_history(record.id)
    history = window.records._windows[-1]
    qtbot.waitExposed(history)
    listing = history.findChild(QListWidget)
    assert listing is not None and listing.count() == 2
    view = history.findChild(ReadOnlyBrowser)
    assert view is not None and "No coat again" in view.toPlainText()
    window.records.show_guidance_item("guide-worried")
    guidance = window.records._windows[-1]
    qtbot.waitExposed(guidance)
    reader = guidance.findChild(ReaderView)
    assert reader is not None and reader.toPlainText().strip()


def test_opening_needs_an_unlocked_vault(make_window, data_dir: Path, qtbot: QtBot) -> None:
    existing_vault(data_dir)
    window = make_window()
    window.records.new_concern()
    assert window.pages.currentWidget() is window.lock_page
    assert not window.records.new_action.isEnabled()
    assert Vault  # the vault module is importable without opening anything


def mnemonic(text: str) -> str | None:
    at = text.replace("&&", "").find("&")
    return text.replace("&&", "")[at + 1].lower() if at >= 0 else None


def test_every_recording_control_is_named_and_mnemonics_do_not_clash(
    unlocked: MainWindow,
) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QLabel, QScrollArea

    def own(widget: QWidget) -> bool:  # not the parts inside a spin box or a combo's popup
        return not isinstance(widget.parent(), QAbstractSpinBox) and widget.window() is unlocked

    records = unlocked.records
    records.new_concern()
    menus = {mnemonic(a.text()): a.text() for a in unlocked.menuBar().actions()}
    assert len(menus) == len(unlocked.menuBar().actions()), menus  # menus differ too
    for page in records.editor.steps.values():
        records.editor.steps["children"].children_editor.add()
        letters: dict[str | None, str] = dict(menus)
        for widget in page.inner.findChildren(QWidget):
            if (
                widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and not isinstance(widget, QScrollArea)
                and own(widget)
                and not widget.isHidden()
            ):
                named = widget.accessibleName() or (
                    isinstance(widget, QAbstractButton) and widget.text()
                )
                assert named, f"{type(widget).__name__} on {type(page).__name__} has no name"
            text = widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else ""
            letter = mnemonic(text) if isinstance(text, str) else None
            if letter:
                assert letter not in letters, f"Alt+{letter}: {letters.get(letter)!r} and {text!r}"
                letters[letter] = text
    others = (records.records_page, records.chronology_page, records.privacy_page)
    for page in others:
        letters = dict(menus)
        for widget in page.findChildren(QWidget):
            text = widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else ""
            letter = mnemonic(text) if isinstance(text, str) else None
            if letter:
                assert letter not in letters, f"Alt+{letter}: {letters.get(letter)!r} and {text!r}"
                letters[letter] = text
            if (
                widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and not isinstance(widget, QAbstractButton)
                and own(widget)
            ):
                assert widget.accessibleName(), f"{type(widget).__name__} on {type(page).__name__}"


class Answers:
    """The dialog service, scripted: where to save, and what it was asked."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.asked: list[str] = []

    def save_path(self, title: str, suggested: str, filter_: str) -> Path:
        self.asked.append(f"save {suggested} {filter_}")
        return self.target

    def confirm(self, title: str, text: str) -> bool:
        self.asked.append(text)
        return True


def test_export_from_the_records_list_with_preview_and_redaction(
    unlocked: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    import subprocess

    from wt26desk.records.model import Child, Quote

    window = unlocked
    store = window.records.store
    assert store is not None
    store.save(
        ConcernRecord(
            event_date="2026-11-20",
            reporter_name="Priya Referrer",
            facts="Bruise seen on the left arm at 09:10.",
            quotes=[Quote(text="Mum's boyfriend grabbed me")],
            children=[Child(name="Leah Stone", age_years=9)],
        )
    )
    target = tmp_path / "family-copy.pdf"
    answers = Answers(target)
    window.records.dialogs = answers  # type: ignore[assignment]
    window.records.show_records()
    click(qtbot, Qt.Key.Key_X, lambda: bool(window.records._windows))
    dialog = window.records._windows[-1]
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)  # the window manager's turn
    assert "Priya Referrer" in dialog.preview.toPlainText()
    # Leave out "Reported by" with the keyboard: Alt+I to the list, down to it, Space.
    key(qtbot, Qt.Key.Key_I, ALT)
    assert focused() is dialog.sections
    dialog.sections.setCurrentRow(0)
    for _ in range(2):
        key(qtbot, Qt.Key.Key_Down)
    assert dialog.sections.currentItem().text() == "Reported by"
    key(qtbot, Qt.Key.Key_Space)
    assert "Priya Referrer" not in dialog.preview.toPlainText()
    assert "Left out of this copy: referrer" in dialog.preview.toPlainText()
    shot(dialog, "31-export-preview")
    click(qtbot, Qt.Key.Key_X, target.exists)
    assert any(str(target) in text and "UNENCRYPTED" in text for text in answers.asked)
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True).stdout
    assert "Mum's boyfriend grabbed me" in text and "Priya Referrer" not in text
    assert store.vault.audit_entries()[-1].action == "record.exported"
    # Encrypted to a receiver's key: no confirmation needed, an age file is written.
    import pyrage

    identity = pyrage.x25519.Identity.generate()
    sealed = tmp_path / "for-csc.pdf.age"
    answers.target, answers.asked = sealed, []
    click(qtbot, Qt.Key.Key_E, dialog.encrypt.isChecked)
    dialog.recipient.setText(str(identity.to_public()))
    click(qtbot, Qt.Key.Key_X, sealed.exists)
    assert not any("UNENCRYPTED" in text for text in answers.asked)
    assert pyrage.decrypt(sealed.read_bytes(), [identity]).startswith(b"%PDF")
    # Locking closes the dialog: no record stays on screen.
    window.vault_actions.lock.trigger()
    qtbot.waitUntil(lambda: not window.records._windows)
