"""The safeguarding lead's figures: patterns over the vault's concern records, cohorts and
disproportionality. Plain Python, computed in memory after unlock; nothing here writes
about a child to disk except the exports a person asks for (`export.py`)."""
