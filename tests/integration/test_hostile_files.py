"""Hostile files met by real processes (issue 15): deep nesting, control characters and
impossible numbers. Each is reported by name and the app still starts; none ends in a
traceback or reaches the terminal raw."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from wt26desk.organisation import ORG_FILE
from wt26desk.vault.crypto import KdfParams
from wt26desk.vault.vault import Vault

from .cli_runner import run_cli

PASS = "hostile files passphrase"
DEEP = 5_000


def deep_pack(folder: Path) -> Path:
    folder.mkdir()
    (folder / "pack.toml").write_text('name = "Deep"\nschema_version = 1\n')
    (folder / "deep.toml").write_text("[[item]]\nid = " + "[" * DEEP + "]" * DEEP + "\n")
    return folder


def smoke(data_dir: Path, *extra: str, code: str = "") -> subprocess.CompletedProcess[str]:
    """Start the window, paint it once and quit (`--smoke`), in a real process."""
    prefix = code + "\nimport sys\nfrom wt26desk.app import main\nsys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", prefix, "--smoke", "--data-dir", str(data_dir), *extra],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr, (
        result.stderr[-2000:]
    )


def test_a_deep_content_pack_is_reported_and_the_window_opens(
    data_dir: Path, tmp_path: Path
) -> None:
    pack = deep_pack(tmp_path / "deep-pack")
    checked = run_cli("content", "check", "--pack", str(pack), data_dir=data_dir)
    no_traceback(checked)
    assert checked.returncode == 1 and "deep-pack/deep.toml" in checked.stderr
    assert "nested more than" in checked.stderr and "standard: 21" in checked.stdout
    shown = smoke(data_dir, "--pack", str(pack))
    no_traceback(shown)
    assert shown.returncode == 0 and "smoke: window painted" in shown.stdout


def test_deep_settings_json_gives_defaults_and_every_command_still_runs(data_dir: Path) -> None:
    config = data_dir / "config"
    config.mkdir()
    (config / "settings.json").write_text('{"theme": ' + "[" * 100_000 + "]" * 100_000 + "}")
    listed = run_cli("content", "list", "standards", data_dir=data_dir)
    no_traceback(listed)
    assert listed.returncode == 0 and "A1" in listed.stdout
    assert "settings.json" in listed.stderr and "nested more than" in listed.stderr
    shown = smoke(data_dir)
    no_traceback(shown)
    assert shown.returncode == 0 and "smoke: window painted" in shown.stdout


def test_a_deep_organisation_file_is_ignored_and_the_app_starts(
    data_dir: Path, tmp_path: Path
) -> None:
    app = tmp_path / "app"
    app.mkdir()
    (app / ORG_FILE).write_text("organisation = " + "[" * DEEP + "]" * DEEP + "\n")
    # The organisation file lives next to the app: point the app's folder at `app`.
    code = (
        "import pathlib, wt26desk.organisation as o\n"
        f"o.app_folder = lambda: pathlib.Path({str(app)!r})"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            code + "\nimport sys\nfrom wt26desk.app import main\nsys.exit(main(sys.argv[1:]))",
            "--data-dir",
            str(data_dir),
            "check",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    no_traceback(result)
    assert ORG_FILE in result.stderr and "nested more than" in result.stderr
    assert "data folder" in result.stdout
    shown = smoke(data_dir, code=code)
    no_traceback(shown)
    assert shown.returncode == 0 and "smoke: window painted" in shown.stdout
    assert ORG_FILE in shown.stdout  # the self-check shows the problem in the window


def test_a_deep_json_import_is_refused_naming_the_file(data_dir: Path, tmp_path: Path) -> None:
    Vault.create(data_dir / "vault", PASS, kdf=KdfParams.floor())[0].lock()
    bad = tmp_path / "deep-import.json"
    bad.write_text(
        json.dumps({"schema": "wt26desk-referral", "version": 1})[:-1]
        + ', "record": '
        + "[" * 100_000
        + "]" * 100_000
        + "}"
    )
    result = run_cli("import", str(bad), data_dir=data_dir, stdin=PASS + "\n")
    no_traceback(result)
    assert result.returncode == 1
    assert str(bad) in result.stderr and "nested more than" in result.stderr


HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202eAmira\rForged\nImported new record FAKE"
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\r")


def clean(result: subprocess.CompletedProcess[str]) -> str:
    """Both streams, after checking that no control character reached the terminal."""
    for stream in (result.stdout, result.stderr):
        for char in RAW:
            assert char not in stream, (char, stream)
    return result.stdout + result.stderr


def test_names_from_an_import_never_reach_the_terminal_raw(data_dir: Path, tmp_path: Path) -> None:
    from wt26desk.exports.json_format import dump
    from wt26desk.records.model import Child, ConcernRecord

    Vault.create(data_dir / "vault", PASS, kdf=KdfParams.floor())[0].lock()
    record = ConcernRecord(id="hostile1", event_date="2026-11-20", children=[Child(name=HOSTILE)])
    source = tmp_path / "hostile.json"
    source.write_bytes(dump(record, marking="OFFICIAL", training=False, redacted=[]))
    imported = run_cli("import", str(source), data_dir=data_dir, stdin=PASS + "\n")
    assert imported.returncode == 0, imported.stderr
    text = clean(imported)
    assert "\\u001b]0;pwned\\u0007" in text  # shown, visibly escaped
    assert len(imported.stdout.splitlines()) == 1  # the name's newline forged no line
    listed = run_cli("records", "list", data_dir=data_dir, stdin=PASS + "\n")
    assert listed.returncode == 0
    assert len(clean(listed).strip().splitlines()) == 1
    as_json = run_cli("records", "list", "--json", data_dir=data_dir, stdin=PASS + "\n")
    clean(as_json)
    [row] = json.loads(as_json.stdout)["records"]
    assert row["children"] == [HOSTILE]  # JSON output still carries the exact name


def test_titles_and_errors_from_a_content_pack_are_shown_safely(
    data_dir: Path, tmp_path: Path
) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "pack.toml").write_text('name = "Evil\\u001b[2J pack"\nschema_version = 1\n')
    (pack / "page.md").write_text(
        '+++\nid = "evil-page"\nkind = "page"\ngroup = "local"\n'
        'title = "Title \\u001b]0;pwned\\u0007 \\u009b2J"\nsummary = "x"\nsources = ["x"]\n+++\n'
    )
    (pack / "bad.md").write_text('+++\nid = "bad\\u001b[2J"\nkind = "nonsense\\u001b[31m"\n+++\n')
    for args in (
        ("content", "check"),
        ("content", "list", "standards"),
        ("content", "show", "evil-page"),
        ("content", "search", "pwned"),
        ("content", "search", "pwned", "--json"),
    ):
        result = run_cli(*args, "--pack", str(pack), data_dir=data_dir)
        clean(result)
    shown = run_cli(
        "content", "show", "evil-page", "--json", "--pack", str(pack), data_dir=data_dir
    )
    clean(shown)
    assert json.loads(shown.stdout)["title"] == "Title \x1b]0;pwned\x07 \x9b2J"
