"""Date expressions in English text: the lexical half of the dates annotator.

:func:`find_mentions` returns every date expression in one block's text as a
:class:`Mention` — what was written ("July 11, 2024", "Oct. 30", "the 30th",
"last June", "yesterday", "two years ago"), not yet what it means; resolving
a mention against the document's present is :mod:`.datecalc`'s job.
:func:`find_elapsed` finds elapsed-time phrases ("3 years and 7 months since")
and :func:`tense_at` tells whether the words around a date speak of the future
or the past.

Every word matched (month and weekday names, "last", "yesterday", "ago",
tense markers, ...) comes from the ``date-*`` lists of ``lexicon.yaml``; the
regular expressions here only give them structure.  They are compiled once per
set of lists (:func:`patterns`).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, replace
from typing import Iterator

from ..model import Knowledge

__all__ = ["Elapsed", "Mention", "Patterns", "find_elapsed", "find_mentions", "patterns"]

LISTS = (
    "date-months",
    "date-weekdays",
    "date-same-day",
    "date-day-before",
    "date-day-after",
    "date-last",
    "date-this",
    "date-next",
    "date-unit-day",
    "date-unit-week",
    "date-unit-month",
    "date-unit-year",
    "date-number-words",
    "date-ago",
    "date-since",
    "date-year-prepositions",
    "date-day-prepositions",
    "date-following-words",
    "date-ignore-before",
    "date-future-markers",
    "date-past-markers",
    "date-publication-words",
    "date-abbreviations",
)
UNITS = ("day", "week", "month", "year")
YEAR = r"(?:19|20)\d{2}"
ORD = r"(?:st|nd|rd|th)"
DASH = r"\s*(?:-|–|—|to|through)\s*"


@dataclass(frozen=True)
class Mention:
    """One date expression, as written, in one block.

    ``kind`` says which fields carry meaning:

    - ``"date"``: ``year``/``month``/``day`` as written (any may be missing);
    - ``"day"``: a day of the month alone ("on the 30th"), in ``day``;
    - ``"relative-day"``: "today"/"yesterday"/"tomorrow", offset in ``shift``;
    - ``"relative-unit"``: "last/this/next" ``unit`` (week, month, year);
    - ``"relative-month"``: "last/this/next June", month in ``month``;
    - ``"weekday"``: "(last/next) Wednesday", weekday (Monday = 0) in ``day``;
    - ``"ago"``: "two years ago", ``shift`` = minus the count of ``unit``.
    """

    block: int
    start: int
    end: int
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    shift: int = 0
    unit: str = ""
    tense: str = ""  # "future" | "past" | "" — from the words around it
    sentence: tuple[int, int] = (0, 0)  # the sentence holding it, offsets in the block
    role: str = ""  # "dateline" | "publication-line" | "date-at-top" | ""


@dataclass(frozen=True)
class Elapsed:
    """An elapsed-time phrase: ``amount`` of each unit, ``since`` or ``ago``."""

    start: int
    end: int
    amount: tuple[tuple[str, int], ...]
    direction: str


@dataclass(frozen=True)
class Patterns:
    months: dict[str, int]
    weekdays: dict[str, int]
    relative_days: dict[str, int]
    shifts: dict[str, int]
    units: dict[str, str]
    numbers: dict[str, int]
    finders: tuple[tuple[str, re.Pattern], ...]
    amount: re.Pattern
    elapsed: re.Pattern
    following: re.Pattern
    ignore: re.Pattern
    tense: re.Pattern
    boundary: re.Pattern
    abbreviations: frozenset[str]
    dateline: re.Pattern
    publication: re.Pattern
    alone: re.Pattern
    trailer: re.Pattern


# ------------------------------------------------------------------ building


def _alt(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any run."""
    unique = sorted({w.strip() for w in words if w.strip()}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in unique) or r"(?!x)x"


def _numbered(entries: tuple[str, ...], start: int = 1) -> dict[str, int]:
    """``"January|Jan"`` at position i → {"january": i + start, "jan": i + start}."""
    return {
        name.strip().lower(): i + start
        for i, entry in enumerate(entries)
        for name in entry.split("|")
        if name.strip()
    }


def _cased(names: dict[str, int]) -> str:
    """Title-case and upper-case forms of each name (never lower-case)."""
    return _alt([form for n in names for form in (n.title(), n.upper())])


