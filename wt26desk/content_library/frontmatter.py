"""Split a Markdown file into its TOML header (between `+++` lines) and its body."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from typing import Any

from wt26desk.errors import ContentError
from wt26desk.parsing import InputError, loads_toml

FENCE = "+++"
_TOML_LINE = re.compile(r"at line (\d+)")


@dataclass(frozen=True)
class Parsed:
    meta: dict[str, Any]
    body: str
    header_lines: tuple[str, ...]  # the TOML lines, for finding where a field is
    header_start: int  # file line number of the first TOML line


def parse_toml(text: str, path: str, *, first_line: int = 1) -> dict[str, Any]:
    try:
        return loads_toml(text)
    except InputError as exc:
        raise ContentError(path, f"not accepted: {exc}", line=first_line) from None
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        if found:
            line: int | None = int(found.group(1)) + first_line - 1
        elif "end of document" in str(exc):
            line = first_line + text.rstrip("\n").count("\n")
        else:
            line = None
        message = str(exc).split(" (at line")[0]
        raise ContentError(path, f"not valid TOML: {message}", line=line) from exc


def split_front_matter(text: str, path: str) -> Parsed:
    lines = text.splitlines()
    if not lines or lines[0].strip() != FENCE:
        raise ContentError(path, f"must start with a '{FENCE}' line and a TOML header", line=1)
    for index in range(1, len(lines)):
        if lines[index].strip() == FENCE:
            header = lines[1:index]
            meta = parse_toml("\n".join(header), path, first_line=2)
            body = "\n".join(lines[index + 1 :]).strip("\n")
            return Parsed(meta, body, tuple(header), header_start=2)
    raise ContentError(path, f"the TOML header has no closing '{FENCE}' line", line=1)


def field_line(header_lines: tuple[str, ...], header_start: int, name: str) -> int | None:
    """The file line on which `name = ...` is set, if it can be found."""
    pattern = re.compile(rf"^\s*{re.escape(name)}\s*=")
    for offset, line in enumerate(header_lines):
        if pattern.match(line):
            return header_start + offset
    return None
