"""The safeguarding lead's page: figures, charts and their tables (issue 19)."""
