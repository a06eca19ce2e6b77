"""`wt26desk insights [--demo] [--json] [--from DATE] [--to DATE] [--cohort FILE]
[--csv FILE] [--pdf FILE]`: the safeguarding lead's figures over the vault's records,
computed in memory after unlock. `--demo` uses the demo vault of fictional records (the
one trainer mode opens, with its published passphrase) and the demo roll. The CSV and
PDF are the annual-return report (small numbers shown as "<5", no child named); each is
written only with a confirmation and is logged in the vault's audit log."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from wt26desk.assets import content_dir
from wt26desk.commands.context import EXIT_FAILED, EXIT_OK, Context
from wt26desk.commands.secrets import SecretReader
from wt26desk.commands.terminal import shown
from wt26desk.commands.vault import unlock
from wt26desk.errors import Wt26Error
from wt26desk.insights.assemble import insights_for
from wt26desk.insights.characteristics import Characteristics
from wt26desk.insights.cohort import load_cohort
from wt26desk.insights.figures import Insights
from wt26desk.insights.period import Period
from wt26desk.insights.report import as_json, concerns_and_children
from wt26desk.records.store import RecordStore
from wt26desk.training.demo_vault import DEMO_COHORT, open_demo_vault
from wt26desk.vault.layout import vault_exists
from wt26desk.vault.vault import Vault


def run(args: argparse.Namespace, ctx: Context) -> int:
    today = date.today()
    end = args.end or today
    try:
        period = Period(args.start, end) if args.start else Period.last_twelve_months(end)
    except ValueError as exc:
        raise Wt26Error(str(exc)) from None
    demo = bool(getattr(args, "demo", False))
    cohort = None
    cohort_file = Path(args.cohort) if args.cohort else None
    if cohort_file is None and demo:
        cohort_file = content_dir() / "demo-records" / DEMO_COHORT
    if cohort_file is not None:  # a bad cohort file is reported before the passphrase
        cohort = load_cohort(cohort_file, Characteristics.from_library(ctx.library))
    if not demo and not vault_exists(ctx.paths.vault_dir):
        raise Wt26Error(
            f"There is no vault in {ctx.paths.vault_dir}. Set one up with "
            "`wt26desk vault init`, or see the figures of the demo vault (fictional "
            "records, as in trainer mode) with: wt26desk insights --demo"
        )
    targets = [(fmt, Path(path)) for fmt, path in (("csv", args.csv), ("pdf", args.pdf)) if path]
    if targets and not _confirmed(args, ctx, targets):
        return EXIT_FAILED
    from wt26desk.prompts.engine import PromptEngine

    engine = None
    if not args.no_prompts:
        days = ctx.settings.strategy_discussion_working_days
        engine = PromptEngine(ctx.library, ctx.calendar(), days)
    vault = _open_demo(ctx) if demo else unlock(ctx, SecretReader(err=ctx.err))
    try:
        store = RecordStore(vault)
        insights = insights_for(
            store.records(), ctx.library, period, today=today, cohort=cohort, engine=engine
        )
        written = [
            (fmt, target, _write(vault, insights, fmt, target, ctx, store.training))
            for fmt, target in targets
        ]
        training = store.training
    finally:
        vault.lock()
    if args.json:
        ctx.emit_json(as_json(insights, training=training))
    else:
        _summary(insights, ctx)
    for fmt, target, sha256 in written:
        print(f"Wrote the {fmt.upper()} report to {target} (sha256 {sha256[:16]}…)", file=ctx.err)
    return EXIT_OK


def _open_demo(ctx: Context) -> Vault:
    """The demo vault trainer mode opens (made from the fictional records if it is not
    there yet); never a real vault: open_demo_vault refuses one."""
    from wt26desk.vault import exclusive

    folder = ctx.paths.demo_vault_dir
    if vault_exists(folder):
        exclusive.check_free(folder)  # open in trainer mode in a window: said plainly
    else:
        ctx.paths.ensure()
    print(f"The demo vault of fictional records ({folder}).", file=ctx.err)
    return open_demo_vault(folder, content_dir() / "demo-records")


def _confirmed(args: argparse.Namespace, ctx: Context, targets: list[tuple[str, Path]]) -> bool:
    for fmt, target in targets:
        print(
            f"This writes an UNENCRYPTED {fmt.upper()} of safeguarding figures (small numbers "
            f"suppressed, no child named) to {target.resolve()}.",
            file=ctx.err,
        )
    if args.yes:
        return True
    if sys.stdin.isatty():
        if input("Continue? [y/N] ").strip().lower() in {"y", "yes"}:
            return True
        print("Nothing was written.", file=ctx.err)
        return False
    print("Add --yes to confirm; nothing was written.", file=ctx.err)
    return False


def _write(
    vault: Vault, insights: Insights, fmt: str, target: Path, ctx: Context, training: bool
) -> str:
    from wt26desk.insights.export import build_report, write_report

    report = build_report(
        insights, fmt, marking=ctx.settings.sensitivity_marking, training=training
    )
    return write_report(vault, insights, report, target)


def _summary(insights: Insights, ctx: Context) -> None:
    i = insights
    out = ctx.out
    print(
        f"Period {i.period.start} to {i.period.end}: {concerns_and_children(i)}.",
        file=out,
    )
    for area in i.harm_areas:
        print(f"  {area.concerns:>5}  {shown(area.title)}", file=out)
    print(f"Children with more than one concern: {i.repeated.children}", file=out)
    for timing in i.timings:
        median = "-" if timing.median is None else f"{timing.median:.1f} {timing.unit}"
        print(f"{timing.title}: median {median} ({timing.measured} measured)", file=out)
    print(
        f"Overdue actions: {i.overdue.actions}; overdue follow-ups: {i.overdue.follow_ups}",
        file=out,
    )
    for d in i.disproportionality:
        rate = "-" if d.rate is None else f"{d.rate:.1%}"
        ratio = "-" if d.ratio is None else f"{d.ratio:.2f}"
        print(
            f"  {shown(d.characteristic)} {shown(d.label)}: {d.children}/{d.roll} = {rate}, "
            f"ratio {ratio}. {d.caution}",
            file=out,
        )
