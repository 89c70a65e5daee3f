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
knowledge (:func:`patterns`, through the dates component's ``prepare``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from ...model import Knowledge

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
    "date-after",
    "date-deadline-prepositions",
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
WORD_RE = re.compile(r"[A-Za-z]+")
DIGIT_RE = re.compile(r"\d")  # the \d of the finders' patterns
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
    role: str = ""  # "dateline" | "publication-line" | "date-at-top" | "sign-off" | ""
    weekday: int | None = None  # a weekday written with the date ("Wednesday, 15 January")
    # A slashed date whose order the numbers leave open ("04/05/2012"): the two
    # numbers as written, day and month unknown until evidence decides (.order).
    numbers: tuple[int, int] | None = None
    # A slashed date whose order its numbers make certain ("21/03/2018"):
    # "day-first" or "month-first", evidence for the open ones.
    order: str = ""


@dataclass(frozen=True)
class Elapsed:
    """An elapsed-time phrase ("3 years and 7 months since"): ``amount`` of each unit."""

    start: int
    end: int
    amount: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Finder:
    """One form of date expression.

    ``regex`` starts with a literal (a digit or a listed word) so that scanning
    a text is fast; ``before`` must match the text just before the match (it is
    searched in a short window ending there) and, when it has an ``at`` group,
    the expression starts there.  ``digits``: every match holds a digit, so a
    text without one need not be scanned.
    """

    kind: str
    regex: re.Pattern
    before: re.Pattern | None = None
    digits: bool = False


@dataclass(frozen=True)
class Patterns:
    months: dict[str, int]
    weekdays: dict[str, int]
    relative_days: dict[str, int]
    shifts: dict[str, int]
    units: dict[str, str]
    numbers: dict[str, int]
    finders: tuple[Finder, ...]
    amount: re.Pattern
    since: re.Pattern
    amount_since: re.Pattern
    after: re.Pattern
    amount_after: re.Pattern
    deadline: re.Pattern
    weekday_before: re.Pattern
    not_after_the: re.Pattern
    number_range: re.Pattern
    following: re.Pattern
    ignore: re.Pattern
    markers: dict[str, str]
    marker_starts: frozenset[str]
    marker_words: int
    boundary: re.Pattern
    abbreviations: frozenset[str]
    dateline: re.Pattern
    publication: re.Pattern
    alone: re.Pattern
    trailer: re.Pattern
    closing: re.Pattern
    line_end: re.Pattern


# ------------------------------------------------------------------ building

Lists = dict[str, tuple[str, ...]]


def _words(lists: Lists, *names: str) -> list[str]:
    return [w.strip() for name in names for e in lists.get(name, ()) for w in e.split("|")]


def _alt(words: list[str], lower: bool = True) -> str:
    """A case-sensitive alternation of the words as written, Title-cased, upper-cased
    and (with ``lower``) lower-cased; longest first, spaces matching any run."""
    forms = {f for w in words if w for f in (w, w[0].upper() + w[1:], w.upper())}
    forms |= {w.lower() for w in words if w and lower}
    ordered = sorted(forms, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) or r"(?!x)x"


def _numbered(entries: tuple[str, ...], start: int = 1) -> dict[str, int]:
    """``"January|Jan"`` at position i → {"january": i + start, "jan": i + start}."""
    return {
        name.strip().lower(): i + start
        for i, entry in enumerate(entries)
        for name in entry.split("|")
        if name.strip()
    }


def _amount(lists: Lists) -> str:
    numbers = _alt(_words(lists, "date-number-words"))
    units = _alt(_words(lists, *(f"date-unit-{u}" for u in UNITS)))
    one = rf"(?:\d{{1,3}}|{numbers})\s+(?:{units})\b"
    return rf"(?<![\w-])(?P<amount>{one}(?:(?:\s*,)?\s+(?:and\s+)?{one})*)"


def _date_finders(lists: Lists) -> tuple[Finder, ...]:
    """Written dates: "2024-07-11", "July 11, 2024", "11 July", "March 2021", "in 2021".

    Dotted numeric dates ("12.02.2025") are read day first, the order of every
    convention that writes dates with dots, unless the year leads ("2024.10.15",
    "2024. 10. 15.").  Slashed ones are read year first
    ("2024/11/05"); with the year last ("25/03/2024", "3/25/2024") only the
    order a number above 12 makes certain is read, and otherwise just the year.
    """
    mon = _alt(_words(lists, "date-months"), lower=False)
    full = _alt([e.split("|")[0] for e in lists["date-months"]], lower=False)
    day = rf"(?P<d1>\d{{1,2}}){ORD}?(?:{DASH}(?P<d2>\d{{1,2}}){ORD}?)?"
    year = rf"(?P<year>{YEAR})(?![\w-]|[.,]\d)"
    iso = rf"(?P<year>{YEAR})(?P<sep>[-/.])(?P<mon>[01]?\d)(?P=sep)(?P<d1>[0-3]?\d)(?![\w/-]|\.\d)"
    # "2024. 10. 15." (Korean usage): a full stop after each number, a space between
    spaced = rf"(?P<year>{YEAR})\. (?P<mon>[01]?\d)\. (?P<d1>[0-3]?\d)\.(?!\w)"
    # a sentence's full stop may follow; another number may not ("1.2.2024.5")
    dotted = rf"(?P<d1>[0-3]?\d)\.(?P<mon>[01]?\d)\.(?P<year>{YEAR})(?![\w-]|[.,]\d)"
    slashed = rf"(?P<n1>[0-3]?\d)/(?P<n2>[0-3]?\d)/(?P<year>{YEAR})(?![\w/-]|[.,]\d)"
    preps = re.compile(rf"(?<![\w-])(?:{_alt(lists['date-year-prepositions'])})\s+$")
    days = re.compile(rf"(?<![\w-])(?:{_alt(lists['date-day-prepositions'])})\s+(?P<at>the\s+)$")
    return (
        Finder("iso", re.compile(iso), digits=True),
        Finder("spaced", re.compile(spaced), digits=True),
        Finder("dotted", re.compile(dotted), digits=True),
        Finder("slashed", re.compile(slashed), digits=True),
        Finder(
            "month-first",
            re.compile(rf"(?P<mon>{mon})\b\.?\s+{day}(?![\w:]|[.,]\d)(?:,?\s+{year})?"),
            digits=True,
        ),
        Finder(
            "day-first",
            re.compile(rf"{day}\s+(?:of\s+)?(?P<mon>{mon})\b\.?(?:,?\s+{year})?"),
            digits=True,
        ),
        Finder("month-year", re.compile(rf"(?P<mon>{mon})\b\.?,?\s+(?:of\s+)?{year}"), digits=True),
        Finder("year", re.compile(year), preps, digits=True),
        Finder("month", re.compile(rf"(?P<mon>{full})\b(?![.,]?\s*\d)"), preps),
        Finder("day", re.compile(rf"(?P<d1>\d{{1,2}}){ORD}\b"), days, digits=True),
    )


def _relative_finders(lists: Lists) -> tuple[Finder, ...]:
    """Dates relative to the present: "last June", "on Monday", "yesterday", "2 years ago"."""
    full = _alt([e.split("|")[0] for e in lists["date-months"]], lower=False)
    wd = _alt(_words(lists, "date-weekdays"), lower=False)
    rel = _alt(_words(lists, "date-last", "date-this", "date-next"))
    units = _alt(_words(lists, "date-unit-week", "date-unit-month", "date-unit-year"))
    each = _alt(_words(lists, "date-same-day", "date-day-before", "date-day-after"))
    relative = rf"(?P<rel>{rel})\s+(?:(?P<unit>{units})|(?P<mon>{full})|(?P<wd>{wd}))\b"
    ago = rf"(?:{_alt(_words(lists, 'date-ago'))})\b"
    return (
        Finder("relative", re.compile(relative)),
        Finder("weekday", re.compile(rf"(?P<wd>{wd})\b")),
        Finder("relative-day", re.compile(rf"(?P<word>{each})\b")),
        Finder("ago", re.compile(ago), re.compile(rf"{_amount(lists)}\s+$")),
    )


def _units(lists: Lists) -> dict[str, str]:
    return {w.lower(): u for u in UNITS for w in _words(lists, f"date-unit-{u}")}


def _markers(lists: Lists) -> dict[str, str]:
    """Tense markers, lower-cased and single-spaced → ``"future"`` or ``"past"``."""
    return {
        " ".join(w.lower().split()): tense
        for tense in ("past", "future")
        for w in _words(lists, f"date-{tense}-markers")
    }


def _positions(lists: Lists) -> dict[str, re.Pattern]:
    wd = _alt(_words(lists, "date-weekdays"), lower=False)
    pub = _alt(_words(lists, "date-publication-words"))
    place = r"[A-Z][\w.'’ /-]{0,40}?,\s*"
    return {
        "dateline": re.compile(rf"^\s*(?:{place}){{1,2}}(?:(?:{wd}),?\s+)?$"),
        "publication": re.compile(
            rf"^\s*(?:(?:{pub})\b[^:\n]{{0,30}}?:?|[^|\n]{{1,40}}\|)\s*(?:(?:{wd}),?\s+)?$"
        ),
        "alone": re.compile(rf"^\s*(?:(?:{wd}),?\s+)?$"),
        # a place of at most four words before a closing date ("Done at Brussels, ")
        "closing": re.compile(
            rf"^\s*(?:[A-Z][\w.'’/-]*(?:\s+[\w.'’/-]+){{0,3}},\s*){{1,2}}(?:(?:{wd}),?\s+)?$"
        ),
        "trailer": re.compile(r"^\s*(?:\([^)\n]{1,40}\)\s*)?(?:--|[—–:-]|$)"),
        # nothing else on the line but punctuation and a clock time ("2:15 p.m. EDT")
        "line_end": re.compile(
            r"[\s.,;|]*(?:(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?\s*"
            r"(?:\(?[A-Z]{2,5}\)?)?[\s.,;|]*)?$"
        ),
        "weekday_before": re.compile(rf"(?<![\w-])(?:{wd}),?\s+$"),
    }


def _shifts(lists: Lists, names: tuple[str, str, str]) -> dict[str, int]:
    return {
        " ".join(w.lower().split()): shift
        for shift, name in zip((-1, 0, 1), names)
        for w in _words(lists, name)
    }


def _build(items: tuple[tuple[str, tuple[str, ...]], ...]) -> Patterns:
    lists = dict(items)
    markers = _markers(lists)
    short = [w for entry in lists["date-months"] for w in entry.split("|")[1:]]
    abbreviations = {w.lower() for w in _words(lists, "date-abbreviations") + short}
    return Patterns(
        months=_numbered(lists["date-months"]),
        weekdays=_numbered(lists["date-weekdays"], 0),
        relative_days=_shifts(lists, ("date-day-before", "date-same-day", "date-day-after")),
        shifts=_shifts(lists, ("date-last", "date-this", "date-next")),
        units=_units(lists),
        numbers=_numbered(lists["date-number-words"]),
        finders=_date_finders(lists) + _relative_finders(lists),
        amount=re.compile(r"(\d{1,3}|[A-Za-z]+)\s+([A-Za-z]+)"),
        since=re.compile(rf"(?:{_alt(_words(lists, 'date-since'))})\b"),
        amount_since=re.compile(rf"{_amount(lists)}\s+(?:\w+\s+){{0,2}}?$"),
        after=re.compile(rf"(?:{_alt(_words(lists, 'date-after'))})\b"),
        amount_after=re.compile(rf"{_amount(lists)}\s+$"),
        deadline=re.compile(
            rf"(?<![\w-])(?:{_alt(_words(lists, 'date-deadline-prepositions'))})\s+$"
        ),
        number_range=re.compile(rf"{DASH}(?!{YEAR}(?!\d))\d"),
        not_after_the=re.compile(r"(?<![\w-])(?:the|The|THE)\s+$"),
        following=re.compile(
            rf"\s*(?:$|[^\w\s]|(?:{_alt(_words(lists, 'date-following-words'))})\b)"
        ),
        ignore=re.compile(
            rf"(?<![\w-])(?:{_alt(_words(lists, 'date-ignore-before'))})\b[^.\d]{{0,20}}$"
        ),
        markers=markers,
        marker_starts=frozenset(m.split()[0] for m in markers),
        marker_words=max((len(m.split()) for m in markers), default=1),
        boundary=re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])"),
        abbreviations=frozenset(abbreviations),
        **_positions(lists),
    )


