"""Back and forward through visited pages, like a web browser. Plain Python."""

from __future__ import annotations


class History:
    def __init__(self, limit: int = 200) -> None:
        self._pages: list[str] = []
        self._index = -1
        self._limit = limit

    @property
    def current(self) -> str | None:
        return self._pages[self._index] if self._index >= 0 else None

    def visit(self, target: str) -> None:
        if target == self.current:
            return
        del self._pages[self._index + 1 :]
        self._pages.append(target)
        if len(self._pages) > self._limit:
            del self._pages[0]
        self._index = len(self._pages) - 1

    def can_go_back(self) -> bool:
        return self._index > 0

    def can_go_forward(self) -> bool:
        return self._index < len(self._pages) - 1

    def back(self) -> str | None:
        if self.can_go_back():
            self._index -= 1
        return self.current

    def forward(self) -> str | None:
        if self.can_go_forward():
            self._index += 1
        return self.current
