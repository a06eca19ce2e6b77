#!/usr/bin/env python3
"""Set up wt26desk from a fresh checkout, then run the app or the whole test suite.

    python3 tools/dev.py run [APP ARGS...]      install what is needed and start the app
    python3 tools/dev.py test [PYTEST ARGS...]  install what is needed and run every check
    python3 tools/dev.py build                  build the standalone folder dist/wt26desk/

    -v (before the command, e.g. `python3 tools/dev.py -v test`) shows every detail.

Standard library only, so it works before anything is installed. On Debian and Ubuntu it
first works out every system package it needs (Qt's libraries, `python3.X-venv`,
`libpython3.X` for the build, the test tools) and installs the missing ones in one step,
as root or through sudo; without either it prints the one command to run and stops.
Python packages go into `.venv/` next to this checkout (rebuilt if it is broken or was
made by another Python); nothing is installed system-wide by pip.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".install-stamp"
VERBOSE = False
# Debian keeps administrators' tools (icupkg, ldconfig) here, off an ordinary user's PATH.
SBIN_DIRS = ("/usr/local/sbin", "/usr/sbin", "/sbin")

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


class SetupError(Exception):
    """A set-up problem, said in words; never shown as a traceback."""


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def detail(message: str) -> None:
    if VERBOSE:
        say(message)


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def find_tool(name: str) -> str | None:
    """A program on PATH, or in the sbin folders an ordinary user's PATH leaves out."""
    return shutil.which(name) or shutil.which(name, path=os.pathsep.join(SBIN_DIRS))


# --- system packages -------------------------------------------------------------------


def python_version() -> str:
    return f"{sys.version_info.major}.{sys.version_info.minor}"


def is_debian_python() -> bool:
    """Debian's (or Ubuntu's) own Python, which splits venv and libpython into packages."""
    return sys.platform.startswith("linux") and Path(sys.base_prefix) == Path("/usr")


def has_ensurepip() -> bool:
    return importlib.util.find_spec("ensurepip") is not None


def wanted_packages(*, with_display: bool, for_tests: bool, for_build: bool) -> list[str]:
    """Every Debian package this command needs, before anything starts."""
    wanted = list(QT_RUNTIME_PACKAGES)
    if with_display:
        wanted += QT_X11_PACKAGES
    if for_tests:
        wanted += TEST_TOOL_PACKAGES
    if for_build:
        wanted += BUILD_TOOL_PACKAGES
    if is_debian_python():
        wanted.append(f"python{python_version()}-venv")  # ensurepip, which venv needs
        if for_build:
            wanted.append(f"libpython{python_version()}")  # PyInstaller bundles it
    return wanted


def missing_debian_packages(packages: list[str]) -> list[str]:
    if not packages:
        return []
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Package} ${Status}\n", *packages],
        capture_output=True,
        text=True,
        check=False,
    )
    installed = {
        line.split()[0]
        for line in result.stdout.splitlines()
        if line.endswith("install ok installed")
    }
    return [p for p in packages if p not in installed]