def patterns(knowledge: Knowledge) -> Patterns:
    """The compiled patterns for ``knowledge``'s lexicon."""
    return _build(tuple((name, knowledge.words(name)) for name in LISTS))


# ------------------------------------------------------------------ sentences


def sentence_bounds(text: str, pats: Patterns) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a period after a known abbreviation ends none."""
    bounds, start = [], 0
    for gap in pats.boundary.finditer(text):
        word = re.search(r"(\w+)\W*$", text[max(start, gap.start() - 12) : gap.start() + 1])
        if word and (len(word.group(1)) == 1 or word.group(1).lower() in pats.abbreviations):
            continue
        bounds.append((start, gap.start() + 1))
        start = gap.end()
    bounds.append((start, len(text)))
    return bounds


def _marker_at(words: list[tuple[int, int, str]], i: int, pats: Patterns) -> int:
    """How many words the tense marker starting at word ``i`` has (0: none)."""
    if words[i][2] not in pats.marker_starts:
        return 0
    for n in range(min(pats.marker_words, len(words) - i), 0, -1):
        if " ".join(w[2] for w in words[i : i + n]) in pats.markers:
            return n
    return 0


def tense_markers(text: str, pats: Patterns) -> list[tuple[int, int, str]]:
    """(start, end, tense) of every tense marker in ``text``."""
    words = [(m.start(), m.end(), m.group().lower()) for m in WORD_RE.finditer(text)]
    found, after = [], 0  # after: the first word past the last marker
    for i, word in enumerate(words):
        if i < after or word[2] not in pats.marker_starts:
            continue
        n = _marker_at(words, i, pats)
        if n:
            phrase = " ".join(w[2] for w in words[i : i + n])
            found.append((word[0], words[i + n - 1][1], pats.markers[phrase]))
            after = i + n
    return found


def tense_at(markers: list[tuple[int, int, str]], start: int, end: int) -> str:
    """``"future"``/``"past"`` from the marker nearest to the span ``start``–``end``."""
    best, distance = "", None
    for first, last, tense in markers:
        gap = start - last if last <= start else first - end
        if gap >= 0 and (distance is None or gap < distance):
            best, distance = tense, gap
    return best


# ------------------------------------------------------------------ mentions


def _int(match: re.Match, group: str) -> int | None:
    value = match.groupdict().get(group)
    return int(value) if value else None


def _slashed_fields(match: re.Match) -> dict | None:
    """Day and month of "25/03/2024" or "3/25/2024" when one number is above 12
    (or both are equal); else the two numbers, in ``numbers``, for the text's
    other evidence to order (:mod:`.order`)."""
    first, second = int(match["n1"]), int(match["n2"])
    if not (1 <= first <= 31 and 1 <= second <= 31) or min(first, second) > 12:
        return None
    fields = {"kind": "date", "year": int(match["year"])}
    if first == second:
        return fields | {"month": first, "day": first}
    if first > 12:
        return fields | {"month": second, "day": first, "order": "day-first"}
    if second > 12:
        return fields | {"month": first, "day": second, "order": "month-first"}
    return fields | {"numbers": (first, second)}


def _date_fields(match: re.Match, pats: Patterns) -> dict | None:
    if match.groupdict().get("n1"):
        return _slashed_fields(match)
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
        return {
            "kind": "relative-month",
            "month": pats.months[match["mon"].lower()],
            "shift": shift,
        }
    return {"kind": "weekday", "day": pats.weekdays[match["wd"].lower()], "shift": shift}


def parse_amount(text: str, pats: Patterns) -> tuple[tuple[str, int], ...]:
    """``"3 years and 7 months"`` → (("year", 3), ("month", 7))."""
    out = []
    for number, unit in pats.amount.findall(text):
        count = int(number) if number.isdigit() else pats.numbers.get(number.lower())
        if count is not None and unit.lower() in pats.units:
            out.append((pats.units[unit.lower()], count))
    return tuple(out)


def _ago_fields(lead: re.Match, pats: Patterns) -> dict | None:
    amount = parse_amount(lead["amount"], pats)
    if len(amount) != 1:
        return None
    return {"kind": "ago", "unit": amount[0][0], "shift": -amount[0][1]}


def _fields(kind: str, match: re.Match, lead: re.Match | None, pats: Patterns) -> dict | None:
    if kind == "relative":
        return _relative_fields(match, pats)
    if kind == "weekday":
        return {"kind": "weekday", "day": pats.weekdays[match["wd"].lower()]}
    if kind == "relative-day":
        return {
            "kind": "relative-day",
            "shift": pats.relative_days[" ".join(match[0].lower().split())],
        }
    if kind == "ago":
        return _ago_fields(lead, pats)
    fields = _date_fields(match, pats)
    if fields and kind == "day":
        fields["kind"] = "day"
    return fields


def _glued(text: str, start: int) -> bool:
    """True when the match continues a word or number ("x2024", "1.2024", "Re-May")."""
    if start == 0:
        return False
    before = text[start - 1]
    return before.isalnum() or before in ("-_/.," if text[start].isdigit() else "-_")


def _plausible(kind: str, text: str, match: re.Match, start: int, pats: Patterns) -> bool:
    """Reject numbers that are not dates: "from 2000 troops", fiscal years, quarters."""
    if kind in ("year", "day") and not pats.following.match(text, match.end()):
        return False
    if kind == "year" and pats.number_range.match(text, match.end()):
        return False
    if kind == "relative" and pats.not_after_the.search(text, max(0, start - 8), start):
        return False
    has_year = bool(match.groupdict().get("year"))
    return not (has_year and pats.ignore.search(text, max(0, start - 40), start))


def _start(finder: Finder, text: str, match: re.Match, pats: Patterns) -> tuple:
    """Where the expression starts (or None when it is no date), and the lead match."""
    start = match.start()
    if _glued(text, start):
        return None, None
    if finder.before is None:
        if finder.kind in ("month-first", "day-first", "slashed"):
            lead = pats.weekday_before.search(text, max(0, start - 12), start)
            start = lead.start() if lead else start
        return start, None
    lead = finder.before.search(text, max(0, start - 60), start)
    if lead is None:
        return None, None
    at = "at" if "at" in lead.re.groupindex else "amount" if "amount" in lead.re.groupindex else 0
    return (lead.start(at) if at else start), lead


def _end(match: re.Match, pats: Patterns) -> int:
    """The match's end, less a sentence's full stop after a month's full name."""
    mon = match.groupdict().get("mon")
    if match[0].endswith(".") and mon and mon.lower() not in pats.abbreviations:
        return match.end() - 1
    return match.end()


