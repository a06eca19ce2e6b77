"""Records: the list, the recording editor and its steps, forms, body map, guidance
panel, chronology and export dialog."""
