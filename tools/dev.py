#!/usr/bin/env python3
"""Set up wt26desk from a fresh checkout, then run the app or the whole test suite.

    python3 tools/dev.py run [APP ARGS...]   install what is needed and start the app
    python3 tools/dev.py test [PYTEST ARGS...]  install what is needed and run every check
    python3 tools/dev.py build               build the standalone folder dist/wt26desk/

Standard library only, so it works before anything is installed. On Debian and Ubuntu it
installs the system libraries Qt needs when they are missing (as root, or through sudo);
elsewhere it says what it could not do and carries on. Python packages go into `.venv/`
next to this checkout; nothing is installed system-wide by pip.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".install-stamp"

# Libraries PySide6 needs on a bare Debian, with Qt's offscreen platform (platform-notes.md).
QT_RUNTIME_PACKAGES = [
    "libglib2.0-0",
    "libgl1",
    "libxkbcommon0",
    "libegl1",
    "libfontconfig1",
    "libdbus-1-3",
    "fonts-dejavu-core",
]
# What a real window on an X display needs on top (a desktop session usually has them).
QT_X11_PACKAGES = [
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-shape0",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-image0",
    "libxcb-xinerama0",
]
# Tools the tests use to check exported documents independently of the app.
TEST_TOOL_PACKAGES = ["poppler-utils", "strace", "age"]
# The standalone build: strip (binutils), and trimming Qt's ICU data (icupkg and a compiler).
BUILD_TOOL_PACKAGES = ["binutils", "icu-devtools", "gcc", "libc6-dev"]


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def missing_debian_packages(packages: list[str]) -> list[str]:
    missing = []
    for package in packages:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", package],
            capture_output=True,
            text=True,
            check=False,
        )
        if "install ok installed" not in result.stdout:
            missing.append(package)
    return missing


def apt_install(packages: list[str]) -> bool:
    """Install Debian packages when we are allowed to; return whether they are present."""
    if not packages:
        return True
    if os.geteuid() == 0:
        prefix: list[str] = []
    elif shutil.which("sudo"):
        prefix = ["sudo"]
    else:
        say("please install these system packages, then run this command again:")
        say("  apt-get install " + " ".join(packages))
        return False
    say("installing system packages: " + " ".join(packages))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run([*prefix, "apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(
        [*prefix, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
        check=True,
        env=env,
    )
    return True


def ensure_system_packages(with_display: bool, for_tests: bool, for_build: bool = False) -> None:
    if not sys.platform.startswith("linux") or not shutil.which("dpkg-query"):
        return  # Windows and macOS wheels of Qt carry what they need.
    wanted = list(QT_RUNTIME_PACKAGES)
    if with_display:
        wanted += QT_X11_PACKAGES
    if for_tests:
        wanted += TEST_TOOL_PACKAGES
    if for_build:
        wanted += BUILD_TOOL_PACKAGES
    apt_install(missing_debian_packages(wanted))


def ensure_venv() -> None:
    if venv_python().exists():
        return
    say(f"creating a virtual environment in {VENV}")
    try:
        venv.create(VENV, with_pip=True, upgrade_deps=False)
    except (subprocess.CalledProcessError, OSError):
        # Debian splits ensurepip into python3-venv.
        shutil.rmtree(VENV, ignore_errors=True)
        version = f"python{sys.version_info.major}.{sys.version_info.minor}-venv"
        if not apt_install([version]):
            sys.exit(1)
        venv.create(VENV, with_pip=True, upgrade_deps=False)


def ensure_python_packages(extras: str) -> None:
    """pip install the project (editable) once per change of pyproject.toml and extras."""
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == digest:
        return
    say(f"installing Python packages ({extras or 'app'}) into .venv")
    target = f".[{extras}]" if extras else "."
    subprocess.run(
        [
            str(venv_python()),
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            "-e",
            target,
        ],
        cwd=ROOT,
        check=True,
    )
    STAMP.write_text(digest)


def has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_app(args: list[str]) -> int:
    display = has_display()
    ensure_system_packages(with_display=display, for_tests=False)
    ensure_venv()
    ensure_python_packages("")
    env = dict(os.environ)
    if not display and "QT_QPA_PLATFORM" not in env:
        say("no display found: starting offscreen (set DISPLAY to see the window)")
        env["QT_QPA_PLATFORM"] = "offscreen"
    # --demo: where no vault exists yet, open the demo vault of fictional records.
    command = [str(venv_python()), "-m", "wt26desk", "--demo", *args]
    return subprocess.run(command, env=env).returncode


def run_step(name: str, command: list[str], env: dict[str, str]) -> None:
    say(name)
    result = subprocess.run(command, cwd=ROOT, env=env)
    if result.returncode == 5 and "pytest" in command:
        say("pytest ran no test: that is a failure")
        sys.exit(1)
    if result.returncode != 0:
        say(f"{name}: failed (exit {result.returncode})")
        sys.exit(result.returncode)


def build_bundle(env: dict[str, str]) -> None:
    """PyInstaller one-folder build into dist/wt26desk/ (tests/integration checks it)."""
    py = str(venv_python())
    run_step(
        "standalone build (PyInstaller)",
        [py, "-m", "PyInstaller", "build.spec", "--noconfirm", "--log-level", "WARN"],
        env,
    )


def run_build(args: list[str]) -> int:
    ensure_system_packages(with_display=False, for_tests=False, for_build=True)
    ensure_venv()
    ensure_python_packages("test,build")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    build_bundle(env)
    binary = ROOT / "dist" / "wt26desk" / ("wt26desk.exe" if os.name == "nt" else "wt26desk")
    run_step("smoke test: content check", [str(binary), "content", "check"], env)
    say(f"built {binary}")
    return 0


def run_tests(args: list[str]) -> int:
    ensure_system_packages(with_display=False, for_tests=True, for_build=not args)
    ensure_venv()
    ensure_python_packages("test,build")
    py = str(venv_python())
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    if not args:  # a focused run (arguments given) skips the linters
        run_step("ruff check", [py, "-m", "ruff", "check", "."], env)
        run_step("ruff format --check", [py, "-m", "ruff", "format", "--check", "."], env)
        run_step("mypy", [py, "-m", "mypy"], env)
        run_step("import layers", [str(Path(py).parent / "lint-imports")], env)
        build_bundle(env)  # the frozen app is tested too (tests/integration/test_frozen.py)
    run_step("pytest", [py, "-m", "pytest", *args], env)
    say("all checks passed")
    return 0


def main(argv: list[str]) -> int:
    commands = {"run": run_app, "test": run_tests, "build": run_build}
    if not argv or argv[0] not in commands:
        print(__doc__)
        return 2
    return commands[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
