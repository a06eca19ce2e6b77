"""Parse files that anyone could have written or edited (content packs, the organisation
file, settings, imports, backups, sessions): strict JSON and TOML with bounded nesting.

Python's parsers recurse once per level of nesting, so a file nested thousands of levels
deep ends in RecursionError, and a value nested a few hundred deep can still break code
that walks it later. Here both become `InputError` with a plain reason; each caller says
which file it was and carries on as it does for any other damaged file. No file the app
reads needs more than a few levels (the deepest, a content pack, uses 5).
"""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 32


class InputError(ValueError):
    """A file is well formed as far as the parser goes, but not something we accept."""


def too_deep() -> InputError:
    return InputError(f"it is nested more than {MAX_DEPTH} levels deep")


def check_depth(value: Any, limit: int = MAX_DEPTH) -> None:
    """Raise InputError when lists or tables inside `value` nest more than `limit` deep.
    Iterative, so the check itself cannot run out of stack."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children: Any = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth + 1 > limit:
            raise too_deep()
        stack.extend((child, depth + 1) for child in children)


def _no_constants(name: str) -> Any:
    raise InputError(f"it holds {name}, which is not a number in JSON")


def _finite(text: str) -> float:
    number = float(text)
    if number in (float("inf"), float("-inf")):
        raise InputError(f"it holds the number {text[:40]}, which is too large")
    return number


def loads_json(text: str | bytes) -> Any:
    """Strict JSON (no NaN, Infinity or numbers too large for a float) nested at most
    MAX_DEPTH deep. Raises json.JSONDecodeError for bad syntax and InputError for the
    rest; bytes that are not UTF-8 raise UnicodeDecodeError."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    try:
        value = json.loads(text, parse_constant=_no_constants, parse_float=_finite)
    except RecursionError:
        raise too_deep() from None
    check_depth(value)
    return value


def loads_toml(text: str) -> dict[str, Any]:
    """TOML nested at most MAX_DEPTH deep. Raises tomllib.TOMLDecodeError for bad syntax
    and InputError for nesting."""
    import tomllib  # here: the window starts without reading any TOML

    try:
        value = tomllib.loads(text)
    except RecursionError:
        raise too_deep() from None
    check_depth(value)
    return value


def dumps_json(value: Any, **options: Any) -> str:
    """JSON that strict parsers accept: NaN and infinities raise ValueError."""
    return json.dumps(value, allow_nan=False, **options)