def _words(lists: dict[str, tuple[str, ...]], *names: str) -> list[str]:
    return [w for name in names for entry in lists.get(name, ()) for w in entry.split("|")]


def _finders(lists: dict[str, tuple[str, ...]], months: dict, weekdays: dict) -> tuple:
    mon, wd = _cased(months), _cased(weekdays)
    full_months = _cased({e.split("|")[0].lower(): 0 for e in lists["date-months"]})
    rel = _alt(_words(lists, "date-last", "date-this", "date-next"))
    units = _alt(_words(lists, "date-unit-week", "date-unit-month", "date-unit-year"))
    day = rf"(?P<d1>[0-3]?\d){ORD}?(?:{DASH}(?P<d2>[0-3]?\d){ORD}?)?"
    year = rf"(?P<year>{YEAR})(?![\w-]|[.,]\d)"
    weekday = rf"(?:(?:{wd}),?\s+)?"
    amount = _amount(lists)
    return (
        ("iso", rf"(?<![\w/.-])(?P<year>{YEAR})(?P<sep>[-/.])(?P<mon>[01]?\d)(?P=sep)"
                rf"(?P<d1>[0-3]?\d)(?![\w/-]|\.\d)"),
        ("month-first", rf"(?<![\w-]){weekday}(?P<mon>{mon})\.?\s+{day}(?![\w:]|[.,]\d)"
                        rf"(?:,?\s+{year})?"),
        ("day-first", rf"(?<![\w/.-]){weekday}{day}\s+(?:of\s+)?(?P<mon>{mon})\b\.?(?:,?\s+{year})?"),
        ("month-year", rf"(?<![\w-])(?P<mon>{mon})\.?,?\s+(?:of\s+)?{year}"),
        ("year", rf"(?<![\w-])(?i:{_alt(lists['date-year-prepositions'])})\s+{year}"),
        ("month", rf"(?<![\w-])(?i:{_alt(lists['date-year-prepositions'])})\s+"
                  rf"(?P<mon>{full_months})\b(?![.,]?\s*\d)"),
        ("day", rf"(?<![\w-])(?i:{_alt(lists['date-day-prepositions'])})\s+"
                rf"(?P<the>the\s+)(?P<d1>[0-3]?\d){ORD}\b"),
        ("relative", rf"(?<![\w-])(?<!the\s)(?P<rel>(?i:{rel}))\s+"
                     rf"(?:(?P<unit>(?i:{units}))|(?P<mon>{full_months})|(?P<wd>{wd}))\b"),
        ("weekday", rf"(?<![\w-])(?P<wd>{wd})\b"),
        ("relative-day", rf"(?<![\w-])(?P<word>(?i:{_alt(_words(lists, 'date-same-day',
                          'date-day-before', 'date-day-after'))}))\b"),
        ("ago", rf"(?<![\w-])(?P<amount>{amount})\s+(?i:{_alt(lists['date-ago'])})\b"),
    )


def _amount(lists: dict[str, tuple[str, ...]]) -> str:
    numbers = _alt(_words(lists, "date-number-words"))
    units = _alt(_words(lists, *(f"date-unit-{u}" for u in UNITS)))
    one = rf"(?:\d{{1,3}}|(?i:{numbers}))\s+(?i:{units})\b"
    return rf"{one}(?:(?:\s*,)?\s+(?:and\s+)?{one})*"


