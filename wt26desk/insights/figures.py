"""Every figure of the lead's view, from the concern records held in memory.

A *concern* is one saved record dated in the period (its event date, else the day it was
started). The children it is *about* are those recorded as the subject of the concern
(all its children when none is marked so). A child is the same child across records as
in their chronology (name and date of birth). Context (ethnicity, care status, ...) is
taken from the child's most recent record that says it."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from itertools import pairwise

from wt26desk.insights.characteristics import NOT_RECORDED, Characteristic, Characteristics
from wt26desk.insights.cohort import Cohort
from wt26desk.insights.period import Period
from wt26desk.insights.stats import Interval, rate_interval, rate_ratio
from wt26desk.insights.suppress import SMALL
from wt26desk.records.chronology import child_key
from wt26desk.records.model import AGENCIES, ROLES, Child, ConcernRecord

SOCIAL_CARE = AGENCIES[1]


@dataclass(frozen=True)
class Group:
    value: str
    label: str
    concerns: int  # records about a child of this group
    children: int  # distinct children of this group


@dataclass(frozen=True)
class Breakdown:
    characteristic: str
    title: str
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class AreaCount:
    id: str
    title: str
    concerns: int
    by_month: tuple[int, ...]


@dataclass(frozen=True)
class RepeatedChild:
    """For the page only: never exported (it names a child)."""

    label: str
    dates: tuple[date, ...]


@dataclass(frozen=True)
class Repeated:
    children: int  # children with two or more concerns in the period
    by_count: tuple[tuple[str, int], ...]  # ("2", n), ("3", n), ("4 or more", n)
    gaps: int  # intervals between one concern and the next for the same child
    median_days_between: float | None
    shortest_days_between: int | None
    who: tuple[RepeatedChild, ...]


@dataclass(frozen=True)
class Timing:
    id: str
    title: str
    unit: str  # days | hours
    measured: int
    median: float | None
    longest: float | None
    waiting: int  # not yet happened (referral: none recorded; acknowledgement: not yet)


@dataclass(frozen=True)
class Overdue:
    actions: int  # due date passed, no outcome recorded
    follow_ups: int  # follow-up reminder passed on a record not closed
    records: int  # records with either


@dataclass(frozen=True)
class PromptGap:
    id: str
    title: str
    raised_not_chosen: int
    chosen_not_raised: int


@dataclass(frozen=True)
class Disproportion:
    characteristic: str
    value: str
    label: str
    roll: int
    children: int
    rate: float | None
    rate_interval: Interval | None
    ratio: float | None  # against the rest of the roll
    ratio_interval: Interval | None
    caution: str


@dataclass(frozen=True)
class Insights:
    period: Period
    today: date
    records: int
    children: int
    undated: int
    months: tuple[str, ...]
    concerns_by_month: tuple[int, ...]
    harm_areas: tuple[AreaCount, ...]
    by_characteristic: tuple[Breakdown, ...]
    repeated: Repeated
    timings: tuple[Timing, ...]
    overdue: Overdue
    prompt_gaps: tuple[PromptGap, ...] | None
    cohort: Cohort | None
    disproportionality: tuple[Disproportion, ...]
    unmatched: tuple[tuple[str, int], ...]  # characteristic -> children with no roll group

    def breakdown(self, characteristic: str) -> Breakdown | None:
        return next((b for b in self.by_characteristic if b.characteristic == characteristic), None)


def concern_date(record: ConcernRecord) -> date | None:
    for text in (record.event_date, record.created[:10]):
        try:
            return date.fromisoformat(text)
        except ValueError:
            continue
    return None


def subjects(record: ConcernRecord) -> list[Child]:
    marked = [c for c in record.children if c.role == ROLES[0]]
    return marked or list(record.children)


def _moment(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def compute(
    records: Iterable[ConcernRecord],
    period: Period,
    characteristics: Characteristics,
    *,
    today: date,
    area_titles: Mapping[str, str] | None = None,
    cohort: Cohort | None = None,
    raised: Mapping[str, frozenset[str]] | None = None,
) -> Insights:
    """All figures for `period`. `raised` maps a record's id to the harm areas the
    prompts raised for it (the caller runs the prompt engine; None leaves that out)."""
    titles = dict(area_titles or {})
    everything = list(records)
    dated: list[tuple[date, ConcernRecord]] = []
    undated = 0
    for record in everything:
        day = concern_date(record)
        if day is None:
            undated += 1
        elif period.contains(day):
            dated.append((day, record))
    dated.sort(key=lambda pair: (pair[0], pair[1].created))
    months = period.months()
    month_index = {m: i for i, m in enumerate(months)}

    by_month = [0] * len(months)
    area_months: dict[str, list[int]] = defaultdict(lambda: [0] * len(months))
    child_dates: dict[str, list[date]] = defaultdict(list)
    child_label: dict[str, str] = {}
    latest: dict[str, dict[str, str]] = defaultdict(dict)  # child -> characteristic -> value
    first_text: dict[tuple[str, str], str] = {}  # free-text value -> as first written
    specs = characteristics.all
    # characteristic -> value -> concerns about a child with that value in that record
    concern_counts: dict[str, Counter[str]] = {spec.id: Counter() for spec in specs}
    for day, record in dated:
        index = month_index[day.isoformat()[:7]]
        by_month[index] += 1
        for area in dict.fromkeys(record.categories):
            area_months[area][index] += 1
        for child in subjects(record):
            key = child_key(child)
            child_dates[key].append(day)
            child_label[key] = child.label()
            mine = latest[key]
            for spec in specs:
                value = spec.value_of(child, day)
                concern_counts[spec.id][value] += 1
                if value != NOT_RECORDED:
                    mine[spec.id] = value
                    if spec.free_text and (spec.id, value) not in first_text:
                        first_text[(spec.id, value)] = _as_written(spec, child)

    def value_of(key: str, spec: Characteristic) -> str:
        return latest[key].get(spec.id, NOT_RECORDED)

    breakdowns = []
    for spec in specs:
        concerns = concern_counts[spec.id]
        children = Counter(value_of(key, spec) for key in child_dates)
        order = [v for v, _ in spec.choices]
        seen = sorted(
            set(concerns) | set(children),
            key=lambda v: (
                v == NOT_RECORDED,
                order.index(v) if v in order else len(order),
                -concerns[v],
                v,
            ),
        )
        breakdowns.append(
            Breakdown(
                spec.id,
                spec.title,
                tuple(
                    Group(
                        v,
                        first_text.get((spec.id, v)) or spec.label(v),
                        concerns[v],
                        children[v],
                    )
                    for v in seen
                ),
            )
        )

    areas = tuple(
        sorted(
            (
                AreaCount(area, titles.get(area, area), sum(counts), tuple(counts))
                for area, counts in area_months.items()
            ),
            key=lambda a: (-a.concerns, a.title.casefold()),
        )
    )
    disproportionality, unmatched = (
        _disproportionality(cohort, characteristics, list(child_dates), value_of)
        if cohort is not None
        else ((), ())
    )
    return Insights(
        period=period,
        today=today,
        records=len(dated),
        children=len(child_dates),
        undated=undated,
        months=months,
        concerns_by_month=tuple(by_month),
        harm_areas=areas,
        by_characteristic=tuple(breakdowns),
        repeated=_repeated(child_dates, child_label),
        timings=_timings(dated),
        overdue=_overdue(everything, today),
        prompt_gaps=_prompt_gaps(dated, raised, titles) if raised is not None else None,
        cohort=cohort,
        disproportionality=disproportionality,
        unmatched=unmatched,
    )


def _as_written(spec: Characteristic, child: Child) -> str:
    text = child.language if spec.id == "language" else child.setting
    return " ".join(text.split())


def _repeated(child_dates: dict[str, list[date]], labels: dict[str, str]) -> Repeated:
    repeated = {k: sorted(v) for k, v in child_dates.items() if len(v) >= 2}
    counts = Counter(min(len(v), 4) for v in repeated.values())
    gaps = [(b - a).days for v in repeated.values() for a, b in pairwise(v)]
    who = sorted(
        (RepeatedChild(labels[k], tuple(v)) for k, v in repeated.items()),
        key=lambda r: (-len(r.dates), r.label.casefold()),
    )
    return Repeated(
        children=len(repeated),
        by_count=(("2", counts[2]), ("3", counts[3]), ("4 or more", counts[4])),
        gaps=len(gaps),
        median_days_between=float(statistics.median(gaps)) if gaps else None,
        shortest_days_between=min(gaps) if gaps else None,
        who=tuple(who),
    )


def _timings(dated: list[tuple[date, ConcernRecord]]) -> tuple[Timing, ...]:
    referral_days: list[float] = []
    no_referral = 0
    ack_hours: list[float] = []
    waiting = 0
    for day, record in dated:
        told = min(
            (a.when[:10] for a in record.actions if a.who == SOCIAL_CARE and a.when), default=""
        )
        referred = _day(told)
        if referred is not None:
            referral_days.append(float(max(0, (referred - day).days)))
        else:
            no_referral += 1
        if not record.handed_over_at:
            continue
        handed, acknowledged = _moment(record.handed_over_at), _moment(record.acknowledged_at)
        if handed is not None and acknowledged is not None:
            ack_hours.append(max(0.0, (acknowledged - handed).total_seconds() / 3600))
        elif handed is not None:
            waiting += 1
    return (
        _timing(
            "referral",
            "From concern to referral to children's social care",
            "days",
            referral_days,
            no_referral,
        ),
        _timing(
            "acknowledgement",
            "From handover to the lead's acknowledgement",
            "hours",
            ack_hours,
            waiting,
        ),
    )


def _timing(id_: str, title: str, unit: str, values: list[float], waiting: int) -> Timing:
    return Timing(
        id_,
        title,
        unit,
        len(values),
        float(statistics.median(values)) if values else None,
        max(values) if values else None,
        waiting,
    )


def _overdue(records: list[ConcernRecord], today: date) -> Overdue:
    """ISO dates sort as text: only a date that sorts before today is parsed to be sure."""
    now = today.isoformat()

    def passed(text: str) -> bool:
        return bool(text) and text[:10] < now and _day(text) is not None

    actions = follow_ups = late_records = 0
    for record in records:
        late_actions = sum(1 for a in record.actions if passed(a.due) and not a.outcome.strip())
        late_follow = record.status != "closed" and passed(record.follow_up)
        actions += late_actions
        follow_ups += late_follow
        late_records += bool(late_actions or late_follow)
    return Overdue(actions, follow_ups, late_records)


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def prompt_gaps(
    records: Iterable[ConcernRecord],
    period: Period,
    raised: Mapping[str, frozenset[str]],
    area_titles: Mapping[str, str] | None = None,
) -> tuple[PromptGap, ...]:
    """The prompts' harm areas against the practitioners' choices alone (the window works
    them out after the other figures: running the prompts takes longer)."""
    dated = [(d, r) for r in records if (d := concern_date(r)) is not None and period.contains(d)]
    return _prompt_gaps(dated, raised, dict(area_titles or {}))


def _prompt_gaps(
    dated: list[tuple[date, ConcernRecord]],
    raised: Mapping[str, frozenset[str]],
    titles: Mapping[str, str],
) -> tuple[PromptGap, ...]:
    not_chosen: Counter[str] = Counter()
    not_raised: Counter[str] = Counter()
    for _day, record in dated:
        prompted = raised.get(record.id, frozenset())
        chosen = set(record.categories)
        not_chosen.update(prompted - chosen)
        not_raised.update(chosen - prompted)
    ids = sorted(set(not_chosen) | set(not_raised), key=lambda i: titles.get(i, i).casefold())
    return tuple(
        PromptGap(i, titles.get(i, i), not_chosen[i], not_raised[i])
        for i in sorted(ids, key=lambda i: -(not_chosen[i] + not_raised[i]))
    )


def _disproportionality(
    cohort: Cohort,
    characteristics: Characteristics,
    children: list[str],
    value_of: Callable[[str, Characteristic], str],
) -> tuple[tuple[Disproportion, ...], tuple[tuple[str, int], ...]]:
    found: list[Disproportion] = []
    unmatched: list[tuple[str, int]] = []
    for spec in characteristics.all:
        roll = cohort.groups.get(spec.id)
        if not roll:
            continue
        counts = Counter(value_of(key, spec) for key in children)
        total_roll = sum(roll.values())
        total_children = sum(counts[v] for v in roll)
        unmatched.append((spec.id, sum(n for v, n in counts.items() if v not in roll)))
        for value, on_roll in roll.items():
            found.append(_compare(spec, value, on_roll, counts[value], total_roll, total_children))
    return tuple(found), tuple(unmatched)


def _compare(
    spec: Characteristic, value: str, roll: int, children: int, total_roll: int, total: int
) -> Disproportion:
    label = spec.label(value)
    if roll == 0 or children > roll:
        caution = (
            "No children of this group on the roll."
            if roll == 0
            else f"More children with concerns ({children}) than on the roll ({roll}): "
            "check the cohort file."
        )
        return Disproportion(spec.id, value, label, roll, children, None, None, None, None, caution)
    rate = children / roll
    interval = rate_interval(children, roll)
    rest_roll, rest_children = total_roll - roll, total - children
    if rest_children > rest_roll:
        ratio = None
        caution = (
            f"The rest of the roll has more children with concerns ({rest_children}) than "
            f"children ({rest_roll}): check the cohort file."
        )
    else:
        ratio = rate_ratio(children, roll, rest_children, rest_roll)
        caution = _caution(
            children, ratio.value if ratio else None, ratio.interval if ratio else None
        )
    return Disproportion(
        spec.id,
        value,
        label,
        roll,
        children,
        rate,
        interval,
        ratio.value if ratio else None,
        ratio.interval if ratio else None,
        caution,
    )


def _caution(children: int, ratio: float | None, interval: Interval | None) -> str:
    """The figure in plain words, and how far it can be trusted."""
    if children < SMALL:
        return (
            f"Fewer than {SMALL} children: too few to say anything about this group; "
            "look at the children's records, not the rate."
        )
    if ratio is None or interval is None:
        return "No comparison: the rest of the roll has no children with concerns."
    if interval.low > 1:
        return (
            f"About {ratio:.1f} times the rate of the rest of the roll, and more than chance "
            "alone would explain: worth understanding why."
        )
    if interval.high < 1:
        return (
            f"About {ratio:.1f} times the rate of the rest of the roll (lower), more than "
            "chance alone would explain: are concerns about these children being missed?"
        )
    return (
        "Not clearly different from the rest of the roll: the interval includes the same "
        "rate, so the difference could be chance."
    )
