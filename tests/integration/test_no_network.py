"""The app never opens a network socket: not in Python, not in Qt's native code.

Python-level: an audit hook records every socket the interpreter creates. Native level:
when strace is installed (the test command installs it on Debian), every socket(2) call
of the process and its threads is traced; only local (AF_UNIX) sockets are allowed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .cli_runner import run_cli

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

PASS = "no network here\n"
# (arguments, standard input), run in this order on one data folder.
COMMANDS = [
    (["--smoke"], ""),
    (["vault", "init"], PASS),
    (["vault", "verify"], PASS),
    (["content", "check"], ""),
    (["identity", "show"], PASS),  # makes the vault's age key (issue 18)
    (["content", "search", "fgm", "--json"], ""),
    (["deadlines", "--event", "referral-received", "--date", "2026-01-05", "--json"], ""),
]


def run(
    args: list[str],
    stdin: str,
    data: Path,
    *,
    prefix: tuple[str, ...] = (),
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, data_dir=data, stdin=stdin, prefix=prefix, env=env)


def test_no_python_socket(tmp_path: Path) -> None:
    log = tmp_path / "sockets.log"
    (tmp_path / "sitecustomize.py").write_text(HOOK % str(log))
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    for args, stdin in COMMANDS:
        result = run(args, stdin, tmp_path / "data", env=env)
        assert result.returncode == 0, (args, result.stderr)
        assert not log.exists(), (args, log.read_text())


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_no_native_network_socket(tmp_path: Path) -> None:
    for n, (args, stdin) in enumerate(COMMANDS[:5]):
        trace = tmp_path / f"trace-{n}.txt"
        result = run(
            args,
            stdin,
            tmp_path / "data",
            prefix=("strace", "-f", "-e", "trace=socket,connect", "-o", str(trace)),
        )
        assert result.returncode == 0, (args, result.stderr)
        calls = [
            line
            for line in trace.read_text().splitlines()
            if "socket(" in line or "connect(" in line
        ]
        network = [c for c in calls if "AF_INET" in c or "AF_INET6" in c or "AF_PACKET" in c]
        assert not network, (args, network)
