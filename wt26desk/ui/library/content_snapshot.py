"""A validated snapshot of the content library, cached by content hash, so the window does
not parse and cross-check every content file at each start.

The key is a SHA-256 over the code that reads content (its version and the loader's own
source) and every content file's path and bytes (core and local packs). A snapshot is
trusted only when its own checksum matches and it unpickles to a Library built from
content-library classes alone (a restricted unpickler: nothing else can be named, so a
planted file cannot run code). Anything else, or any error, and the content is loaded and
validated from the files as before, and the snapshot written again. A pack that changes
changes the key: the old snapshot is never consulted for it.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import sys
from pathlib import Path

from wt26desk.content_library.library import Library

MAGIC = b"wt26desk-content-snapshot/1\n"
# The modules whose classes a snapshot may hold (the library and its items).
ALLOWED_MODULES = ("wt26desk.content_library.",)
# The claims register keeps compiled patterns; re._compile makes a pattern and nothing else.
ALLOWED_CALLS = frozenset({("re", "_compile"), ("re", "RegexFlag")})
ALLOWED_BUILTINS = frozenset({"frozenset", "set", "tuple", "list", "dict", "str", "int"})
KEEP = 3  # snapshots kept (another copy of the app may use another content version)


def _code_digest() -> bytes:
    """The content-reading code itself: a change to it makes every old snapshot stale."""
    import wt26desk
    import wt26desk.content_library as package

    digest = hashlib.sha256(wt26desk.__version__.encode())
    folder = Path(package.__file__).parent
    for source in sorted(folder.glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.digest()


def content_key(core: Path, packs: tuple[Path, ...]) -> str:
    digest = hashlib.sha256(MAGIC + _code_digest())
    for n, folder in enumerate((core, *packs)):
        digest.update(f"\0pack {n} {folder}\0".encode())
        if not folder.is_dir():
            digest.update(b"missing")
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix in {".md", ".toml"} and path.is_file():
                digest.update(str(path.relative_to(folder)).encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


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
    head = len(MAGIC) + 32
    if len(data) <= head or not data.startswith(MAGIC):
        return None
    checksum, payload = data[len(MAGIC) : head], data[head:]
    if hashlib.sha256(payload).digest() != checksum:
        return None
    try:
        library = _Restricted(io.BytesIO(payload)).load()
    except Exception:
        return None
    return library if isinstance(library, Library) else None


def write_snapshot(path: Path, library: Library) -> None:
    payload = pickle.dumps(library, protocol=pickle.HIGHEST_PROTOCOL)
    data = MAGIC + hashlib.sha256(payload).digest() + payload
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.chmod(0o600)
    os.replace(temporary, path)  # whole or not at all
    old = sorted(path.parent.glob("content-*.snapshot"), key=lambda p: p.stat().st_mtime)
    for stale in old[:-KEEP]:
        stale.unlink(missing_ok=True)


def load_with_snapshot(core: Path, packs: tuple[Path, ...], cache_dir: Path) -> Library:
    """The library from a trusted snapshot, else loaded from the files (and cached)."""
    from wt26desk.content_library.loader import load_library  # TOML and checks: if needed

    try:
        key = content_key(core, packs)
    except OSError:
        return load_library(core, packs)
    path = cache_dir / f"content-{key[:32]}.snapshot"
    library = read_snapshot(path)
    if library is not None:
        return library
    library = load_library(core, packs)
    try:
        write_snapshot(path, library)
    except (OSError, pickle.PicklingError) as exc:
        print(f"warning: content snapshot not saved: {exc}", file=sys.stderr)
    return library
