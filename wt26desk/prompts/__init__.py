"""Guided prompts while recording: which harm areas the text and facts suggest (and why),
which standards apply, what is still missing, what is due when, and a quality check."""
