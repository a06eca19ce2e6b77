from __future__ import annotations

from datetime import date

from wt26desk.content_library.library import Library
from wt26desk.deadlines.working_days import WorkingDayCalendar
from wt26desk.prompts.engine import ChildFacts, Concern, PromptEngine
from wt26desk.prompts.present import guidance_html


def test_panel_page_says_urgency_in_words_with_links(library: Library) -> None:
    engine = PromptEngine(library, WorkingDayCalendar(exclude_bank_holidays=False))
    concern = Concern(
        text="Small bruise on the <b>thigh</b> at nappy change.",
        children=(ChildFacts(age_months=3),),
        referred_to_social_care_on=date(2026, 11, 2),
    )
    focus = (("B2", "at this step: could this be significant harm?"),)
    page = guidance_html(engine.guidance(concern, focus=focus), "Injuries")
    assert page.startswith('<div class="urgent"><h2>Urgent: act today</h2>')
    assert 'href="wt26:infant-abuse"' in page
    assert 'href="dismiss:area:infant-abuse"' in page
    assert 'href="field:event_time"' in page
    assert "<b>thigh</b>" not in page  # the record's text is escaped
    # The step's standard comes first, with its reason.
    standards = page[page.index("<h2>Standards: Injuries</h2>") :]
    assert standards.index("B2 ") < standards.index("A1 ")
    assert "could this be significant harm" in standards
    assert "What must happen by when" in page and "2026" in page


def test_dismissed_prompts_can_be_shown_again(library: Library) -> None:
    engine = PromptEngine(library, WorkingDayCalendar(exclude_bank_holidays=False))
    concern = Concern(text="He said his uncle hits him.", dismissed=("missing:who-present",))
    page = guidance_html(engine.guidance(concern))
    assert "Who was there?" not in page
    assert 'href="restore:missing:who-present"' in page
