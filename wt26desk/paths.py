"""Where wt26desk keeps its data and settings.

Per-user folders from platformdirs by default; `--data-dir` or the WT26DESK_DATA_DIR
environment variable move everything under one folder (tests, scripts, portable use).
Nothing here creates a folder at import time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from wt26desk import APP_NAME

DATA_DIR_ENV = "WT26DESK_DATA_DIR"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    config_dir: Path

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


def resolve_paths(data_dir: str | Path | None = None) -> AppPaths:
    """The folders to use: an explicit folder, then the environment, then per-user folders."""
    chosen = data_dir or os.environ.get(DATA_DIR_ENV)
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return AppPaths(data_dir=root, config_dir=root / "config")
    return AppPaths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
    )
