"""The content snapshot: used when the content is unchanged, never when it is corrupt,
planted or stale."""

from __future__ import annotations

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
    path.write_bytes(snap.MAGIC + snap.checksum(payload) + payload)  # a valid sum
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


def test_a_truncated_or_flipped_snapshot_fails_its_checksum(pack: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    snap.load_with_snapshot(pack, (), cache)
    path = only_snapshot(cache)
    data = path.read_bytes()
    for damaged in (data[:-1], data + b"\0", data[:-5] + bytes([data[-5] ^ 1]) + data[-4:]):
        path.write_bytes(damaged)
        assert snap.read_snapshot(path) is None


def test_the_bundled_snapshot_is_used_wherever_the_bundle_is(
    pack: Path, tmp_path: Path, monkeypatch
) -> None:
    bundled = tmp_path / "bundle" / snap.BUNDLED
    written = snap.write_bundled(pack, bundled)
    moved = tmp_path / "elsewhere" / "content"  # the bundle unpacked in another folder
    shutil.copytree(pack, moved)
    shutil.rmtree(pack)
    calls = counting(monkeypatch)
    cache = tmp_path / "cache"
    library = snap.load_with_snapshot(moved, (), cache, bundled=bundled)
    assert calls == [] and len(library) > 100 and not library.errors
    assert [p.folder for p in library.packs if p.origin == "core"] == [str(moved)]
    assert not cache.exists()  # nothing written: the bundle's copy was enough
    assert snap.read_snapshot(written) is not None  # the bundle's own copy, whole


def test_the_bundled_snapshot_is_not_used_for_changed_content(
    pack: Path, tmp_path: Path, monkeypatch
) -> None:
    bundled = tmp_path / "bundle" / snap.BUNDLED
    snap.write_bundled(pack, bundled)
    page = next(pack.rglob("*.toml"))
    page.write_text(page.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    calls = counting(monkeypatch)
    snap.load_with_snapshot(pack, (), tmp_path / "cache", bundled=bundled)
    assert calls == [1]


def test_a_local_pack_is_not_served_the_bundled_core(
    pack: Path, tmp_path: Path, monkeypatch
) -> None:
    bundled = tmp_path / "bundle" / snap.BUNDLED
    snap.write_bundled(pack, bundled)
    local = tmp_path / "local"
    local.mkdir()
    (local / "pack.toml").write_text('name = "Ours"\nschema_version = 1\n')
    calls = counting(monkeypatch)
    library = snap.load_with_snapshot(pack, (local,), tmp_path / "cache", bundled=bundled)
    assert calls == [1] and [p.name for p in library.packs][-1] == "Ours"


def test_a_corrupt_bundled_snapshot_is_never_trusted(
    pack: Path, tmp_path: Path, monkeypatch
) -> None:
    bundled = tmp_path / "bundle" / snap.BUNDLED
    path = snap.write_bundled(pack, bundled)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    calls = counting(monkeypatch)
    library = snap.load_with_snapshot(pack, (), tmp_path / "cache", bundled=bundled)
    assert calls == [1] and len(library) > 100


def test_the_bundle_remembers_the_code_it_was_built_by(
    pack: Path, tmp_path: Path, monkeypatch
) -> None:
    """In the bundle the content-reading code has no .py files to digest: the digest
    written at build time stands for it, so the bundled snapshot's key still matches."""
    root = tmp_path / "bundle"
    snap.write_bundled(pack, root / snap.BUNDLED)
    key = snap.content_key(pack, ())
    fake_package = tmp_path / "frozen" / "wt26desk" / "content_library"
    fake_package.mkdir(parents=True)
    import wt26desk.content_library as package

    monkeypatch.setattr(package, "__file__", str(fake_package / "__init__.pyc"))
    monkeypatch.setattr(snap, "install_root", lambda: root)
    assert snap.content_key(pack, ()) == key
    (root / snap.BUNDLED / snap.CODE_DIGEST).write_text("00" * 32)  # built by other code
    assert snap.content_key(pack, ()) != key
