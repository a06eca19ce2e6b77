"""Confidence intervals from SciPy, the well-kept statistics library, never hand-written:
the Wilson score interval for one group's rate (`scipy.stats.binomtest(...).proportion_ci`)
and the Katz log interval for the ratio of two rates
(`scipy.stats.contingency.relative_risk`). SciPy is imported on first use, so opening the
window or a command that needs no interval never pays for it."""

from __future__ import annotations

import math
from dataclasses import dataclass

LEVEL = 0.95


@dataclass(frozen=True)
class Interval:
    low: float
    high: float

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high


def rate_interval(count: int, total: int, level: float = LEVEL) -> Interval:
    """The Wilson score interval for `count` of `total` (0 <= count <= total, total >= 1)."""
    from scipy.stats import binomtest

    ci = binomtest(count, total).proportion_ci(confidence_level=level, method="wilson")
    return Interval(float(ci.low), float(ci.high))


@dataclass(frozen=True)
class Ratio:
    value: float
    interval: Interval | None  # None when a side has no cases: no interval can be given


def rate_ratio(
    count: int, total: int, other_count: int, other_total: int, level: float = LEVEL
) -> Ratio | None:
    """The ratio of `count/total` to `other_count/other_total` with its Katz interval;
    None when the comparison group's rate is zero (a ratio to nothing is not a figure)."""
    if total < 1 or other_total < 1 or other_count == 0:
        return None
    from scipy.stats.contingency import relative_risk

    result = relative_risk(count, total, other_count, other_total)
    value = float(result.relative_risk)
    if count == 0:
        return Ratio(value, None)
    ci = result.confidence_interval(confidence_level=level)
    low, high = float(ci.low), float(ci.high)
    if not (math.isfinite(low) and math.isfinite(high)):
        return Ratio(value, None)
    return Ratio(value, Interval(low, high))
