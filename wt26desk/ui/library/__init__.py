"""The library: search panel, results model and delegate, reader, and the content
snapshot (the validated library cached by content hash)."""
