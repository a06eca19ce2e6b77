"""The quality check before submitting: a short, specific list of what would make the
record stronger, each pointing at the field and the words concerned, so one click can
take the practitioner there (KCSIE and local partnership recording guidance)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

OPINION = (
    "sad",
    "upset",
    "aggressive",
    "angry",
    "rude",
    "naughty",
    "defiant",
    "withdrawn",
    "attention-seeking",
    "attention seeking",
    "manipulative",
    "liar",
    "lying",
    "weird",
    "strange",
    "odd",
    "inappropriate",
    "neglected",
    "abused",
    "dirty",
    "unkempt",
    "fine",
    "normal",
    "happy",
    "disruptive",
    "violent",
    "hysterical",
    "unstable",
)
VAGUE = (
    "often",
    "sometimes",
    "always",
    "frequently",
    "regularly",
    "occasionally",
    "a lot",
    "lots of times",
    "many times",
    "several times",
    "recently",
    "a while",
    "for ages",
    "constantly",
    "all the time",
    "a few times",
    "now and then",
)
LEADING = re.compile(
    r"(?:^|[.!?]\s+|[\"“'])((?:did|was|were|has|had|is|does|do)\s+"
    r"(?:he|she|they|your|mum|dad|mummy|daddy|someone|anyone|it)\b[^.?!]{0,80}\?)",
    re.I,
)
KNOWN_ACRONYMS = {
    "DSL": "designated safeguarding lead",
    "CSC": "children's social care",
    "LADO": "local authority designated officer",
    "GP": "",
    "NHS": "",
    "A&E": "",
    "FGM": "female genital mutilation",
    "CSE": "child sexual exploitation",
    "CCE": "child criminal exploitation",
    "DA": "domestic abuse",
    "CP": "child protection",
    "CIN": "child in need",
    "ICPC": "initial child protection conference",
    "MASH": "multi-agency safeguarding hub",
    "SEND": "special educational needs",
    "EHCP": "education, health and care plan",
    "NRM": "national referral mechanism",
    "MARAC": "multi-agency risk assessment conference",
    "TAF": "team around the family",
    "NFA": "no further action",
    "HV": "health visitor",
    "SW": "social worker",
    "PCSO": "",
    "PE": "",
    "UK": "",
    "TV": "",
    "ID": "",
    "OK": "",
    "AM": "",
    "PM": "",
}
NO_REFER = re.compile(
    r"\b(decided not to refer|not refer(red)?|no referral|no further action|"
    r"NFA|did not pass (it )?on|will monitor|monitor only)\b",
    re.I,
)
TIME = re.compile(r"\b([01]?\d|2[0-3])[:.][0-5]\d\b|\b\d{1,2}\s?(am|pm)\b", re.I)


@dataclass(frozen=True)
class Finding:
    code: str  # opinion | vague | initials | leading-question | time | rationale | acronym
    field: str
    start: int
    end: int
    excerpt: str
    message: str


def _words(text: str, words: Iterable[str]) -> Iterable[re.Match[str]]:
    pattern = r"\b(" + "|".join(re.escape(w) for w in words) + r")\b"
    return re.finditer(pattern, text, re.I)


def check(
    fields: dict[str, str], *, rationale: str = "", has_event_time: bool = False
) -> list[Finding]:
    """`fields` maps field names to their text; "facts" is where opinion words matter."""
    found: list[Finding] = []
    facts = fields.get("facts", "")
    for m in _words(facts, OPINION):
        found.append(
            Finding(
                "opinion",
                "facts",
                m.start(),
                m.end(),
                m.group(0),
                f"“{m.group(0)}” is a judgement. In the facts, describe what you "
                "saw and heard instead (for example, what the child did and "
                "said); put your view in the analysis, with the reasons.",
            )
        )
    for name, text in fields.items():
        for m in _words(text, VAGUE):
            found.append(
                Finding(
                    "vague",
                    name,
                    m.start(),
                    m.end(),
                    m.group(0),
                    f"“{m.group(0)}” is vague: say how many times and when "
                    "(for example, “3 times since 2 March”).",
                )
            )
        for m in re.finditer(
            r"\b([A-Z]\.\s?[A-Z]\.?|[A-Z]{2,3})(?=\s+(said|told|was|has|is|"
            r"hit|came|went|and)\b)",
            text,
        ):
            token = m.group(1).replace(".", "").replace(" ", "")
            if token not in KNOWN_ACRONYMS:
                found.append(
                    Finding(
                        "initials",
                        name,
                        m.start(),
                        m.end(),
                        m.group(1),
                        f"“{m.group(1)}” looks like initials: use the person's full name and role.",
                    )
                )
        for m in LEADING.finditer(text):
            question = m.group(1)
            found.append(
                Finding(
                    "leading-question",
                    name,
                    m.start(1),
                    m.end(1),
                    question,
                    "This question suggests its answer. Open prompts are "
                    "better: “Tell me…”, “Explain…”, “Describe…”.",
                )
            )
    joined = " ".join(fields.values())
    if not has_event_time and not TIME.search(joined):
        found.append(
            Finding(
                "time",
                "event_time",
                0,
                0,
                "",
                "Add the time it happened and the time you are writing.",
            )
        )
    for text in fields.values():
        refusal = NO_REFER.search(text)
        if refusal and not rationale and not re.search(r"\bbecause\b|\breason", text, re.I):
            found.append(
                Finding(
                    "rationale",
                    "rationale",
                    0,
                    0,
                    refusal.group(0),
                    "Record why you decided not to refer: a decision not to "
                    "act needs its reasons as much as a referral does.",
                )
            )
    explained = joined.lower()
    for name, text in fields.items():
        for m in re.finditer(r"\b[A-Z]{2,6}\b", text):
            acronym = m.group(0)
            expansion = KNOWN_ACRONYMS.get(acronym)
            if expansion and expansion not in explained:
                found.append(
                    Finding(
                        "acronym",
                        name,
                        m.start(),
                        m.end(),
                        acronym,
                        f"Spell out {acronym} the first time "
                        f"(“{expansion} ({acronym})”): the reader may not "
                        "know it.",
                    )
                )
                explained += " " + expansion  # once per acronym
    return found
