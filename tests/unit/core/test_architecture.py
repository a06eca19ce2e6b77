"""Layering that import-linter cannot express: Qt widgets stay in the UI.

The core (everything but wt26desk/ui/ and the composition root app.py) must not import
PySide6.QtWidgets, and must be importable without a QApplication or a display."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[3] / "wt26desk"
UI_ALLOWED = {PACKAGE / "app.py"}


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def core_files() -> list[Path]:
    return [
        p
        for p in PACKAGE.rglob("*.py")
        if "ui" not in p.relative_to(PACKAGE).parts and p not in UI_ALLOWED
    ]


def test_core_never_imports_qt_widgets_or_the_ui() -> None:
    files = core_files()
    assert len(files) > 10
    for path in files:
        modules = imported_modules(path)
        bad = {m for m in modules if m.startswith(("PySide6.QtWidgets", "wt26desk.ui"))}
        assert not bad, f"{path.relative_to(PACKAGE)} imports {bad}"


def test_core_imports_without_qt_widgets_loaded() -> None:
    code = (
        "import sys, importlib, pkgutil, wt26desk\n"
        "for m in pkgutil.walk_packages(wt26desk.__path__, 'wt26desk.'):\n"
        "    if '.ui' not in m.name and m.name not in ('wt26desk.app', 'wt26desk.__main__'):\n"
        "        importlib.import_module(m.name)\n"
        "assert 'PySide6.QtWidgets' not in sys.modules, 'widgets loaded by the core'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
