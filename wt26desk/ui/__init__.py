"""The Qt Widgets front end. Depends on the core packages; they never import it."""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6  # noqa: F401 (first, so that quick_pyside_check below covers the rest)


def quick_pyside_check() -> None:
    """Once PySide6 is imported it asks of every module imported after it whether its
    source says "PySide6" (for its `from __feature__ import` switches), through
    inspect.getsource: about 0.1 ms a module, some 10 ms for the modules the window
    imports before its first paint. The same question, answered by reading the file's
    bytes, costs a fifth of that. Anything it cannot read (no file, a module in a zip)
    still gets PySide's own answer. The standalone bundle carries no sources: there
    PySide's own way fails at once, and is left alone."""
    if getattr(sys, "frozen", False):
        return
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "quick", False):
        return  # another PySide, or already done

    def uses_pyside(module: ModuleType) -> bool:
        file = getattr(module, "__file__", None)
        if isinstance(file, str) and file.endswith(".py"):
            try:
                with open(file, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return bool(original(module))

    uses_pyside.quick = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]


quick_pyside_check()
