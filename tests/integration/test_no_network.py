"""The app never opens a network socket: not in Python, not in Qt's native code.

Python-level: an audit hook records every socket the interpreter creates. Native level:
when strace is installed (the test command installs it on Debian), every socket(2) call
of the process and its threads is traced; only local (AF_UNIX) sockets are allowed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HOOK = """
import sys
def _hook(event, args):
    if event in ("socket.__new__", "socket.connect", "socket.bind", "socket.getaddrinfo"):
        family = args[1] if event == "socket.__new__" and len(args) > 1 else None
        if event == "socket.__new__" and family == 1:  # AF_UNIX is local, not network
            return
        with open(%r, "a") as log:
            log.write(f"{event} {args!r}\\n")
sys.addaudithook(_hook)
"""

COMMANDS = [
    ["--smoke"],
    ["content", "check"],
    ["content", "search", "fgm", "--json"],
    ["deadlines", "--event", "referral-received", "--date", "2026-01-05", "--json"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_no_python_socket(args: list[str], tmp_path: Path) -> None:
    log = tmp_path / "sockets.log"
    (tmp_path / "sitecustomize.py").write_text(HOOK % str(log))
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "wt26desk", *args, "--data-dir", str(tmp_path / "data")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert not log.exists(), log.read_text()


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
@pytest.mark.parametrize("args", COMMANDS[:2], ids=lambda a: a[0])
def test_no_native_network_socket(args: list[str], tmp_path: Path) -> None:
    trace = tmp_path / "trace.txt"
    result = subprocess.run(
        [
            "strace",
            "-f",
            "-e",
            "trace=socket,connect",
            "-o",
            str(trace),
            sys.executable,
            "-m",
            "wt26desk",
            *args,
            "--data-dir",
            str(tmp_path / "data"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    calls = [
        line for line in trace.read_text().splitlines() if "socket(" in line or "connect(" in line
    ]
    network = [c for c in calls if "AF_INET" in c or "AF_INET6" in c or "AF_PACKET" in c]
    assert not network, network
