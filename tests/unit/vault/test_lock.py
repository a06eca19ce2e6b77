from __future__ import annotations

from wt26desk.vault.lock import Backoff, IdleLock


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_idle_lock_after_the_configured_time() -> None:
    clock = FakeClock()
    lock = IdleLock(600, clock)
    clock.now += 599
    assert not lock.should_lock()
    lock.touch()
    clock.now += 599
    assert not lock.should_lock()
    clock.now += 1
    assert lock.should_lock()


def test_backoff_grows_after_three_failures_and_resets() -> None:
    clock = FakeClock()
    backoff = Backoff(free=3, cap=30, clock=clock)
    backoff.failed()
    backoff.failed()
    assert backoff.wait_remaining() == 0
    backoff.failed()
    assert backoff.wait_remaining() == 2
    backoff.failed()
    assert backoff.wait_remaining() == 4
    for _ in range(10):
        backoff.failed()
    assert backoff.wait_remaining() == 30
    clock.now += 30
    assert backoff.wait_remaining() == 0
    backoff.succeeded()
    backoff.failed()
    assert backoff.wait_remaining() == 0
