"""The one place that finds packaged files: `content/` and `resources/`.

Works from a source checkout and from a PyInstaller bundle. Relative paths only: an
absolute path or one with `..` is refused, so a content pack or setting cannot point the
app at files outside its own folders.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path, PurePosixPath

from wt26desk.errors import AssetPathError


@functools.cache
def install_root() -> Path:
    """The folder that holds `content/` and `resources/`."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def safe_join(base: Path, relative: str) -> Path:
    """`base / relative`, refusing absolute paths and any step outside `base`."""
    pure = PurePosixPath(relative.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts or (pure.parts and ":" in pure.parts[0]):
        raise AssetPathError(f"Refused path {relative!r}: it must stay inside {base.name}/")
    return base.joinpath(*pure.parts)


def content_dir() -> Path:
    return install_root() / "content"


def resource_path(relative: str) -> Path:
    return safe_join(install_root() / "resources", relative)