def sudo_works_without_password() -> bool:
    return (
        subprocess.run(
            ["sudo", "-n", "true"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
        ).returncode
        == 0
    )


def privilege() -> list[str] | None:
    """How to run apt-get: [] as root, a sudo prefix, or None when we cannot."""
    if os.geteuid() == 0:
        return []
    if find_tool("sudo"):
        if sudo_works_without_password():
            return ["sudo", "-n"]
        if sys.stdin is not None and sys.stdin.isatty():
            return ["sudo"]  # sudo asks for the password at the terminal
    return None


def install_command(packages: list[str]) -> str:
    """The one command a person runs by hand to install what is missing."""
    apt = "apt-get install -y --no-install-recommends " + " ".join(packages)
    if find_tool("sudo"):
        return "sudo " + apt
    return f"su -c '{apt}'"


def apt_install(packages: list[str]) -> None:
    """Install the missing Debian packages in one quiet step, or stop with the command."""
    if not packages:
        return
    prefix = privilege()
    if prefix is None:
        say("this needs system packages that only an administrator can install.")
        say("Run this command (or ask your IT team to), then run this one again:")
        print(f"    {install_command(packages)}", flush=True)
        raise SystemExit(1)
    how = "" if not prefix else " with sudo"
    say(f"installing system packages{how}: {' '.join(packages)}")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    options = ["-o", "DPkg::Lock::Timeout=300"]
    quiet = [] if VERBOSE else ["-qq"]
    output = None if VERBOSE else subprocess.PIPE
    update = subprocess.run(
        [*prefix, "apt-get", *options, *quiet, "update"],
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    install_options = ["install", "-y", "--no-install-recommends"]
    install = subprocess.run(
        [*prefix, "apt-get", *options, *quiet, *install_options, *packages],
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    if install.returncode != 0:
        for result in (update, install):
            if result.stdout:
                print(result.stdout.rstrip()[-3000:], file=sys.stderr)
        raise SetupError(
            f"installing the system packages failed (apt-get exit {install.returncode}). "
            f"To try by hand: {install_command(packages)}"
        )


def ensure_system_packages(*, with_display: bool, for_tests: bool, for_build: bool = False) -> None:
    if not sys.platform.startswith("linux"):
        return  # Windows and macOS wheels of Qt carry what they need.
    if not (shutil.which("dpkg-query") and shutil.which("apt-get")):
        detail("not Debian or Ubuntu: system libraries are not checked")
        return
    wanted = wanted_packages(with_display=with_display, for_tests=for_tests, for_build=for_build)
    missing = missing_debian_packages(wanted)
    detail(f"system packages needed: {len(wanted)}, missing: {' '.join(missing) or 'none'}")
    apt_install(missing)


# --- the virtual environment -----------------------------------------------------------


def read_venv_config(folder: Path) -> dict[str, str]:
    config: dict[str, str] = {}
    try:
        text = (folder / "pyvenv.cfg").read_text(encoding="utf-8")
    except OSError:
        return config
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            config[key.strip()] = value.strip()
    return config


def venv_problem() -> str | None:
    """Why `.venv` cannot be used as it is, in words; None when it is fine or absent."""
    if not VENV.exists():
        return None
    if not venv_python().exists():
        return "it has no Python inside (a set-up that stopped half way)"
    config = read_venv_config(VENV)
    made_by = config.get("executable")
    version = config.get("version") or config.get("version_info", "")
    current = f"{sys.version_info.major}.{sys.version_info.minor}.{sys.version_info.micro}"
    if version and not version.startswith(current):
        return f"it was made by Python {version}; this is Python {current}"
    # Run from inside a virtual environment (even .venv's own python), the Python that
    # made it is the one underneath.
    this = Path(getattr(sys, "_base_executable", sys.executable)).resolve()
    if made_by and Path(made_by).resolve() != this:
        return f"it was made by {made_by}; this is {this}"
    check = subprocess.run(
        [str(venv_python()), "-c", "import pip"], capture_output=True, check=False
    )
    if check.returncode != 0:
        return "it has no pip inside (a set-up that stopped half way)"
    return None


def create_venv() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "venv", str(VENV)], capture_output=True, text=True, check=False
    )
    if result.returncode == 0 and venv_python().exists():
        return
    shutil.rmtree(VENV, ignore_errors=True)  # never leave a half-made one behind
    words = (result.stdout + result.stderr).strip()
    if VERBOSE and words:
        print(words, file=sys.stderr)
    hint = ""
    if not has_ensurepip():
        hint = (
            f" This Python has no ensurepip module: on Debian or Ubuntu install "
            f"python{python_version()}-venv, elsewhere use a Python from python.org."
        )
    raise SetupError(f"could not create .venv with {sys.executable}.{hint}")


def ensure_venv() -> None:
    problem = venv_problem()
    if problem:
        say(f"rebuilding .venv: {problem}")
        shutil.rmtree(VENV)
    elif venv_python().exists():
        return
    else:
        say(f"creating a virtual environment in {VENV}")
    create_venv()


def ensure_python_packages(extras: str) -> None:
    """pip install the project (editable) once per change of pyproject.toml, or when extras
    not installed yet are wanted (`run` after `test` installs nothing)."""
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    wanted = set(filter(None, extras.split(",")))
    try:
        stamp_digest, _, installed = STAMP.read_text().strip().partition(" ")
    except OSError:
        stamp_digest, installed = "", ""
    if stamp_digest == digest and wanted <= set(filter(None, installed.split(","))):
        return
    say(f"installing Python packages ({extras or 'app'}) into .venv")
    target = f".[{extras}]" if extras else "."
    quiet = [] if VERBOSE else ["-q"]
    command = [str(venv_python()), "-m", "pip", "install", *quiet]
    result = subprocess.run(
        [*command, "--disable-pip-version-check", "-e", target],
        cwd=ROOT,
        stdout=None if VERBOSE else subprocess.PIPE,
        stderr=None if VERBOSE else subprocess.STDOUT,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        if result.stdout:
            print(result.stdout.rstrip()[-5000:], file=sys.stderr)
        raise SetupError(
            "pip could not install the Python packages (its message is above). Check the "
            "network or your pip settings (`pip config list`), then run this again."
        )
    if stamp_digest == digest:
        wanted |= set(filter(None, installed.split(",")))
    STAMP.write_text(f"{digest} {','.join(sorted(wanted))}")


# --- the commands ----------------------------------------------------------------------


def has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def exit_code(returncode: int) -> int:
    """A child killed by a signal (negative code) as a shell reports it: 128 + signal."""
    return 128 - returncode if returncode < 0 else returncode


def run_app(args: list[str]) -> int:
    display = has_display()
    ensure_system_packages(with_display=display, for_tests=False)
    ensure_venv()
    ensure_python_packages("")
    env = dict(os.environ)
    if not display and "QT_QPA_PLATFORM" not in env:
        env["QT_QPA_PLATFORM"] = "offscreen"
        if "--smoke" in args:
            say("no display found: painting the window offscreen")
        else:
            say(
                "no display found (DISPLAY is not set): the app is running offscreen, where "
                "nobody can see it. Press Ctrl+C to stop it; to see the window, run this "
                "from a desktop session."
            )
    # --demo: where no vault exists yet, open the demo vault of fictional records.
    command = [str(venv_python()), "-m", "wt26desk", "--demo", *args]
    child = subprocess.Popen(command, env=env)
    try:
        return exit_code(child.wait())
    except KeyboardInterrupt:  # the app closes itself on Ctrl+C (sent again if it missed it)
        try:
            child.send_signal(signal.SIGINT)
            child.wait(timeout=10)
        except (subprocess.TimeoutExpired, KeyboardInterrupt):
            child.kill()
            child.wait()
        return 130


def run_step(
    name: str, command: list[str], env: dict[str, str], *, show_output: bool = False
) -> str:
    """One stage, one line; its output only when it fails (or with -v, or show_output)."""
    say(name)
    capture = not (VERBOSE or show_output)
    result = subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.STDOUT if capture else None,
        text=True,
        check=False,
    )
    if result.returncode != 0 and capture and result.stdout:
        print(result.stdout.rstrip(), flush=True)
    if result.returncode == 5 and "pytest" in command:
        say("pytest ran no test: that is a failure")
        raise SystemExit(1)
    if result.returncode != 0:
        say(f"{name}: failed (exit {result.returncode})")
        raise SystemExit(exit_code(result.returncode) or 1)
    return result.stdout or ""


def build_bundle(env: dict[str, str]) -> None:
    """PyInstaller one-folder build into dist/wt26desk/ (tests/integration checks it)."""
    py = str(venv_python())
    level = "WARN" if VERBOSE else "ERROR"  # its warnings are about optional modules
    output = run_step(
        "standalone build (PyInstaller)",
        [py, "-m", "PyInstaller", "build.spec", "--noconfirm", "--log-level", level],
        env,
    )
    for line in output.splitlines():
        if line.startswith("ICU data left whole"):  # the bundle will miss its size budget
            say(f"  {line}")


def build_env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    path = env.get("PATH", os.defpath).split(os.pathsep)
    env["PATH"] = os.pathsep.join(path + [d for d in SBIN_DIRS if d not in path])
    return env


def run_build(args: list[str]) -> int:
    ensure_system_packages(with_display=False, for_tests=False, for_build=True)
    ensure_venv()
    ensure_python_packages("test,build")
    env = build_env()
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
    env = build_env()
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    if not args:  # a focused run (arguments given) skips the linters
        run_step("ruff check", [py, "-m", "ruff", "check", "."], env)
        run_step("ruff format --check", [py, "-m", "ruff", "format", "--check", "."], env)
        run_step("mypy", [py, "-m", "mypy"], env)
        run_step("import layers", [str(Path(py).parent / "lint-imports")], env)
        build_bundle(env)  # the frozen app is tested too (tests/integration/test_frozen.py)
    run_step("pytest", [py, "-m", "pytest", *args], env, show_output=True)
    say("all checks passed")
    return 0


def main(argv: list[str]) -> int:
    global VERBOSE
    while argv and argv[0] in ("-v", "--verbose"):
        VERBOSE = True
        argv = argv[1:]
    commands = {"run": run_app, "test": run_tests, "build": run_build}
    if not argv or argv[0] not in commands:
        print(__doc__)
        return 2
    try:
        return commands[argv[0]](argv[1:])
    except SetupError as problem:
        say(f"stopped: {problem}")
        return 1
    except KeyboardInterrupt:
        print(flush=True)
        return 130
    except OSError as problem:  # a folder that cannot be written, a program that is gone
        say(f"stopped: {problem}")
        return 1


if __name__ == "__main__":
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `dev.py test | head` ends quietly
    sys.exit(main(sys.argv[1:]))
