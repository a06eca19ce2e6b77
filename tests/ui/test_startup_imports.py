"""Start-up: nothing is imported before the first paint that the first paint does not need.

Run in a fresh process (this one has imported everything): the window is built the way
`wt26desk` builds it, shown and painted, and the modules loaded by then are listed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wt26desk.commands import LIST_KINDS
from wt26desk.commands.content import LISTS

FIRST_PAINT = """
import sys
from wt26desk.app import choose_display
from wt26desk.cli import parse_arguments
from wt26desk.commands.context import make_context

args = parse_arguments(["--data-dir", sys.argv[1]])
from wt26desk.ui.application import build_main_window, make_application

app = make_application(sys.argv[:1])
window = build_main_window(app, make_context(args))
window.show()
assert not window.grab().isNull() and window.isVisible()
painted = " ".join(sorted(sys.modules))  # what the first paint needed
print(
    type(window).__module__,
    type(window.pages.currentWidget()).__name__,
    window.lock_page.modes.currentIndex(),  # 0 unlock, 2 welcome
    window.pages.count(),  # the pages built so far
)
print(painted)
assert len(window.library) > 0  # the content, loaded after the first paint
print("files" if "wt26desk.content_library.loader" in sys.modules else "snapshot")
"""

# Used later, on first use of what needs them; never to paint the first page.
NOT_BEFORE_FIRST_PAINT = (
    "sqlite3",  # the vault database: opened when unlocking
    "cryptography",
    "argon2",
    "markdown",
    "markdown_it",
    "spellchecker",  # the prompt engine's word lists
    "Stemmer",
    "docx",
    "lxml",
    "tomllib",  # content is read from the snapshot
    "pickle",  # the snapshot: read after the first paint, whichever the first page
    "wt26desk.content_library.models",  # no content on the welcome or unlock page
    "wt26desk.content_library.library",
    "wt26desk.content_library.claims",
    "wt26desk.ui.library.content_snapshot",
    "wt26desk.self_check",  # after the first paint: it reads the content's problems
    "wt26desk.content_library.loader",
    "wt26desk.content_library.render",
    "wt26desk.prompts",
    "wt26desk.exports.exporter",  # the toolbar's icons need only exports.drawing
    "wt26desk.vector",  # the icons' strokes were read from their SVG by tools/icon_shapes.py
    "wt26desk.exports.pdf",
    "wt26desk.exports.word",
    "wt26desk.exports.age_bundle",
    "wt26desk.training.demo",
    "wt26desk.vault.vault",
    "platform",  # for a crash report
    "locale",  # argparse's messages (gettext): the window's options are read without it
    "platformdirs",  # the per-user folders: not with --data-dir, as here
    "wt26desk.ui.library.library_panel",
    "wt26desk.ui.common.read_only_browser",
    "wt26desk.ui.records.record_editor",
    "wt26desk.ui.records.export_dialog",
    "wt26desk.ui.training.presentation",
    "wt26desk.ui.vault.create_vault_dialog",
    "wt26desk.ui.vault.privacy_page",  # built when the screen is first hidden
    "wt26desk.ui.records.records_page",  # built when the records are first shown
    "wt26desk.ui.insights.insights_page",  # charts, tables and date fields
    "wt26desk.ui.insights.bar_chart_widget",
    "wt26desk.ui.common.date_field",
    "wt26desk.vault.passphrase",  # strength of a new passphrase: creating or resetting
    "PySide6.QtPrintSupport",
    "PySide6.QtSvg",
)


def run_offscreen(script: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run a start-up script in a fresh process on the offscreen platform; it must succeed."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", script, str(data_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result


def first_paint_modules(data_dir: Path) -> tuple[str, set[str], str]:
    """The first page as "module Page mode pages", the modules loaded to paint it, and
    where the content came from once loaded after the paint ("files" or "snapshot")."""
    result = run_offscreen(FIRST_PAINT, data_dir)
    page, modules, source = result.stdout.splitlines()[-3:]
    return page, set(modules.split()), source


def loaded(modules: set[str], name: str) -> bool:
    return name in modules or any(m.startswith(name + ".") for m in modules)


# The pages in the stack at the first paint: the lock page alone (the guidance follows
# the first paint; records, insights, the privacy screen and the rest on first use).
PAGES_AT_FIRST_PAINT = 1


@pytest.mark.slow
def test_first_paint_loads_only_what_it_shows(tmp_path: Path) -> None:
    first_page, first, source = first_paint_modules(tmp_path / "d")  # writes the snapshot
    assert source == "files"  # read and checked from the files, after the first paint
    assert not loaded(first, "wt26desk.content_library")
    page, modules, source = first_paint_modules(tmp_path / "d")
    assert source == "snapshot"
    # The real window, on the welcome page (no vault yet), with no other page built.
    assert page == first_page == f"wt26desk.ui.main_window LockPage 2 {PAGES_AT_FIRST_PAINT}"
    early = [name for name in NOT_BEFORE_FIRST_PAINT if loaded(modules, name)]
    assert early == []


@pytest.mark.slow
def test_the_unlock_page_paints_as_lightly(tmp_path: Path) -> None:
    """With a vault the first page is the passphrase: it needs no more than the welcome."""
    from wt26desk.vault.crypto import KdfParams
    from wt26desk.vault.vault import Vault

    vault, _recovery = Vault.create(
        tmp_path / "d" / "vault", "correct horse battery", kdf=KdfParams.floor()
    )
    vault.lock()
    first_paint_modules(tmp_path / "d")  # writes the snapshot
    page, modules, _source = first_paint_modules(tmp_path / "d")
    assert page == f"wt26desk.ui.main_window LockPage 0 {PAGES_AT_FIRST_PAINT}"
    early = [name for name in NOT_BEFORE_FIRST_PAINT if loaded(modules, name)]
    assert early == []


def test_the_parser_names_every_list() -> None:
    assert sorted(LISTS) == sorted(LIST_KINDS)


GC_AT_FIRST_PAINT = """
import builtins, gc, sys
seen = []
real_print = builtins.print
def spy(*args, **kwargs):
    if args and str(args[0]).startswith("smoke: first paint"):
        seen.append(gc.isenabled())
    return real_print(*args, **kwargs)
