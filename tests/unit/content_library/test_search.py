from __future__ import annotations

import pytest

from wt26desk.content_library.library import Library
from wt26desk.content_library.search import SearchIndex, fold, plain_text


@pytest.fixture(scope="module")
def index(library: Library) -> SearchIndex:
    return SearchIndex(library)


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("B3", "B3"),
        ("fgm", "female-genital-mutilation"),
        ("county lines", "child-criminal-exploitation"),
        ("neglect", "neglect"),
        ("wishes", "B3"),
        ("non-mobile", "infant-abuse"),
        ("forced marriage", "honour-based-abuse"),
        ("LADO", "role-lado"),  # the guidance page above its glossary one-liner (issue 17)
    ],
)
def test_best_hit(index: SearchIndex, query: str, first: str) -> None:
    assert index.search(query)[0].item_id == first


def test_title_beats_body(index: SearchIndex) -> None:
    hits = [h.item_id for h in index.search("radicalisation")]
    assert hits[0] == "radicalisation"
    assert hits.index("radicalisation") < hits.index("online-harms")


def test_prefixes_match_as_you_type(index: SearchIndex) -> None:
    for partial in ("b", "br", "bru", "brui", "bruis"):
        assert index.search(partial), partial
    assert "infant-abuse" in [h.item_id for h in index.search("bruis")]


def test_every_word_must_match(index: SearchIndex) -> None:
    assert index.search("bruising zebra") == []
    assert index.search("   ") == []


def test_snippet_shows_the_match_and_links_read_as_titles(index: SearchIndex) -> None:
    hit = next(h for h in index.search("bruises") if h.item_id == "physical-abuse")
    assert "Bruises" in hit.snippet or "bruise" in hit.snippet.lower()
    assert "Infant abuse and bruising" in hit.snippet or "[[" not in hit.snippet


def test_accents_and_case_fold() -> None:
    assert fold("Café ÉLÈVE") == "cafe eleve"
    assert plain_text("See [[A3|the standard]] and **bold**") == "See the standard and bold"


def test_guidance_ranks_above_glossary_and_training_for_the_same_words(
    index: SearchIndex,
) -> None:
    tiers = {"glossary": 1, "scenario": 2, "quiz": 2}
    for query in ("bruise", "LADO", "county lines", "neglect"):
        kinds = [tiers.get(h.kind, 0) for h in index.search(query)]
        assert kinds == sorted(kinds), query


def test_snippets_never_show_internal_ids(index: SearchIndex) -> None:
    ids = {item_id for item_id in index._titles if "-" in item_id}
    for query in ("abuse", "child", "harm", "exploitation", "mother", "school"):
        for hit in index.search(query):
            shown = [i for i in ids if i in hit.snippet]
            assert not shown, (query, hit.item_id, shown, hit.snippet)
