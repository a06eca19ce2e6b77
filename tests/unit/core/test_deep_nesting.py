"""Files nested thousands of levels deep (issue 15, item 7): every file the app reads says
which file it was and why, and the app carries on; none ends in a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wt26desk.assets import content_dir
from wt26desk.content_library.loader import load_library
from wt26desk.errors import VaultFormatError
from wt26desk.exports.json_format import ImportFormatError, load
from wt26desk.organisation import ORG_FILE, load_organisation
from wt26desk.parsing import MAX_DEPTH, InputError, loads_json, loads_toml
from wt26desk.settings import Settings, load_settings
from wt26desk.training.session import SessionFileError, loads
from wt26desk.vault.backup import MAGIC, parse_backup


def deep_toml_array(depth: int) -> str:
    return "[" * depth + "]" * depth


def deep_json(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_parsers_refuse_deep_nesting_whatever_the_depth() -> None:
    for depth in (MAX_DEPTH + 1, 500, 5_000, 100_000):
        with pytest.raises(InputError, match="nested more than"):
            loads_json(deep_json(depth))
        with pytest.raises(InputError, match="nested more than"):
            loads_toml(f"a = {deep_toml_array(depth)}")
    # Dotted keys nest without recursion in the parser; the value is still refused.
    with pytest.raises(InputError, match="nested more than"):
        loads_toml("a" + ".a" * 5_000 + " = 1")
    assert loads_json(deep_json(MAX_DEPTH)) is not None
    assert loads_toml(f"a = {deep_toml_array(MAX_DEPTH - 1)}")


def test_content_pack_nested_5000_deep_is_reported_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "pack.toml").write_text('name = "Deep"\nschema_version = 1\n')
    (tmp_path / "deep.toml").write_text(f"[[item]]\nid = {deep_toml_array(5_000)}\n")
    (tmp_path / "deep.md").write_text(f"+++\nid = {deep_toml_array(5_000)}\n+++\nbody\n")
    lib = load_library(content_dir(), (tmp_path,))
    messages = {Path(e.path).name: str(e) for e in lib.errors}
    assert set(messages) == {"deep.toml", "deep.md"}
    assert all("nested more than" in m for m in messages.values())
    assert len(lib.standards) == 21  # the rest still loads


def test_deep_pack_toml_is_reported(tmp_path: Path) -> None:
    (tmp_path / "pack.toml").write_text(f"name = {deep_toml_array(5_000)}\n")
    lib = load_library(content_dir(), (tmp_path,))
    assert any("pack.toml" in str(e) and "nested more than" in str(e) for e in lib.errors)


def test_deep_organisation_file_is_ignored_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / ORG_FILE).write_text(f"organisation = {deep_toml_array(5_000)}\n")
    org = load_organisation(tmp_path)
    assert org.name == ""
    assert len(org.problems) == 1
    assert ORG_FILE in org.problems[0] and "nested more than" in org.problems[0]
    (tmp_path / ORG_FILE).write_text("[[contacts]]\nname = 'x'\nphone" + ".a" * 3_000 + " = 1\n")
    org = load_organisation(tmp_path)
    assert org.contacts == () and "nested more than" in org.problems[0]


def test_deep_settings_file_gives_defaults_and_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"theme": ' + deep_json(100_000) + "}")
    settings, problems = load_settings(path)
    assert settings == Settings()
    assert len(problems) == 1 and str(path) in problems[0] and "nested" in problems[0]


def test_deep_json_import_is_refused_plainly() -> None:
    document = '{"schema": "wt26desk-referral", "version": 1, "record": ' + deep_json(100_000)
    with pytest.raises(ImportFormatError, match="nested more than"):
        load((document + "}").encode())


def test_deep_session_and_backup_headers_are_refused(library) -> None:
    with pytest.raises(SessionFileError, match="nested more than"):
        loads(deep_json(100_000).encode(), library)
    header = ('{"format": "wt26desk-backup", "x": ' + deep_json(30_000) + "}").encode()
    with pytest.raises(VaultFormatError):
        parse_backup(MAGIC + len(header).to_bytes(4, "big") + header)


def test_nan_and_huge_numbers_are_not_json() -> None:
    for text in ("NaN", "[Infinity]", '{"x": -Infinity}', "1e400", "[-1e999]"):
        with pytest.raises(InputError):
            loads_json(text)
    assert loads_json("[1e308, 0.5]") == [1e308, 0.5]
    assert json.loads("1e400") == float("inf")  # why a plain json.loads is not enough


def test_deep_vault_header_is_damaged_not_a_traceback() -> None:
    from wt26desk.vault.header import VaultHeader

    with pytest.raises(VaultFormatError):
        VaultHeader.from_json(b"[" * 10_000)
