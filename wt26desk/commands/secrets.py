"""Read passphrases: prompted without echo on a terminal, one line each from standard
input otherwise (scripts and tests). Never from the command line, where others see it."""

from __future__ import annotations

import getpass
import sys
from typing import TextIO

from wt26desk.errors import Wt26Error


class SecretReader:
    def __init__(self, stream: TextIO | None = None, err: TextIO | None = None) -> None:
        self._stream = stream or sys.stdin
        self._err = err or sys.stderr

    def read(self, prompt: str) -> str:
        if self._stream.isatty():
            return getpass.getpass(prompt, stream=self._err)
        line = self._stream.readline()
        if not line:
            raise Wt26Error(f"{prompt.rstrip(': ')}: nothing on standard input.")
        return line.rstrip("\r\n")

    def read_new(self, what: str = "New passphrase") -> str:
        first = self.read(f"{what}: ")
        if self._stream.isatty() and self.read(f"{what} again: ") != first:
            raise Wt26Error("The two passphrases differ; nothing was changed.")
        if len(first) < 8:
            raise Wt26Error(
                "Choose a passphrase of at least 8 characters (several words "
                "are easier to remember and harder to guess)."
            )
        return first
