"""The setting's roll by characteristic (for example from the school census), read from
a small TOML or CSV file the lead writes or exports:

    # TOML                               # CSV (a header, then one row per group)
    name = "Oak Primary, census 2026"    characteristic,value,children
    [ethnicity]                          ethnicity,white,310
    white = 310                          ethnicity,black,42
    black = 42                           sex,female,201

Anything else is refused with the file, the line and what to change."""

from __future__ import annotations

import csv
import io
import tomllib
from dataclasses import dataclass
from pathlib import Path

from wt26desk.errors import Wt26Error
from wt26desk.insights.characteristics import Characteristics

MAX_BYTES = 256 * 1024
MAX_GROUPS = 500
MAX_CHILDREN = 1_000_000  # in one group: more than any partnership's whole population
MAX_NAME = 200
CSV_HEADER = ("characteristic", "value", "children")


class CohortError(Wt26Error):
    """A cohort file that cannot be used; nothing was read from it."""


@dataclass(frozen=True)
class Cohort:
    name: str
    groups: dict[str, dict[str, int]]  # characteristic -> value -> children on roll

    def total(self, characteristic: str) -> int:
        return sum(self.groups.get(characteristic, {}).values())


def _fail(path: str, message: str, line: int | None = None) -> CohortError:
    where = path if line is None else f"{path}, line {line}"
    return CohortError(f"Cohort file {where}: {message}")


def load_cohort(path: Path, characteristics: Characteristics) -> Cohort:
    path = Path(path)
    shown = path.name
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _fail(shown, f"is {size:,} bytes; a cohort file is under {MAX_BYTES // 1024} KB")
        raw = path.read_bytes()
    except OSError as exc:
        raise _fail(shown, f"cannot be read ({exc.strerror or exc})") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _fail(shown, "is not UTF-8 text") from None
    if path.suffix.lower() == ".toml":
        return parse_toml(text, shown, characteristics, default_name=path.stem)
    if path.suffix.lower() == ".csv":
        return parse_csv(text, shown, characteristics, default_name=path.stem)
    raise _fail(shown, "must end in .toml or .csv")


def _add(
    groups: dict[str, dict[str, int]],
    characteristics: Characteristics,
    where: tuple[str, int | None],
    characteristic: str,
    value: str,
    count: object,
) -> None:
    shown, line = where
    spec = characteristics.get(characteristic)
    if spec is None:
        known = ", ".join(characteristics.ids)
        raise _fail(shown, f"{characteristic!r} is not a characteristic; use {known}", line)
    key = " ".join(value.split()).casefold() if spec.free_text else value.strip()
    if not key:
        raise _fail(shown, f"a {characteristic} group has no value", line)
    if not spec.known(key):
        values = ", ".join(v for v, _ in spec.choices)
        raise _fail(shown, f"{value!r} is not a value of {characteristic}; use {values}", line)
    if isinstance(count, str) and count.strip().isdigit():
        count = int(count.strip())
    if isinstance(count, bool) or not isinstance(count, int):
        message = f"{characteristic} {value}: the number of children must be a whole number"
        raise _fail(shown, message, line)
    if not 0 <= count <= MAX_CHILDREN:
        raise _fail(shown, f"{characteristic} {value}: {count:,} children is not a roll size", line)
    bucket = groups.setdefault(characteristic, {})
    if key in bucket:
        raise _fail(shown, f"{characteristic} {value} is given twice", line)
    if sum(len(v) for v in groups.values()) >= MAX_GROUPS:
        raise _fail(shown, f"has more than {MAX_GROUPS} groups", line)
    bucket[key] = count


def _line_of(text: str, table: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().replace(" ", "") == f"[{table}]":
            return number
    return None


def parse_toml(
    text: str, shown: str, characteristics: Characteristics, *, default_name: str = ""
) -> Cohort:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(shown, f"is not valid TOML ({exc})") from None
    name = data.pop("name", default_name)
    if not isinstance(name, str) or len(name) > MAX_NAME:
        raise _fail(shown, f"name must be text of at most {MAX_NAME} characters")
    groups: dict[str, dict[str, int]] = {}
    for characteristic, table in data.items():
        line = _line_of(text, characteristic)
        if not isinstance(table, dict):
            raise _fail(shown, f"{characteristic} must be a table like [ethnicity]", line)
        for value, count in table.items():
            _add(groups, characteristics, (shown, line), characteristic, value, count)
    return _checked(Cohort(name.strip() or default_name, groups), shown)


def parse_csv(
    text: str, shown: str, characteristics: Characteristics, *, default_name: str = ""
) -> Cohort:
    rows = csv.reader(io.StringIO(text))
    groups: dict[str, dict[str, int]] = {}
    header = False
    try:
        for number, row in enumerate(rows, start=1):
            cells = [cell.strip() for cell in row]
            if not any(cells) or cells[0].startswith("#"):
                continue
            if not header:
                if tuple(c.casefold() for c in cells) != CSV_HEADER:
                    raise _fail(shown, "the first line must be: " + ",".join(CSV_HEADER), number)
                header = True
                continue
            if len(cells) != len(CSV_HEADER):
                raise _fail(shown, f"has {len(cells)} columns; it needs 3", number)
            _add(groups, characteristics, (shown, number), cells[0], cells[1], cells[2])
    except csv.Error as exc:
        raise _fail(shown, f"is not valid CSV ({exc})") from None
    return _checked(Cohort(default_name, groups), shown)


def _checked(cohort: Cohort, shown: str) -> Cohort:
    if not cohort.groups:
        raise _fail(shown, "holds no groups: give at least one characteristic")
    for characteristic, values in cohort.groups.items():
        if sum(values.values()) == 0:
            raise _fail(shown, f"{characteristic}: every group has 0 children")
    return cohort
