"""Facts about the child written in the note: ages and stages.

Practitioners write ages in many ways: "7/52" (weeks) and "4/12" (months) in medical
notes, "10 wks", "3 mths", "aged 6", "14yo", "Yr9" or "Year 4", "(3)" after a name, and
stages instead of ages: "not rolling yet", "newborn", "28/40" or "24 weeks pregnant" for
an unborn baby. These feed the same rules as the structured fields; a structured field,
where filled in, always wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from wt26desk.content_library.claims import NUMBER_WORDS
from wt26desk.prompts.text import Token

_NUMBER_WORDS = {**NUMBER_WORDS, "a": 1}  # "a 3 month old" aside, "a week old"
_N = r"(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
# "24/7" is all the time, never twenty-four days.
_MEDICAL = re.compile(r"(?<![\d/])(?!24/7)(\d{1,2})/(52|12|7)(?![\d/])")
_PREGNANCY = re.compile(r"(?<![\d/])([4-9]|[1-3]\d|4[0-2])/40(?![\d/])")
# "10 wks" or "3 months" is an age only when the note says so ("10 wks old", "aged 3
# months", "(10 wks)", "a 3 month old", "baby 10 wks"); otherwise it is how long something
# lasted ("off 3 wks").
_AGE_BEFORE = (
    r"(?P<before>\(|\baged?\s|\b(?:is|now|only|just) "
    r"(?:about |approx |nearly |almost |like |around |maybe )?|"
    r"\b(?:baby|infant|newborn|boy|girl|son|daughter|twins?|bub|dob)\W{0,3}(?:[a-z]+\W{1,3})?)"
)
_AGE_AFTER = r"(?P<after>\)|[\s-]old\b)?(?!\s(?:ago|later|before|after|pregnant))(?=\W|$)"
_WEEKS = re.compile(_AGE_BEFORE + r"?" + _N + r"[\s-]?(?:weeks?|wks?|wk)" + _AGE_AFTER)
_MONTHS = re.compile(
    _AGE_BEFORE + r"?" + _N + r"[\s-]?(?:months?|mths?|mnths?|mos?|m/o)" + _AGE_AFTER
)
_YEARS = re.compile(
    r"\b(?:aged?|age:?)\s*"
    + _N
    + r"\b|\b"
    + _N
    + r"\s?(?:yo|y/o|yrs?(?: old)?|years? old|year-old|yr-old)\b"
)
# A clinic's shorthand for a girl's age and sex: "14F", "16 F", "7 female" ("16M" is left
# alone: "18m" is as often eighteen months).
_AGE_FEMALE = re.compile(r"(?<![\d.,/£$])\b(\d{1,2})\s?(?:f|female)\b(?!['’])")
# The same shorthand written sex first, for a woman: "F 27", "F27, 30/40".
_FEMALE_AGE = re.compile(r"(?<![\w/.-])f\s?([1-9]\d)\b(?![/.:]\d)")
_SCHOOL_YEAR = re.compile(r"\b(?:y|yr|year)\s?(1[0-3]|[1-9])\b")
# "she's 13", "he is only 9": an age when no unit or "of" follows ("she's one of them").
_N_ONLY = r"(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")"
_SAYS_AGE = re.compile(
    r"\b(?:she's|shes|he's|hes|she is|he is|who's|whos|who is)\s"
    r"(?:only |just |nearly |almost |about |approx |around |now |like |barely )?"
    + _N_ONLY
    + r"\b(?![:.,/]\d|\s?(?:%|am\b|pm\b|mins?\b|minutes?|hours?|hrs?\b|times?\b|weeks?|wks?"
    r"|months?|mths?|days?|foot|feet|ft\b|kg|stone|st\b|pounds|quid|grand|of\b|in\b|out\b"
    r"|who\b|that\b|more\b|less\b|behind|ahead|down\b|up\b|or\b))"
)
# A baby's checks are named by age: "6 wk check", "9 month development review" (a plan's
# "6 week review" is not an age).
_REVIEW = re.compile(
    r"\b" + _N_ONLY + r"[\s-]?(?P<unit>weeks?|wks?|months?|mths?|mnths?|years?|yrs?|y)"
    r"\s(?:baby )?(?:check|development check|developmental check|development review"
    r"|developmental review)\b"
)
# The school year, not a front desk: "at reception", "reception desk" are places.
_RECEPTION = re.compile(
    r"(?<!\bat )(?<!\bto )(?<!\bon )(?<!\binto )(?<!\bfrom )(?<!\bhotel )(?<!\bmain )"
    r"(?<!\bfront )\breception\b(?!\s(?:desk|staff|area|team|office|window|counter|hatch))"
    r"|\b(?:nursery class|preschool|pre-school)\b"
)
_BRACKETED = re.compile(  # (15), (15, ADHD), (approx 15), (about 14 and 17)
    r"\b[a-z]+\s\((?:approx\.?\s|about\s|around\s|maybe\s|c\.?\s?)?(\d{1,2})"
    r"(?:\)|,|;|\s(?:yo|y/o|yrs?|and|&)\b)"
)
_PREGNANT = re.compile(
    r"\b(\d{1,2})\s?(?:weeks?|wks?)\s(?:pregnant|gestation)\b|\bpregnan|"
    r"\bunborn\b|\bantenatal\b|\bante-natal\b|\bbooking appointment\b"
)
_NOT_MOBILE = re.compile(  # said only of babies
    r"\b(?:not|isn't|isnt|can't|cant|cannot|unable to|doesn't|doesnt|yet to)\s"
    r"(?:yet\s)?(?:rolling|roll|crawling|crawl|sitting|sit up|cruising|pulling|shuffling)|"
    r"\bnon-?mobile\b|\bnewborn\b|\bneonat|"
    # a midwife's or health visitor's first weeks: "day 5 visit", "new birth visit"
    r"\bday\s?(?:[1-9]|1\d|2[0-8])\s(?:visit|check|pn|post-?natal|of life)\b|"
    r"\bnew ?birth visit\b|\bpost-?natal (?:visit|check|day)\b"
)
_NOT_MOVING = re.compile(  # also said of older children ("can't walk home"): a baby's only
    r"\b(?:not|isn't|isnt|can't|cant|cannot|unable to|doesn't|doesnt|yet to)\s"
    r"(?P<yet>yet\s)?(?:walking|walk|moving|mobile)\b(?P<yet_after>\s+yet\b)?|\bimmobile\b"
)
_MOBILE = re.compile(
    r"\b(?:crawling|cruising|walking|toddling|toddler|walks|crawls|"
    r"pulls to stand|bum shuffl)"
)
_DATE_BEFORE = re.compile(r"\b(?:on|by|from|since|until|till|dated|date|dob|d\.o\.b)\W*$")
# A clinician's "/52" and "/12" also say how long: "review in 6/52", "Rx 3/12", "for 2/52",
# "3/12 ago", "6/12 supply", "sling 2/52 then rehab". Those are durations, never the child's age.
_DURATION_BEFORE = re.compile(
    r"\b(?:in|for|within|over|after|every|each|next|last|past|review|rv|r/v|f/u|fu|f/up|follow up"
    r"|supply|x|sling|cast|pop|plaster|crutches|splint|boot|collar|rest|off|abx|nwb|physio"
    r"|immobili[sz]ed?)\W*$|\b(?:rx|prescribed|issued)(?:\W+[a-z]+){0,2}\W*$"
)
_DURATION_AFTER = re.compile(r"^\W*(?:ago|later|supply|course|hx|history|prior|before|then)\b")
# "LMP 3/52", "TOP at 9/52", "amenorrhoea 6/52": how far into a pregnancy, not a baby's age.
_GESTATION_BEFORE = re.compile(
    r"\b(?:lmp|edd|top|gest\w*|pregnan\w*|preg|amenorrh\w*|missed periods?|period)\W+(?:at\W+)?$"
)
# "together 1yr", "known him 2 yrs", "for 3 yrs": how long, not how old.
_LASTED_BEFORE = re.compile(
    r"\b(?:together|known|knew|dating|seeing|married|going out|relationship|been|lived|living"
    r"|worked|working|since|for|over|in|after|every|last|past|next)"
    r"(?:\W+(?:him|her|them|each other))?\W+$"
)
_BABY = re.compile(r"\b(?:baby|babies|infant|newborn|neonate|bub|nb)\b")


@dataclass(frozen=True)
class TextFacts:
    youngest_months: int | None = None  # the youngest age under 18 the note gives
    ages_months: tuple[int, ...] = ()  # every age under 18 the note gives
    unborn: bool = False
    not_mobile: bool = False  # the note says a baby is not yet mobile
    mobile: bool = False  # the note says a young child moves about
    baby: bool = False  # the note speaks of a baby
    adult_patient: bool = False  # a woman's age in clinic shorthand ("27F"), and no child's


def _number(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBER_WORDS[text]


# Sentences end at a full stop, ! or ? followed by a space, or at a new line; no pattern
# here reaches across one ("approx. 2cm" splits harmlessly: neither half is an age).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def read_facts(folded: str) -> TextFacts:
    """Facts from the note, given in lower case. Read sentence by sentence, each sentence
    remembered, so that a pause in typing re-reads only the sentence that changed."""
    parts = [_sentence_facts(piece) for piece in _SENTENCE_END.split(folded) if piece]
    children = [a for part in parts for a in part.ages if a < 18 * 12]
    baby = any(part.baby for part in parts) or any(a < 12 for a in children)
    adult_patient = not children and any(part.woman for part in parts)
    toddler_or_younger = baby or any(a < 24 for a in children)
    return TextFacts(
        youngest_months=min(children) if children else None,
        ages_months=tuple(sorted(set(children))),
        unborn=any(part.unborn for part in parts),
        not_mobile=any(
            part.not_mobile or part.not_moving_yet or (toddler_or_younger and part.not_moving)
            for part in parts
        ),
        mobile=any(part.mobile for part in parts),
        baby=baby,
        adult_patient=adult_patient,
    )


@dataclass(frozen=True, slots=True)
class _SentenceFacts:
    ages: tuple[int, ...]
    unborn: bool
    baby: bool  # a word for a baby
    not_mobile: bool  # said only of babies ("not rolling yet", "newborn")
    not_moving: bool  # "not walking": a baby's only if the note is about one
    not_moving_yet: bool  # "not walking yet": always a baby's
    mobile: bool
    woman: bool  # a woman's age and sex in clinic shorthand: "27F", "F 27"


@lru_cache(maxsize=8192)
def _sentence_facts(folded: str) -> _SentenceFacts:
    ages: list[int] = []
    for match in _MEDICAL.finditer(folded):
        value, unit = int(match.group(1)), match.group(2)
        before = folded[max(0, match.start() - 30) : match.start()]
        if unit == "12" and _DATE_BEFORE.search(before[-8:]):
            continue  # "seen on 4/12" is a date, not four months
        if _DURATION_BEFORE.search(before) or _DURATION_AFTER.search(folded[match.end() :]):
            continue
        if unit == "52" and _GESTATION_BEFORE.search(before):
            continue
        ages.append(value * 12 // 52 if unit == "52" else value if unit == "12" else 0)
    ages += [
        _number(m.group(2)) * 12 // 52
        for m in _WEEKS.finditer(folded)
        if _is_age(m) and not _is_pregnancy(folded, m.end()) and not _animal_before(folded, m)
    ]
    ages += [
        _number(m.group(2))
        for m in _MONTHS.finditer(folded)
        if _is_age(m) and not _animal_before(folded, m)
    ]
    for match in _YEARS.finditer(folded):
        if match.group(2) and _lasted(folded, match):
            continue
        ages.append(_number(match.group(1) or match.group(2)) * 12)
    ages += [(int(m.group(1)) + 5) * 12 for m in _SCHOOL_YEAR.finditer(folded)]
    female = [
        int(m.group(1))
        for m in _AGE_FEMALE.finditer(folded)
        if not _numbered_thing_before(folded, m.start())
    ]
    ages += [age * 12 for age in female]
    woman = any(age >= 18 for age in female) or any(
        int(m.group(1)) >= 18 for m in _FEMALE_AGE.finditer(folded)
    )
    if _RECEPTION.search(folded):
        ages.append(4 * 12)
    ages += [int(m.group(1)) * 12 for m in _BRACKETED.finditer(folded)]
    ages += [_number(m.group(1)) * 12 for m in _SAYS_AGE.finditer(folded)]
    for match in _REVIEW.finditer(folded):
        value, unit = _number(match.group(1)), match.group("unit")[0]
        ages.append(value * 12 // 52 if unit == "w" else value if unit == "m" else value * 12)
    moving = list(_NOT_MOVING.finditer(folded))
    return _SentenceFacts(
        ages=tuple(ages),
        unborn=bool(_PREGNANCY.search(folded) or _PREGNANT.search(folded)),
        baby=bool(_BABY.search(folded)),
        not_mobile=bool(_NOT_MOBILE.search(folded)),
        not_moving=bool(moving),
        not_moving_yet=any(m.group("yet") or m.group("yet_after") for m in moving),
        mobile=bool(_MOBILE.search(folded)),
        woman=woman,
    )


def _lasted(folded: str, match: re.Match[str]) -> bool:
    """'Together 1yr', '2 yrs ago': a bare year count said as how long something lasted.
    An age says so ("14yo", "3 years old", "aged 6") and is never taken for one."""
    said = match.group(0)
    if not re.search(r"yrs?$|years?$", said) or re.search(r"old$", said):
        return False
    return bool(
        _LASTED_BEFORE.search(folded[max(0, match.start() - 30) : match.start()])
        or _DURATION_AFTER.search(folded[match.end() :])
    )


def _animal_before(folded: str, match: re.Match[str]) -> bool:
    """'Kitten (8 wks)', 'the puppy 10 weeks old': an animal's age, not a child's."""
    before = re.findall(r"[a-z]+", folded[: match.start()])
    return bool(before) and before[-1] in _ANIMALS


def _numbered_thing_before(folded: str, start: int) -> bool:
    """'Flat 2F', 'size 8F': the number names a thing, not a girl's age."""
    before = folded[:start].split()
    return bool(before) and (before[-1] in _NUMBERED_THINGS or before[-1] in {"size", "sizes"})


