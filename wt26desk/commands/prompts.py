"""`wt26desk prompts --json`: the guidance the recording panel would show, for a concern
given on standard input: a JSON object (schema in the README) or, when the input does not
start with "{", the note's plain text."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from wt26desk.commands.context import EXIT_FAILED, EXIT_OK, Context
from wt26desk.parsing import InputError, loads_json
from wt26desk.prompts.engine import PromptEngine
from wt26desk.prompts.input import MAX_TEXT, ConcernInputError, concern_from_json
from wt26desk.prompts.quality import check


def run(args: argparse.Namespace, ctx: Context) -> int:
    raw = sys.stdin.read(MAX_TEXT * 2 + 1)
    if len(raw) > MAX_TEXT * 2:
        print("error: the concern is larger than any record could be", file=ctx.err)
        return EXIT_FAILED
    if not raw.lstrip().startswith("{"):
        raw = json.dumps({"text": raw.strip()})  # a note typed or piped as plain text
    try:
        data = loads_json(raw)
    except InputError as exc:
        print(f"error: standard input is not accepted: {exc}", file=ctx.err)
        return EXIT_FAILED
    except json.JSONDecodeError as exc:
        print(
            f"error: standard input is not JSON (line {exc.lineno}, column {exc.colno})",
            file=ctx.err,
        )
        return EXIT_FAILED
    try:
        concern = concern_from_json(data)
    except ConcernInputError as exc:
        print(f"error: {exc}", file=ctx.err)
        return EXIT_FAILED
    engine = PromptEngine(
        ctx.library, ctx.calendar(), ctx.settings.strategy_discussion_working_days
    )
    guidance = engine.guidance(concern, today=args.today or date.today())
    fields = {"facts": data.get("facts", concern.text)}
    for name in ("analysis", "family_said", "wishes_feelings"):
        if isinstance(data.get(name), str):
            fields[name] = data[name]
    quality = check(fields, rationale=concern.rationale, has_event_time=bool(concern.event_time))
    result = guidance.as_dict() | {"quality": [vars(f) for f in quality]}
    if args.json:
        ctx.emit_json(result)
        return EXIT_OK
    for notice in guidance.notices:
        print(f"note: {notice}", file=ctx.out)
    for danger in guidance.dangers:
        print(f"URGENT {danger.title}: {danger.why}", file=ctx.out)
        if danger.now:
            print(f"  now: {danger.now}", file=ctx.out)
    for area in guidance.harm_areas:
        flag = "URGENT " if area.urgent else ""
        print(f"{flag}{area.title}: {'; '.join(area.reasons)}", file=ctx.out)
        for now in area.now:
            print(f"  now: {now}", file=ctx.out)
        for duty in area.duties:
            print(f"  duty: {duty['name']} ({duty['source']})", file=ctx.out)
    for standard in guidance.standards:
        print(f"{standard.id} {standard.title}: {standard.question}", file=ctx.out)
    for care in guidance.care:
        print(f"consider: {care.prompt} ({care.source})", file=ctx.out)
    for item in guidance.missing:
        print(f"missing: {item.prompt}", file=ctx.out)
    for due in guidance.deadlines:
        act_by = f" ({due.act_by_note})" if due.act_by_note else ""
        print(f"due {due.due.isoformat()}: {due.label}{act_by}", file=ctx.out)
    for finding in quality:
        print(f"quality: {finding.message}", file=ctx.out)
    return EXIT_OK
