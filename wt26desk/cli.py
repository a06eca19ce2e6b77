"""Command-line interface. Plain Python: runs without Qt widgets (and without a display).

`wt26desk` with no command starts the window; the commands below serve scripts, tests
and people who prefer a terminal.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date

from wt26desk import __version__
from wt26desk.commands import LIST_KINDS
from wt26desk.commands.context import EXIT_FAILED, EXIT_OK, Context, make_context
from wt26desk.errors import Wt26Error
from wt26desk.fileio import DISK_FULL, is_disk_full

# Each command's module, imported only when that command runs (the vault's pulls in
# cryptography and SQLite, which opening the window does not need).
COMMANDS = {
    "content": "wt26desk.commands.content",
    "deadlines": "wt26desk.commands.deadlines",
    "vault": "wt26desk.commands.vault",
    "prompts": "wt26desk.commands.prompts",
    "records": "wt26desk.commands.records",
    "export": "wt26desk.commands.records",
    "import": "wt26desk.commands.records",
    "check": "wt26desk.commands.check",
    "identity": "wt26desk.commands.handover",
    "receipt": "wt26desk.commands.handover",
    "triage": "wt26desk.commands.handover",
    "insights": "wt26desk.commands.insights",
}


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The arguments. Opening the window with its options spelt in full is read without
    argparse (`_window_arguments`); help, a command or anything else goes through the
    whole parser, so what is accepted and printed is exactly the same."""
    words = sys.argv[1:] if argv is None else list(argv)
    window = _window_arguments(words)
    return window if window is not None else build_parser().parse_args(words)


# argparse looks up the translation of its messages as it builds a parser (gettext, which
# imports locale): about 2 ms before the first paint, for six options. Opening the window
# reads them by hand instead, as `_options` defines them.
_WINDOW_SWITCHES = {"--smoke": "smoke", "--portable": "portable", "--demo": "demo"}
_WINDOW_VALUES = ("--data-dir", "--pack")


def _window_arguments(words: list[str]) -> argparse.Namespace | None:
    """The arguments that open the window, as the whole parser gives them, when every
    word is one of its options spelt in full (`--smoke`, `--data-dir DIR`, `--pack=DIR`,
    ...); None for anything else (a command, help, an abbreviation, a value that starts
    with "-", a mistake), which the whole parser reads."""
    args = argparse.Namespace(
        data_dir=None, pack=[], smoke=False, portable=False, demo=False, command=None
    )
    remaining = iter(words)
    for word in remaining:
        if word in _WINDOW_SWITCHES:
            setattr(args, _WINDOW_SWITCHES[word], True)
            continue
        option, equals, value = word.partition("=")
        if option not in _WINDOW_VALUES:
            return None
        if not equals:
            value = next(remaining, "")
        if not value or value.startswith("-"):
            return None
        if option == "--data-dir":
            args.data_dir = value
        else:
            args.pack.append(value)
    return args


