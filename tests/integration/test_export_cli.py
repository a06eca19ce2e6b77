"""Exports as a receiver meets them: real processes, real files, checked with independent
tools (pdftotext and pdftoppm from poppler-utils, python-docx, the `age` command)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from docx import Document

from wt26desk.records.model import Action, Child, ConcernRecord, Mark, Quote, SignOff
from wt26desk.records.store import RecordStore
from wt26desk.vault.crypto import KdfParams
from wt26desk.vault.vault import Vault

from .cli_runner import run_cli

PASS = "export test passphrase"
WORDS = "Dad hit me with the belt because I spilled the milk"


def make_record(data_dir: Path, *, training: bool = False) -> str:
    vault, _ = Vault.create(data_dir / "vault", PASS, kdf=KdfParams.floor(), training=training)
    store = RecordStore(vault)
    record = ConcernRecord(
        event_date="2026-11-20",
        event_time="09:10",
        place="Year 3 classroom",
        reporter_name="Priya Referrer",
        reporter_role="Class teacher",
        children=[Child(name="Amira Okafor", age_years=7), Child(name_unknown=True, age_years=4)],
        facts="At 09:10 I saw a bruise on Amira's left cheek, 3 cm across, purple.\n" * 3,
        quotes=[Quote(text=WORDS, asked="Tell me what happened")],
        marks=[Mark(x=0.5, y=0.08, size="3 cm", colour="purple", location="left cheek")],
        actions=[
            Action(
                who="Children's social care",
                name="Duty worker Lee",
                when="2026-11-20 10:05",
                reference="CSC-4471",
            )
        ],
        sign_off=SignOff(name="Priya Referrer", role="Class teacher", date="2026-11-20"),
    )
    store.save(record)
    vault.lock()
    return record.id


def export(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("export", *args, data_dir=data_dir, stdin=PASS + "\n")


def pdf_text(path: Path) -> str:
    """The PDF's text in reading order, with table cells that wrap joined up again."""
    raw = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return "\f".join(" ".join(page.split()) for page in raw.split("\f"))


def test_pdf_has_real_text_marking_pages_and_renders(data_dir: Path, tmp_path: Path) -> None:
    record_id = make_record(data_dir)
    out = tmp_path / "referral.pdf"
    result = export(data_dir, record_id, "--format", "pdf", "--out", str(out), "--yes")
    assert result.returncode == 0, result.stderr
    assert "UNENCRYPTED PDF" in result.stderr and str(out) in result.stderr
    text = pdf_text(out)
    assert WORDS in text and "CSC-4471" in text and "Children's social care" in text
    assert "OFFICIAL-SENSITIVE" in text and "Page 1 of" in text and "revision 1" in text
    assert "Physical abuse" in text  # harm areas considered
    assert "TRAINING" not in text
    # A page rendered by poppler is a real page with ink on it.
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")],
        check=True,
    )
    from PySide6.QtGui import QImage

    image = QImage(str(next(tmp_path.glob("page*.png"))))
    assert image.width() > 300 and image.height() > image.width()  # A4 portrait
    dark = sum(
        1
        for y in range(0, image.height(), 3)
        for x in range(0, image.width(), 3)
        if image.pixelColor(x, y).lightness() < 128
    )
    assert dark > 200  # text was drawn, not a blank page


def test_docx_holds_the_same_sections(data_dir: Path, tmp_path: Path) -> None:
    record_id = make_record(data_dir)
    pdf, docx = tmp_path / "r.pdf", tmp_path / "r.docx"
    assert (
        export(data_dir, record_id, "--format", "pdf", "--out", str(pdf), "--yes").returncode == 0
    )
    assert (
        export(data_dir, record_id, "--format", "docx", "--out", str(docx), "--yes").returncode == 0
    )
    document = Document(str(docx))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "The child's own words" in headings and "Actions and who was told" in headings
    text = pdf_text(pdf)
    for heading in headings:
        assert heading.split(":")[0] in text, heading
    assert any(WORDS in p.text for p in document.paragraphs)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "CSC-4471" in cells
    assert "OFFICIAL-SENSITIVE" in document.sections[0].header.paragraphs[0].text


