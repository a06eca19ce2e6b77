"""Concern records kept in an unlocked vault: the list, one record, saving a revision,
and the encrypted drafts that autosave keeps while someone is still writing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from wt26desk.errors import VaultError
from wt26desk.records.model import ConcernRecord

if TYPE_CHECKING:
    from wt26desk.vault.vault import Vault

DRAFT_PREFIX = "concern:"


class RecordStore:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault

    @property
    def training(self) -> bool:
        return self.vault.header.training

    def records(self) -> list[ConcernRecord]:
        """Every saved concern, newest event first."""
        found = []
        for record_id in self.vault.record_ids():
            document = self.vault.get(record_id)
            if document.get("kind") == "concern":
                found.append(ConcernRecord.from_document(document))
        return sorted(
            found, key=lambda r: (r.event_date or r.created[:10], r.created), reverse=True
        )

    def get(self, record_id: str) -> ConcernRecord:
        document = self.vault.get(record_id)
        if document.get("kind") != "concern":
            raise VaultError(f"Record {record_id} is not a concern record.")
        return ConcernRecord.from_document(document)

    def revision_count(self, record_id: str) -> int:
        return len(self.vault.history(record_id)) if record_id in self.vault.record_ids() else 0

    def save(self, record: ConcernRecord) -> int:
        """A new revision; the draft it came from has served its purpose."""
        revision = self.vault.put(record.id, record.to_document())
        self.vault.discard_draft(DRAFT_PREFIX + record.id)
        return revision

    def save_draft(self, record: ConcernRecord) -> None:
        self.vault.save_draft(DRAFT_PREFIX + record.id, record.to_document())

    def drafts(self) -> list[ConcernRecord]:
        found = []
        for draft_id in self.vault.draft_ids():
            if draft_id.startswith(DRAFT_PREFIX):
                document = self.vault.load_draft(draft_id)
                if document is not None:
                    found.append(ConcernRecord.from_document(document))
        return found

    def discard_draft(self, record_id: str) -> None:
        self.vault.discard_draft(DRAFT_PREFIX + record_id)

    def search(self, query: str) -> set[str]:
        return set(self.vault.search(query))
