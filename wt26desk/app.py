"""The composition root: parse arguments, resolve folders, load settings and content,
then run a command or open the window. Nothing happens at import time."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import MutableMapping, Sequence
from pathlib import Path

from wt26desk.cli import parse_arguments, run_command
from wt26desk.commands.context import make_context
from wt26desk.paths import portable_environment, resolve_paths

EXIT_NO_DISPLAY = 1  # the window needs a display; never 134 (Qt aborting)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    paths = resolve_paths(
        getattr(args, "leaf_data_dir", None) or args.data_dir, portable=args.portable
    )
    portable = portable_environment(paths)
    if portable:  # before Qt or anything else looks for a cache or temporary folder
        try:
            for folder in {portable["TMPDIR"], portable["XDG_CACHE_HOME"]}:
                Path(folder).mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            print(
                f"error: portable mode keeps everything in {paths.data_dir}, which cannot be "
                f"written ({exc.strerror}). Copy the app to a stick or folder you can write "
                "to, or remove wt26desk.portable to use your own user folders.",
                file=sys.stderr,
            )
            return 1
        os.environ.update(portable)
    if args.command:
        return run_command(args)
    problem = choose_display(bool(args.smoke), os.environ, sys.platform)
    if problem:
        print(problem, file=sys.stderr)
        if not args.smoke:
            return EXIT_NO_DISPLAY
    return run_gui(args)


def choose_display(smoke: bool, environ: MutableMapping[str, str], platform: str) -> str:
    """Qt's default Linux platform (xcb) aborts the process (exit 134) when there is no
    display. Decide before Qt starts: `--smoke` paints offscreen, the window says why it
    cannot open. Returns the one line to print, or "" when there is nothing to say."""
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return ""
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return ""
    if smoke:
        environ["QT_QPA_PLATFORM"] = "offscreen"
        return "wt26desk: no display found (DISPLAY is not set): painting the window offscreen"
    return (
        "wt26desk: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the "
        "window cannot open. Start it from a desktop session; on a server, "
        "`wt26desk --smoke` checks it offscreen."
    )


def run_gui(args: object) -> int:
    # No cycle collection while Qt and the window are being made: they make hundreds of
    # thousands of objects that live as long as the app, and the collector would walk
    # them again and again for nothing (about 5 ms before the first paint). start_gui
    # turns it back on once the window is built.
    gc.disable()
    # Qt is imported only when the window is wanted, so commands start fast and headless.
    from wt26desk.ui.application import start_gui

    return start_gui(args, make_context(args))  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())
