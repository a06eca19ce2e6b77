"""The CLI as a user or script runs it: real processes, real files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wt26desk.content_library.library import Library

from ..conftest import DATA
from .cli_runner import run_cli


def run(*args: str, data_dir: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run_cli(*args, data_dir=data_dir, stdin=stdin)


def test_help_lists_the_commands(data_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "wt26desk", "--help"], capture_output=True, text=True, check=True
    )
    for word in ("content", "deadlines", "--smoke", "--data-dir"):
        assert word in result.stdout


def test_content_check_passes_and_counts(data_dir: Path) -> None:
    result = run("content", "check", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "standard: 21" in result.stdout and "harm-area: 18" in result.stdout
    assert "quiz coverage 21/21 standards, 18/18 harm areas" in result.stdout
    assert "claims register:" in result.stdout


def test_content_check_fails_on_a_broken_pack_naming_file_line_field(data_dir: Path) -> None:
    result = run("content", "check", "--pack", str(DATA / "packs" / "broken"), data_dir=data_dir)
    assert result.returncode == 1
    assert "broken/wrong-type.md:7 [sources]" in result.stderr
    assert "standard: 21" in result.stdout  # the rest still loaded


def test_list_standards_json(data_dir: Path) -> None:
    result = run("content", "list", "standards", "--json", data_dir=data_dir)
    rows = json.loads(result.stdout)
    assert [r["id"] for r in rows][:6] == ["A1", "A2", "A3", "A4", "A5", "B1"]
    assert rows[0]["section"] == "A" and rows[0]["sources"] == ["WT2026 Appendix 1, A1"]
    harms = json.loads(run("content", "list", "harm-areas", "--json", data_dir=data_dir).stdout)
    assert len(harms) == 18 and all(h["sources"] for h in harms)


def test_show_and_search(data_dir: Path) -> None:
    shown = json.loads(run("content", "show", "B3", "--json", data_dir=data_dir).stdout)
    assert shown["id"] == "B3" and shown["kind"] == "standard" and shown["questions"]
    missing = run("content", "show", "Z9", data_dir=data_dir)
    assert missing.returncode == 1 and "no item" in missing.stderr
    hits = json.loads(run("content", "search", "sextortion", "--json", data_dir=data_dir).stdout)
    assert hits[0]["id"] == "online-harms"


def test_deadlines_json_across_christmas(data_dir: Path) -> None:
    result = run(
        "deadlines",
        "--event",
        "referral-received",
        "--date",
        "2025-12-24",
        "--json",
        data_dir=data_dir,
    )
    data = json.loads(result.stdout)
    [due] = data["due"]
    assert due["due"] == "2025-12-29" and due["sources"] and due["period"] == "1 working day"


def test_deadlines_rejects_unknown_event_and_bad_date(data_dir: Path) -> None:
    unknown = run("deadlines", "--event", "tea-break", "--date", "2026-01-05", data_dir=data_dir)
    assert unknown.returncode == 2 and "referral-received" in unknown.stderr
    bad = run("deadlines", "--event", "referral-received", "--date", "5/1/26", data_dir=data_dir)
    assert bad.returncode == 2 and "not a date" in bad.stderr


def test_deadlines_say_act_by_the_working_day_before_and_keep_the_old_event_name(
    data_dir: Path,
) -> None:
    # 24 Dec 2026 + 1 month is Sun 24 Jan 2027.
    fgm = run("deadlines", "--event", "fgm-known", "--date", "2026-12-24", data_dir=data_dir)
    assert "act by the working day before, Fri 22 Jan 2027" in fgm.stdout
    old = run(
        "deadlines", "--event", "assessment-started", "--date", "2026-03-02", data_dir=data_dir
    )
    assert old.returncode == 0 and old.stdout.startswith("2026-05-07")


def test_local_strategy_discussion_setting(data_dir: Path) -> None:
    (data_dir / "config").mkdir()
    (data_dir / "config" / "settings.json").write_text('{"strategy_discussion_working_days": 1}')
    result = run(
        "deadlines",
        "--event",
        "significant-harm-suspected",
        "--date",
        "2026-03-06",
        "--json",
        data_dir=data_dir,
    )
    [due] = json.loads(result.stdout)["due"]
    assert due["due"] == "2026-03-09" and due["national"] is False


def test_smoke_paints_the_window(data_dir: Path, library: Library) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "wt26desk", "--smoke", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "smoke: window painted" in result.stdout
    assert f"{len(library)} items" in result.stdout


def test_demo_opens_the_demo_vault_only_where_nothing_is_set_up(data_dir: Path) -> None:
    def smoke() -> str:
        result = subprocess.run(
            [sys.executable, "-m", "wt26desk", "--demo", "--smoke", "--data-dir", str(data_dir)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert "demo vault open" in smoke()
    assert (data_dir / "training-vault").is_dir() and not (data_dir / "vault").exists()
    init = run_cli("vault", "init", data_dir=data_dir, stdin="a real passphrase of mine\n" * 2)
    assert init.returncode == 0, init.stderr
    assert "vault locked" in smoke()  # a real vault: the app starts at its lock screen


def no_display_env() -> dict[str, str]:
    env = dict(os.environ)
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(name, None)
    return env


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's xcb platform only")
def test_smoke_without_a_display_paints_offscreen_with_a_one_line_notice(data_dir: Path) -> None:
    """No DISPLAY and no QT_QPA_PLATFORM: Qt's xcb plugin would abort (exit 134)."""
    result = subprocess.run(
        [sys.executable, "-m", "wt26desk", "--smoke", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        env=no_display_env(),
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "smoke: window painted" in result.stdout
    notice = [line for line in result.stderr.splitlines() if "display" in line]
    assert notice == [
        "wt26desk: no display found (DISPLAY is not set): painting the window offscreen"
    ]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's xcb platform only")
def test_the_window_without_a_display_says_why_and_exits_1(data_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "wt26desk", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        env=no_display_env(),
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "no display found" in result.stderr and "--smoke" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX signals")
def test_ctrl_c_closes_the_window_quietly_with_exit_130(data_dir: Path) -> None:
    env = dict(no_display_env(), QT_QPA_PLATFORM="offscreen")
    app = subprocess.Popen(
        [sys.executable, "-m", "wt26desk", "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    time.sleep(4)  # started and painted
    app.send_signal(signal.SIGINT)
    _out, err = app.communicate(timeout=30)
    assert app.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