def _units(lists: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {w.lower(): u for u in UNITS for w in _words(lists, f"date-unit-{u}")}


def _tense(lists: dict[str, tuple[str, ...]]) -> re.Pattern:
    future = _alt(_words(lists, "date-future-markers"))
    past = _alt(_words(lists, "date-past-markers"))
    return re.compile(rf"\b(?:(?P<future>{future})|(?P<past>{past}))\b", re.IGNORECASE)


def _positions(lists: dict[str, tuple[str, ...]]) -> dict[str, re.Pattern]:
    wd = _cased(_numbered(lists["date-weekdays"], 0))
    pub = _alt(_words(lists, "date-publication-words"))
    place = r"[A-Z][\w.'’ -]{0,40}?,\s*"
    return {
        "dateline": re.compile(rf"^\s*(?:{place}){{1,2}}(?:(?:{wd}),?\s+)?$"),
        "publication": re.compile(rf"^\s*(?i:{pub})\b[^:\n]{{0,30}}?:?\s*(?:(?:{wd}),?\s+)?$"),
        "alone": re.compile(rf"^\s*(?:(?:{wd}),?\s+)?$"),
        "trailer": re.compile(r"^\s*(?:\([^)\n]{1,40}\)\s*)?(?:--|[—–:-]|$)"),
    }


@functools.lru_cache(maxsize=16)
def _build(items: tuple[tuple[str, tuple[str, ...]], ...]) -> Patterns:
    lists = dict(items)
    months = _numbered(lists["date-months"])
    weekdays = _numbered(lists["date-weekdays"], 0)
    shifts = {w.lower(): s for s, n in ((-1, "date-last"), (0, "date-this"), (1, "date-next"))
              for w in _words(lists, n)}
    days = {w.lower(): s for s, n in ((0, "date-same-day"), (-1, "date-day-before"),
                                      (1, "date-day-after")) for w in _words(lists, n)}
    ignore = _alt(_words(lists, "date-ignore-before"))
    follow = _alt(_words(lists, "date-following-words"))
    abbreviations = {w.lower() for w in _words(lists, "date-abbreviations")} | set(months)
    return Patterns(
        months=months,
        weekdays=weekdays,
        relative_days=days,
        shifts=shifts,
        units=_units(lists),
        numbers=_numbered(lists["date-number-words"]),
        finders=tuple((k, re.compile(p)) for k, p in _finders(lists, months, weekdays)),
        amount=re.compile(rf"(\d{{1,3}}|[A-Za-z]+)\s+([A-Za-z]+)"),
        elapsed=re.compile(rf"(?P<amount>{_amount(lists)})\s+(?:\w+\s+){{0,2}}?"
                           rf"(?i:{_alt(lists['date-since'])})\b"),
        following=re.compile(rf"\s*(?:$|[^\w\s]|(?i:{follow})\b)"),
        ignore=re.compile(rf"(?i:\b(?:{ignore}))\b[^.\d]{{0,20}}$"),
        tense=_tense(lists),
        boundary=re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])"),
        abbreviations=frozenset(abbreviations),
        **_positions(lists),
    )


def patterns(knowledge: Knowledge) -> Patterns:
    """The compiled patterns for ``knowledge``'s lexicon (built once per set of lists)."""
    return _build(tuple((name, knowledge.words(name)) for name in LISTS))


# ------------------------------------------------------------------ sentences


