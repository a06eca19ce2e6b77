"""The machine-readable export, version 1, documented in docs/export-format.md:

    {"schema": "wt26desk-referral", "version": 1, "marking": "...",
     "training": false, "redacted": ["referrer", ...], "record": {...concern record...}}

Deterministic (sorted keys, no timestamps of its own), so export, import and export again
gives the same bytes. Reading checks every field's type and names the first bad one."""

from __future__ import annotations

import dataclasses
import json
import math
import re
from datetime import date
from typing import Any

from wt26desk.errors import Wt26Error
from wt26desk.parsing import InputError, dumps_json, loads_json
from wt26desk.records.body_map import OUTLINES, VIEWS
from wt26desk.records.model import NESTED, ConcernRecord

SCHEMA = "wt26desk-referral"
VERSION = 1
MAX_BYTES = 16 * 1024 * 1024
MAX_AGE_YEARS = 25  # as the record editor allows
# Ids become vault keys and are printed: 1 to 128 characters, no control characters, no '|'.
_ID = re.compile(r"[^\x00-\x1f\x7f-\x9f|\u2028\u2029]{1,128}")


class ImportFormatError(Wt26Error):
    """The file is not a wt26desk referral JSON export this version can read."""


def dump(
    record: ConcernRecord,
    *,
    marking: str,
    training: bool,
    redacted: list[str],
    handover: dict[str, Any] | None = None,
) -> bytes:
    """`handover` (a bundle to the DSL: sender, bundle id, when, summary) is added as it is;
    wt26desk.handover.bundle makes and checks it."""
    document: dict[str, Any] = {
        "schema": SCHEMA,
        "version": VERSION,
        "marking": marking,
        "training": training,
        "redacted": sorted(redacted),
        "record": record.to_document(),
    }
    if handover is not None:
        document["handover"] = handover
    try:
        text = dumps_json(document, ensure_ascii=False, sort_keys=True, indent=2)
    except ValueError:
        raise Wt26Error(
            "This record holds a value that is not a number or is infinite (a body-map "
            "position?), which JSON cannot carry; no JSON was written. Place the mark again, "
            "save, and export again."
        ) from None
    return (text + "\n").encode()


def _check(cls: type, data: Any, where: str) -> None:
    if not isinstance(data, dict):
        raise ImportFormatError(f"{where} must be an object.")
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        name = f"{where}.{f.name}"
        default = (
            f.default
            if f.default is not dataclasses.MISSING
            else f.default_factory()
            if f.default_factory is not dataclasses.MISSING
            else ""
        )
        if f.name in NESTED:
            inner = NESTED[f.name]
            if isinstance(default, list):
                if not isinstance(value, list):
                    raise ImportFormatError(f"{name} must be a list.")
                for n, item in enumerate(value):
                    _check(inner, item, f"{name}[{n}]")
            else:
                _check(inner, value, name)
        elif isinstance(default, bool) or f.name == "mobile":
            if not (isinstance(value, bool) or (value is None and f.name == "mobile")):
                raise ImportFormatError(f"{name} must be true or false.")
        elif f.name == "age_years":
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
                raise ImportFormatError(f"{name} must be a whole number or null.")
        elif isinstance(default, list):
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                raise ImportFormatError(f"{name} must be a list of text.")
        elif isinstance(default, float):
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                raise ImportFormatError(f"{name} must be a number.")
        elif not isinstance(value, str):
            raise ImportFormatError(f"{name} must be text.")


def _check_id(value: Any, where: str) -> None:
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise ImportFormatError(
            f"{where} must be 1 to 128 characters without control characters or '|'."
        )


def _iso_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _check_ranges(record: dict[str, Any]) -> None:
    """What the types allow but a record cannot hold: every number, choice and date."""
    _check_id(record.get("id"), "record.id")
    for n, child in enumerate(record.get("children", [])):
        where = f"record.children[{n}]"
        if "id" in child:
            _check_id(child["id"], f"{where}.id")
        age = child.get("age_years")
        if age is not None and not 0 <= age <= MAX_AGE_YEARS:
            raise ImportFormatError(f"{where}.age_years must be from 0 to {MAX_AGE_YEARS}.")
        for name in ("date_of_birth", "expected_date"):
            text = child.get(name, "")
            if text and not _iso_date(text):
                raise ImportFormatError(f"{where}.{name} must be a date like 2019-03-31.")
    for n, mark in enumerate(record.get("marks", [])):
        where = f"record.marks[{n}]"
        if mark.get("view", VIEWS[0]) not in VIEWS:
            raise ImportFormatError(f"{where}.view must be {' or '.join(VIEWS)}.")
        if mark.get("outline", OUTLINES[0]) not in OUTLINES:
            raise ImportFormatError(f"{where}.outline must be {' or '.join(OUTLINES)}.")
        for axis in ("x", "y"):
            value = mark.get(axis, 0.5)
            if not (math.isfinite(value) and 0 <= value <= 1):
                raise ImportFormatError(f"{where}.{axis} must be from 0 to 1.")


def load(raw: bytes) -> tuple[ConcernRecord, dict[str, Any]]:
    """The record and the export's envelope (marking, training, redacted, handover)."""
    if len(raw) > MAX_BYTES:
        raise ImportFormatError("The file is larger than 16 MiB: not a referral export.")
    try:
        data = loads_json(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFormatError(f"The file is not valid JSON: {exc}.") from None
    except InputError as exc:
        raise ImportFormatError(f"The file is not accepted: {exc}.") from None
    return from_data(data)


def from_data(data: Any) -> tuple[ConcernRecord, dict[str, Any]]:
    """As `load`, for JSON already parsed (strictly: `parsing.loads_json`)."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ImportFormatError(f"The file is not a wt26desk referral export ({SCHEMA}).")
    if data.get("version") != VERSION:
        raise ImportFormatError(
            f"The export is version {data.get('version')!r}; this wt26desk reads version {VERSION}."
        )
    record = data.get("record")
    _check(ConcernRecord, record, "record")
    assert isinstance(record, dict)
    if not isinstance(record.get("id"), str) or not record["id"]:
        raise ImportFormatError("record.id is missing.")
    if record.get("status") not in ("draft", "submitted", "closed"):
        raise ImportFormatError("record.status must be draft, submitted or closed.")
    _check_ranges(record)
    envelope = {k: data.get(k) for k in ("marking", "training", "redacted", "handover")}
    return ConcernRecord.from_document(record), envelope