def test_json_export_import_export_is_identical(data_dir: Path, tmp_path: Path) -> None:
    record_id = make_record(data_dir)
    first = tmp_path / "one.json"
    assert (
        export(data_dir, record_id, "--format", "json", "--out", str(first), "--yes").returncode
        == 0
    )
    other = tmp_path / "other-machine"
    Vault.create(other / "vault", PASS, kdf=KdfParams.floor())[0].lock()
    result = run_cli("import", str(first), data_dir=other, stdin=PASS + "\n")
    assert result.returncode == 0, result.stderr
    listed = run_cli("records", "list", "--json", data_dir=other, stdin=PASS + "\n")
    rows = json.loads(listed.stdout)["records"]
    assert [r["id"] for r in rows] == [record_id]
    second = tmp_path / "two.json"
    assert (
        export(other, record_id, "--format", "json", "--out", str(second), "--yes").returncode == 0
    )
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(first.read_bytes())
    assert data["schema"] == "wt26desk-referral" and data["version"] == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json", "not valid JSON"),
        (b'{"schema": "something"}', "not a wt26desk referral"),
        (b'{"schema": "wt26desk-referral", "version": 99}', "version 99"),
        (
            b'{"schema": "wt26desk-referral", "version": 1, "record": '
            b'{"id": "x", "status": "draft", "children": "Amira"}}',
            "record.children must be a list",
        ),
    ],
)
def test_import_refuses_bad_files_clearly(
    data_dir: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    make_record(data_dir)
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    result = run_cli("import", str(bad), data_dir=data_dir, stdin=PASS + "\n")
    assert result.returncode == 1 and message in result.stderr, result.stderr


@pytest.mark.skipif(shutil.which("age") is None, reason="the age tool is not installed")
def test_age_bundle_opens_with_the_age_tool_and_not_with_another_key(
    data_dir: Path, tmp_path: Path
) -> None:
    record_id = make_record(data_dir)
    key, other = tmp_path / "key.txt", tmp_path / "other.txt"
    for path in (key, other):
        subprocess.run(["age-keygen", "-o", str(path)], check=True, capture_output=True)
    public = subprocess.run(
        ["age-keygen", "-y", str(key)], capture_output=True, text=True, check=True
    ).stdout.strip()
    sealed, plain = tmp_path / "r.json.age", tmp_path / "r.json"
    assert (
        export(data_dir, record_id, "--format", "json", "--out", str(plain), "--yes").returncode
        == 0
    )
    result = export(
        data_dir,
        record_id,
        "--format",
        "age",
        "--inner",
        "json",
        "--recipient",
        public,
        "--out",
        str(sealed),
    )
    assert result.returncode == 0, result.stderr
    assert sealed.read_bytes().startswith(b"age-encryption.org/v1")
    opened = subprocess.run(
        ["age", "-d", "-i", str(key), str(sealed)], capture_output=True, check=False
    )
    assert opened.returncode == 0
    # The same JSON export, plus the handover block naming the sender (issue 18).
    inside = json.loads(opened.stdout)
    assert inside.pop("handover")["sender"]["recipient"].startswith("age1")
    assert inside == json.loads(plain.read_bytes())
    refused = subprocess.run(
        ["age", "-d", "-i", str(other), str(sealed)], capture_output=True, check=False
    )
    assert refused.returncode != 0 and refused.stdout == b""


def test_age_bundle_with_a_passphrase(data_dir: Path, tmp_path: Path) -> None:
    import pyrage

    record_id = make_record(data_dir)
    secret = tmp_path / "secret.txt"
    secret.write_text("bundle passphrase for the receiver\n")
    sealed = tmp_path / "r.pdf.age"
    result = export(
        data_dir,
        record_id,
        "--format",
        "age",
        "--age-passphrase-file",
        str(secret),
        "--out",
        str(sealed),
    )
    assert result.returncode == 0, result.stderr
    opened = pyrage.passphrase.decrypt(sealed.read_bytes(), "bundle passphrase for the receiver")
    assert opened.startswith(b"%PDF")
    with pytest.raises(pyrage.DecryptError):
        pyrage.passphrase.decrypt(sealed.read_bytes(), "wrong passphrase entirely")


def test_plaintext_needs_confirmation_and_redaction_leaves_things_out(
    data_dir: Path, tmp_path: Path
) -> None:
    record_id = make_record(data_dir)
    out = tmp_path / "family-copy.pdf"
    refused = export(data_dir, record_id, "--format", "pdf", "--out", str(out))
    assert refused.returncode == 1 and "--yes" in refused.stderr and not out.exists()
    result = export(
        data_dir,
        record_id,
        "--format",
        "pdf",
        "--out",
        str(out),
        "--yes",
        "--redact",
        "referrer",
        "sign-off",
        "--withhold",
        "Duty worker Lee",
    )
    assert result.returncode == 0, result.stderr
    text = pdf_text(out)
    assert "Priya Referrer" not in text and "Duty worker Lee" not in text
    assert "[name withheld]" in text and "Left out of this copy" in text and WORDS in text
    bad = export(
        data_dir, record_id, "--format", "pdf", "--out", str(out), "--yes", "--redact", "nonsense"
    )
    assert bad.returncode == 1 and "Unknown section" in bad.stderr


def test_every_export_is_in_the_audit_log_with_its_hash(data_dir: Path, tmp_path: Path) -> None:
    import hashlib

    record_id = make_record(data_dir)
    out = tmp_path / "r.docx"
    assert (
        export(data_dir, record_id, "--format", "docx", "--out", str(out), "--yes").returncode == 0
    )
    vault = Vault.unlock(data_dir / "vault", PASS)
    try:
        entry = vault.audit_entries()[-1]
    finally:
        vault.lock()
    assert entry.action == "record.exported"
    assert entry.detail["format"] == "docx" and entry.detail["target"] == str(out.resolve())
    assert entry.detail["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()


def test_training_exports_are_stamped_on_every_page(data_dir: Path, tmp_path: Path) -> None:
    record_id = make_record(data_dir, training=True)
    out = tmp_path / "training.pdf"
    assert (
        export(data_dir, record_id, "--format", "pdf", "--out", str(out), "--yes").returncode == 0
    )
    pages = pdf_text(out).split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 2 and all("TRAINING - FICTIONAL" in p for p in pages)


def test_killed_mid_export_leaves_no_partial_file(data_dir: Path, tmp_path: Path) -> None:
    record_id = make_record(data_dir)
    out = tmp_path / "killed.pdf"
    for delay in (0.3, 0.6, 0.9, 1.2, 1.5, 1.8):
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "wt26desk",
                "export",
                record_id,
                "--format",
                "pdf",
                "--out",
                str(out),
                "--yes",
                "--data-dir",
                str(data_dir),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert process.stdin is not None
        process.stdin.write((PASS + "\n").encode())
        process.stdin.close()
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        if out.exists():  # finished before the kill: then it is whole
            assert "Page 1 of" in pdf_text(out)
            out.unlink()
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".killed.pdf")]
    assert not out.exists()
    if hasattr(os, "O_TMPFILE"):  # written with no name, then linked in whole
        assert leftovers == []
    for name in leftovers:  # elsewhere a kill may leave one, removed at the next export
        assert name.endswith(".wt26desk-tmp")


