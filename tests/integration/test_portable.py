"""Portable mode (a USB stick): everything stays in the app's folder, nothing in the home
folder or the system's temporary folder. Without it, the app folder is never written."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def copy_app(target: Path) -> Path:
    """The app as it sits on a stick: the package, its content and resources."""
    app = target / "stick" / "wt26desk-app"
    for name in ("wt26desk", "content", "resources"):
        shutil.copytree(ROOT / name, app / name, ignore=shutil.ignore_patterns("__pycache__"))
    return app


def run(app: Path, home: Path, tmp: Path, *args: str, stdin: str = "") -> str:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "TMPDIR": str(tmp),
        "PYTHONPATH": str(app),
        "PYTHONDONTWRITEBYTECODE": "1",
        "QT_QPA_PLATFORM": "offscreen",
        "WT26DESK_KDF_PROFILE": "minimum",
    }
    result = subprocess.run(
        [sys.executable, "-m", "wt26desk", *args],
        cwd=app,
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, (args, result.stderr)
    return result.stdout


def files_in(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*")}


@pytest.mark.parametrize("how", ["marker", "flag"])
def test_portable_mode_leaves_nothing_outside_its_folder(tmp_path: Path, how: str) -> None:
    app = copy_app(tmp_path)
    home, tmp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    tmp.mkdir()
    before = files_in(app)
    flag: tuple[str, ...] = ()
    if how == "marker":
        (app / "wt26desk.portable").write_text("")
    else:
        flag = ("--portable",)
    out = run(app, home, tmp, *flag, "check")
    assert "data folder (portable)" in out and "wt26desk-data" in out
    assert "demo vault open" in run(app, home, tmp, *flag, "--smoke", "--demo")
    run(app, home, tmp, *flag, "vault", "init", stdin="stick passphrase\n" * 2)
    assert "self-check ok" in run(app, home, tmp, *flag, "--smoke")
    assert files_in(home) == set(), files_in(home)
    assert files_in(tmp) == set(), files_in(tmp)
    new = {p.parts[0] for p in files_in(app) - before}
    assert new <= {"wt26desk-data", "wt26desk.portable"}, new
    data = app / "wt26desk-data"
    assert (data / "vault").is_dir() and (data / "training-vault").is_dir()
    assert (data / "config" / "settings.json").is_file()


def test_an_installed_app_never_writes_to_its_own_folder(tmp_path: Path) -> None:
    app = copy_app(tmp_path)
    home, tmp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    tmp.mkdir()
    before = {p: p.stat().st_mtime_ns for p in app.rglob("*")}
    run(app, home, tmp, "--smoke", "--demo")
    run(app, home, tmp, "vault", "init", stdin="home passphrase\n" * 2)
    assert {p: p.stat().st_mtime_ns for p in app.rglob("*")} == before
    assert (home / ".local" / "share" / "wt26desk" / "vault").is_dir()  # per-user folders


def test_portable_mode_on_a_read_only_stick_says_what_to_do(tmp_path: Path) -> None:
    app = copy_app(tmp_path)
    (app / "wt26desk.portable").write_text("")
    (app / "wt26desk-data").write_text("a file where the folder should be")
    result = subprocess.run(
        [sys.executable, "-m", "wt26desk", "check"],
        cwd=app,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(app), "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "portable mode" in result.stderr and "cannot be written" in result.stderr
    assert "Traceback" not in result.stderr
