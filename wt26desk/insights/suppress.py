"""Small numbers in anything exported: a count from 1 to 4 is shown as "<5", and so is
anything worked out from it (its rate, its interval). Where one hidden count in a
breakdown could be recovered by subtracting the others from the total, the next smallest
is hidden too."""

from __future__ import annotations

from collections.abc import Sequence

SMALL = 5
HIDDEN = "<5"


def is_small(count: int) -> bool:
    """1 to 4. A zero says nothing about any one child and is shown."""
    return 0 < count < SMALL


def shown(count: int) -> str:
    return HIDDEN if is_small(count) else str(count)


def hidden_cells(counts: Sequence[int]) -> list[bool]:
    """Which counts of one breakdown (whose total is published) to hide."""
    hide = [is_small(c) for c in counts]
    if sum(hide) == 1:
        others = sorted((c, i) for i, c in enumerate(counts) if not hide[i] and c > 0)
        if others:
            hide[others[0][1]] = True
    return hide
