"""Handover to the designated safeguarding lead: an age identity per vault, encrypted
bundles out, the inbox that imports them, receipts back, triage and the merged
chronology. Plain Python (no Qt): the window and the commands both sit on it."""
