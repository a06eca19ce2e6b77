"""What the figures group children by, and the value one child has for each.

Ethnicity and care status take their values from content (`content/context/`), so the
labels and the list live with their sources; the rest come from the fields every record
already has (sex, SEND, first language, setting) or from the date of birth (year group,
counted as English schools count it: the age on 31 August before the school year)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from wt26desk.content_library.library import Library
from wt26desk.records.model import Child

NOT_RECORDED = ""  # the value of a child for whom nothing was recorded
NOT_RECORDED_LABEL = "Not recorded"


@dataclass(frozen=True)
class Characteristic:
    id: str
    title: str
    value_of: Callable[[Child, date], str]
    choices: tuple[tuple[str, str], ...] = ()  # known values and labels, in order
    free_text: bool = False  # values as people typed them (compared without case)

    def label(self, value: str) -> str:
        if value == NOT_RECORDED:
            return NOT_RECORDED_LABEL
        for known, label in self.choices:
            if known == value:
                return label
        return value if self.free_text else value.replace("-", " ").capitalize()

    def known(self, value: str) -> bool:
        return self.free_text or any(v == value for v, _ in self.choices)


def year_group(child: Child, on: date) -> str:
    """National curriculum year on `on`: nursery at 3, reception at 4, year 1 at 5 ...
    (the age on 31 August before the school year began)."""
    if child.unborn or not child.date_of_birth:
        return NOT_RECORDED
    return _year_group(child.date_of_birth, on.year if on.month >= 9 else on.year - 1)


@functools.lru_cache(maxsize=65_536)  # the same children come back record after record
def _year_group(date_of_birth: str, start_year: int) -> str:
    try:
        born = date.fromisoformat(date_of_birth)
    except ValueError:
        return NOT_RECORDED
    age = start_year - born.year - ((born.month, born.day) > (8, 31))
    if age < 3:
        return "under-3"
    if age == 3:
        return "nursery"
    if age == 4:
        return "reception"
    if age <= 17:
        return f"year-{age - 4}"
    return "18-and-over"


YEAR_GROUPS: tuple[tuple[str, str], ...] = (
    ("under-3", "Under 3 (before nursery)"),
    ("nursery", "Nursery"),
    ("reception", "Reception"),
    *((f"year-{n}", f"Year {n}") for n in range(1, 14)),
    ("18-and-over", "18 and over"),
)
SEX: tuple[tuple[str, str], ...] = (("female", "Female"), ("male", "Male"), ("other", "Other"))
SEND: tuple[tuple[str, str], ...] = (("send", "SEND"), ("no-send", "No SEND"))
# The record's SEND field is free text: these (compared without case or punctuation at
# the ends) say the child has none; these say nobody knows. Anything else is a need.
NO_SEND = frozenset(
    {
        "none",
        "no",
        "nil",
        "n/a",
        "na",
        "not applicable",
        "no send",
        "no sen",
        "none known",
        "no known send",
        "no known sen",
        "no needs",
        "no known needs",
    }
)
SEND_NOT_KNOWN = frozenset(
    {
        "-",
        "?",
        "not known",
        "unknown",
        "don't know",
        "do not know",
        "not sure",
        "unsure",
        "not recorded",
        "tbc",
    }
)


@functools.lru_cache(maxsize=4096)
def _text(value: str) -> str:
    return " ".join(value.split()).casefold()


def send(child: Child, _on: date) -> str:
    """A blank field (or "not known") is not recorded, never "no SEND": only a field that
    says none puts the child with the roll's pupils who have none."""
    text = _text(child.send)
    bare = text.strip(" .!;:") or text  # "None." is "none"; "?" stays "?"
    if not bare or bare in SEND_NOT_KNOWN:
        return NOT_RECORDED
    return "no-send" if bare in NO_SEND else "send"


@dataclass(frozen=True)
class Characteristics:
    """Every characteristic, in the order reports show them."""

    all: tuple[Characteristic, ...] = field(default_factory=tuple)

    def get(self, characteristic_id: str) -> Characteristic | None:
        return next((c for c in self.all if c.id == characteristic_id), None)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.all)

    @classmethod
    def from_library(cls, library: Library) -> Characteristics:
        return cls.from_choices(
            ethnicity=library.choices_for("ethnicity"),
            care_status=library.choices_for("care_status"),
        )

    @classmethod
    def from_choices(
        cls,
        *,
        ethnicity: tuple[tuple[str, str], ...],
        care_status: tuple[tuple[str, str], ...],
    ) -> Characteristics:
        return cls(
            (
                Characteristic("ethnicity", "Ethnicity", lambda c, _on: c.ethnicity, ethnicity),
                Characteristic(
                    "care_status", "Care status", lambda c, _on: c.care_status, care_status
                ),
                Characteristic("sex", "Sex", lambda c, _on: c.sex, SEX),
                Characteristic("send", "SEND", send, SEND),
                Characteristic("year_group", "Year group", year_group, YEAR_GROUPS),
                Characteristic(
                    "language", "Language", lambda c, _on: _text(c.language), free_text=True
                ),
                Characteristic(
                    "setting", "Setting", lambda c, _on: _text(c.setting), free_text=True
                ),
            )
        )
