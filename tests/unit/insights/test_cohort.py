"""Cohort files: TOML and CSV read the same; anything malformed is refused clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.insights.records import CHARACTERISTICS
from wt26desk.insights.cohort import MAX_BYTES, CohortError, load_cohort

TOML = """\
name = "Oak Primary, census 2026"
[ethnicity]
white = 310
black = 42
[sex]
female = 180
male = 172
"""
CSV = """\ufeffcharacteristic,value,children
# from the census return
ethnicity,white,310
ethnicity, Black ,42

sex,female,180
sex,male,172
"""


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_toml_and_csv_give_the_same_roll(tmp_path: Path) -> None:
    toml = load_cohort(write(tmp_path, "oak.toml", TOML), CHARACTERISTICS)
    csv = load_cohort(
        write(tmp_path, "oak-census.csv", CSV.replace("Black", "black")), CHARACTERISTICS
    )
    assert toml.name == "Oak Primary, census 2026"
    assert csv.name == "oak-census"
    assert (
        toml.groups
        == csv.groups
        == {
            "ethnicity": {"white": 310, "black": 42},
            "sex": {"female": 180, "male": 172},
        }
    )
    assert toml.total("ethnicity") == 352


def test_free_text_characteristics_compare_without_case(tmp_path: Path) -> None:
    text = "characteristic,value,children\nlanguage, Polish ,12\n"
    cohort = load_cohort(write(tmp_path, "c.csv", text), CHARACTERISTICS)
    assert cohort.groups == {"language": {"polish": 12}}


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("c.toml", "[ethnicity\nwhite = 3", "is not valid TOML"),
        ("c.toml", "[religion]\nnone = 3", "'religion' is not a characteristic"),
        ("c.toml", "[ethnicity]\npurple = 3", "'purple' is not a value of ethnicity"),
        ("c.toml", "[ethnicity]\nwhite = -1", "is not a roll size"),
        ("c.toml", "[ethnicity]\nwhite = 99999999", "is not a roll size"),
        ("c.toml", "[ethnicity]\nwhite = 2.5", "must be a whole number"),
        ("c.toml", "[ethnicity]\nwhite = true", "must be a whole number"),
        ("c.toml", "[ethnicity]\nwhite = 0", "every group has 0 children"),
        ("c.toml", 'ethnicity = "white"', "must be a table"),
        ("c.toml", 'name = "x"', "holds no groups"),
        ("c.toml", "name = 3\n[sex]\nmale = 2", "name must be text"),
        ("c.csv", "value,characteristic,children\n", "the first line must be"),
        ("c.csv", "characteristic,value,children\nsex,male\n", "has 2 columns"),
        ("c.csv", "characteristic,value,children\nsex,male,lots\n", "must be a whole number"),
        ("c.csv", "characteristic,value,children\nsex,male,3\nsex,male,4\n", "given twice"),
        ("c.csv", "characteristic,value,children\nsex,,3\n", "has no value"),
        ("c.json", "{}", "must end in .toml or .csv"),
        ("c.csv", b"\xff\xfe\x00", "is not UTF-8 text"),
    ],
)
def test_malformed_files_are_refused_clearly(
    tmp_path: Path, name: str, text: str | bytes, message: str
) -> None:
    with pytest.raises(CohortError, match=message) as caught:
        load_cohort(write(tmp_path, name, text), CHARACTERISTICS)
    assert name in str(caught.value)


def test_the_line_is_named(tmp_path: Path) -> None:
    text = "characteristic,value,children\nsex,male,3\n\nsex,robot,4\n"
    with pytest.raises(CohortError, match="line 4"):
        load_cohort(write(tmp_path, "c.csv", text), CHARACTERISTICS)


def test_absurd_sizes_are_refused(tmp_path: Path) -> None:
    big = write(tmp_path, "big.csv", "characteristic,value,children\n" + "x" * MAX_BYTES)
    with pytest.raises(CohortError, match="a cohort file is under 256 KB"):
        load_cohort(big, CHARACTERISTICS)
    many = "characteristic,value,children\n" + "".join(f"language,lang{n},1\n" for n in range(600))
    with pytest.raises(CohortError, match="more than 500 groups"):
        load_cohort(write(tmp_path, "many.csv", many), CHARACTERISTICS)


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CohortError, match="cannot be read"):
        load_cohort(tmp_path / "none.toml", CHARACTERISTICS)
