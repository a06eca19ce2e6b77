"""Write wt26desk/ui/common/icon_shapes.py: the strokes of the vendored toolbar icons
(resources/icons/lucide/*.svg), read once here with wt26desk.vector.read_svg, so that the
window's first paint reads and parses no SVG (about 2 ms at every start). Run it again
whenever an icon is added or changed; a test fails while the two differ.

    python3 tools/icon_shapes.py
"""

from __future__ import annotations

import pprint
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wt26desk.vector import read_svg  # noqa: E402 (after the path above)

ICONS = ROOT / "resources" / "icons" / "lucide"
TARGET = ROOT / "wt26desk" / "ui" / "common" / "icon_shapes.py"

HEADER = '''"""The toolbar icons' strokes (view box, paths) as wt26desk.vector.read_svg reads them
from resources/icons/lucide/: written by tools/icon_shapes.py, not by hand."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from wt26desk.vector import Path

# fmt: off
'''


def shapes() -> dict[str, tuple[tuple[float, float], list[list[tuple[str, tuple[float, ...]]]]]]:
    return {f.stem: read_svg(f.read_text(encoding="utf-8")) for f in sorted(ICONS.glob("*.svg"))}


def main() -> None:
    lines = [HEADER + "ICON_SHAPES: dict[str, tuple[tuple[float, float], list[Path]]] = {"]
    for name, value in shapes().items():
        lines.append(f"    {name!r}: (")
        inner = pprint.pformat(value, width=90)[1:-1].splitlines()  # without its brackets
        lines += ["        " + line.removeprefix(" ") for line in inner]
        lines.append("    ),")
    text = "\n".join([*lines, "}", "# fmt: on", ""])
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
