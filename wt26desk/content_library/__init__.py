"""Working Together 2026 as structured content: models, loading, validation, search, render."""
