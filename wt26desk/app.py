"""The composition root: parse arguments, resolve folders, load settings and content,
then run a command or open the window. Nothing happens at import time."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from wt26desk.cli import build_parser, run_command
from wt26desk.commands.context import make_context


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command:
        return run_command(args)
    return run_gui(args)


def run_gui(args: object) -> int:
    # Qt is imported only when the window is wanted, so commands start fast and headless.
    from wt26desk.ui.application import start_gui

    return start_gui(args, make_context(args))  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())
