"""Made once with wt26desk at commit aa261a9 (format version 1), kept as a fixture."""
import json, sys, unicodedata
from datetime import UTC, datetime
from pathlib import Path
from wt26desk.vault.crypto import KdfParams
from wt26desk.vault.vault import Vault
from wt26desk.vault import pin

out = Path(sys.argv[1])
passphrase = unicodedata.normalize("NFD", "Zoë café fixture")
assert passphrase != unicodedata.normalize("NFC", passphrase)
times = iter(datetime(2026, 11, 30, 12, m, tzinfo=UTC) for m in range(60))
vault, recovery = Vault.create(out, passphrase, kdf=KdfParams(b"fixture-salt-v1!", 8 * 1024, 1, 1), clock=lambda: next(times))
vault.put("rec-a", {"text": "first note"})
vault.put("rec-a", {"text": "first note, revised", "child": "Zoë Ng"})
vault.put("rec-b", {"text": "second note"})
vault.save_draft("new-record", {"text": "half written"})
pin.set_pin(vault, "1234")
vault.record_event("export.written", file="x.json")
vault.lock()
(out.parent / "vault-v1.json").write_text(json.dumps({
    "passphrase_nfd": passphrase, "recovery_key": recovery,
    "records": {"rec-a": 2, "rec-b": 1}, "pin": "1234",
    "made_by": "wt26desk commit aa261a9, vault format 1",
}, ensure_ascii=True, indent=2) + "\n")

# vault-v1.wt26bak: a backup of that vault, written by the same (format 1) code with
# wt26desk.vault.backup.write_backup after unlocking it with passphrase_nfd.
