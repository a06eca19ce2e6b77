"""Back and forward through visited places, like a web browser. Plain Python: a place is
whatever the window says it is (a page, and the item read on it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class History(Generic[T]):
    def __init__(self, limit: int = 200) -> None:
        self._places: list[T] = []
        self._index = -1
        self._limit = limit

    @property
    def current(self) -> T | None:
        return self._places[self._index] if self._index >= 0 else None

    def visit(self, place: T) -> None:
        if place == self.current:
            return
        del self._places[self._index + 1 :]
        self._places.append(place)
        if len(self._places) > self._limit:
            del self._places[0]
        self._index = len(self._places) - 1

    def can_go_back(self) -> bool:
        return self._index > 0

    def can_go_forward(self) -> bool:
        return self._index < len(self._places) - 1

    def back(self) -> T | None:
        if self.can_go_back():
            self._index -= 1
        return self.current

    def forward(self) -> T | None:
        if self.can_go_forward():
            self._index += 1
        return self.current

    def forget(self, gone: Callable[[T], bool]) -> None:
        """Drop the places that no longer exist (the current one too, if it is gone); two
        places that end up side by side and equal become one."""
        kept: list[T] = []
        index = -1
        for i, place in enumerate(self._places):
            if gone(place) or (kept and kept[-1] == place):
                continue
            kept.append(place)
            if i <= self._index:
                index = len(kept) - 1
        self._places = kept
        self._index = max(index, 0) if kept else -1
