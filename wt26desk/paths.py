"""Where wt26desk keeps its data and settings.

Per-user folders from platformdirs by default; `--data-dir` or the WT26DESK_DATA_DIR
environment variable move everything under one folder (tests, scripts). **Portable mode**
(`--portable`, or a file called `wt26desk.portable` next to the app) keeps everything in
`wt26desk-data/` next to the app, for a USB stick. Nothing here creates a folder at
import time, and nothing is ever written to the app's own folder otherwise.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from wt26desk import APP_NAME

DATA_DIR_ENV = "WT26DESK_DATA_DIR"
PORTABLE_MARKER = "wt26desk.portable"
PORTABLE_FOLDER = "wt26desk-data"


def app_folder() -> Path:
    """The folder the app runs from: the standalone build's folder, or the checkout."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    config_dir: Path
    portable: bool = False

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def vault_dir(self) -> Path:
        return self.data_dir / "vault"

    @property
    def demo_vault_dir(self) -> Path:
        return self.data_dir / "training-vault"

    def ensure(self) -> None:
        """Create the folders, readable by this user only."""
        old = os.umask(0o077)
        try:
            for folder in (self.data_dir, self.config_dir):
                folder.mkdir(parents=True, exist_ok=True)
        finally:
            os.umask(old)


def resolve_paths(data_dir: str | Path | None = None, *, portable: bool = False) -> AppPaths:
    """The folders to use: an explicit folder, then the environment, then portable mode,
    then per-user folders."""
    chosen = data_dir or os.environ.get(DATA_DIR_ENV)
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return AppPaths(data_dir=root, config_dir=root / "config")
    if portable or (app_folder() / PORTABLE_MARKER).exists():
        root = app_folder() / PORTABLE_FOLDER
        return AppPaths(data_dir=root, config_dir=root / "config", portable=True)
    # Imported here: only the per-user folders need it (some 3 ms of imports, which a
    # start with --data-dir, the environment variable or portable mode does without).
    import platformdirs

    return AppPaths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
    )


def portable_environment(paths: AppPaths) -> dict[str, str]:
    """Environment for portable mode: the caches and settings that Qt, fontconfig and
    Python's temporary files would put in the user's home go inside the data folder."""
    if not paths.portable:
        return {}
    root = paths.data_dir
    return {
        "XDG_CACHE_HOME": str(root / "cache"),
        "XDG_CONFIG_HOME": str(root / "config" / "system"),
        "XDG_DATA_HOME": str(root / "share"),
        "XDG_STATE_HOME": str(root / "state"),
        "TMPDIR": str(root / "tmp"),
        "TEMP": str(root / "tmp"),
        "TMP": str(root / "tmp"),
    }
