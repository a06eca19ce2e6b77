"""Organisation settings that IT sets in `wt26desk-org.toml` next to the app: the
organisation's name and referral contacts, the default export recipient key, and defaults
for user settings (sensitivity marking, auto-lock time, content pack folders, ...).

A setting named in `locked` always has the organisation's value: the user's own settings
file cannot change (loosen) it. A bad value is reported and ignored; the app still starts.

    organisation = "Anytown Primary School"
    sensitivity_marking = "OFFICIAL-SENSITIVE"
    idle_lock_minutes = 5
    content_pack_dirs = ["packs/anytown"]      # relative to the app folder, or absolute
    export_recipient = "age1..."               # an age public key (the DSL's)
    handover_folder = "S:/Safeguarding/Inbox"  # where bundles to the DSL go (relative: to
                                               # the app folder)
    locked = ["sensitivity_marking", "idle_lock_minutes"]

    [[contacts]]
    name = "Children's services front door"
    phone = "01234 567890"
    hours = "Monday to Friday, 9 to 5"
    notes = "Out of hours: the emergency duty team, 01234 000000"
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wt26desk.parsing import InputError, loads_toml
from wt26desk.paths import app_folder
from wt26desk.settings import Settings, settings_from_dict

ORG_FILE = "wt26desk-org.toml"
MAX_BYTES = 256 * 1024
# User settings an organisation may set (and lock). Window state and theme stay personal.
ORG_SETTINGS = (
    "sensitivity_marking",
    "idle_lock_minutes",
    "content_pack_dirs",
    "strategy_discussion_working_days",
    "exclude_bank_holidays",
    "extra_closure_dates",
    "retention_years_after_birth",
)
CONTACT_FIELDS = ("name", "phone", "email", "hours", "notes")


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str = ""
    email: str = ""
    hours: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Organisation:
    name: str = ""
    contacts: tuple[Contact, ...] = ()
    export_recipient: str = ""
    handover_folder: str = ""  # an absolute path, or ""
    values: dict[str, Any] = field(default_factory=dict)  # defaults for user settings
    locked: frozenset[str] = frozenset()
    source: str = ""  # the file it came from, for messages
    problems: tuple[str, ...] = ()


def load_organisation(folder: Path | None = None) -> Organisation:
    """The organisation file next to the app, or an empty Organisation if there is none."""
    path = (folder or app_folder()) / ORG_FILE
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return Organisation()  # most computers have none: no TOML parser to load
    except OSError as exc:
        return Organisation(problems=(f"{path} cannot be read ({exc}); ignored",))
    if size > MAX_BYTES:
        return Organisation(problems=(f"{path} is larger than 256 KiB; ignored",))
    import tomllib

    try:
        data = loads_toml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Organisation()
    except (OSError, UnicodeDecodeError) as exc:
        return Organisation(problems=(f"{path} cannot be read ({exc}); ignored",))
    except tomllib.TOMLDecodeError as exc:
        return Organisation(problems=(f"{path} is not valid TOML ({exc}); ignored",))
    except InputError as exc:
        return Organisation(problems=(f"{path} is not accepted: {exc}; ignored",))
    return _organisation(data, path)


def _text(data: dict[str, Any], key: str, problems: list[str]) -> str:
    value = data.get(key, "")
    if not isinstance(value, str) or len(value) > 2000:
        problems.append(f"{key} must be text; ignored")
        return ""
    return value.strip()


def _folder(text: str, path: Path) -> str:
    return str((path.parent / Path(text).expanduser()).resolve()) if text else ""


def _organisation(data: dict[str, Any], path: Path) -> Organisation:
    problems: list[str] = []
    known = {
        "organisation",
        "export_recipient",
        "handover_folder",
        "locked",
        "contacts",
        *ORG_SETTINGS,
    }
    problems += [
        f"{key} is not an organisation setting; ignored" for key in data if key not in known
    ]
    raw = {key: data[key] for key in ORG_SETTINGS if key in data}
    if isinstance(raw.get("content_pack_dirs"), list):
        raw["content_pack_dirs"] = [
            str((path.parent / d).resolve()) if isinstance(d, str) else d
            for d in raw["content_pack_dirs"]
        ]
    values: dict[str, Any] = {}
    for key, value in raw.items():  # one at a time, so a bad value costs only itself
        checked, bad = settings_from_dict({key: value})
        problems += bad
        if not bad:
            values[key] = getattr(checked, key)
    locked_raw = data.get("locked", [])
    if not isinstance(locked_raw, list) or not all(isinstance(k, str) for k in locked_raw):
        problems.append("locked must be a list of setting names; nothing is locked")
        locked_raw = []
    unknown = [k for k in locked_raw if k not in ORG_SETTINGS]
    problems += [f"locked names {k!r}, which an organisation cannot set" for k in unknown]
    locked = frozenset(k for k in locked_raw if k in values)
    problems += [
        f"locked names {k!r} but gives it no value; not locked"
        for k in locked_raw
        if k in ORG_SETTINGS and k not in values
    ]
    contacts = []
    raw_contacts = data.get("contacts", [])
    if not isinstance(raw_contacts, list):
        problems.append("contacts must be [[contacts]] tables; ignored")
        raw_contacts = []
    for n, entry in enumerate(raw_contacts[:50], start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            problems.append(f"contact {n} needs a name; ignored")
            continue
        contacts.append(Contact(**{k: str(entry.get(k, "")).strip()[:500] for k in CONTACT_FIELDS}))
    return Organisation(
        name=_text(data, "organisation", problems),
        contacts=tuple(contacts),
        export_recipient=_text(data, "export_recipient", problems),
        handover_folder=_folder(_text(data, "handover_folder", problems), path),
        values=values,
        locked=locked,
        source=str(path),
        problems=tuple(f"{path.name}: {p}" for p in problems),
    )


def apply_organisation(user: dict[str, Any], org: Organisation) -> tuple[Settings, list[str]]:
    """User settings over the organisation's defaults, except where the organisation locks
    a setting: there its value always wins."""
    merged: dict[str, Any] = {**_plain(org.values), **user}
    merged.update(_plain({k: v for k, v in org.values.items() if k in org.locked}))
    return settings_from_dict(merged)


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()}