def test_a_full_disk_gives_a_clear_error_and_no_file(data_dir: Path, tiny_filesystem: Path) -> None:
    record_id = make_record(data_dir)
    filler = tiny_filesystem / "filler"
    free = os.statvfs(tiny_filesystem)
    filler.write_bytes(b"x" * (free.f_bavail * free.f_frsize - 8192))
    out = tiny_filesystem / "referral.pdf"
    result = export(data_dir, record_id, "--format", "pdf", "--out", str(out), "--yes")
    assert result.returncode == 1
    assert "error:" in result.stderr and "Nothing was changed" in result.stderr
    assert sorted(p.name for p in tiny_filesystem.iterdir()) == ["filler"]


def test_leaving_out_the_facts_leaves_no_trace_of_them(data_dir: Path, tmp_path: Path) -> None:
    record_id = make_record(data_dir)
    out = tmp_path / "no-facts.json"
    assert (
        export(
            data_dir,
            record_id,
            "--format",
            "json",
            "--out",
            str(out),
            "--yes",
            "--redact",
            "facts",
            "child-words",
            "injuries",
        ).returncode
        == 0
    )
    pdf = tmp_path / "no-facts.pdf"
    args = ("--redact", "facts", "child-words", "injuries")
    assert (
        export(data_dir, record_id, "--format", "pdf", "--out", str(pdf), "--yes", *args).returncode
        == 0
    )
    for text in (out.read_text(), pdf_text(pdf)):
        assert "bruise" not in text.lower() and "belt" not in text.lower()
