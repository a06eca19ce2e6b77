#!/usr/bin/env python3
"""Split the prompt-engine corpus once, by a fixed rule, into a development part and a test
part that is never tuned on: a note goes to the test part when the first byte of the SHA-256
of its id is divisible by 3 (about a third). Run once when notes are added:

    python3 tools/corpus_split.py NOTES.jsonl [...]   -> tests/data/corpus/{dev,test}.jsonl
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "corpus"


def is_test(note_id: str) -> bool:
    return hashlib.sha256(note_id.encode()).digest()[0] % 3 == 0


def main(paths: list[str]) -> int:
    parts: dict[str, list[str]] = {"dev": [], "test": []}
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                note = json.loads(line)
                parts["test" if is_test(note["id"]) else "dev"].append(
                    json.dumps(note, ensure_ascii=False)
                )
    for name, lines in parts.items():
        (OUT / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{name}: {len(lines)} notes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
