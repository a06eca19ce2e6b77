"""Text from files (imports, content packs, the organisation file, settings, error messages
that quote them) reaches the terminal through one helper, `shown`, so no escape sequence
can retitle, clear or redraw the terminal, and no bidirectional control can reorder what
is shown. Every command's output and error streams pass through `SafeStream`, which
applies the same helper to everything written, as a second line of defence.

A character that is not safe is written as a visible `\\uXXXX` escape. Inside JSON
strings that is the JSON escape for the same character, so JSON output stays the same
JSON.
"""

from __future__ import annotations

import io
import re
from typing import TextIO, cast

# C0 and C1 controls (ESC, BEL, CSI...), DEL, bidirectional controls, line separators.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def shown(text: object, keep: str = "") -> str:
    """`text` with every control character except those in `keep` made visible. Call
    with no `keep` for one-line values (ids, names, titles): a newline in one becomes
    `\\u000a` and cannot forge the next line of output."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        return char if char in keep else f"\\u{ord(char):04x}"

    return _UNSAFE.sub(escape, str(text))


class SafeStream(io.TextIOBase):
    """A text stream that writes through `shown`, keeping line breaks and tabs."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(shown(text, keep="\n\t"))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    def writable(self) -> bool:
        return True


def safe_stream(stream: TextIO) -> TextIO:
    return stream if isinstance(stream, SafeStream) else cast(TextIO, SafeStream(stream))
