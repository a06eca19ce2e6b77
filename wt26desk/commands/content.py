"""`wt26desk content check|list|show|search`."""

from __future__ import annotations

import argparse
import dataclasses
from typing import Any

from wt26desk.commands.context import EXIT_FAILED, EXIT_OK, Context
from wt26desk.commands.terminal import shown
from wt26desk.content_library.library import Library
from wt26desk.content_library.models import HarmArea, Item, QuizQuestion, Scenario, Standard

LISTS: dict[str, type[Item]] = {
    "standards": Standard,
    "harm-areas": HarmArea,
    "scenarios": Scenario,
    "quiz": QuizQuestion,
}


def item_dict(item: Item) -> dict[str, Any]:
    data = dataclasses.asdict(item)
    return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}


def _list_row(lib: Library, item: Item) -> dict[str, Any]:
    row: dict[str, Any] = {"id": item.id, "title": item.title}
    if isinstance(item, Standard):
        section = lib.get(item.section)
        row["section"] = item.section.removeprefix("section-")
        row["section_title"] = section.title if section else ""
    if isinstance(item, Scenario):
        row |= {
            "setting": item.setting,
            "child": item.child,
            "age_months": item.age_months,
            "unborn": item.unborn,
            "harm_areas": list(item.harm_areas),
            "standards": list(item.standards),
            "steps": [step.title for step in item.steps],
        }
    if isinstance(item, QuizQuestion):
        row |= {
            "topic": item.topic,
            "question": item.summary,
            "options": list(item.options),
            "answer": item.answer,
            "explanation": item.explanation,
            "refers_to": list(item.refers_to),
        }
    row["sources"] = list(item.sources)
    row["origin"] = item.origin
    return row


def run(args: argparse.Namespace, ctx: Context) -> int:
    from wt26desk.content_library.search import SearchIndex, plain_text

    lib = ctx.library
    action = args.content_command
    if action == "check":
        counts: dict[str, int] = {}
        for item in lib:
            counts[item.kind] = counts.get(item.kind, 0) + 1
        for pack in lib.packs:
            print(
                f"pack: {shown(pack.name)} ({shown(pack.origin)}) from {shown(pack.folder)}",
                file=ctx.out,
            )
        for kind in sorted(counts):
            print(f"{kind}: {counts[kind]}", file=ctx.out)
        if lib.claims:
            print(f"claims register: {len(lib.claims)} claims", file=ctx.out)
        coverage = lib.quiz_coverage()
        print(coverage, file=ctx.out)
        if coverage.missing:
            missing = ", ".join(coverage.missing)
            print(f"not yet the subject of a quiz question: {missing}", file=ctx.out)
        for error in lib.errors:
            print(f"error: {error}", file=ctx.err)
        if lib.errors:
            print(f"{len(lib.errors)} problem(s) found", file=ctx.err)
            return EXIT_FAILED
        print(f"ok: {len(lib)} items, no problems", file=ctx.out)
        return EXIT_OK
    if action == "list":
        ordered: dict[str, list[Item]] = {
            "standards": list(lib.standards),
            "scenarios": list(lib.scenarios),
            "quiz": list(lib.quiz),
        }
        items = ordered.get(args.what) or [i for i in lib if type(i) is LISTS[args.what]]
        rows = [_list_row(lib, i) for i in items]
        if args.json:
            ctx.emit_json(rows)
        else:
            for row in rows:
                print(f"{shown(row['id']):<30} {shown(row['title'])}", file=ctx.out)
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
            print(f"{shown(found.title)}\n\n{plain_text(found.summary)}", file=ctx.out)
            if found.body:
                print(f"\n{found.body}", file=ctx.out)
            print(f"\nSources: {shown('; '.join(found.sources))}", file=ctx.out)
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
            print(f"{shown(hit.item_id):<34} {shown(hit.title)}", file=ctx.out)
    return EXIT_OK