def _is_age(match: re.Match[str]) -> bool:
    """Said as an age, not as a length of time."""
    return bool(match.group("before") or match.group("after"))


def _is_pregnancy(folded: str, end: int) -> bool:
    return bool(re.match(r"\s?(?:pregnant|gestation|preg)", folded[end : end + 12]))


# Animals whose age a note may give in weeks or months, as a child's would be ("Kitten (8
# wks)"): the vet, groomer or animal-welfare notes that mention children too.
_ANIMALS = frozenset(
    [
        "kitten",
        "kittens",
        "puppy",
        "puppies",
        "pup",
        "pups",
        "foal",
        "foals",
        "lamb",
        "lambs",
        "calf",
        "calves",
        "piglet",
        "piglets",
        "dog",
        "dogs",
        "cat",
        "cats",
        "rabbit",
        "rabbits",
        "bunny",
        "hamster",
        "pony",
        "horse",
        "ferret",
        "chicks",
        "ducklings",
    ]
)
# Capitalised words that are followed by a number without it being an age: places,
# groups, documents and dates ("Room 9", "Bus 15", "Section 47", "Year 9", "Nov 15").
_NUMBERED_THINGS = frozenset(
    [
        "room",
        "flat",
        "apartment",
        "apt",
        "house",
        "no",
        "number",
        "ward",
        "bay",
        "bed",
        "cubicle",
        "unit",
        "block",
        "floor",
        "door",
        "gate",
        "platform",
        "bus",
        "route",
        "road",
        "street",
        "lane",
        "court",
        "pitch",
        "table",
        "group",
        "set",
        "class",
        "form",
        "level",
        "stage",
        "key",
        "step",
        "phase",
        "tier",
        "grade",
        "year",
        "yr",
        "section",
        "s",
        "chapter",
        "page",
        "item",
        "line",
        "period",
        "lesson",
        "session",
        "week",
        "day",
        "plot",
        "seat",
        "exit",
        "junction",
        "part",
        "question",
        "box",
        "log",
        "case",
        "ref",
        "team",
        "under",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
# What a number may not be followed by and still be an age.
_NOT_AGE_AFTER = frozenset(
    [
        "am",
        "pm",
        "%",
        "mins",
        "min",
        "minutes",
        "hours",
        "hrs",
        "hr",
        "times",
        "weeks",
        "wks",
        "wk",
        "months",
        "mths",
        "days",
        "years",
        "yrs",
        "/",
        ":",
        "x",
        "of",
    ]
)


def named_ages(tokens: list[Token]) -> tuple[int, ...]:
    """Ages written straight after a child's name, as case notes do: "Kayla 15 posted",
    "Logan five said", "Josh is 16", "Girl 15ish" (in months). Numbered things ("Room 9") are
    not names."""
    ages = []
    for at, token in enumerate(tokens[:-1]):
        if not token.capitalised or token.capitals or token.word in _NUMBERED_THINGS:
            continue
        if tokens[at + 1].word == "is" and at + 2 < len(tokens):
            at += 1  # "Josh is 16"
        number, after = tokens[at + 1], tokens[at + 2] if at + 2 < len(tokens) else None
        value = number.word.removesuffix("ish")  # "Girl 15ish"
        if not (value.isdigit() and len(value) <= 2) and value not in NUMBER_WORDS:
            continue
        years = _number(value)
        if 0 < years < 18 and (after is None or after.word not in _NOT_AGE_AFTER):
            ages.append(years * 12)
    return tuple(ages)


def with_ages(facts: TextFacts, ages: tuple[int, ...]) -> TextFacts:
    """The facts with more ages found elsewhere in the note (never a baby's: in years)."""
    if not ages:
        return facts
    every = tuple(sorted({*facts.ages_months, *ages}))
    return replace(facts, youngest_months=every[0], ages_months=every)