def _options(parser: argparse.ArgumentParser) -> None:
    """The options that come before any command (all that opening the window takes)."""
    parser.add_argument("--version", action="version", version=f"wt26desk {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="keep all data and settings in DIR (default: your user folders)",
    )
    parser.add_argument(
        "--pack",
        action="append",
        default=[],
        metavar="DIR",
        help="also load a local content pack from DIR (repeatable)",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="start the window, paint it once with the library loaded, exit 0",
    )
    parser.add_argument(
        "--portable",
        action="store_true",
        help="keep all data and settings in wt26desk-data/ next to the app (a USB stick); "
        "a file called wt26desk.portable next to the app does the same",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="if no vault has been set up here yet, open the demo vault of fictional records "
        "(trainer mode) instead of the welcome page",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wt26desk",
        description="Offline assistant for recording child safeguarding concerns, built on "
        "Working Together to Safeguard Children 2026. With no command, opens the window.",
    )
    _options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    sub.add_parser("check", help="the start-up self-check: content, data folder, disk space, clock")
    content_parser = sub.add_parser("content", help="check, list, show and search the guidance")
    csub = content_parser.add_subparsers(dest="content_command", metavar="ACTION", required=True)
    _leaf(csub.add_parser("check", help="validate all content; non-zero exit on any error"))
    listing = _leaf(csub.add_parser("list", help="list items of one kind"))
    listing.add_argument("what", choices=LIST_KINDS)
    listing.add_argument("--json", action="store_true")
    show = _leaf(csub.add_parser("show", help="show one item"))
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    search = _leaf(csub.add_parser("search", help="search all content"))
    search.add_argument("query")
    search.add_argument("--json", action="store_true")
    search.add_argument("--limit", type=int, default=20)

    vault_parser = sub.add_parser("vault", help="create, check, back up and restore the vault")
    vsub = vault_parser.add_subparsers(dest="vault_command", metavar="ACTION", required=True)
    _leaf(vsub.add_parser("init", help="create a vault; prints its recovery key once"))
    _leaf(vsub.add_parser("status", help="where the vault is and how it is protected"))
    verify = _leaf(
        vsub.add_parser(
            "verify",
            help="check every note, the audit log and the schema; non-zero exit on any problem",
        )
    )
    change = _leaf(vsub.add_parser("change-passphrase", help="set a new passphrase"))
    for leaf in (verify, change):
        leaf.add_argument(
            "--recovery-key",
            action="store_true",
            help="unlock with the recovery key instead of the passphrase",
        )
    backup = _leaf(vsub.add_parser("backup", help="write one encrypted backup file"))
    backup.add_argument("file")
    restore = _leaf(vsub.add_parser("restore", help="restore a backup into the data folder"))
    restore.add_argument("file")
    restore.add_argument(
        "--recovery-key",
        action="store_true",
        help="read the recovery key instead of the passphrase",
    )
    restore.add_argument(
        "--replace", action="store_true", help="move an existing vault aside and restore over it"
    )

    prompts_parser = _leaf(
        sub.add_parser(
            "prompts",
            help="guidance for a concern on standard input (plain text, or JSON as in the README)",
        )
    )
    prompts_parser.add_argument("--json", action="store_true", help="print JSON")
    prompts_parser.add_argument(
        "--today",
        type=_iso_date,
        default=None,
        help="count deadlines as if today were this date (YYYY-MM-DD)",
    )

    records_parser = sub.add_parser("records", help="the concern records in the vault")
    rsub = records_parser.add_subparsers(dest="records_command", metavar="ACTION", required=True)
    records_list = _leaf(rsub.add_parser("list", help="list the records"))
    records_list.add_argument("--json", action="store_true")

    export_parser = _leaf(sub.add_parser("export", help="export a record for referral"))
    export_parser.add_argument("record_id", metavar="RECORD_ID")
    export_parser.add_argument("--format", choices=("pdf", "docx", "json", "age"), required=True)
    export_parser.add_argument(
        "--inner",
        choices=("pdf", "docx", "json"),
        default="pdf",
        help="with --format age: the format inside the encrypted file (default pdf)",
    )
    export_parser.add_argument("--out", required=True, metavar="FILE")
    export_parser.add_argument("--recipient", metavar="AGE_KEY", help="an age public key")
    export_parser.add_argument(
        "--age-passphrase-file", metavar="FILE", help="encrypt with the passphrase in FILE"
    )
    export_parser.add_argument(
        "--redact",
        nargs="+",
        default=[],
        metavar="SECTION",
        help="leave these sections out: children people referrer facts child-words views "
        "injuries analysis considered actions chronology sign-off",
    )
    export_parser.add_argument(
        "--withhold",
        action="append",
        default=[],
        metavar="NAME",
        help="replace this person's name wherever it appears (repeatable)",
    )
    export_parser.add_argument(
        "--yes", action="store_true", help="confirm writing an unencrypted file"
    )
    import_parser = _leaf(
        sub.add_parser(
            "import",
            help="read a JSON export, a bundle handed over to this vault or a receipt "
            "(FILE.age) into the vault",
        )
    )
    import_parser.add_argument("file", metavar="FILE.json|FILE.age")
    _handover_commands(sub)

    insights = _leaf(
        sub.add_parser(
            "insights",
            help="the safeguarding lead's figures: patterns, cohorts and disproportionality",
        )
    )
    insights.add_argument("--json", action="store_true", help="print every figure as JSON")
    insights.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS,  # `wt26desk --demo insights` says the same
        help="the figures of the demo vault of fictional records (trainer mode's; made on "
        "first use, no passphrase asked), against the demo roll unless --cohort is given",
    )
    insights.add_argument(
        "--from",
        dest="start",
        type=_iso_date,
        metavar="DATE",
        help="first day of the period (default: the 1st of the month 11 months back)",
    )
    insights.add_argument(
        "--to", dest="end", type=_iso_date, metavar="DATE", help="last day (default: today)"
    )
    insights.add_argument(
        "--cohort", metavar="FILE", help="the roll by characteristic (.toml or .csv)"
    )
    insights.add_argument("--csv", metavar="FILE", help="also write the report as CSV")
    insights.add_argument("--pdf", metavar="FILE", help="also write the report as PDF")
    insights.add_argument("--yes", action="store_true", help="confirm writing the report")
    insights.add_argument(
        "--no-prompts",
        action="store_true",
        help="leave out the comparison with the prompts (they read each record: ~6 ms each)",
    )

    deadline_parser = _leaf(sub.add_parser("deadlines", help="due dates that follow an event"))
    deadline_parser.add_argument(
        "--event", required=True, help="for example referral-received; '--event list' lists them"
    )
    deadline_parser.add_argument(
        "--date",
        type=_iso_date,
        default=None,
        help="the day of the event, YYYY-MM-DD (default: today)",
    )
    deadline_parser.add_argument("--json", action="store_true")
    return parser