def _raw(text: str, block: int, pats: Patterns) -> Iterator[Mention]:
    digits = DIGIT_RE.search(text) is not None
    for finder in pats.finders:
        if finder.digits and not digits:
            continue
        for match in finder.regex.finditer(text):
            start, lead = _start(finder, text, match, pats)
            if start is None:
                continue
            fields = _fields(finder.kind, match, lead, pats)
            if fields and _plausible(finder.kind, text, match, start, pats):
                weekday = _weekday_before(text, start, match.start(), pats)
                yield Mention(block, start, _end(match, pats), weekday=weekday, **fields)


def _weekday_before(text: str, start: int, date_start: int, pats: Patterns) -> int | None:
    """The weekday written just before a date ("Monday 2 June"), Monday = 0."""
    if start == date_start:
        return None
    word = WORD_RE.match(text, start)
    return pats.weekdays.get(word.group().lower()) if word else None


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if all(m.end <= k.start or k.end <= m.start for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def _role(text: str, m: Mention, pats: Patterns, top: bool, bottom: bool) -> str:
    """How a date is placed: a dateline, a publication line or a date alone at
    the top; a closing line ("Vientiane, 9 October 2024") at the bottom."""
    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end)
    before = text[line_start : m.start]
    after = text[m.end : line_end if line_end >= 0 else len(text)]
    alone = pats.alone.match(before) and pats.line_end.match(after)
    if top and pats.publication.match(before):
        return "publication-line"
    if top and alone:
        return "date-at-top"
    if top and pats.dateline.match(before) and pats.trailer.match(after):
        return "dateline"
    closing = alone or (pats.closing.match(before) and pats.line_end.match(after))
    return "sign-off" if bottom and line_end < 0 and closing else ""


