"""What every command gets: settings, folders, content packs, output streams."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from wt26desk.assets import content_dir
from wt26desk.commands.terminal import safe_stream
from wt26desk.fileio import (
    remember_temporaries_in,
    remove_noted_temporaries,
    remove_stale_temporaries,
)
from wt26desk.organisation import Organisation, apply_organisation, load_organisation
from wt26desk.paths import AppPaths, resolve_paths
from wt26desk.settings import Settings, read_settings_dict

if TYPE_CHECKING:
    from wt26desk.content_library.library import Library
    from wt26desk.deadlines.working_days import WorkingDayCalendar

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


@dataclasses.dataclass
class Context:
    """What a command needs, resolved once by the caller."""

    settings: Settings
    pack_dirs: tuple[Path, ...]
    paths: AppPaths
    organisation: Organisation = dataclasses.field(default_factory=Organisation)
    out: TextIO = sys.stdout
    err: TextIO = sys.stderr
    _library: Library | None = None

    @property
    def library(self) -> Library:
        if self._library is None:
            from wt26desk.content_library.loader import load_library  # TOML, checks

            self._library = load_library(content_dir(), self.pack_dirs)
        return self._library

    def calendar(self) -> WorkingDayCalendar:
        from wt26desk.deadlines.working_days import WorkingDayCalendar

        closures = []
        for text in self.settings.extra_closure_dates:
            try:
                closures.append(date.fromisoformat(text))
            except ValueError:
                print(f"warning: ignoring closure date {text!r} in settings", file=self.err)
        return WorkingDayCalendar(
            exclude_bank_holidays=self.settings.exclude_bank_holidays, extra_closures=closures
        )

    def emit_json(self, data: Any) -> None:
        json.dump(data, self.out, indent=2, ensure_ascii=False, allow_nan=False)
        self.out.write("\n")


def tidy_temporaries(paths: AppPaths) -> None:
    """At start: temporaries a killed process left (see fileio.atomic_write_bytes), in
    the places it noted and in the folders only wt26desk writes in."""
    remember_temporaries_in(paths.data_dir / "pending-writes")
    remove_noted_temporaries()
    for folder in (paths.data_dir, paths.config_dir, paths.vault_dir, paths.demo_vault_dir):
        remove_stale_temporaries(folder, legacy=True)


def make_context(args: argparse.Namespace) -> Context:
    paths = resolve_paths(
        getattr(args, "leaf_data_dir", None) or args.data_dir,
        portable=getattr(args, "portable", False),
    )
    tidy_temporaries(paths)
    # Everything a command prints passes through `terminal.shown` (file contents, names).
    out, err = safe_stream(sys.stdout), safe_stream(sys.stderr)
    user, problems = read_settings_dict(paths.settings_file)
    organisation = load_organisation()
    settings, more = apply_organisation(user, organisation)
    for problem in (*problems, *more, *organisation.problems):
        print(f"warning: {problem}", file=err)
    extra = (*args.pack, *getattr(args, "leaf_pack", []))
    packs = tuple(Path(p) for p in (*settings.content_pack_dirs, *extra))
    return Context(
        settings=settings,
        pack_dirs=packs,
        paths=paths,
        organisation=organisation,
        out=out,
        err=err,
    )
