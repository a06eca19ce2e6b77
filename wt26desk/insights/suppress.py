"""Small numbers in anything exported: a count from 1 to 4 is shown as "<5", and so is
anything worked out from it (its rate, its interval). Where one hidden count in a
breakdown could be recovered by subtracting the others from the total, the next smallest
is hidden too, shown as "c" (as the DfE marks a figure withheld to protect another)."""

from __future__ import annotations

from collections.abc import Sequence

SMALL = 5
HIDDEN = "<5"
WITHHELD = "c"
WITHHELD_NOTE = "c: withheld so that a count under 5 cannot be worked out from the total."


def is_small(count: int) -> bool:
    """1 to 4. A zero says nothing about any one child and is shown."""
    return 0 < count < SMALL


def shown(count: int) -> str:
    return HIDDEN if is_small(count) else str(count)


def hidden_cells(counts: Sequence[int]) -> list[bool]:
    """Which counts of one breakdown (whose total is published) to hide."""
    return [text != str(c) for text, c in zip(shown_cells(counts), counts, strict=True)]


def shown_cells(counts: Sequence[int]) -> list[str]:
    """The counts of one breakdown as exported: "<5", "c" for the one withheld with it."""
    cells = [shown(c) for c in counts]
    if cells.count(HIDDEN) == 1:
        others = sorted((c, i) for i, c in enumerate(counts) if not is_small(c) and c > 0)
        if others:
            cells[others[0][1]] = WITHHELD
    return cells