builtins.print = spy
from wt26desk.app import main
code = main(["--smoke", "--data-dir", sys.argv[1]])
real_print("collector at first paint:", seen, "after:", gc.isenabled())
sys.exit(code)
"""


@pytest.mark.slow
def test_the_cycle_collector_is_back_on_once_the_window_is_built(tmp_path: Path) -> None:
    """It is off while Qt and the window are made (nothing made then is garbage), and
    must be on again for the rest of the session, else cycles would pile up."""
    result = run_offscreen(GC_AT_FIRST_PAINT, tmp_path / "d")
    assert "collector at first paint: [True] after: True" in result.stdout


def test_pysides_question_of_each_module_is_answered_from_its_file() -> None:
    """PySide asks of every module imported after it whether its source says "PySide6"
    (wt26desk.ui answers by reading the file's bytes, not through inspect): the same
    answers as PySide's own, for modules with and without it and without a source file."""
    import inspect
    import json
    import math

    import wt26desk.paths
    import wt26desk.ui.main_window

    check = sys.modules["shibokensupport.feature"]._mod_uses_pyside
    assert getattr(check, "quick", False)  # installed when wt26desk.ui was imported

    def pysides_own(module: object) -> bool:
        try:
            return "PySide6" in inspect.getsource(module)  # type: ignore[arg-type]
        except (TypeError, OSError):
            return False

    modules = (wt26desk.ui.main_window, wt26desk.paths, json, math, sys)
    assert [check(m) for m in modules] == [pysides_own(m) for m in modules]
    assert check(wt26desk.ui.main_window) and not check(wt26desk.paths)


def test_the_bundle_keeps_pysides_own_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """The standalone bundle has no sources to read: PySide's own check stays there."""
    from wt26desk.ui import quick_pyside_check

    feature = sys.modules["shibokensupport.feature"]

    def pysides(module: object) -> bool:
        return False

    monkeypatch.setattr(feature, "_mod_uses_pyside", pysides)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    quick_pyside_check()
    assert feature._mod_uses_pyside is pysides
    monkeypatch.delattr(sys, "frozen")
    quick_pyside_check()
    assert getattr(feature._mod_uses_pyside, "quick", False)
