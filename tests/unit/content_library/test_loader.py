"""Malformed content is reported with file, line and field; everything else still loads."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wt26desk.assets import content_dir
from wt26desk.content_library.frontmatter import split_front_matter
from wt26desk.content_library.loader import load_library
from wt26desk.content_library.models import Addendum, Page
from wt26desk.errors import ContentError

from ...conftest import DATA


def errors_by_file(folder: Path) -> dict[str, ContentError]:
    lib = load_library(content_dir(), (folder,))
    return {Path(e.path).name: e for e in lib.errors}


def test_a_local_pack_adds_pages_and_addenda_with_its_origin() -> None:
    lib = load_library(content_dir(), (DATA / "packs" / "local-good",))
    assert not lib.errors
    page = lib.get("anytown-contacts")
    assert isinstance(page, Page) and page.origin == "Anytown Safeguarding Partnership"
    [addendum] = lib.addenda_for("A3")
    assert isinstance(addendum, Addendum) and addendum.id == "anytown-a3"
    assert [p.name for p in lib.packs] == [
        "Working Together 2026 (wt26desk core)",
        "Anytown Safeguarding Partnership",
    ]


def test_broken_pack_reports_each_problem_precisely_and_keeps_the_rest() -> None:
    lib = load_library(content_dir(), (DATA / "packs" / "broken",))
    errors = {Path(e.path).name: e for e in lib.errors}
    assert len(lib.standards) == 21  # the core is untouched
    assert lib.get("good-term") is not None  # a good entry beside a bad one survives

    assert errors["bad-toml.md"].line == 4 and "TOML" in errors["bad-toml.md"].message
    assert errors["wrong-type.md"].field == "sources" and errors["wrong-type.md"].line == 7
    assert errors["missing-field.md"].field == "indicators"
    assert errors["bad-link.md"].field == "summary" and "no-such-item" in str(errors["bad-link.md"])
    assert errors["no-header.md"].line == 1
    assert "UTF-8" in errors["not-utf8.md"].message
    assert errors["list.toml"].field == "colour" and errors["list.toml"].line == 15
    assert str(errors["wrong-type.md"]).startswith("broken/wrong-type.md:7 [sources]")


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    (tmp_path / "pack.toml").write_text('name = "Dup"\nschema_version = 1\n')
    (tmp_path / "a.md").write_text(
        '+++\nid = "A1"\nkind = "page"\ngroup = "local"\n'
        'title = "Mine"\nsummary = "x"\nsources = ["x"]\n+++\n'
    )
    lib = load_library(content_dir(), (tmp_path,))
    [error] = lib.errors
    assert error.field == "id" and "already used" in error.message
    assert lib.get("A1").title == "Notice, listen and record"  # the core item wins


def test_wrong_schema_version_and_missing_pack(tmp_path: Path) -> None:
    (tmp_path / "pack.toml").write_text('name = "Future"\nschema_version = 99\n')
    assert "schema_version" in str(load_library(content_dir(), (tmp_path,)).errors[0])
    assert "no pack.toml" in str(load_library(content_dir(), (tmp_path / "x",)).errors[0])


def test_absurd_sizes_are_refused(tmp_path: Path) -> None:
    (tmp_path / "pack.toml").write_text('name = "Big"\nschema_version = 1\n')
    (tmp_path / "huge.md").write_text("+++\n" + "x" * 1_100_000)
    long_title = "t" * 30_000
    (tmp_path / "long.md").write_text(
        f'+++\nid = "long"\nkind = "page"\ngroup = "local"\n'
        f'title = "{long_title}"\nsummary = "x"\nsources = ["x"]\n+++\n'
    )
    errors = {Path(e.path).name: e for e in load_library(content_dir(), (tmp_path,)).errors}
    assert "1 MB" in errors["huge.md"].message
    assert errors["long.md"].field == "title"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_front_matter_parser_never_crashes(text: str) -> None:
    try:
        split_front_matter(text, "fuzz.md")
    except ContentError as exc:
        assert exc.path == "fuzz.md"


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet='+=[]"\n abcdkindtlesummary', max_size=200))
def test_front_matter_fuzz_with_toml_shaped_noise(text: str) -> None:
    try:
        split_front_matter("+++\n" + text + "\n+++\n", "fuzz.md")
    except ContentError as exc:
        assert exc.line is None or exc.line >= 1


@pytest.mark.parametrize("bad", ["/etc/passwd", "../secrets", "a/../../b", "C:/x"])
def test_asset_paths_cannot_escape(bad: str) -> None:
    from wt26desk.assets import resource_path
    from wt26desk.errors import AssetPathError

    with pytest.raises(AssetPathError):
        resource_path(bad)
