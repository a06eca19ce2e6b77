"""Read content packs from folders. A bad file is reported and skipped; the rest loads.

A pack is a folder with `pack.toml` (name, schema_version) and any number of
`*.md` files (one item each: a TOML header between `+++` lines, then a Markdown body) and
`*.toml` files (several items as `[[item]]` tables). The core pack ships in `content/`;
organisations add local packs the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from wt26desk.content_library.claims import REGISTER_FILE, Register, load_register
from wt26desk.content_library.frontmatter import field_line, parse_toml, split_front_matter
from wt26desk.content_library.library import Library
from wt26desk.content_library.models import Item, PackInfo
from wt26desk.content_library.schema import SCHEMA_VERSION, build_item
from wt26desk.errors import ContentError

MAX_FILE_BYTES = 1_000_000  # a single content file larger than this is refused
MAX_FILES = 5_000
_ITEM_HEADER = re.compile(r"^\s*\[\[\s*item\s*\]\]\s*(#.*)?$")


@dataclass
class LoadResult:
    items: list[Item] = field(default_factory=list)
    packs: list[PackInfo] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)
    registers: list[Register] = field(default_factory=list)


def _display(path: Path, root: Path) -> str:
    try:
        return str(Path(root.name) / path.relative_to(root))
    except ValueError:
        return str(path)


def _read_text(path: Path, shown: str) -> str:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ContentError(shown, f"cannot be read: {exc.strerror}") from exc
    if size > MAX_FILE_BYTES:
        raise ContentError(shown, f"is {size:,} bytes; content files must be under 1 MB")
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(shown, "is not UTF-8 text") from exc
    except OSError as exc:
        raise ContentError(shown, f"cannot be read: {exc.strerror}") from exc


def _items_from_markdown(text: str, shown: str, origin: str) -> list[Item]:
    parsed = split_front_matter(text, shown)
    item = build_item(
        parsed.meta,
        body=parsed.body,
        path=shown,
        line_of=lambda name: field_line(parsed.header_lines, parsed.header_start, name),
        origin=origin,
        item_line=1,
    )
    return [item]


def _items_from_toml(text: str, shown: str, origin: str, errors: list[ContentError]) -> list[Item]:
    data = parse_toml(text, shown)
    entries = data.get("item")
    extra = sorted(set(data) - {"item"})
    if extra:
        raise ContentError(shown, f"unexpected top-level key {extra[0]!r}; use [[item]] tables")
    if not isinstance(entries, list) or not entries:
        raise ContentError(shown, "holds no [[item]] tables")
    lines = text.splitlines()
    starts = [n for n, line in enumerate(lines) if _ITEM_HEADER.match(line)]
    items: list[Item] = []
    for index, meta in enumerate(entries):
        start = starts[index] if index < len(starts) else 0
        end = starts[index + 1] if index + 1 < len(starts) else len(lines)
        block = tuple(lines[start + 1 : end])

        def line_of(name: str, block: tuple[str, ...] = block, start: int = start) -> int | None:
            return field_line(block, start + 2, name)

        if not isinstance(meta, dict):  # item = [1]: a list of values, not of tables
            errors.append(
                ContentError(shown, f"item {index + 1} is not a table; use [[item]] tables")
            )
            continue
        try:
            items.append(
                build_item(
                    meta,
                    body="",
                    path=shown,
                    line_of=line_of,
                    origin=origin,
                    item_line=start + 1,
                )
            )
        except ContentError as exc:  # one bad entry does not sink its neighbours
            errors.append(exc)
    return items


def read_pack_info(folder: Path, origin: str) -> PackInfo:
    shown = _display(folder / "pack.toml", folder)
    meta = parse_toml(_read_text(folder / "pack.toml", shown), shown)
    name = meta.get("name")
    version = meta.get("schema_version")
    if not isinstance(name, str) or not name.strip():
        raise ContentError(shown, "name is missing", field="name")
    if version != SCHEMA_VERSION:
        raise ContentError(
            shown,
            f"schema_version is {version!r}; this version of wt26desk reads {SCHEMA_VERSION}",
            field="schema_version",
        )
    description = meta.get("description", "")
    return PackInfo(
        name=name.strip(),
        origin=origin,
        folder=str(folder),
        schema_version=version,
        description=description if isinstance(description, str) else "",
    )


def load_pack(folder: Path, *, origin: str, result: LoadResult) -> None:
    """Add the items of one pack to `result`, recording errors instead of raising."""
    folder = Path(folder)
    if not (folder / "pack.toml").is_file():
        result.errors.append(ContentError(str(folder), "is not a content pack (no pack.toml)"))
        return
    try:
        info = read_pack_info(folder, origin)
    except ContentError as exc:
        result.errors.append(exc)
        return
    result.packs.append(info)
    files = sorted(p for p in folder.rglob("*") if p.suffix in {".md", ".toml"} and p.is_file())
    files = [p for p in files if p.name != "pack.toml" and not p.name.startswith(".")]
    if len(files) > MAX_FILES:
        result.errors.append(ContentError(str(folder), f"has more than {MAX_FILES} files"))
        files = files[:MAX_FILES]
    origin_name = info.name if origin != "core" else "core"
    for path in files:
        shown = _display(path, folder)
        try:
            text = _read_text(path, shown)
            if path.suffix == ".md":
                result.items.extend(_items_from_markdown(text, shown, origin_name))
            elif path.parent == folder and path.name == REGISTER_FILE:
                result.registers.append(load_register(text, shown, origin_name))
            else:
                result.items.extend(_items_from_toml(text, shown, origin_name, result.errors))
        except ContentError as exc:
            result.errors.append(exc)


def load_library(core: Path, local_packs: tuple[Path, ...] = ()) -> Library:
    """The core pack plus any local packs, cross-checked. Never raises for bad content."""
    result = LoadResult()
    load_pack(core, origin="core", result=result)
    for pack in local_packs:
        load_pack(pack, origin="local", result=result)
    return Library.build(result.items, result.packs, result.errors, tuple(result.registers))
