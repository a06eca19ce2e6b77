"""Passphrase strength feedback: a rough estimate of guessing work, with advice in words.
Plain Python so it can be tested and shown the same way everywhere."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

MIN_LENGTH = 8
COMMON = {
    "password",
    "passw0rd",
    "123456",
    "12345678",
    "123456789",
    "qwerty",
    "letmein",
    "welcome",
    "iloveyou",
    "admin",
    "monkey",
    "dragon",
    "football",
    "safeguarding",
    "children",
    "teacher",
    "nurse",
    "police",
    "password1",
    "changeme",
}
LABELS = ("Too weak", "Weak", "Fair", "Good", "Strong")


@dataclass(frozen=True)
class Strength:
    score: int  # 0 (too weak) to 4 (strong)
    bits: float
    label: str
    advice: str

    @property
    def acceptable(self) -> bool:
        return self.score >= 2


def estimate(passphrase: str) -> Strength:
    if len(passphrase) < MIN_LENGTH:
        return Strength(
            0,
            0.0,
            LABELS[0],
            f"Use at least {MIN_LENGTH} characters; a few "
            "unrelated words are easy to remember and hard to guess.",
        )
    lowered = passphrase.lower()
    if lowered in COMMON or lowered.rstrip("0123456789!") in COMMON:
        return Strength(
            0,
            0.0,
            LABELS[0],
            "This is one of the first passphrases an attacker "
            "tries. Choose something personal to you, not to your job.",
        )
    words = [w for w in re.split(r"[\s\-_.,]+", passphrase) if w]
    if len(words) >= 3:  # a passphrase of words: count words from a large vocabulary
        bits = sum(min(len(w) * 2.5, 12.9) for w in words)  # 12.9: one of 7776 words
    else:
        pool = 0
        pool += 26 if re.search(r"[a-z]", passphrase) else 0
        pool += 26 if re.search(r"[A-Z]", passphrase) else 0
        pool += 10 if re.search(r"[0-9]", passphrase) else 0
        pool += 33 if re.search(r"[^A-Za-z0-9\s]", passphrase) else 0
        distinct = len(set(passphrase))
        bits = min(len(passphrase), distinct * 1.5) * math.log2(max(pool, 2)) * 0.6
    if re.search(r"(.)\1\1", passphrase) or re.search(r"(012|123|234|345|abc|qwe)", lowered):
        bits *= 0.7
    score = 1 if bits < 35 else 2 if bits < 45 else 3 if bits < 60 else 4
    advice = {
        1: "Add another word or two.",
        2: "Acceptable. Another word would make it much stronger.",
        3: "Good.",
        4: "Strong.",
    }[score]
    return Strength(score, bits, LABELS[score], advice)
