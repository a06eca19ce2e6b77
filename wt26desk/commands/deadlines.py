"""`wt26desk deadlines --event EVENT --date YYYY-MM-DD`."""

from __future__ import annotations

import argparse
from datetime import date

from wt26desk.commands.context import EXIT_OK, EXIT_USAGE, Context
from wt26desk.deadlines.in_words import short_day

# Events renamed in the content; the old name keeps working on the command line.
RENAMED_EVENTS = {"assessment-started": "referral-for-assessment"}


def run(args: argparse.Namespace, ctx: Context) -> int:
    from wt26desk.deadlines.timescales import due_dates, local_strategy_discussion

    args.event = RENAMED_EVENTS.get(args.event, args.event)

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
                f"{d.due.isoformat()} {short_day(d.due)}  {d.label}: within {d.period}{kind}"
                f"  [{'; '.join(d.sources)}]",
                file=ctx.out,
            )
            if d.act_by_note:
                print(f"    {d.act_by_note}", file=ctx.out)
            if d.note:
                print(f"    {d.note}", file=ctx.out)
    return EXIT_OK
