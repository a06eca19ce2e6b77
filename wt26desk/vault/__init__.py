"""The encrypted vault every note goes through: envelope encryption (Argon2id, AES-256-GCM),
SQLite storage with revisions, a keyed hash-chained audit log, backup and restore.
See docs/vault-format.md for the format byte by byte."""