def sentence_bounds(text: str, pats: Patterns) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a period after a known abbreviation ends none."""
    bounds, start = [], 0
    for gap in pats.boundary.finditer(text):
        word = re.search(r"(\w+)\W*$", text[max(start, gap.start() - 12) : gap.start()])
        if word and (len(word.group(1)) == 1 or word.group(1).lower() in pats.abbreviations):
            continue
        bounds.append((start, gap.start()))
        start = gap.end()
    bounds.append((start, len(text)))
    return bounds


def tense_at(text: str, start: int, end: int, pats: Patterns) -> str:
    """``"future"``/``"past"`` from the tense marker nearest to ``text[start:end]``."""
    best, distance = "", len(text) + 1
    for marker in pats.tense.finditer(text):
        gap = start - marker.end() if marker.end() <= start else marker.start() - end
        if 0 <= gap < distance:
            best, distance = ("future" if marker.group("future") else "past"), gap
    return best


# ------------------------------------------------------------------ mentions


def _int(match: re.Match, group: str) -> int | None:
    value = match.groupdict().get(group)
    return int(value) if value else None


def _date_fields(match: re.Match, pats: Patterns) -> dict | None:
    mon = match.groupdict().get("mon")
    month = None if mon is None else (int(mon) if mon.isdigit() else pats.months[mon.lower()])
    day = _int(match, "d1")
    if not 1 <= (month or 1) <= 12 or not 1 <= (day or 1) <= 31:
        return None
    return {"kind": "date", "year": _int(match, "year"), "month": month, "day": day}


def _relative_fields(match: re.Match, pats: Patterns) -> dict:
    shift = pats.shifts[" ".join(match["rel"].lower().split())]
    if match["unit"]:
        return {"kind": "relative-unit", "unit": pats.units[match["unit"].lower()], "shift": shift}
    if match["mon"]:
        return {"kind": "relative-month", "month": pats.months[match["mon"].lower()], "shift": shift}
    return {"kind": "weekday", "day": pats.weekdays[match["wd"].lower()], "shift": shift}


def parse_amount(text: str, pats: Patterns) -> tuple[tuple[str, int], ...]:
    """``"3 years and 7 months"`` → (("year", 3), ("month", 7))."""
    out = []
    for number, unit in pats.amount.findall(text):
        count = int(number) if number.isdigit() else pats.numbers.get(number.lower())
        if count is not None and unit.lower() in pats.units:
            out.append((pats.units[unit.lower()], count))
    return tuple(out)


def _fields(kind: str, match: re.Match, pats: Patterns) -> dict | None:
    if kind == "relative":
        return _relative_fields(match, pats)
    if kind == "weekday":
        return {"kind": "weekday", "day": pats.weekdays[match["wd"].lower()]}
    if kind == "relative-day":
        return {"kind": "relative-day", "shift": pats.relative_days[" ".join(match[0].lower().split())]}
    if kind == "ago":
        amount = parse_amount(match["amount"], pats)
        if len(amount) != 1:
            return None
        return {"kind": "ago", "unit": amount[0][0], "shift": -amount[0][1]}
    fields = _date_fields(match, pats)
    if fields and kind == "day":
        fields["kind"] = "day"
    return fields


def _span(kind: str, match: re.Match) -> tuple[int, int]:
    if kind == "year":
        return match.span("year")
    if kind == "month":
        return match.span("mon")
    if kind == "day":
        return match.start("the"), match.end()
    return match.span()


def _plausible(kind: str, text: str, match: re.Match, start: int, pats: Patterns) -> bool:
    """Reject numbers that are not dates: "from 2000 troops", fiscal years, quarters."""
    if kind in ("year", "day") and not pats.following.match(text, match.end()):
        return False
    if match.groupdict().get("year") and pats.ignore.search(text, max(0, start - 40), start):
        return False
    return True


def _raw(text: str, block: int, pats: Patterns) -> Iterator[Mention]:
    for kind, regex in pats.finders:
        for match in regex.finditer(text):
            start, end = _span(kind, match)
            fields = _fields(kind, match, pats)
            if fields and _plausible(kind, text, match, start, pats):
                yield Mention(block, start, end, **fields)


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if all(m.end <= k.start or k.end <= m.start for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def _role(text: str, m: Mention, pats: Patterns) -> str:
    """How a date near the top is placed: a dateline, a publication line, alone."""
    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end) % (len(text) + 1)
    before, after = text[line_start : m.start], text[m.end : line_end or len(text)]
    if pats.publication.match(before):
        return "publication-line"
    if pats.alone.match(before) and re.fullmatch(r"[\s.,;|]*", after):
        return "date-at-top"
    if pats.dateline.match(before) and pats.trailer.match(after):
        return "dateline"
    return ""


def find_mentions(text: str, block: int, pats: Patterns, top: bool = False) -> list[Mention]:
    """Every date expression in ``text`` (block ``block``), left to right.

    ``top`` marks a block at the top of the document, where a date may be the
    dateline or publication line rather than a happening.
    """
    bounds = sentence_bounds(text, pats)
    starts = [s for s, _ in bounds]
    out = []
    for m in _without_overlaps(list(_raw(text, block, pats))):
        sentence = bounds[bisect.bisect_right(starts, m.start) - 1]
        role = _role(text, m, pats) if top and m.kind == "date" and m.month else ""
        out.append(replace(m, tense=_in_sentence(text, sentence, m, pats), sentence=sentence, role=role))
    return out


def _in_sentence(text: str, sentence: tuple[int, int], m: Mention, pats: Patterns) -> str:
    s, e = sentence
    return tense_at(text[s:e], m.start - s, m.end - s, pats)


def find_elapsed(text: str, pats: Patterns) -> list[Elapsed]:
    """Elapsed-time phrases ending in "since" ("3 years and 7 months since")."""
    return [
        Elapsed(m.start(), m.end(), parse_amount(m["amount"], pats), "since")
        for m in pats.elapsed.finditer(text)
        if parse_amount(m["amount"], pats)
    ]
