"""The standalone build (dist/wt26desk/, made by `tools/dev.py build` and by the test
command before pytest): it starts offscreen, opens the library, checks its content, quits
cleanly, opens no network socket, and stays within its size budget."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from wt26desk.content_library.library import Library

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "wt26desk"
BINARY = BUNDLE / ("wt26desk.exe" if os.name == "nt" else "wt26desk")

pytestmark = pytest.mark.skipif(
    not BINARY.exists(), reason="no standalone build: run python3 tools/dev.py build"
)


def frozen(
    *args: str, home: Path, stdin: str = "", prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "QT_QPA_PLATFORM": "offscreen",
        "WT26DESK_KDF_PROFILE": "minimum",
    }
    return subprocess.run(
        [*prefix, str(BINARY), *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_the_frozen_app_starts_opens_the_library_and_quits(
    tmp_path: Path, library: Library
) -> None:
    data = tmp_path / "data"
    check = frozen("content", "check", home=tmp_path)
    assert check.returncode == 0 and f"ok: {len(library)} items" in check.stdout, check.stderr
    smoke = frozen("--smoke", "--demo", "--data-dir", str(data), home=tmp_path)
    assert smoke.returncode == 0, smoke.stderr
    assert f"window painted 1200x800, {len(library)} items, demo vault open" in smoke.stdout
    assert "Traceback" not in smoke.stderr


def test_the_bundle_starts_from_its_own_content_snapshot(tmp_path: Path) -> None:
    """The validated library is built into the bundle: the first start reads it, and
    writes no snapshot of its own in the user's cache (a damaged or stale one is never
    trusted: tests/ui/test_content_snapshot.py)."""
    shipped = list((BUNDLE / "_internal" / "content-snapshot").glob("content-*.snapshot"))
    assert len(shipped) == 1
    data = tmp_path / "data"
    smoke = frozen("--smoke", "--data-dir", str(data), home=tmp_path)
    assert smoke.returncode == 0, smoke.stderr
    assert not list((data / "cache").glob("content-*.snapshot"))


def test_the_frozen_app_keeps_a_vault_and_prompts(tmp_path: Path) -> None:
    data = tmp_path / "data"
    init = frozen(
        "vault", "init", "--data-dir", str(data), home=tmp_path, stdin="frozen pass\n" * 2
    )
    assert init.returncode == 0, init.stderr
    verify = frozen(
        "vault", "verify", "--data-dir", str(data), home=tmp_path, stdin="frozen pass\n"
    )
    assert verify.returncode == 0, verify.stderr
    concern = json.dumps(
        {"text": "A bruise on his cheek.", "children": [{"age_months": 3, "mobile": False}]}
    )
    prompts = frozen("prompts", "--json", home=tmp_path, stdin=concern)
    assert prompts.returncode == 0, prompts.stderr
    assert "infant-abuse" in {a["id"] for a in json.loads(prompts.stdout)["harm_areas"]}


def test_the_frozen_app_works_out_intervals(tmp_path: Path) -> None:
    """SciPy loads in the bundle (its vendored libraries must survive the build's strip)."""
    from wt26desk.records.model import Child, ConcernRecord
    from wt26desk.records.store import RecordStore
    from wt26desk.vault.crypto import KdfParams
    from wt26desk.vault.vault import Vault

    data = tmp_path / "data"
    vault, _ = Vault.create(data / "vault", "frozen pass", kdf=KdfParams.floor())
    for n in range(12):
        child = Child(name=f"Child {n}", ethnicity="black" if n < 7 else "white")
        RecordStore(vault).save(ConcernRecord(event_date="2026-05-01", children=[child]))
    vault.lock()
    roll = tmp_path / "roll.csv"
    roll.write_text("characteristic,value,children\nethnicity,black,30\nethnicity,white,300\n")
    args = ("--from", "2026-01-01", "--to", "2026-12-31", "--no-prompts")
    result = frozen(
        "insights",
        "--json",
        *args,
        "--cohort",
        str(roll),
        "--data-dir",
        str(data),
        home=tmp_path,
        stdin="frozen pass\n",
    )
    assert result.returncode == 0, result.stderr
    black = json.loads(result.stdout)["disproportionality"][0]
    assert black["value"] == "black" and black["ratio"] == 14.0
    low, high = black["ratio_interval"]
    assert 1 < low < 14 < high


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_the_frozen_app_opens_no_network_socket(tmp_path: Path) -> None:
    trace = tmp_path / "trace.txt"
    result = frozen(
        "--smoke",
        "--demo",
        "--data-dir",
        str(tmp_path / "data"),
        home=tmp_path,
        prefix=("strace", "-f", "-e", "trace=socket,connect", "-o", str(trace)),
    )
    assert result.returncode == 0, result.stderr
    calls = [line for line in trace.read_text().splitlines() if "socket(" in line]
    assert not [c for c in calls if "AF_INET" in c or "AF_PACKET" in c], calls


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the budget is measured on Linux")
def test_the_bundle_is_within_its_size_budget() -> None:
    """Under 240 MB unpacked and 95 MB zipped (each file deflated at level 9, as zip does).
    It was 130 and 55 until the lead's disproportionality intervals brought SciPy and NumPy
    (issue 19: about 115 MB unpacked and 44 MB zipped of the 227 and 91 measured)."""
    files = [p for p in BUNDLE.rglob("*") if p.is_file() and not p.is_symlink()]
    unpacked = sum(p.stat().st_size for p in files)
    zipped = sum(len(zlib.compress(p.read_bytes(), 9)) for p in files)
    assert unpacked < 240e6, f"{unpacked / 1e6:.1f} MB unpacked"
    assert zipped < 95e6, f"{zipped / 1e6:.1f} MB zipped"
    names = {p.name for p in files}
    assert not any(n.startswith(("libQt6Network", "libQt6Wayland", "libqvnc")) for n in names)
    assert BUNDLE.joinpath("_internal", "content", "pack.toml").is_file()
