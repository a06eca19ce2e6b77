"""The claims register (content/claims.toml): every statutory timescale and duty the core
pack states is listed once, and every item states it the same way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wt26desk.assets import content_dir
from wt26desk.content_library.claims import Period, stated_periods
from wt26desk.content_library.library import Library
from wt26desk.content_library.loader import load_library
from wt26desk.content_library.models import HarmArea, Timescale


def test_the_core_register_loads_and_every_item_agrees_with_it(library: Library) -> None:
    assert not library.errors, [str(e) for e in library.errors]
    assert len(library.claims) >= 20
    for claim in library.claims:
        assert claim.sources and claim.stated_in and claim.claim, claim.id
        assert "\n" not in claim.claim, f"{claim.id}: the claim is one line"


def test_every_timescale_and_duty_in_the_content_has_a_claim(library: Library) -> None:
    modelled = {c.timescale for c in library.claims if c.timescale}
    assert modelled == {t.id for t in library.timescales}
    listed = {item_id for c in library.claims for item_id in c.stated_in}
    for harm in library.harm_areas:
        if isinstance(harm, HarmArea) and harm.duties:
            assert harm.id in listed, harm.id


def test_a_claim_period_matches_the_timescale_that_counts_it(library: Library) -> None:
    for claim in library.claims:
        if claim.timescale:
            timescale = library.get(claim.timescale)
            assert isinstance(timescale, Timescale)
            assert claim.period == Period(timescale.count, timescale.unit), claim.id


@pytest.mark.parametrize(
    ("sentence", "periods"),
    [
        ("Held within 15 working days of the strategy discussion.", ["15 working days"]),
        ("First within three months, then at most every six months.", ["3 months", "6 months"]),
        ("Report by the end of the next working day.", ["1 working day"]),
        ("Police protection lasts for up to 72 hours.", ["72 hours"]),
        ("The file goes within the first five school days of the new term.", ["5 school days"]),
        ("A carer gives at least six weeks' notice.", ["6 weeks"]),
        ("All babies under six months are non-mobile.", []),  # an age
        ("A four-month-old with a bruise.", []),
        ("She has been missing for three days.", []),  # a story, not a limit
        ("Two days later the nursery rang.", []),
    ],
)
def test_what_counts_as_a_stated_time_limit(sentence: str, periods: list[str]) -> None:
    assert [str(p) for p in stated_periods(sentence)] == periods


# A copy of the core pack, changed: the register must notice. ----------------------------


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(content_dir(), folder)
    return folder


def edit(pack: Path, name: str, old: str, new: str) -> None:
    path = pack / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(pack: Path) -> str:
    return "\n".join(str(e) for e in load_library(pack).errors)


def test_the_copy_is_clean(pack: Path) -> None:
    assert problems(pack) == ""


def test_a_conference_counted_from_a_later_discussion_is_caught(pack: Path) -> None:
    edit(
        pack,
        "timescales.toml",
        "strategy discussion that decided to start section 47 enquiries. Where",
        "strategy discussion, or of the last strategy discussion if there was more than one. Where",
    )
    assert "claim initial-conference: timescale-strategy-discussion says 'last strategy" in (
        problems(pack)
    )


def test_a_different_number_is_caught(pack: Path) -> None:
    edit(pack, "glossary.toml", "Held within 15 working days", "Held within 10 working days")
    found = problems(pack)
    assert "time limit of 10 working days that the claims register does not list" in found
    assert "claim initial-conference: glossary-icpc does not state it" in found


def test_a_different_starting_event_is_caught(pack: Path) -> None:
    edit(
        pack,
        "glossary.toml",
        "Held within 15 working days of the strategy discussion.",
        "Held within 15 working days of the referral.",
    )
    assert "claim initial-conference: glossary-icpc does not state it in one sentence" in (
        problems(pack)
    )


def test_local_reviews_published_within_six_months_is_caught(pack: Path) -> None:
    edit(
        pack,
        "glossary.toml",
        "completed within six months of the decision to hold it.",
        "completed and published within six months of the decision.",
    )
    assert "claim local-practice-review: glossary-lcspr says" in problems(pack)


def test_domestic_abuse_between_related_adults_is_caught(pack: Path) -> None:
    edit(
        pack,
        "quiz/standards-and-timescales.toml",
        "when the two adults are personally connected",
        "when the abuse is between related adults",
    )
    assert "domestic-abuse-child-victim: quiz-domestic-abuse-victim says 'related adults'" in (
        problems(pack)
    )


def test_the_fgm_duty_without_its_people_is_caught(pack: Path) -> None:
    edit(
        pack,
        "glossary.toml",
        "Teachers and regulated health and social care professionals have a mandatory",
        "Professionals have a mandatory",
    )
    assert "fgm-mandatory-reporting: glossary-fgm does not say who it applies to" in (
        problems(pack)
    )


def test_a_new_unregistered_time_limit_or_duty_is_caught(pack: Path) -> None:
    edit(
        pack,
        "guidance/guide/guide-worried.md",
        "5. **Do not assume**",
        "5. Send a written referral within 2 working days. Childminders have a duty to"
        " inform Ofsted.\n6. **Do not assume**",
    )
    found = problems(pack)
    assert "guide-worried.md:1 [body]: states a time limit of 2 working days" in found
    assert "states a duty that the claims register does not list for guide-worried" in found


def test_a_register_that_disagrees_with_its_timescale_is_caught(pack: Path) -> None:
    edit(pack, "claims.toml", 'period = "45 working days"', 'period = "40 working days"')
    found = problems(pack)
    assert "claim assessment: says 40 working days but timescale-assessment-started" in found


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ('period = "7 working days"', 'period = "a week"', "[period]: period must be a number"),
        ('type = "power"', 'type = "hint"', "[type]: type must be one of"),
        ('id = "nrm-referral"', 'id = "nrm-referral"\ncolour = "red"', "[colour]: colour is not"),
        ('stated_in = ["modern-slavery", ', 'stated_in = ["no-such-item", ', "'no-such-item'"),
    ],
)
def test_a_broken_register_is_reported_with_its_field(
    pack: Path, old: str, new: str, words: str
) -> None:
    edit(pack, "claims.toml", old, new)
    assert words in problems(pack)


def test_local_packs_may_state_local_time_limits(tmp_path: Path) -> None:
    local = tmp_path / "local"
    local.mkdir()
    (local / "pack.toml").write_text('name = "Local"\nschema_version = 1\n')
    (local / "strategy.md").write_text(
        '+++\nid = "local-strategy"\nkind = "page"\ngroup = "local"\n'
        'title = "Strategy discussions here"\nsummary = "Held within 24 hours."\n'
        'sources = ["Local procedures"]\n+++\n'
    )
    lib = load_library(content_dir(), (local,))
    assert not lib.errors, [str(e) for e in lib.errors]
