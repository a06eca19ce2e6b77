"""The handover to the DSL in the window: this vault's key, Send to DSL, the inbox with
triage and receipts, and the chronology across staff (over wt26desk.handover)."""
