"""Command-line interface. Plain Python: runs without Qt widgets (and without a display).

`wt26desk` with no command starts the window; the commands below serve scripts, tests
and people who prefer a terminal.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from wt26desk import __version__
from wt26desk.assets import content_dir
from wt26desk.content_library.library import Library
from wt26desk.content_library.loader import load_library
from wt26desk.content_library.models import HarmArea, Item, Standard
from wt26desk.errors import Wt26Error
from wt26desk.paths import AppPaths, resolve_paths
from wt26desk.settings import Settings, load_settings

if TYPE_CHECKING:
    from wt26desk.deadlines.working_days import WorkingDayCalendar

# Commands import what they need when they run, so the window starts without it.
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
LISTS: dict[str, type[Item]] = {"standards": Standard, "harm-areas": HarmArea}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wt26desk",
        description="Offline assistant for recording child safeguarding concerns, built on "
        "Working Together to Safeguard Children 2026. With no command, opens the window.",
    )
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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    content = sub.add_parser("content", help="check, list, show and search the guidance")
    csub = content.add_subparsers(dest="content_command", metavar="ACTION", required=True)
    _leaf(csub.add_parser("check", help="validate all content; non-zero exit on any error"))
    listing = _leaf(csub.add_parser("list", help="list items of one kind"))
    listing.add_argument("what", choices=sorted(LISTS))
    listing.add_argument("--json", action="store_true")
    show = _leaf(csub.add_parser("show", help="show one item"))
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    search = _leaf(csub.add_parser("search", help="search all content"))
    search.add_argument("query")
    search.add_argument("--json", action="store_true")
    search.add_argument("--limit", type=int, default=20)

    deadlines = _leaf(sub.add_parser("deadlines", help="due dates that follow an event"))
    deadlines.add_argument(
        "--event", required=True, help="for example referral-received; '--event list' lists them"
    )
    deadlines.add_argument(
        "--date",
        type=_iso_date,
        default=None,
        help="the day of the event, YYYY-MM-DD (default: today)",
    )
    deadlines.add_argument("--json", action="store_true")
    return parser


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


@dataclasses.dataclass
class Context:
    """What a command needs, resolved once by the caller."""

    settings: Settings
    pack_dirs: tuple[Path, ...]
    paths: AppPaths
    out: TextIO = sys.stdout
    err: TextIO = sys.stderr
    _library: Library | None = None

    @property
    def library(self) -> Library:
        if self._library is None:
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
        json.dump(data, self.out, indent=2, ensure_ascii=False)
        self.out.write("\n")


def item_dict(item: Item) -> dict[str, Any]:
    data = dataclasses.asdict(item)
    return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}


def _list_row(lib: Library, item: Item) -> dict[str, Any]:
    row: dict[str, Any] = {"id": item.id, "title": item.title}
    if isinstance(item, Standard):
        section = lib.get(item.section)
        row["section"] = item.section.removeprefix("section-")
        row["section_title"] = section.title if section else ""
    row["sources"] = list(item.sources)
    row["origin"] = item.origin
    return row


def _content(args: argparse.Namespace, ctx: Context) -> int:
    from wt26desk.content_library.search import SearchIndex, plain_text

    lib = ctx.library
    action = args.content_command
    if action == "check":
        counts: dict[str, int] = {}
        for item in lib:
            counts[item.kind] = counts.get(item.kind, 0) + 1
        for pack in lib.packs:
            print(f"pack: {pack.name} ({pack.origin}) from {pack.folder}", file=ctx.out)
        for kind in sorted(counts):
            print(f"{kind}: {counts[kind]}", file=ctx.out)
        for error in lib.errors:
            print(f"error: {error}", file=ctx.err)
        if lib.errors:
            print(f"{len(lib.errors)} problem(s) found", file=ctx.err)
            return EXIT_FAILED
        print(f"ok: {len(lib)} items, no problems", file=ctx.out)
        return EXIT_OK
    if action == "list":
        items: list[Item] = (
            list(lib.standards)
            if args.what == "standards"
            else [i for i in lib if type(i) is LISTS[args.what]]
        )
        rows = [_list_row(lib, i) for i in items]
        if args.json:
            ctx.emit_json(rows)
        else:
            for row in rows:
                print(f"{row['id']:<30} {row['title']}", file=ctx.out)
        return EXIT_OK
    if action == "show":
        found = lib.get(args.id)
        if found is None:
            print(
                f"error: no item with id {args.id!r} (try: wt26desk content search ...)",
                file=ctx.err,
            )
            return EXIT_FAILED
        if args.json:
            ctx.emit_json(item_dict(found))
        else:
            print(f"{found.title}\n\n{plain_text(found.summary)}", file=ctx.out)
            if found.body:
                print(f"\n{found.body}", file=ctx.out)
            print(f"\nSources: {'; '.join(found.sources)}", file=ctx.out)
        return EXIT_OK
    hits = SearchIndex(lib).search(args.query, limit=max(1, args.limit))
    if args.json:
        ctx.emit_json(
            [
                {
                    "id": h.item_id,
                    "title": h.title,
                    "kind": h.kind,
                    "score": round(h.score, 2),
                    "snippet": h.snippet,
                }
                for h in hits
            ]
        )
    else:
        for hit in hits:
            print(f"{hit.item_id:<34} {hit.title}", file=ctx.out)
    return EXIT_OK


def _deadlines(args: argparse.Namespace, ctx: Context) -> int:
    from wt26desk.deadlines.timescales import due_dates, local_strategy_discussion

    timescales = list(ctx.library.timescales)
    if ctx.settings.strategy_discussion_working_days:
        timescales.append(local_strategy_discussion(ctx.settings.strategy_discussion_working_days))
    events = sorted({t.event for t in timescales})
    if args.event == "list":
        for event in events:
            label = next(t.event_label for t in timescales if t.event == event)
            print(f"{event:<30} {label}", file=ctx.out)
        return EXIT_OK
    if args.event not in events:
        print(
            f"error: unknown event {args.event!r}; known events: {', '.join(events)}", file=ctx.err
        )
        return EXIT_USAGE
    on = args.date or date.today()
    found = due_dates(timescales, args.event, on, ctx.calendar())
    if args.json:
        ctx.emit_json(
            {
                "event": args.event,
                "date": on.isoformat(),
                "working_days": "Monday to Friday"
                + (
                    " except bank holidays in England and Wales"
                    if ctx.settings.exclude_bank_holidays
                    else ""
                ),
                "due": [d.as_dict() for d in found],
            }
        )
    else:
        for d in found:
            kind = "" if d.national else " (good practice or local)"
            print(
                f"{d.due.isoformat()} {d.due:%a}  {d.label}: within {d.period}{kind}"
                f"  [{'; '.join(d.sources)}]",
                file=ctx.out,
            )
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace, Context], int]] = {
    "content": _content,
    "deadlines": _deadlines,
}


def make_context(args: argparse.Namespace) -> Context:
    paths = resolve_paths(getattr(args, "leaf_data_dir", None) or args.data_dir)
    settings, problems = load_settings(paths.settings_file)
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    extra = (*args.pack, *getattr(args, "leaf_pack", []))
    packs = tuple(Path(p) for p in (*settings.content_pack_dirs, *extra))
    return Context(settings=settings, pack_dirs=packs, paths=paths)


def run_command(args: argparse.Namespace) -> int:
    """Run a non-GUI command; errors meant for people become a message and exit 1."""
    ctx = make_context(args)
    try:
        return COMMANDS[args.command](args, ctx)
    except Wt26Error as exc:
        print(f"error: {exc}", file=ctx.err)
        return EXIT_FAILED


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return run_command(args)
