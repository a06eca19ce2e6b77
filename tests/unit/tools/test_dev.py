"""tools/dev.py's decisions on a fresh machine (issue 14): which system packages it asks
for before it starts, what it does with a broken .venv, what it says and does without
root or sudo, and that it finds administrators' tools in /usr/sbin and /sbin."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

TOOLS = Path(__file__).resolve().parents[3] / "tools"
VERSION = f"{sys.version_info.major}.{sys.version_info.minor}"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_{name}_under_test", TOOLS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def dev(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    module = load("dev")
    monkeypatch.setattr(module, "VENV", tmp_path / ".venv")
    monkeypatch.setattr(module, "STAMP", tmp_path / ".venv" / ".install-stamp")
    return module


def no_commands(*args: object, **kwargs: object) -> None:
    raise AssertionError(f"ran a command it should not have: {args}")


# --- the venv module and libpython ----------------------------------------------------


def test_debian_python_asks_for_its_venv_and_libpython_packages_up_front(dev, monkeypatch):
    monkeypatch.setattr(dev, "is_debian_python", lambda: True)
    run = dev.wanted_packages(with_display=False, for_tests=False, for_build=False)
    test = dev.wanted_packages(with_display=False, for_tests=True, for_build=True)
    assert f"python{VERSION}-venv" in run and f"libpython{VERSION}" not in run
    assert {f"python{VERSION}-venv", f"libpython{VERSION}", "icu-devtools", "age"} <= set(test)
    assert "libgl1" in run and "libxcb-cursor0" not in run


def test_everything_missing_is_installed_in_one_step(dev, monkeypatch):
    monkeypatch.setattr(dev, "is_debian_python", lambda: True)
    monkeypatch.setattr(dev.shutil, "which", lambda name, path=None: f"/usr/bin/{name}")
    monkeypatch.setattr(dev, "missing_debian_packages", lambda wanted: wanted[-3:])
    calls: list[list[str]] = []
    monkeypatch.setattr(dev, "apt_install", calls.append)
    dev.ensure_system_packages(with_display=False, for_tests=True, for_build=True)
    assert calls == [["libc6-dev", f"python{VERSION}-venv", f"libpython{VERSION}"]]


def test_a_python_without_ensurepip_stops_with_words_and_leaves_no_half_made_venv(
    dev, monkeypatch, capsys
):
    def failing_venv(command, **kwargs):
        (dev.VENV / "bin").mkdir(parents=True)  # what Debian's venv leaves behind
        return subprocess.CompletedProcess(command, 1, "", "ensurepip is not available")

    monkeypatch.setattr(dev.subprocess, "run", failing_venv)
    monkeypatch.setattr(dev, "has_ensurepip", lambda: False)
    monkeypatch.setattr(dev, "ensure_system_packages", lambda **kwargs: None)
    assert dev.main(["run"]) == 1
    out = capsys.readouterr()
    assert f"python{VERSION}-venv" in out.out and "Traceback" not in out.out + out.err
    assert not dev.VENV.exists()


# --- a broken .venv --------------------------------------------------------------------


def test_a_venv_without_python_or_pip_or_from_another_python_is_rebuilt(dev, monkeypatch):
    assert dev.venv_problem() is None  # none yet: simply created
    (dev.VENV / "bin").mkdir(parents=True)
    assert "no Python inside" in dev.venv_problem()

    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(dev.VENV)], check=True)
    assert "no pip inside" in dev.venv_problem()

    config = dev.VENV / "pyvenv.cfg"
    config.write_text(config.read_text().replace(f"version = {VERSION}", "version = 3.9"))
    assert "made by Python 3.9" in dev.venv_problem()

    created: list[bool] = []
    monkeypatch.setattr(dev, "create_venv", lambda: created.append(True))
    dev.ensure_venv()
    assert created == [True] and not dev.VENV.exists()  # removed, then made anew


def test_a_working_venv_is_kept(dev, monkeypatch):
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(dev.VENV)], check=True)
    site = next((dev.VENV / "lib").glob("python*/site-packages"))
    (site / "pip").mkdir()
    (site / "pip" / "__init__.py").write_text("")
    assert dev.venv_problem() is None
    monkeypatch.setattr(dev, "create_venv", no_commands)
    dev.ensure_venv()


def test_the_venvs_own_python_running_dev_keeps_the_venv(dev):
    """`.venv/bin/python tools/dev.py build` once deleted the .venv it ran from (it took
    the venv's python for another Python) and then could not make a new one. A venv whose
    python is a copy (`--copies`, as on Windows) showed it."""
    subprocess.run(
        [sys.executable, "-m", "venv", "--copies", "--without-pip", str(dev.VENV)], check=True
    )
    site = next((dev.VENV / "lib").glob("python*/site-packages"))
    (site / "pip").mkdir()
    (site / "pip" / "__init__.py").write_text("")
    asked = (
        "import importlib.util, pathlib, sys\n"
        f"spec = importlib.util.spec_from_file_location('dev', {str(TOOLS / 'dev.py')!r})\n"
        "dev = importlib.util.module_from_spec(spec); spec.loader.exec_module(dev)\n"
        f"dev.VENV = pathlib.Path({str(dev.VENV)!r})\n"
        "print(dev.venv_problem())\n"
    )
    shown = subprocess.run(
        [str(dev.venv_python()), "-c", asked], capture_output=True, text=True, check=True
    )
    assert shown.stdout.strip() == "None", shown.stdout + shown.stderr


# --- no root and no sudo ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("sudo", "expected"),
    [
        (None, "su -c 'apt-get install -y --no-install-recommends libgl1 age'"),
        ("/usr/bin/sudo", "sudo apt-get install -y --no-install-recommends libgl1 age"),
    ],
)
def test_without_root_or_sudo_it_prints_the_one_command_and_stops(
    dev, monkeypatch, capsys, sudo, expected
):
    monkeypatch.setattr(dev.os, "geteuid", lambda: 1000)
    monkeypatch.setattr(dev, "find_tool", lambda name: sudo if name == "sudo" else None)
    monkeypatch.setattr(dev, "sudo_works_without_password", lambda: False)  # needs a password
    monkeypatch.setattr(dev.sys, "stdin", None)  # and there is no terminal to type it at
    monkeypatch.setattr(dev.shutil, "which", lambda name, path=None: f"/usr/bin/{name}")
    monkeypatch.setattr(dev, "missing_debian_packages", lambda wanted: ["libgl1", "age"])
    monkeypatch.setattr(dev.subprocess, "run", no_commands)
    monkeypatch.setattr(dev, "ensure_venv", no_commands)  # it stops: nothing carries on

    with pytest.raises(SystemExit) as stopped:
        dev.main(["test"])
    assert stopped.value.code == 1
    out = capsys.readouterr().out
    commands = [line.strip() for line in out.splitlines() if not line.startswith("[dev]")]
    assert commands == [expected]  # one command, then it stops


def test_root_installs_quietly_with_one_line(dev, monkeypatch, capsys):
    monkeypatch.setattr(dev.os, "geteuid", lambda: 0)
    ran: list[list[str]] = []

    def apt(command, **kwargs):
        ran.append(command)
        return subprocess.CompletedProcess(command, 0, "Unpacking libgl1 ...\n" * 50, None)

    monkeypatch.setattr(dev.subprocess, "run", apt)
    dev.apt_install(["libgl1", "age"])
    out = capsys.readouterr().out
    assert out == "[dev] installing system packages: libgl1 age\n"  # no dpkg unpack log
    assert ran[-1][-2:] == ["libgl1", "age"] and "-qq" in ran[-1]


def test_passwordless_sudo_is_used(dev, monkeypatch):
    monkeypatch.setattr(dev.os, "geteuid", lambda: 1000)
    monkeypatch.setattr(dev, "find_tool", lambda name: "/usr/bin/sudo")
    monkeypatch.setattr(dev, "sudo_works_without_password", lambda: True)
    assert dev.privilege() == ["sudo", "-n"]


# --- tools in /usr/sbin and /sbin ------------------------------------------------------


@pytest.mark.parametrize("module", ["dev", "trim_icu"])
def test_tools_in_sbin_are_found_off_a_users_path(module, tmp_path, monkeypatch):
    tools = load(module)
    sbin = tmp_path / "sbin"
    sbin.mkdir()
    icupkg = sbin / "icupkg"
    icupkg.write_text("#!/bin/sh\n")
    icupkg.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))  # an ordinary user's PATH, no sbin
    monkeypatch.setattr(tools, "SBIN_DIRS", (str(tmp_path / "nothing"), str(sbin)))
    assert tools.find_tool("icupkg") == str(icupkg)
    assert tools.find_tool("no-such-tool") is None


def test_the_build_and_tests_see_sbin_on_their_path(dev, monkeypatch):
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    path = dev.build_env()["PATH"].split(":")
    assert path[:2] == ["/usr/bin", "/bin"] and "/usr/sbin" in path and "/sbin" in path


# --- the app's exit code ---------------------------------------------------------------


def test_a_child_killed_by_a_signal_reports_as_a_shell_does(dev):
    assert dev.exit_code(-2) == 130 and dev.exit_code(0) == 0 and dev.exit_code(3) == 3


def test_python_packages_are_installed_once_for_the_extras_asked(dev, monkeypatch, tmp_path):
    monkeypatch.setattr(dev, "ROOT", tmp_path)
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    dev.VENV.mkdir()
    installs: list[list[str]] = []

    def pip(command, **kwargs):
        installs.append(command)
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(dev.subprocess, "run", pip)
    dev.ensure_python_packages("test,build")
    dev.ensure_python_packages("")  # `run` after `test`: already there
    dev.ensure_python_packages("test")
    assert len(installs) == 1
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'y'\n")
    dev.ensure_python_packages("")
    assert len(installs) == 2
