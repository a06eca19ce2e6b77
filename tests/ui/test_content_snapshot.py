"""The content snapshot: used when the content is unchanged, never when it is corrupt,
planted or stale."""

from __future__ import annotations

import hashlib
import pickle
import shutil
from pathlib import Path

import pytest

from wt26desk.assets import content_dir
from wt26desk.content_library import loader
from wt26desk.ui.library import content_snapshot as snap


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    copy = tmp_path / "core"
    shutil.copytree(content_dir(), copy)
    return copy


def counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = loader.load_library

    def load(core: Path, packs: tuple[Path, ...] = ()):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(core, packs)

    monkeypatch.setattr(loader, "load_library", load)
    return calls


def only_snapshot(cache: Path) -> Path:
    [path] = cache.glob("content-*.snapshot")
    return path


def test_second_start_reads_the_snapshot(pack: Path, tmp_path: Path, monkeypatch) -> None:
    calls = counting(monkeypatch)
    cache = tmp_path / "cache"
    first = snap.load_with_snapshot(pack, (), cache)
    second = snap.load_with_snapshot(pack, (), cache)
    assert calls == [1]  # the files were read and checked once
    assert len(second) == len(first) and not second.errors
    assert list(second.items) == list(first.items) and list(second) == list(first)
    assert only_snapshot(cache).stat().st_mode & 0o077 == 0  # this user's only


def test_a_corrupt_snapshot_is_never_trusted(pack: Path, tmp_path: Path, monkeypatch) -> None:
    calls = counting(monkeypatch)
    cache = tmp_path / "cache"
    snap.load_with_snapshot(pack, (), cache)
    path = only_snapshot(cache)
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF
    path.write_bytes(bytes(data))
    library = snap.load_with_snapshot(pack, (), cache)
    assert calls == [1, 1] and len(library) > 100
    assert snap.read_snapshot(only_snapshot(cache)) is not None  # written again, whole


def test_a_planted_pickle_cannot_run_code(pack: Path, tmp_path: Path, monkeypatch) -> None:
    calls = counting(monkeypatch)
    cache = tmp_path / "cache"
    snap.load_with_snapshot(pack, (), cache)
    path = only_snapshot(cache)

    class Evil:
        def __reduce__(self):  # type: ignore[no-untyped-def]
            return (print, ("pwned",))

    payload = pickle.dumps(Evil())
    path.write_bytes(snap.MAGIC + hashlib.sha256(payload).digest() + payload)  # a valid sum
    assert snap.read_snapshot(path) is None
    snap.load_with_snapshot(pack, (), cache)
    assert calls == [1, 1]


def test_a_changed_pack_is_loaded_afresh(pack: Path, tmp_path: Path, monkeypatch) -> None:
    calls = counting(monkeypatch)
    cache = tmp_path / "cache"
    snap.load_with_snapshot(pack, (), cache)
    page = next(pack.rglob("*.md"))
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    snap.load_with_snapshot(pack, (), cache)
    assert calls == [1, 1]
    assert len(list(cache.glob("content-*.snapshot"))) == 2
