"""wt26desk: an offline desktop assistant for recording child safeguarding concerns."""

__version__ = "0.1.0"
APP_NAME = "wt26desk"
RELEASED = "2026-11-01"  # a clock earlier than this is wrong (checked at start-up)
