"""parse_arguments reads the options that open the window by hand (argparse's first use
loads gettext and locale before the first paint): it must accept, refuse and print
exactly what the whole parser does."""

from __future__ import annotations

import argparse
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wt26desk.cli import build_parser, parse_arguments

WINDOW = [
    [],
    ["--smoke"],
    ["--data-dir", "/tmp/x", "--pack", "a", "--pack=b", "--demo"],
    ["--data-dir", "content"],  # a command's name as an option's value
    ["--data-dir=a=b", "--portable", "--smoke", "--smoke"],
]
READ_BY_THE_WHOLE_PARSER = [  # the window too, in spellings that only argparse reads
    ["--portable", "--sm"],  # an abbreviation
    ["--data-dir", "-5"],  # a value that starts with "-"
    ["--pack="],
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


@pytest.mark.parametrize("argv", WINDOW + READ_BY_THE_WHOLE_PARSER + NOT_THE_WINDOW)
def test_same_as_the_whole_parser(argv: list[str], capsys) -> None:
    whole = outcome(lambda a: build_parser().parse_args(a), argv, capsys)
    assert outcome(parse_arguments, argv, capsys) == whole


@pytest.mark.parametrize("argv", WINDOW)
def test_the_window_needs_no_parser(argv: list[str], monkeypatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a parser was built")

    monkeypatch.setattr("wt26desk.cli.build_parser", refuse)
    monkeypatch.setattr(argparse.ArgumentParser, "__init__", refuse)
    assert parse_arguments(argv).command is None


WORDS = st.sampled_from(
    ["--smoke", "--demo", "--portable", "--data-dir", "--pack", "--data-dir=d", "--pack=p",
     "--data-dir=", "--sm", "--dat", "--version", "-h", "--", "-", "-x", "-5", "x", "",
     "check", "content", "a=b", "--smoke=1"]
)  # fmt: skip


@given(st.lists(WORDS, max_size=6))
def test_any_words_read_as_the_whole_parser_reads_them(argv: list[str]) -> None:
    try:
        whole: object = vars(build_parser().parse_args(argv))
    except SystemExit as exc:
        whole = ("exit", exc.code)
    try:
        ours: object = vars(parse_arguments(argv))
    except SystemExit as exc:
        ours = ("exit", exc.code)
    assert ours == whole
