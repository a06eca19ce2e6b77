"""What every area of the window shares: theme, keys, dialogs, the UK date field,
background operations, page history and the read-only browser. Imports no other area."""
