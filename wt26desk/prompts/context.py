"""What the words around a term say about it (NegEx and ConText, over our own words).

- *Negated*: a negation trigger before the term ("no marks seen", "denied any pain") or
  just after it ("marks: none seen"), in the same clause. A clause ends at punctuation and
  at words such as "but" and "however". Pseudo-negations are not negations: "could not
  explain the bruise", "no explanation for", "not sure how", "not ruled out".
- *Corrected*: what a correction follows ("call to 'stabbing' - actually a compass point in
  maths", "'took drugs' - it turned out he ate one iron tablet") is taken back, up to a few
  words back and across punctuation: neither found nor denied. So is a question answered
  "no" at once ("Cut lip? No - it was ketchup"). What comes after the correction is read as
  usual.
- *Possible*: "worried that he might", "if he comes back": still a prompt, said as a
  possibility.
- *Past*: "when she was little": still a prompt, said as in the past.
- *Reported*: "aunt rang to say": still a prompt, said as reported by someone else.

The trigger words are content (lexicon groups `negation-before`, `negation-after`,
`pseudo-negation`, `clause-break`, `possibility`, `past`, `reported`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from wt26desk.prompts.lexicon import Match, Word

NEGATION_BEFORE = "negation-before"
NEGATION_AFTER = "negation-after"
PSEUDO = "pseudo-negation"
CLAUSE_BREAK = "clause-break"
CORRECTION = "correction"
QUALIFIERS = {
    "possibility": "said as a possibility",
    "past": "in the past",
    "reported": "reported by someone else",
}
TRIGGER_GROUPS = frozenset(
    {NEGATION_BEFORE, NEGATION_AFTER, PSEUDO, CLAUSE_BREAK, CORRECTION, *QUALIFIERS}
)
SCOPE_BEFORE = 6  # words a negation reaches forward
SCOPE_AFTER = 3  # words a trailing negation reaches back
SCOPE_CORRECTED = 10  # words a correction ("actually") reaches back, across punctuation
ANSWERED_NO = frozenset({"no", "nope", "nah"})  # a question answered so is taken back


@dataclass
class Context:
    negated: set[int]  # ids of negated matches
    qualifiers: dict[int, list[str]]  # sentence -> qualifiers said of it
    taken_back: list[tuple[int, int]] = field(default_factory=list)  # word spans, last excluded

    def takes_back(self, match: Match) -> bool:
        """Whether a correction after it takes this match back: neither found nor denied
        ("'stabbing' at school - actually ..." does not say the child was not at school)."""
        return match.group not in TRIGGER_GROUPS and any(
            start <= match.last < stop for start, stop in self.taken_back
        )


def analyse(
    words: list[Word],
    matches: list[Match],
    deniable: frozenset[str] = frozenset(),
    blockers_only: frozenset[str] = frozenset(),
) -> Context:
    pseudo = [m for m in matches if m.group == PSEUDO]
    # A negation word that is part of a longer term ("no food", "not rolling yet") or of a
    # pseudo-negation ("could not explain") negates nothing. Words that only stop a concept
    # (`blockers_only`: "no marks seen" in an `unless`) hold nothing.
    holders = pseudo + [
        m
        for m in matches
        if m.group not in TRIGGER_GROUPS and m.group not in blockers_only and m.last > m.first
    ]
    held: dict[int, list[Match]] = defaultdict(list)
    for holder in holders:
        for position in range(holder.first, holder.last + 1):
            held[position].append(holder)

    def inside_pseudo(m: Match) -> bool:
        return any(
            h.first <= m.first
            and m.last <= h.last
            and ((h.first, h.last) != (m.first, m.last) or h.group == PSEUDO)
            for h in held.get(m.first, ())
        )

    # breaks_before[i]: clause breaks at positions before i, so a span is clear in O(1).
    is_break = [w.is_break for w in words]
    for m in matches:
        if m.group == CLAUSE_BREAK:
            is_break[m.first] = True
    breaks_before = [0]
    for flag in is_break:
        breaks_before.append(breaks_before[-1] + flag)

    def clear(start: int, stop: int) -> bool:
        return start >= stop or breaks_before[stop] == breaks_before[start]

    negated: set[int] = set()
    # A negation word inside a longer term ("no shoes") denies that term's own words where a
    # concept looks for them denied ("shoes" among basic needs), and nothing beyond it.
    for match in matches:
        if match.group in (NEGATION_BEFORE,) and inside_pseudo(match):
            for holder in held.get(match.first, ()):
                if holder.group == PSEUDO:
                    continue
                for other in matches:
                    if (
                        other is not holder
                        and other.group in deniable
                        and holder.first <= other.first
                        and other.last <= holder.last
                        and other.first > match.last
                    ):
                        negated.add(id(other))
    before_by_last: dict[int, list[Match]] = defaultdict(list)
    after_by_first: dict[int, list[Match]] = defaultdict(list)
    for m in matches:
        if m.group == NEGATION_BEFORE and not inside_pseudo(m):
            before_by_last[m.last].append(m)
        elif m.group == NEGATION_AFTER and not inside_pseudo(m):
            after_by_first[m.first].append(m)

    for match in matches:
        if match.group in TRIGGER_GROUPS:
            continue
        if any(
            before_by_last.get(last) and clear(last + 1, match.first)
            for last in range(match.first - 1, match.first - 1 - SCOPE_BEFORE, -1)
        ) or any(
            after_by_first.get(first) and clear(match.last + 1, first)
            for first in range(match.last + 1, match.last + 1 + SCOPE_AFTER)
        ):
            negated.add(id(match))
    # Only right after a break: "'stabbing' - actually", not "it was actually a machete".
    corrections = [
        m.first for m in matches if m.group == CORRECTION and m.first and is_break[m.first - 1]
    ]
    # A question answered "no" at once takes the question back: "Cut lip? No - ketchup",
    # "Any marks? No." ("Why? No idea" answers nothing: the "no" must stand alone).
    corrections += [
        i
        for i, word in enumerate(words)
        if i > 0
        and words[i - 1].surface == "?"
        and word.surface in ANSWERED_NO
        and (i + 1 == len(words) or words[i + 1].is_break)
    ]
    qualifiers: dict[int, list[str]] = defaultdict(list)
    for match in matches:
        said = QUALIFIERS.get(match.group)
        if said and said not in qualifiers[match.sentence]:
            qualifiers[match.sentence].append(said)
    taken_back = [(max(0, first - SCOPE_CORRECTED), first) for first in corrections]
    return Context(negated, qualifiers, taken_back)
