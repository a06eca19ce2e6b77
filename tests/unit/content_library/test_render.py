from __future__ import annotations

from wt26desk.assets import content_dir
from wt26desk.content_library.library import ENGINE_KINDS, Library
from wt26desk.content_library.loader import load_library
from wt26desk.content_library.render import OVERVIEWS, Renderer, highlight_html

from ...conftest import DATA


def test_every_item_and_overview_renders(library: Library) -> None:
    renderer = Renderer(library)
    for item in library:
        if isinstance(item, ENGINE_KINDS):
            continue  # the prompt engine's word lists are not pages to read
        page = renderer.page_html(item.id)
        assert page and item.sources[0].split(" (")[0].replace("&", "&amp;")[:10] in page
    for key in OVERVIEWS:
        assert renderer.page_html(key) is not None


def test_wiki_links_become_wt26_links(library: Library) -> None:
    page = Renderer(library).page_html("guide-worried")
    assert 'href="wt26:A1"' in page and "Notice, listen and record" in page
    assert "[[" not in page


def test_harm_area_page_lists_duties_and_standards(library: Library) -> None:
    page = Renderer(library).page_html("female-genital-mutilation")
    assert "FGM mandatory reporting duty" in page and "FGM Act 2003 s5B" in page
    assert 'href="wt26:A3"' in page


def test_standard_page_shows_section_applies_to_and_reverse_links(library: Library) -> None:
    page = Renderer(library).page_html("B9")
    assert "Applies to:" in page and 'href="wt26:section-B"' in page
    assert 'href="wt26:harm-outside-the-home"' in page  # harm areas that cite B9


def test_raw_html_in_content_is_escaped(library: Library) -> None:
    html = Renderer(library).markdown("<script>alert(1)</script> <img src=/etc/passwd>")
    assert "<script>" not in html and "<img" not in html


def test_highlight_only_touches_text_not_tags() -> None:
    out = highlight_html('<a href="wt26:neglect">Neglect</a> and neglected', ["neglect"])
    assert out.count('<span class="hl">') == 2 and 'href="wt26:neglect"' in out


def test_local_addendum_is_shown_with_its_origin() -> None:
    lib = load_library(content_dir(), (DATA / "packs" / "local-good",))
    page = Renderer(lib).page_html("A3")
    assert "Anytown escalation procedure" in page
    assert "Anytown Safeguarding Partnership" in page


def test_month_timescales_tell_the_reader_to_act_by_the_working_day_before(
    library: Library,
) -> None:
    renderer = Renderer(library)
    assert "act by the working day before" in renderer.page_html("timescale-initial-conference")
    assert "act by the working day before" not in renderer.page_html("timescale-referral-received")
