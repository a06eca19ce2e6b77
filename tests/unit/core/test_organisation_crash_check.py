"""Organisation settings (IT's file next to the app), the crash handler and the start-up
self-check."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from wt26desk.content_library.library import Library
from wt26desk.errors import ContentError
from wt26desk.organisation import ORG_FILE, apply_organisation, load_organisation
from wt26desk.paths import AppPaths
from wt26desk.self_check import self_check

ORG = """
organisation = "Anytown Primary School"
sensitivity_marking = "OFFICIAL-SENSITIVE: Anytown"
idle_lock_minutes = 5
content_pack_dirs = ["packs/anytown"]
export_recipient = "age1examplekey"
theme = "dark"
locked = ["idle_lock_minutes", "window_geometry"]

[[contacts]]
name = "Front door"
phone = "01234 567890"

[[contacts]]
phone = "no name"
"""


def test_locked_settings_cannot_be_loosened_by_the_user(tmp_path: Path) -> None:
    (tmp_path / ORG_FILE).write_text(ORG)
    org = load_organisation(tmp_path)
    assert org.name == "Anytown Primary School" and org.export_recipient == "age1examplekey"
    assert [c.name for c in org.contacts] == ["Front door"]
    assert org.values["content_pack_dirs"] == (str(tmp_path / "packs" / "anytown"),)
    problems = " | ".join(org.problems)
    assert "theme is not an organisation setting" in problems
    assert "'window_geometry', which an organisation cannot set" in problems
    assert "contact 2 needs a name" in problems
    user = {"idle_lock_minutes": 60, "sensitivity_marking": "MINE", "theme": "light"}
    settings, _ = apply_organisation(user, org)
    assert settings.idle_lock_minutes == 5  # locked: the organisation's value wins
    assert settings.sensitivity_marking == "MINE"  # not locked: the organisation's default
    assert settings.theme == "light"
    defaults, _ = apply_organisation({}, org)
    assert defaults.sensitivity_marking == "OFFICIAL-SENSITIVE: Anytown"


def test_a_bad_organisation_file_is_reported_and_ignored(tmp_path: Path) -> None:
    (tmp_path / ORG_FILE).write_text('idle_lock_minutes = "soon"\nlocked = ["idle_lock_minutes"]')
    org = load_organisation(tmp_path)
    assert "idle_lock_minutes" not in org.values and not org.locked
    assert any("idle_lock_minutes" in p for p in org.problems)
    (tmp_path / ORG_FILE).write_text("this is = = not toml")
    assert "not valid TOML" in load_organisation(tmp_path).problems[0]
    assert load_organisation(tmp_path / "nowhere").problems == ()


CRASH = """
import sys
from pathlib import Path
from wt26desk.crash import install
install(Path(sys.argv[1]))
def save_note(text):
    raise ValueError(f"could not save {text}")
save_note("CANARY Ruby said her stepdad hit her")
"""


def test_a_crash_report_holds_no_note_text(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CRASH, str(tmp_path / "reports")],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])},
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    [report] = (tmp_path / "reports").glob("crash-*.txt")
    text = report.read_text()
    assert "builtins.ValueError" in text and "in save_note" in text
    for output in (text, result.stderr, result.stdout):
        assert "CANARY" not in output and "stepdad" not in output
    assert oct(report.stat().st_mode & 0o777) == "0o600"


def paths_at(folder: Path) -> AppPaths:
    return AppPaths(data_dir=folder, config_dir=folder / "config")


def test_self_check_passes_on_a_good_setup(tmp_path: Path, library: Library) -> None:
    assert self_check(paths_at(tmp_path / "data"), library) == []
    assert not (tmp_path / "data" / ".wt26desk-write-check").exists()


def test_self_check_says_what_is_wrong_and_what_to_do(tmp_path: Path, library: Library) -> None:
    blocked = tmp_path / "data"
    blocked.write_text("a file, not a folder")
    broken = Library(
        library.items, library.packs, (ContentError("local/x.md", "title is missing"),)
    )
    findings = self_check(paths_at(blocked), broken, now=datetime(2019, 5, 1, 9, 0))
    text = " ".join(str(f) for f in findings)
    assert "1 content problem(s)" in text and "content check" in text
    assert "cannot write in" in text and "Nothing can be saved" in text
    assert "clock says 2019-05-01" in text and "Set the correct date" in text
