"""User settings: typed, with defaults, stored as JSON and written atomically.

Settings never hold note text. A value of the wrong type or out of range is replaced by
its default and reported, so a damaged settings file never stops the app from starting.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wt26desk.fileio import atomic_write_text
from wt26desk.parsing import InputError, loads_json

THEMES = ("system", "light", "dark", "high-contrast")


@dataclass(frozen=True)
class Settings:
    # Window
    window_geometry: str = ""  # base64 of QWidget.saveGeometry(), opaque here
    window_state: str = ""
    last_item: str = ""
    theme: str = "system"
    zoom_percent: int = 100
    # Working days: Working Together does not define them; this is how we count.
    exclude_bank_holidays: bool = True
    extra_closure_dates: tuple[str, ...] = ()  # ISO dates, e.g. an organisation's closure days
    strategy_discussion_working_days: int = 0  # local procedure; 0 means not set locally
    # Content
    content_pack_dirs: tuple[str, ...] = ()
    # Vault
    idle_lock_minutes: int = 10
    sensitivity_marking: str = "OFFICIAL-SENSITIVE"
    retention_years_after_birth: int = 25

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


# Bounds for numbers, so a hand-edited file cannot set absurd values.
_RANGES: dict[str, tuple[int, int]] = {
    "zoom_percent": (50, 400),
    "strategy_discussion_working_days": (0, 30),
    "idle_lock_minutes": (1, 240),
    "retention_years_after_birth": (1, 100),
}
_CHOICES: dict[str, tuple[str, ...]] = {"theme": THEMES}


def _check(name: str, kind: Any, value: Any) -> Any:
    """The value converted to the field's type, or raise ValueError saying why not."""
    if kind == "bool":
        if not isinstance(value, bool):
            raise ValueError("expected true or false")
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("expected a whole number")
        low, high = _RANGES.get(name, (-(2**31), 2**31))
        if not low <= value <= high:
            raise ValueError(f"expected a number from {low} to {high}")
        return value
    if kind == "str":
        if not isinstance(value, str) or len(value) > 100_000:
            raise ValueError("expected text")
        if name in _CHOICES and value not in _CHOICES[name]:
            raise ValueError("expected one of " + ", ".join(_CHOICES[name]))
        return value
    if kind == "tuple[str, ...]":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError("expected a list of text")
        return tuple(value)
    raise ValueError(f"unsupported setting type {kind}")  # pragma: no cover


def settings_from_dict(data: dict[str, Any]) -> tuple[Settings, list[str]]:
    """Settings from parsed JSON, and a list of problems found (each value reset)."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    for spec in dataclasses.fields(Settings):
        if spec.name not in data:
            continue
        try:
            values[spec.name] = _check(spec.name, spec.type, data[spec.name])
        except ValueError as exc:
            problems.append(f"setting {spec.name!r}: {exc}; using the default")
    return Settings(**values), problems


def settings_to_dict(settings: Settings) -> dict[str, Any]:
    data = dataclasses.asdict(settings)
    return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}


def read_settings_dict(path: Path) -> tuple[dict[str, Any], list[str]]:
    """The settings file's raw values; a missing file gives none, a damaged one none and a
    problem."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, []
    except OSError as exc:
        return {}, [f"could not read {path}: {exc.strerror}; using defaults"]
    try:
        data = loads_json(raw)
    except json.JSONDecodeError as exc:
        return {}, [f"{path} is not valid JSON (line {exc.lineno}); using defaults"]
    except InputError as exc:
        return {}, [f"{path} is not accepted: {exc}; using defaults"]
    if not isinstance(data, dict):
        return {}, [f"{path} does not hold a settings object; using defaults"]
    return data, []


def load_settings(path: Path) -> tuple[Settings, list[str]]:
    """Read settings; a missing file gives defaults, a damaged one defaults and a problem."""
    data, problems = read_settings_dict(path)
    settings, more = settings_from_dict(data)
    return settings, problems + more


def save_settings(path: Path, settings: Settings) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, json.dumps(settings_to_dict(settings), indent=2, sort_keys=True))
