"""What each command does; `wt26desk.cli` parses arguments and dispatches here."""
