"""Fuzzing every file the app reads (issue 15): content packs, the organisation file,
settings, JSON imports, sessions, backups and the vault header, with random structure,
random bytes and nesting from none to 100,000 levels. Each reader either accepts the file
or refuses it with its own plain error; none raises anything else."""

from __future__ import annotations

import contextlib
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from wt26desk.assets import content_dir
from wt26desk.content_library.loader import load_library
from wt26desk.errors import VaultFormatError
from wt26desk.exports.json_format import SCHEMA, ImportFormatError, load
from wt26desk.organisation import ORG_FILE, Organisation, load_organisation
from wt26desk.prompts.input import ConcernInputError, concern_from_json
from wt26desk.settings import Settings, load_settings
from wt26desk.training.session import FORMAT, SessionFileError, loads
from wt26desk.vault.backup import MAGIC, parse_backup
from wt26desk.vault.header import VaultHeader

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DEPTHS = st.one_of(
    st.integers(min_value=0, max_value=40),
    st.integers(min_value=40, max_value=3_000),
    st.sampled_from([5_000, 100_000]),
)
VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=30,
)


@st.composite
def deep_json(draw: st.DrawFn) -> str:
    """A JSON value nested `depth` levels, each level a list or an object."""
    depth = draw(DEPTHS)
    kinds = draw(st.lists(st.booleans(), min_size=1, max_size=8))
    opening = "".join("[" if kinds[n % len(kinds)] else '{"k":' for n in range(depth))
    closing = "".join("]" if kinds[n % len(kinds)] else "}" for n in reversed(range(depth)))
    return opening + draw(st.sampled_from(["1", '"x"', "null", "[]", "{}"])) + closing


@st.composite
def deep_toml_value(draw: st.DrawFn) -> str:
    """A TOML value nested `depth` levels: arrays, inline tables, or both."""
    depth = draw(DEPTHS)
    kind = draw(st.sampled_from(["array", "table", "mixed"]))
    parts_open, parts_close = [], []
    for n in range(depth):
        array = kind == "array" or (kind == "mixed" and n % 2 == 0)
        parts_open.append("[" if array else "{a = ")
        parts_close.append("]" if array else "}")
    return "".join(parts_open) + "1" + "".join(reversed(parts_close))


@st.composite
def deep_toml_document(draw: st.DrawFn) -> str:
    """A TOML document whose nesting comes from a value, dotted keys or table headers."""
    depth = draw(DEPTHS)
    key = draw(st.sampled_from(["organisation", "name", "contacts", "item", "title", "x"]))
    form = draw(st.sampled_from(["value", "dotted", "header"]))
    if form == "value":
        return f"{key} = {draw(deep_toml_value())}\n"
    path = ".".join([key] + ["a"] * min(depth, 20_000))
    if form == "dotted":
        return f"{path} = 1\n"
    return f"[{path}]\nz = 1\n"


def json_documents() -> st.SearchStrategy[str]:
    return st.one_of(deep_json(), VALUES.map(json.dumps), st.text(max_size=200))


@FUZZ
@given(json_documents())
def test_settings_file_never_stops_the_app(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "settings.json"
        path.write_text(text)
        settings_, problems = load_settings(path)
        assert isinstance(settings_, Settings) and all(isinstance(p, str) for p in problems)
        path.write_text('{"theme": ' + text + ', "zoom_percent": ' + text + "}")
        assert isinstance(load_settings(path)[0], Settings)


@FUZZ
@given(st.one_of(deep_toml_document(), st.text(max_size=300)), st.booleans())
def test_organisation_file_never_stops_the_app(text: str, contacts: bool) -> None:
    if contacts:
        text = "[[contacts]]\nname = 'Front door'\n" + text
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / ORG_FILE).write_text(text)
        org = load_organisation(Path(folder))
        assert isinstance(org, Organisation)
        assert all(isinstance(p, str) and ORG_FILE in p for p in org.problems)


@FUZZ
@given(
    st.one_of(deep_toml_document(), st.text(max_size=300)),
    st.sampled_from(["pack.toml", "items.toml", "page.md"]),
)
@example("item = [1]\n", "items.toml")  # an array of values where tables belong
def test_content_pack_file_is_reported_never_raised(text: str, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        pack = Path(folder)
        if name != "pack.toml":
            (pack / "pack.toml").write_text('name = "Fuzz"\nschema_version = 1\n')
        (pack / name).write_text(f"+++\n{text}\n+++\nbody\n" if name.endswith(".md") else text)
        lib = load_library(content_dir(), (pack,))
        assert len(lib.standards) == 21  # the core pack still loads whatever the local one is
        for error in lib.errors:
            assert str(error)


@FUZZ
@given(json_documents(), st.booleans())
def test_json_import_refuses_plainly(text: str, wrapped: bool) -> None:
    if wrapped:  # a real envelope around the fuzz, so the record's checks run too
        text = json.dumps({"schema": SCHEMA, "version": 1})[:-1] + ', "record": ' + text + "}"
    with contextlib.suppress(ImportFormatError):
        load(text.encode())


@FUZZ
@given(st.dictionaries(st.sampled_from(["id", "status", "marks", "children", "facts"]), VALUES))
def test_json_import_record_fields_fuzz(record: dict[str, Any]) -> None:
    record.setdefault("id", "r1")
    record.setdefault("status", "draft")
    document = {"schema": SCHEMA, "version": 1, "record": record}
    with contextlib.suppress(ImportFormatError):
        load(json.dumps(document).encode())


@FUZZ
@given(text=json_documents(), wrapped=st.booleans())
def test_session_file_refuses_plainly(library, text: str, wrapped: bool) -> None:
    if wrapped:
        envelope = json.dumps({"format": FORMAT, "version": 1, "title": "t"})[:-1]
        text = envelope + ', "entries": ' + text + "}"
    with contextlib.suppress(SessionFileError):
        loads(text.encode(), library)


@FUZZ
@given(json_documents(), st.binary(max_size=64))
def test_backup_header_refuses_plainly(text: str, payload: bytes) -> None:
    header = text.encode()
    with contextlib.suppress(VaultFormatError):
        parse_backup(MAGIC + len(header).to_bytes(4, "big") + header + payload)
    wrapped = ('{"format": "wt26desk-backup", "version": 1, "vault_header": ' + text + "}").encode()
    with contextlib.suppress(VaultFormatError):
        parse_backup(MAGIC + len(wrapped).to_bytes(4, "big") + wrapped + payload)


@FUZZ
@given(json_documents())
def test_vault_header_refuses_plainly(text: str) -> None:
    with contextlib.suppress(VaultFormatError):
        VaultHeader.from_json(text.encode()[: 16 * 1024])


@FUZZ
@given(json_documents())
def test_prompts_input_refuses_plainly(text: str) -> None:
    from wt26desk.parsing import InputError, loads_json

    try:
        data = loads_json(text)
    except (InputError, json.JSONDecodeError):
        return
    with contextlib.suppress(ConcernInputError):
        concern_from_json(data)
