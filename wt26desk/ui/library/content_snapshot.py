"""A validated snapshot of the content library, cached by content hash, so the window does
not parse and cross-check every content file at each start.

The key is a digest over the code that reads content (its version and the loader's own
source) and every content file's place in its pack and bytes (core and local packs, in
order; where the core pack is installed is not part of it, so the snapshot built into the
standalone bundle matches wherever the bundle is unpacked). The file digests are CRC-32s
(with the length), fast enough to take at every start even where Python has no OpenSSL
(the bundle); they detect a changed file, which is all a key has to do.

A snapshot is trusted only when its own checksum matches and it unpickles to a Library
built from content-library classes alone (a restricted unpickler: nothing else can be
named, so a planted file cannot run code). Anything else, or any error, and the content is
loaded and validated from the files as before, and the snapshot written again. A pack that
changes changes the key: the old snapshot is never consulted for it.

Two places are looked in: the snapshot built into the standalone bundle (read-only,
`install_root()/content-snapshot/`, made by build.spec with `write_bundled`), then the
user's own cache folder.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import pickle
import sys
import zlib
from pathlib import Path

from wt26desk.assets import install_root
from wt26desk.content_library.library import Library

MAGIC = b"wt26desk-content-snapshot/2\n"
# The modules whose classes a snapshot may hold (the library and its items).
ALLOWED_MODULES = ("wt26desk.content_library.",)
# The claims register keeps compiled patterns; re._compile makes a pattern and nothing else.
ALLOWED_CALLS = frozenset({("re", "_compile"), ("re", "RegexFlag")})
ALLOWED_BUILTINS = frozenset({"frozenset", "set", "tuple", "list", "dict", "str", "int"})
KEEP = 3  # snapshots kept (another copy of the app may use another content version)
BUNDLED = "content-snapshot"  # the folder, next to content/, in the standalone bundle
CODE_DIGEST = "code.digest"  # in it: the digest of the content-reading code it was built by
SUFFIXES = frozenset({".md", ".toml"})


def _code_digest() -> bytes:
    """The content-reading code itself: a change to it makes every old snapshot stale."""
    import wt26desk
    import wt26desk.content_library as package

    sources = sorted(Path(package.__file__).parent.glob("*.py"))
    if not sources:  # the standalone bundle: its sources were digested when it was built
        try:
            return bytes.fromhex((install_root() / BUNDLED / CODE_DIGEST).read_text())
        except (OSError, ValueError):
            pass
    digest = hashlib.sha256(wt26desk.__version__.encode())
    for source in sources:
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.digest()


def checksum(data: bytes) -> bytes:
    """Length and CRC-32 of `data`: 12 bytes that any damage to it changes."""
    return len(data).to_bytes(8, "big") + zlib.crc32(data).to_bytes(4, "big")


def content_key(core: Path, packs: tuple[Path, ...]) -> str:
    digest = hashlib.sha256(MAGIC + _code_digest())
    for n, folder in enumerate((core, *packs)):
        # The core pack by its contents alone; a local pack by where it is, too (its
        # folder is named in the library, and two packs may hold the same files).
        digest.update(f"\0pack {n} {folder if n else 'core'}\0".encode())
        if not folder.is_dir():
            digest.update(b"missing")
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix in SUFFIXES and path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
                digest.update(checksum(path.read_bytes()))
    return digest.hexdigest()


def snapshot_name(key: str) -> str:
    return f"content-{key[:32]}.snapshot"


class _Restricted(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> object:
        if (
            module.startswith(ALLOWED_MODULES)
            or (module, name) in ALLOWED_CALLS
            or (module == "builtins" and name in ALLOWED_BUILTINS)
        ):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a content snapshot")


def read_snapshot(path: Path) -> Library | None:
    """The library in the snapshot, or None when it is missing, corrupt or not ours."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + len(checksum(b""))
    if len(data) <= head or not data.startswith(MAGIC):
        return None
    stored, payload = data[len(MAGIC) : head], data[head:]
    if checksum(payload) != stored:
        return None
    try:
        library = _Restricted(io.BytesIO(payload)).load()
    except Exception:
        return None
    return library if isinstance(library, Library) else None


def snapshot_bytes(library: Library) -> bytes:
    payload = pickle.dumps(library, protocol=pickle.HIGHEST_PROTOCOL)
    return MAGIC + checksum(payload) + payload


def write_snapshot(path: Path, library: Library) -> None:
    data = snapshot_bytes(library)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.chmod(0o600)
    os.replace(temporary, path)  # whole or not at all
    old = sorted(path.parent.glob("content-*.snapshot"), key=lambda p: p.stat().st_mtime)
    for stale in old[:-KEEP]:
        stale.unlink(missing_ok=True)


def write_bundled(core: Path, folder: Path) -> Path:
    """Build time: load and validate the core pack from its files and write its snapshot
    into `folder` (the standalone bundle's content-snapshot/). Refuses a pack with errors:
    the bundle must not ship a library that says it is broken."""
    library = _load_files(core, ())
    if library.errors:
        raise SystemExit(f"content has errors, no snapshot built: {library.errors[0]}")
    path = folder / snapshot_name(content_key(core, ()))
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("content-*.snapshot"):
        old.unlink()
    path.write_bytes(snapshot_bytes(library))
    (folder / CODE_DIGEST).write_text(_code_digest().hex())
    return path


def _located(library: Library, core: Path) -> Library:
    """The library with its core pack's folder where the core pack is now (the key leaves
    the core's place out, so a snapshot may have been made from the same files elsewhere)."""
    here = str(core)
    packs = tuple(
        dataclasses.replace(p, folder=here) if p.origin == "core" and p.folder != here else p
        for p in library.packs
    )
    return library if packs == library.packs else dataclasses.replace(library, packs=packs)


def _load_files(core: Path, packs: tuple[Path, ...]) -> Library:
    from wt26desk.content_library import loader  # TOML and every check: only on a miss

    return loader.load_library(core, packs)


def load_with_snapshot(
    core: Path, packs: tuple[Path, ...], cache_dir: Path, bundled: Path | None = None
) -> Library:
    """The library from a trusted snapshot (the bundle's, then the cache's), else loaded
    from the files (and cached)."""
    try:
        key = content_key(core, packs)
    except OSError:
        return _load_files(core, packs)
    name = snapshot_name(key)
    for folder in (bundled, cache_dir):
        if folder is not None and (library := read_snapshot(folder / name)) is not None:
            return _located(library, core)
    library = _load_files(core, packs)
    try:
        write_snapshot(cache_dir / name, library)
    except (OSError, pickle.PicklingError) as exc:
        print(f"warning: content snapshot not saved: {exc}", file=sys.stderr)
    return library
