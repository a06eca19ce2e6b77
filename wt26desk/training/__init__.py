"""Trainer mode's core: slides, sessions, scenarios, the quiz and the demo vault.

Plain Python (no widgets), so every rule here is tested without a window."""
