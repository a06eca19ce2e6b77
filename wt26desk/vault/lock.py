"""Auto-lock after idle time, and a growing pause after repeated wrong passphrases.
Plain Python with an injectable clock, so both are tested without waiting."""

from __future__ import annotations

import time
from collections.abc import Callable

Clock = Callable[[], float]


class IdleLock:
    def __init__(self, idle_seconds: float, clock: Clock = time.monotonic) -> None:
        self.idle_seconds = idle_seconds
        self._clock = clock
        self._last_activity = clock()

    def touch(self) -> None:
        """The user did something."""
        self._last_activity = self._clock()

    def idle_for(self) -> float:
        return self._clock() - self._last_activity

    def should_lock(self) -> bool:
        return self.idle_for() >= self.idle_seconds


class Backoff:
    """After `free` wrong attempts, wait 2, 4, 8 ... seconds (at most `cap`) before the
    next attempt is allowed."""

    def __init__(self, free: int = 3, cap: float = 30.0, clock: Clock = time.monotonic) -> None:
        self.free = free
        self.cap = cap
        self._clock = clock
        self.failures = 0
        self._blocked_until = 0.0

    def failed(self) -> None:
        self.failures += 1
        if self.failures >= self.free:
            delay = min(self.cap, 2.0 ** (self.failures - self.free + 1))
            self._blocked_until = self._clock() + delay

    def succeeded(self) -> None:
        self.failures = 0
        self._blocked_until = 0.0

    def wait_remaining(self) -> float:
        return max(0.0, self._blocked_until - self._clock())