def _handover_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    identity = sub.add_parser("identity", help="this vault's age key for handover bundles")
    isub = identity.add_subparsers(dest="identity_command", metavar="ACTION", required=True)
    show = _leaf(isub.add_parser("show", help="print the public age1... key (made if needed)"))
    show.add_argument("--json", action="store_true")
    name = _leaf(isub.add_parser("name", help="the name bundles and receipts carry"))
    name.add_argument("name", metavar="NAME")
    name.add_argument("--json", action="store_true")
    receipt = _leaf(
        sub.add_parser("receipt", help="write a receipt for a received record, to its sender")
    )
    receipt.add_argument("record_id", metavar="RECORD_ID")
    receipt.add_argument("--out", required=True, metavar="FILE.age")
    triage = _leaf(sub.add_parser("triage", help="the DSL's triage of a received record"))
    triage.add_argument("record_id", metavar="RECORD_ID")
    triage.add_argument(
        "--state", required=True, choices=("new", "acknowledged", "actioned", "no-further-action")
    )
    triage.add_argument("--reason", default="", help="why (required for no-further-action)")
    triage.add_argument(
        "--follow-up", type=_iso_date, default=None, metavar="YYYY-MM-DD", help="a follow-up date"
    )


def _leaf(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Accept --data-dir and --pack after the command too (merged in `make_context`)."""
    parser.add_argument(
        "--data-dir",
        dest="leaf_data_dir",
        metavar="DIR",
        default=None,
        help="keep all data and settings in DIR",
    )
    parser.add_argument(
        "--pack",
        dest="leaf_pack",
        action="append",
        default=[],
        metavar="DIR",
        help="also load a local content pack from DIR (repeatable)",
    )
    return parser


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-03-31") from None


def run_command(args: argparse.Namespace) -> int:
    """Run a non-GUI command; errors meant for people become a message and exit 1.
    Passphrases are read from the terminal or standard input, never from arguments."""
    import sqlite3  # the commands' own business: opening the window never needs it

    ctx = make_context(args)
    try:
        run: Callable[[argparse.Namespace, Context], int]
        run = importlib.import_module(COMMANDS[args.command]).run
        return run(args, ctx)
    except BrokenPipeError:
        # The reader stopped early (`... | head`): not an error, and no second traceback
        # when Python flushes standard output at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except (Wt26Error, sqlite3.DatabaseError, OSError) as exc:
        # Every command, reading ones too (SQLite needs room to open a vault), says the
        # same when the disk is full.
        if is_disk_full(exc, ctx.paths.data_dir):
            print(f"error: {DISK_FULL}. Nothing was changed.", file=ctx.err)
            return EXIT_FAILED
        if isinstance(exc, Wt26Error):
            print(f"error: {exc}", file=ctx.err)
            return EXIT_FAILED
        if isinstance(exc, sqlite3.DatabaseError):
            print(
                f"error: the vault database is damaged or unreadable ({exc}); nothing was "
                "changed. Restore from a backup if this persists.",
                file=ctx.err,
            )
            return EXIT_FAILED
        raise


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return run_command(args)
