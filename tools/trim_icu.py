"""Shrink the ICU data library that Qt's wheels ship (about 31 MB of locale data for every
language) to what an English-language app needs (about 4 MB): root and English locales,
break rules, normalisation, case and property data, time zones. Converters, dictionaries
for Chinese, Japanese, Thai and other scripts, transliterators and other locales go.

    python3 tools/trim_icu.py dist/wt26desk/_internal/PySide6/Qt/lib/libicudata.so.73

Needs `icupkg` (Debian: icu-devtools, which puts it in /usr/sbin: looked for there and in
/sbin too, off an ordinary user's PATH) and a C compiler. Linux only. If either is missing
the library is left as it is and the reason printed: the build still works, only larger.
Used by build.spec after PyInstaller has collected the app.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# Debian installs icupkg in /usr/sbin, which an ordinary user's PATH leaves out.
SBIN_DIRS = ("/usr/local/sbin", "/usr/sbin", "/sbin")

LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*\.res$")
SYMBOL = re.compile(r"^([0-9a-f]+) ([0-9a-f]+) R (icudt(\d+)_dat)$", re.M)


def wanted(item: str) -> bool:
    parts = item.split("/")
    name = parts[-1]
    if parts[0] == "translit" or name.endswith((".cnv", ".dict")):
        return False
    if LOCALE.match(name):
        return name == "root.res" or name.startswith("en")
    return True


def find_tool(name: str) -> str | None:
    return shutil.which(name) or shutil.which(name, path=os.pathsep.join(SBIN_DIRS))


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False)


def trim(library: Path) -> str:
    """Replace `library` with a trimmed copy; returns what happened, in words."""
    tools = {t: find_tool(t) for t in ("icupkg", "cc", "nm", "readelf")}
    missing = [t for t, found in tools.items() if not found]
    if missing:
        return f"ICU data left whole: {', '.join(missing)} not found (apt install icu-devtools gcc)"
    icupkg, cc, nm, readelf = (str(tools[t]) for t in ("icupkg", "cc", "nm", "readelf"))
    symbols = _run(nm, "-D", "--defined-only", "-S", str(library)).stdout
    found = SYMBOL.search(symbols)
    if not found:
        return "ICU data left whole: no icudt*_dat symbol in the library"
    address, size, symbol, version = (
        int(found.group(1), 16),
        int(found.group(2), 16),
        found.group(3),
        found.group(4),
    )
    sections = _run(readelf, "-SW", str(library)).stdout
    rodata = re.search(r"\.rodata\s+PROGBITS\s+([0-9a-f]+)\s+([0-9a-f]+)", sections)
    if not rodata:
        return "ICU data left whole: no .rodata section"
    offset = address - int(rodata.group(1), 16) + int(rodata.group(2), 16)
    blob = library.read_bytes()[offset : offset + size]
    package = f"icudt{version}l"
    with tempfile.TemporaryDirectory() as work_dir:
        work = Path(work_dir)
        source = work / f"{package}.dat"
        source.write_bytes(blob)
        items = _run(icupkg, "-l", str(source)).stdout.split()
        remove = {i for i in items if not wanted(i)}
        out = work / "out"
        out.mkdir()
        for _ in range(10):  # drop items that depended on a dropped one, until none do
            (work / "remove.txt").write_text("\n".join(sorted(remove)) + "\n")
            result = _run(
                icupkg, "-r", str(work / "remove.txt"), str(source), str(out / source.name)
            )
            orphans = re.findall(r"Item (\S+) depends on missing item", result.stderr)
            if not orphans:
                break
            remove |= set(orphans)
        trimmed = out / source.name
        if result.returncode != 0 or not trimmed.is_file():
            return f"ICU data left whole: icupkg failed: {result.stderr.strip()[:200]}"
        assembly = work / "data.S"
        assembly.write_text(
            f'\t.section .note.GNU-stack,"",%progbits\n'
            f"\t.section .rodata\n\t.balign 16\n\t.globl {symbol}\n"
            f"\t.type {symbol},%object\n{symbol}:\n"
            f'\t.incbin "{trimmed}"\n\t.size {symbol}, .-{symbol}\n'
        )
        built = work / library.name
        result = _run(
            cc,
            "-shared",
            "-nostdlib",
            "-o",
            str(built),
            f"-Wl,-soname,{library.name}",
            str(assembly),
        )
        if result.returncode != 0:
            return f"ICU data left whole: the compiler failed: {result.stderr.strip()[:200]}"
        before = library.stat().st_size
        shutil.copyfile(built, library)
    after = library.stat().st_size
    kept = len(items) - len(remove)
    sizes = f"{before / 1e6:.1f} MB -> {after / 1e6:.1f} MB"
    return f"ICU data trimmed: {kept} of {len(items)} items, {sizes}"


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(trim(Path(sys.argv[1])))
