"""parse_arguments decides on opening the window with the top-level options alone: it
must accept, refuse and print exactly what the whole parser does."""

from __future__ import annotations

import argparse
from collections.abc import Callable

import pytest

from wt26desk.cli import build_parser, parse_arguments

WINDOW = [
    [],
    ["--smoke"],
    ["--data-dir", "/tmp/x", "--pack", "a", "--pack=b", "--demo"],
    ["--data-dir", "content"],  # a command's name as an option's value
    ["--portable", "--sm"],  # an abbreviation
]
NOT_THE_WINDOW = [
    ["content", "list", "standards"],
    ["--data-dir", "/tmp/x", "check"],
    ["contnet"],  # a mistyped command
    ["--data-dir"],  # a value missing
    ["--nonsense"],
    ["-h"],
    ["--he"],  # help, abbreviated
    ["--version"],
    ["--smoke", "--", "x"],
]


def outcome(
    parse: Callable[[list[str]], argparse.Namespace], argv: list[str], capsys
) -> tuple[object, str, str]:
    try:
        result: object = vars(parse(argv))
    except SystemExit as exc:
        result = ("exit", exc.code)
    out, err = capsys.readouterr()
    return result, out, err


@pytest.mark.parametrize("argv", WINDOW + NOT_THE_WINDOW)
def test_same_as_the_whole_parser(argv: list[str], capsys) -> None:
    whole = outcome(lambda a: build_parser().parse_args(a), argv, capsys)
    assert outcome(parse_arguments, argv, capsys) == whole


@pytest.mark.parametrize("argv", WINDOW)
def test_the_window_needs_no_command_parser(argv: list[str], monkeypatch) -> None:
    def refuse() -> None:
        raise AssertionError("the whole parser was built")

    monkeypatch.setattr("wt26desk.cli.build_parser", refuse)
    assert parse_arguments(argv).command is None
