"""Issue 18 in the window, with two vaults in separate data folders: the practitioner
sends a record to the DSL; the DSL's inbox lists and imports it, triage needs a reason
for no further action, the receipt goes back, and the chronology across staff joins the
two authors' records once the DSL confirms the match; the practitioner imports the
receipt. Screenshots on request (WT26DESK_SCREENSHOTS=DIR)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from wt26desk.cli import build_parser
from wt26desk.commands.context import make_context
from wt26desk.handover.identity import ensure_identity, set_name
from wt26desk.records.model import Child, ConcernRecord, SignOff
from wt26desk.records.store import RecordStore
from wt26desk.ui.application import build_main_window
from wt26desk.ui.main_window import MainWindow
from wt26desk.vault.crypto import KdfParams
from wt26desk.vault.vault import Vault

from .test_accessibility import problems_in
from .test_screenshots import save
from .test_vault_ui import PASS, ScriptedDialogs, unlock

AMIRA = {"name": "Amira Okafor", "date_of_birth": "2019-03-04"}


def make_vault(data_dir: Path, name: str, record: ConcernRecord) -> str:
    vault, _ = Vault.create(data_dir / "vault", PASS, kdf=KdfParams.floor())
    RecordStore(vault).save(record)
    set_name(vault, name)
    key = ensure_identity(vault).recipient
    vault.lock()
    return key


def open_window(qtbot: QtBot, qapp: QApplication, data_dir: Path) -> MainWindow:
    window = build_main_window(
        qapp, make_context(build_parser().parse_args(["--data-dir", str(data_dir)]))
    )
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    window.resize(1200, 800)
    unlock(qtbot, window)
    return window


def test_send_inbox_triage_receipt_and_merged_chronology(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    folder = tmp_path / "handover"
    folder.mkdir()
    sender_dir, dsl_dir = tmp_path / "practitioner", tmp_path / "dsl"
    make_vault(
        sender_dir,
        "Priya Teacher",
        ConcernRecord(
            id="fromprac0001",
            status="submitted",
            event_date="2026-11-20",
            children=[Child(**AMIRA, setting="Anytown Primary")],  # type: ignore[arg-type]
            facts="Amira said her stepdad hit her with a belt; a bruise on her arm.",
            sign_off=SignOff(name="Priya Teacher"),
        ),
    )
    dsl_key = make_vault(
        dsl_dir,
        "Sam Lead, DSL",
        ConcernRecord(
            id="dslown000001",
            event_date="2026-10-02",
            children=[Child(**AMIRA)],  # type: ignore[arg-type]
            facts="Mother phoned: Amira is staying with her aunt this week.",
        ),
    )

    # The practitioner: Send to DSL from the records list.
    window = open_window(qtbot, qapp, sender_dir)
    page = window.records.records_page
    assert page.send_button.isEnabled()
    page.send_button.click()
    dialog = window.handover.send_dialog
    assert dialog is not None and not dialog.send_button.isEnabled()
    dialog.folder.setText(str(folder))
    dialog.recipient.setText(dsl_key[:-1])  # the last character missed when copying
    assert "not a complete age public key" in dialog.check.text()
    assert not dialog.send_button.isEnabled()
    dialog.recipient.setText(dsl_key)
    assert dialog.send_button.isEnabled() and "Fingerprint" in dialog.check.text()
    save(dialog, "handover/01-send-to-dsl")
    assert problems_in(dialog, "send dialog") == []
    dialog.send_button.click()
    [bundle] = folder.iterdir()
    assert bundle.read_bytes().startswith(b"age-encryption.org/v1\n")
    status = page.table.item(0, 2).text()
    assert "handed over" in status and "not yet acknowledged" in status
    save(window, "handover/02-records-handed-over")
    window.close()

    # The DSL: the inbox, import, triage, receipt.
    window = open_window(qtbot, qapp, dsl_dir)
    dialogs = ScriptedDialogs(save_path=tmp_path / "chronology.pdf", confirm=True)
    window.handover.dialogs = dialogs  # type: ignore[assignment]
    window.handover.inbox_action.trigger()
    inbox = window.handover.inbox_page
    assert window.pages.currentWidget() is inbox
    inbox.folder.setText(str(folder))
    inbox.refresh_button.click()
    assert inbox.table.rowCount() == 1
    cells = [inbox.table.item(0, c).text() for c in range(inbox.table.columnCount())]
    assert cells[0] == "Concern" and cells[1] == "Priya Teacher"
    assert inbox.table.item(0, 1).toolTip().startswith("Key fingerprint ")
    assert "Amira Okafor" in cells[2] and cells[6] == "Ready to import"
    assert cells[4] in ("URGENT", "Not urgent") and "abuse" in cells[5].casefold()
    save(window, "handover/03-inbox")
    inbox.import_button.click()
    assert inbox.table.item(0, 6).text() == "Imported just now."  # not "already imported"
    assert "Imported the concern from Priya Teacher" in inbox.notice.text()
    # A file opened by hand that was changed on the way: refused, said in words.
    flipped = bytearray(bundle.read_bytes())
    flipped[-20] ^= 0x01
    (tmp_path / "flipped.age").write_bytes(bytes(flipped))
    dialogs.answers["open_path"] = tmp_path / "flipped.age"
    inbox.open_button.click()
    assert "damaged" in inbox.notice.text().casefold()
    assert inbox.table.item(0, 0).text() == "Unreadable" and inbox.table.rowCount() == 2
    assert not inbox.import_button.isEnabled()
    assert inbox.received_table.rowCount() == 1
    assert inbox.received_table.item(0, 3).text() == "New"

    inbox.state.setCurrentIndex(inbox.state.findData("no-further-action"))
    inbox.reason.setPlainText("")
    inbox.save_triage_button.click()
    assert "reason is required" in inbox.notice.text()
    store = window.records.store
    assert store is not None and store.get("fromprac0001").triage.state == "new"
    inbox.reason.setPlainText("Aunt is a safe carer; seen by the family support worker.")
    inbox.follow_up.set_iso("2026-01-05")
    inbox.save_triage_button.click()
    assert store.get("fromprac0001").triage.state == "no-further-action"
    inbox.state.setCurrentIndex(inbox.state.findData("actioned"))
    inbox.save_triage_button.click()
    assert "OVERDUE" in inbox.received_table.item(0, 4).text()  # 5 January 2026 has passed
    save(window, "handover/04-triage")
    window.set_theme("high-contrast")
    save(window, "handover/04-triage-high-contrast")
    window.set_theme("light")
    assert problems_in(inbox, "inbox") == []

    inbox.receipt_button.click()
    receipts = [p for p in folder.iterdir() if p.name.startswith("receipt-")]
    assert len(receipts) == 1 and store.get("fromprac0001").acknowledged_at
    assert not dialogs.told, dialogs.told

    # The chronology across staff: nothing joins until the DSL confirms the match.
    inbox.chronology_button.click()
    chronology = window.handover.chronology_page
    assert window.pages.currentWidget() is chronology
    assert len(chronology.proposed) == 1
    assert "same name and date of birth" in chronology.matches.item(0).text()
    assert all(len(g.authors) == 1 for g in chronology.groups)
    save(window, "handover/05-match-to-confirm")
    assert problems_in(chronology, "chronology across staff") == []
    chronology.confirm_button.click()
    assert chronology.proposed == []
    group = chronology.current_group()
    assert group is not None and group.authors == ("Priya Teacher", "this vault")
    assert "Priya Teacher" in chronology.html and "This vault (your own record)" in chronology.html
    assert "Mother phoned" in chronology.view.toPlainText()
    save(window, "handover/06-chronology-across-staff")
    chronology.export_button.click()
    pdf = tmp_path / "chronology.pdf"
    assert pdf.read_bytes().startswith(b"%PDF") and not dialogs.told
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Chronology across staff: Amira Okafor" in text and "OFFICIAL-SENSITIVE" in text
        assert "Priya Teacher" in text and "This vault (your own record)" in text
    window.handover.identity_action.trigger()
    key_dialog = window.handover.identity_dialog
    assert key_dialog is not None and key_dialog.recipient.text() == dsl_key
    assert key_dialog.name.text() == "Sam Lead, DSL"
    assert problems_in(key_dialog, "my handover key") == []
    key_dialog.copy_button.click()
    assert QApplication.clipboard().text() == dsl_key
    dialogs.answers["save_path"] = tmp_path / "dsl-key.txt"
    key_dialog.save_button.click()
    saved_key = (tmp_path / "dsl-key.txt").read_text()
    assert dsl_key in saved_key and key_dialog.fingerprint.text() in saved_key
    save(key_dialog, "handover/08-my-key")
    key_dialog.reject()
    window.close()

    # The practitioner imports the receipt from the inbox.
    window = open_window(qtbot, qapp, sender_dir)
    window.handover.inbox_action.trigger()
    inbox = window.handover.inbox_page
    inbox.folder.setText(str(folder))
    inbox.refresh_button.click()
    assert inbox.table.rowCount() == 2 and inbox.table.item(0, 0).text() == "Receipt"
    # The bundle to the DSL is a row of its own, by name, with why it is not imported here.
    assert inbox.table.item(1, 0).text() == "Unreadable"
    assert inbox.table.item(1, 6).text().startswith("A concern you sent (to key ")
    assert inbox.table.item(1, 7).text().startswith("concern-")
    assert "1 cannot be opened here" in inbox.notice.text()
    inbox.import_button.click()
    window.records.show_records()
    status = window.records.records_page.table.item(0, 2).text()
    assert "acknowledged by Sam Lead, DSL" in status
    save(window, "handover/07-acknowledged")
    window.close()

    # Canary: the note's words are nowhere on disk but in the PDF the DSL chose to write.
    words = (b"stepdad hit her", b"Amira Okafor", b"staying with her aunt")
    for file in tmp_path.rglob("*"):
        if file.is_file() and file != pdf:
            assert not any(w in file.read_bytes() for w in words), file
    assert all(p.read_bytes().startswith(b"age-encryption.org/v1\n") for p in folder.iterdir())


def test_import_all_runs_in_the_background_with_progress(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    from wt26desk.handover.service import make_bundle, write_bundle

    folder = tmp_path / "handover"
    folder.mkdir()
    dsl_dir, sender_dir = tmp_path / "dsl", tmp_path / "sender"
    dsl_key = make_vault(dsl_dir, "Sam Lead", ConcernRecord(id="own", facts="Own note."))
    vault, _ = Vault.create(sender_dir, PASS, kdf=KdfParams.floor())
    store = RecordStore(vault)
    for n in range(3):
        store.save(ConcernRecord(id=f"many{n}", children=[Child(name=f"Child {n}")]))
        write_bundle(store, make_bundle(store, f"many{n}", dsl_key, marking="M"), folder)
    (folder / "damaged.age").write_bytes(b"age-encryption.org/v1\n-> X25519 cut")
    vault.lock()

    window = open_window(qtbot, qapp, dsl_dir)
    window.handover.inbox_action.trigger()
    inbox = window.handover.inbox_page
    inbox.folder.setText(str(folder))
    inbox.refresh_button.click()
    assert inbox.table.rowCount() == 4  # the damaged file too, as a row of its own
    assert "1 cannot be opened here" in inbox.notice.text()
    assert "damaged.age" in inbox.notice.text()
    assert inbox.table.item(3, 0).text() == "Unreadable"
    assert inbox.table.item(3, 6).text().startswith("Damaged")
    assert inbox.table.item(3, 7).text() == "damaged.age"
    inbox.table.setFocus()
    inbox.table.setCurrentCell(0, 0)
    qtbot.keyClick(inbox.table, Qt.Key.Key_Return)  # Enter imports the selected one
    assert inbox.received_table.rowCount() == 1
    reports: list[int] = []
    inbox._progress.moved.connect(lambda done, _total: reports.append(done))
    inbox.import_all_button.click()
    qtbot.waitUntil(lambda: inbox.received_table.rowCount() == 3, timeout=20_000)
    assert reports == [1, 2]
    assert inbox.notice.text() == "Imported 2 file(s)."
    assert not inbox.progress.isVisible()
    window.close()


def test_sending_the_record_open_in_the_editor_survives_its_next_save(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    folder = tmp_path / "handover"
    folder.mkdir()
    dsl_key = make_vault(tmp_path / "dsl", "Sam Lead", ConcernRecord(id="x"))
    make_vault(
        tmp_path / "me",
        "Priya Teacher",
        ConcernRecord(id="open1", event_date="2026-11-20", facts="A bruise on the arm."),
    )
    window = open_window(qtbot, qapp, tmp_path / "me")
    store = window.records.store
    assert store is not None
    window.records.open_record(store.get("open1"))
    assert window.records.editing
    window.handover.send_action.trigger()
    dialog = window.handover.send_dialog
    assert dialog is not None
    dialog.recipient.setText(dsl_key)
    dialog.folder.setText(str(folder))
    dialog.send_button.click()
    assert store.get("open1").handed_over_at
    assert window.records.editor.save()
    saved = store.get("open1")
    assert saved.handed_over_at and saved.handover.recipient == dsl_key
    window.close()

    # The vault remembers (encrypted) where it sent: the next time starts there.
    window = open_window(qtbot, qapp, tmp_path / "me")
    window.handover.send("open1")
    again = window.handover.send_dialog
    assert again is not None
    assert again.recipient.text() == dsl_key and again.folder.text() == str(folder)
    again.reject()
    window.close()


def test_send_to_dsl_is_off_until_there_is_a_record_to_send(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    vault, _ = Vault.create(tmp_path / "me" / "vault", PASS, kdf=KdfParams.floor())
    vault.lock()
    window = open_window(qtbot, qapp, tmp_path / "me")
    action = window.handover.send_action
    assert window.handover.inbox_action.isEnabled()
    assert not action.isEnabled()  # no records at all
    assert "choose a saved record" in action.toolTip()
    store = window.records.store
    assert store is not None
    store.save(ConcernRecord(id="one", event_date="2026-11-20", facts="A bruise."))
    page = window.records.records_page
    page.refresh()
    page.table.selectRow(0)
    assert action.isEnabled() and action.toolTip() == "Send to DSL (Ctrl+Shift+D)"
    page.table.clearSelection()
    assert not action.isEnabled()
    window.records.open_record(store.get("one"))
    assert action.isEnabled()  # the record open in the editor
    window.close()
