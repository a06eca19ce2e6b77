"""What each command does; `wt26desk.cli` parses arguments and dispatches here."""

# What `wt26desk content list` lists (wt26desk.commands.content.LISTS maps each to its
# kind of item): here, so building the parser imports no content model.
LIST_KINDS = ("harm-areas", "quiz", "scenarios", "standards")
