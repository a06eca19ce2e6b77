"""Instant search over the library: prefix matching on every word, ranked so that a match
in an id or title beats one in a summary, which beats one in the body.

Built once per library (a few milliseconds); each query touches only sorted word lists,
so a keystroke costs well under a millisecond for the whole core library.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass

from wt26desk.content_library.library import ENGINE_KINDS, WIKI_LINK, Library, item_texts
from wt26desk.content_library.models import GlossaryTerm, Item

_WORD = re.compile(r"[a-z0-9]+")
_MARKUP = re.compile(r"[*_#`>]+")

# Field weights: where a word matches decides how much it counts.
W_ID, W_TITLE, W_KEYWORD, W_SUMMARY, W_BODY = 40.0, 12.0, 6.0, 3.0, 1.0
SNIPPET_CHARS = 160
REFERENCE_FIELDS = frozenset({"standards", "related", "refers_to", "harm_areas"})
TIERS = {"glossary": 1, "scenario": 2, "quiz": 2}  # everything else is guidance: 0
# Among equal matches, guidance people act on ranks above reference entries.
KIND_WEIGHTS = {
    "standard": 1.2,
    "harm-area": 1.2,
    "section": 1.1,
    "timescale": 0.9,
    "glossary": 0.8,
    # Training material is findable, but never above the guidance itself.
    "scenario": 0.5,
    "quiz": 0.4,
}


def fold(text: str) -> str:
    """Lower case without accents, for matching ("Café" finds "cafe")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def fold_aligned(text: str) -> str:
    """Like `fold`, but one character out for each character in, so that positions found
    in the folded text are positions in the original (for snippets)."""
    if text.isascii():
        return text.lower()
    return "".join(char.lower() if char.isascii() else _fold_char(char) for char in text)


@functools.cache
def _fold_char(char: str) -> str:
    folded = fold(char)
    return folded if len(folded) == 1 else (char.lower()[:1] or " ")


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def plain_text(markdown_text: str, titles: dict[str, str] | None = None) -> str:
    """Markdown with links shown as their text (or the linked item's title) and markup
    removed, for snippets and terminal output."""
    known = titles or {}
    text = WIKI_LINK.sub(lambda m: m.group(2) or known.get(m.group(1), m.group(1)), markdown_text)
    return " ".join(_MARKUP.sub("", text).split())


@dataclass(frozen=True)
class Hit:
    item_id: str
    title: str
    kind: str
    score: float
    snippet: str
    terms: tuple[str, ...]  # the query words, for highlighting


@dataclass(frozen=True)
class _Doc:
    item: Item
    fields: tuple[tuple[float, tuple[str, ...]], ...]  # (weight, sorted unique words)
    title_folded: str
    snippet_source: str
    snippet_folded: str
    kind_weight: float


def _has_prefix(sorted_words: tuple[str, ...], prefix: str) -> tuple[bool, bool]:
    """(some word starts with prefix, some word equals prefix)."""
    index = bisect.bisect_left(sorted_words, prefix)
    if index < len(sorted_words) and sorted_words[index].startswith(prefix):
        return True, sorted_words[index] == prefix
    return False, False


def _snippet(text: str, folded: str, terms: tuple[str, ...]) -> str:
    positions = [folded.find(t) for t in terms]
    found = [p for p in positions if p >= 0]
    if not found:
        return text[:SNIPPET_CHARS] + ("…" if len(text) > SNIPPET_CHARS else "")
    start = max(0, min(found) - 40)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < min(found) else start
    end = start + SNIPPET_CHARS
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


class SearchIndex:
    def __init__(self, library: Library) -> None:
        self._titles = {item.id: item.title for item in library}
        self._docs = [
            self._document(item) for item in library if not isinstance(item, ENGINE_KINDS)
        ]

    def _document(self, item: Item) -> _Doc:
        body: list[str] = []
        cited: list[str] = []
        references: list[str] = []  # ids of other items: found by, never shown in a snippet
        summary = item.summary
        keywords: list[str] = list(item.keywords)
        if isinstance(item, GlossaryTerm):
            keywords.append(item.term)
        for name, text in item_texts(item):
            if name == "sources":
                cited.append(text)
            elif name in REFERENCE_FIELDS:
                references.append(text)
            elif name not in {"title", "summary", "keywords", "term"}:
                body.append(plain_text(text, self._titles))
        fields = (
            (W_ID, (fold(item.id),)),
            (W_TITLE, tuple(sorted(set(words(item.title))))),
            (W_KEYWORD, tuple(sorted(set(words(" ".join(keywords)))))),
            (W_SUMMARY, tuple(sorted(set(words(summary))))),
            (W_BODY, tuple(sorted(set(words(" ".join(body + cited + references)))))),
        )
        snippet_source = " ".join([plain_text(summary, self._titles), *body])
        return _Doc(
            item,
            fields,
            fold(item.title),
            snippet_source,
            fold_aligned(snippet_source),
            KIND_WEIGHTS.get(item.kind, 1.0),
        )

    def search(self, query: str, limit: int = 50) -> list[Hit]:
        terms = tuple(dict.fromkeys(words(query)))
        if not terms:
            return []
        phrase = " ".join(terms)
        hits: list[Hit] = []
        for doc in self._docs:
            score = 0.0
            for term in terms:
                best = 0.0
                for weight, field_words in doc.fields:
                    if weight <= best:
                        continue
                    if weight == W_ID:  # an id counts only when typed in full ("b3")
                        prefix = exact = field_words[0] == term
                    else:
                        prefix, exact = _has_prefix(field_words, term)
                    if prefix:
                        best = weight * (1.5 if exact else 1.0)
                if not best:
                    break  # every word of the query must match somewhere
                score += best
            else:
                if doc.title_folded.startswith(phrase):
                    score += W_TITLE
                elif phrase in doc.title_folded:
                    score += W_TITLE / 2
                score *= doc.kind_weight
                hits.append(
                    Hit(
                        doc.item.id,
                        doc.item.title,
                        doc.item.kind,
                        score,
                        _snippet(doc.snippet_source, doc.snippet_folded, terms),
                        terms,
                    )
                )
        # Guidance first, then glossary one-liners, then training material, whatever the
        # score: a scenario that says "bruise" in its title never hides the guidance.
        hits.sort(key=lambda h: (TIERS.get(h.kind, 0), -h.score, h.title.casefold()))
        return hits[:limit]
