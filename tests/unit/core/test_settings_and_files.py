from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from wt26desk.fileio import WriteError, atomic_write_text
from wt26desk.paths import resolve_paths
from wt26desk.settings import Settings, load_settings, save_settings


def test_settings_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.json"
    wanted = Settings(theme="high-contrast", zoom_percent=150, content_pack_dirs=("/p",))
    save_settings(path, wanted)
    assert load_settings(path) == (wanted, [])
    assert (path.stat().st_mode & 0o777) == 0o600


def test_damaged_settings_fall_back_to_defaults_and_say_why(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps(
            {
                "theme": "neon",
                "zoom_percent": 10_000,
                "idle_lock_minutes": "x",
                "exclude_bank_holidays": False,
                "unknown": 1,
            }
        )
    )
    settings, problems = load_settings(path)
    assert settings.theme == "system" and settings.zoom_percent == 100
    assert settings.exclude_bank_holidays is False  # valid values are kept
    assert len(problems) == 3 and any("zoom_percent" in p for p in problems)
    path.write_text("{not json")
    assert load_settings(path)[0] == Settings()
    assert load_settings(tmp_path / "missing.json") == (Settings(), [])


def test_atomic_write_replaces_whole_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    target.write_text("old")
    atomic_write_text(target, "new")
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["f.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_atomic_write_failure_keeps_old_file(tmp_path: Path) -> None:
    target = tmp_path / "f.txt"
    target.write_text("old")
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(WriteError):
            atomic_write_text(target, "new")
    finally:
        tmp_path.chmod(0o700)
    assert target.read_text() == "old"


def test_atomic_write_into_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="Cannot write"):
        atomic_write_text(tmp_path / "nope" / "f.txt", "x")


def test_paths_default_to_user_folders_and_can_be_overridden(
    tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    default = resolve_paths()
    assert str(default.data_dir).startswith(str(isolated_home))
    assert resolve_paths(tmp_path).data_dir == tmp_path
    monkeypatch.setenv("WT26DESK_DATA_DIR", str(tmp_path / "env"))
    assert resolve_paths().data_dir == tmp_path / "env"
    assert not (tmp_path / "env").exists()  # resolving never creates folders