def find_mentions(
    text: str, block: int, pats: Patterns, top: bool = False, bottom: bool = False
) -> list[Mention]:
    """Every date expression in ``text`` (block ``block``), left to right.

    ``top`` marks a block at the top of the document, where a date may be the
    dateline or publication line rather than a happening; ``bottom`` a block
    at its end, where a date alone on the last line, or after a place, is the
    statement's closing line.
    """
    found = list(_raw(text, block, pats))
    if not found:
        return []
    bounds = sentence_bounds(text, pats)
    starts = [s for s, _ in bounds]
    out, markers = [], {}
    for m in _without_overlaps(found):
        s, e = bounds[bisect.bisect_right(starts, m.start) - 1]
        if (s, e) not in markers:
            markers[s, e] = tense_markers(text[s:e], pats)
        tense = tense_at(markers[s, e], m.start - s, m.end - s)
        if tense != "past" and m.year and pats.deadline.search(text, max(0, m.start - 20), m.start):
            tense = "future"  # "by 2027" with no past tense around: a deadline ahead
        placed = (top or bottom) and m.kind == "date" and (m.month or m.numbers)
        role = _role(text, m, pats, top, bottom) if placed else ""
        out.append(replace(m, tense=tense, sentence=(s, e), role=role))
    return out


def find_elapsed(text: str, pats: Patterns, after: bool = False) -> list[Elapsed]:
    """Elapsed-time phrases ending in "since" ("3 years and 7 months since"), or
    with ``after`` in "after" ("exactly one year after")."""
    word_re, lead_re = (pats.after, pats.amount_after) if after else (pats.since, pats.amount_since)
    found = []
    for word in word_re.finditer(text):
        if _glued(text, word.start()):
            continue
        lead = lead_re.search(text, max(0, word.start() - 80), word.start())
        amount = parse_amount(lead["amount"], pats) if lead else ()
        if amount:
            found.append(Elapsed(lead.start(), word.end(), amount))
    return found
