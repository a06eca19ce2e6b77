"""The demo (training) vault: a separate vault, marked as training in its header, filled
with fictional records from `content/demo-records/` (referral JSON exports).

It has a published passphrase because it holds nothing real, and it is opened only after
its header proves it is a training vault: trainer mode can never open a real vault."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from wt26desk.errors import Wt26Error
from wt26desk.exports.json_format import load
from wt26desk.records.store import RecordStore
from wt26desk.training.demo_cohort import demo_cohort_records
from wt26desk.vault.crypto import KdfParams
from wt26desk.vault.layout import vault_exists
from wt26desk.vault.vault import Vault, read_header

DEMO_PASSPHRASE = "training only: fictional records"  # noqa: S105 (published on purpose)
MAX_DEMO_RECORDS = 200
DEMO_COHORT = "demo-cohort.csv"  # the demo setting's roll, beside the records


class NotATrainingVault(Wt26Error):
    """A folder meant for the demo vault holds a real one."""


def demo_records(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json"))[:MAX_DEMO_RECORDS]


def _fill(vault: Vault, records_dir: Path) -> int:
    store = RecordStore(vault)
    count = 0
    for path in demo_records(records_dir):
        record, envelope = load(path.read_bytes())
        if not envelope.get("training"):
            raise Wt26Error(f"{path.name} is not marked as training data; it was not loaded.")
        store.save(record)
        count += 1
    # A year of concerns for the lead's view, in one transaction (a fresh vault has no
    # drafts to discard): about 0.1 s, where one save each took a second.
    year = demo_cohort_records(date.today())
    vault.put_many([(record.id, record.to_document()) for record in year])
    return count + len(year)


def is_training_vault(folder: Path) -> bool:
    return vault_exists(folder) and read_header(folder).training


def open_demo_vault(folder: Path, records_dir: Path, *, fresh: bool = False) -> Vault:
    """Open the demo vault, creating and filling it first if needed (or if `fresh`)."""
    folder = Path(folder)
    if vault_exists(folder) and not is_training_vault(folder):
        raise NotATrainingVault(
            f"{folder} holds a vault that is not a training vault; trainer mode never opens it."
        )
    if fresh and vault_exists(folder):
        shutil.rmtree(folder)
    if vault_exists(folder):
        return Vault.unlock(folder, DEMO_PASSPHRASE)
    folder.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    vault, _recovery = Vault.create(folder, DEMO_PASSPHRASE, kdf=KdfParams.floor(), training=True)
    try:
        _fill(vault, records_dir)
    except Exception:
        vault.lock()
        shutil.rmtree(folder, ignore_errors=True)  # a half-filled demo is not kept
        raise
    return vault
