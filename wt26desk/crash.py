"""The crash handler: an unexpected error is written to a short report that holds no note
text (the error's type and where it happened, never its message or any values), and
nothing else is printed. The vault has already saved every change; the window says so."""

from __future__ import annotations

import contextlib
import sys
import threading
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from wt26desk import __version__
from wt26desk.fileio import atomic_write_text

OnCrash = Callable[[Path | None], None]


def report_text(
    exc_type: type[BaseException], tb: TracebackType | None, now: datetime | None = None
) -> str:
    import platform  # only when there is a report to write

    when = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    lines = [
        f"wt26desk {__version__} crash report",
        f"time: {when}",
        f"python: {platform.python_version()} on {platform.system()} {platform.release()}",
        f"error: {exc_type.__module__}.{exc_type.__qualname__}",
        "(the error's message and all values are left out: they could hold note text)",
        "where:",
    ]
    for frame in traceback.extract_tb(tb):
        parts = Path(frame.filename).parts
        short = "/".join(parts[parts.index("wt26desk") :]) if "wt26desk" in parts else parts[-1]
        lines.append(f"  {short}:{frame.lineno} in {frame.name}")
    return "\n".join(lines) + "\n"


def write_report(folder: Path, text: str, now: datetime | None = None) -> Path | None:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = folder / f"crash-{stamp}.txt"
        atomic_write_text(path, text)
        return path
    except Exception:
        return None


def install(folder: Path, on_crash: OnCrash | None = None) -> None:
    """Handle uncaught errors in every thread: report, tell the user, print no message."""

    def handle(
        exc_type: type[BaseException], _exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.exit(130)
        path = write_report(folder, report_text(exc_type, tb))
        print(
            f"wt26desk: unexpected {exc_type.__qualname__}; report: {path or 'not saved'}",
            file=sys.stderr,
        )
        if on_crash is not None:
            with contextlib.suppress(Exception):  # telling the user must not crash either
                on_crash(path)

    def handle_thread(args: threading.ExceptHookArgs) -> None:
        handle(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = handle
    threading.excepthook = handle_thread
