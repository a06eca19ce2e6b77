"""`wt26desk check`: the start-up self-check from the command line (for IT roll-outs)."""

from __future__ import annotations

import argparse

from wt26desk.commands.context import EXIT_FAILED, EXIT_OK, Context
from wt26desk.commands.terminal import shown
from wt26desk.self_check import self_check


def run(args: argparse.Namespace, ctx: Context) -> int:
    findings = self_check(ctx.paths, ctx.library)
    mode = "portable" if ctx.paths.portable else "per-user"
    print(f"data folder ({mode}): {ctx.paths.data_dir}", file=ctx.out)
    print(f"settings folder: {ctx.paths.config_dir}", file=ctx.out)
    if ctx.organisation.name:
        name, source = shown(ctx.organisation.name), shown(ctx.organisation.source)
        print(f"organisation: {name} ({source})", file=ctx.out)
    for problem in ctx.organisation.problems:
        print(f"warning: {problem}", file=ctx.err)
    for finding in findings:
        print(f"problem: {finding.problem}\n  what to do: {finding.what_to_do}", file=ctx.err)
    if findings:
        return EXIT_FAILED
    print(
        f"ok: content ({len(ctx.library)} items), data folder, disk space and clock", file=ctx.out
    )
    return EXIT_OK
