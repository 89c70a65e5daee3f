"""The order of day and month in a slashed date whose numbers leave it open.

"21/03/2018" can only be the 21st of March and "3/25/2024" only the 25th of
March, but "04/05/2012" is the 4th of May or the 5th of April.  Such a date is
read (:func:`settle`) only on evidence, strongest first:

1. a weekday written with it ("Friday, 04/05/2012") that only one reading fits
   (a reading the weekday does not fit is never taken);
2. a slashed date elsewhere in the same text whose numbers fix the order
   ("… and on 21/03/2012"), when all such dates agree;
3. the convention of the text's origin, from its own signals — the header's
   ``publisher`` and the host of its ``source_url``, and the place of its
   dateline: a U.S. government origin writes the month first, a British,
   European, Indian or Australian one the day first.  The origins are the
   lexicon lists ``date-month-first-origins`` and ``date-day-first-origins``:
   a web domain ("state.gov", "gov.uk"; any host under it) or a phrase
   matched as whole words ("The White House", "Brussels").  An origin that
   matches both lists decides nothing.

Without evidence the date keeps only its year: never a confidently wrong day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from ...model import Knowledge, Seed
from .text import Mention

__all__ = ["LISTS", "Origins", "origins", "settle"]

MONTH_FIRST, DAY_FIRST = "month-first", "day-first"
LISTS = ("date-month-first-origins", "date-day-first-origins")
HEADER_FIELDS = ("publisher",)
OPEN = "nothing in the text settles which, so only its year is used"


@dataclass(frozen=True)
class Origins:
    """The origins of each convention: web domains, and phrases as one pattern."""

    domains: dict[str, tuple[str, ...]]
    phrases: dict[str, re.Pattern | None]


def _is_domain(entry: str) -> bool:
    return "." in entry and " " not in entry and not entry[-1] == "."


def _phrases(entries: list[str]) -> re.Pattern | None:
    words = sorted({e for e in entries if not _is_domain(e)}, key=lambda e: (-len(e), e))
    if not words:
        return None
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)


def _build(month_first: tuple[str, ...], day_first: tuple[str, ...]) -> Origins:
    lists = {MONTH_FIRST: list(month_first), DAY_FIRST: list(day_first)}
    return Origins(
        domains={
            order: tuple(e.strip(".").lower() for e in entries if _is_domain(e))
            for order, entries in lists.items()
        },
        phrases={order: _phrases(entries) for order, entries in lists.items()},
    )


def origins(knowledge: Knowledge) -> Origins:
    """The origins of the two conventions in ``knowledge``'s lexicon."""
    return _build(*(tuple(knowledge.words(name)) for name in LISTS))


# ------------------------------------------------------------------ evidence


def _readings(m: Mention) -> dict[str, tuple[int, int, int]]:
    """The valid dates ``m`` may stand for, by order."""
    first, second = m.numbers
    found = {}
    for order, (month, day) in ((MONTH_FIRST, (first, second)), (DAY_FIRST, (second, first))):
        try:
            dt.date(m.year, month, day)
        except ValueError:
            continue
        found[order] = (m.year, month, day)
    return found


def _fitting(m: Mention) -> dict[str, tuple[int, int, int]]:
    """The readings of ``m`` that fall on the weekday written with it (all without one)."""
    readings = _readings(m)
    if m.weekday is None:
        return readings
    return {o: parts for o, parts in readings.items() if dt.date(*parts).weekday() == m.weekday}


def _by_other_dates(mentions: list[Mention], surface) -> tuple[str, str]:
    """The order every slashed date of certain order in the text shares, and why."""
    certain = [m for m in mentions if m.order]
    orders = {m.order for m in certain}
    if len(orders) != 1:
        return "", ""
    order = orders.pop()
    return order, f"“{surface(certain[0])}” in the same text writes the {_words(order)}"


def _signals(seed: Seed, mentions: list[Mention]) -> tuple[list[str], list[str]]:
    """The text's own signals of its origin: web hosts, and phrases (the header's
    publisher, the dateline's place)."""
    url = seed.header.get("source_url")
    hosts = [urlsplit(url).hostname or ""] if isinstance(url, str) else []
    phrases = [str(seed.header[k]) for k in HEADER_FIELDS if seed.header.get(k)]
    for m in mentions:
        if m.role == "dateline":
            line = seed.blocks[m.block].text
            start = line.rfind("\n", 0, m.start) + 1
            phrases.append(line[start : m.start])
    return [h.lower() for h in hosts if h], phrases


def _by_origin(seed: Seed, mentions: list[Mention], found: Origins) -> tuple[str, str]:
    """The convention of the text's origin, when its signals point to one only."""
    hosts, phrases = _signals(seed, mentions)
    matched: dict[str, str] = {}
    for order in (MONTH_FIRST, DAY_FIRST):
        for host in hosts:
            domain = next((d for d in found.domains[order] if _under(host, d)), None)
            if domain:
                matched.setdefault(order, f"its source {host}")
        pattern = found.phrases[order]
        for phrase in phrases:
            hit = pattern.search(phrase) if pattern else None
            if hit:
                matched.setdefault(order, f"its origin “{hit.group()}”")
    if len(matched) != 1:
        return "", ""
    order, what = matched.popitem()
    return order, f"{what} writes the {_words(order)}"


def _under(host: str, domain: str) -> bool:
    return host == domain or host.endswith("." + domain)


def _words(order: str) -> str:
    return "month first" if order == MONTH_FIRST else "day first"


# ------------------------------------------------------------------ settling


def settle(
    seed: Seed, mentions: list[Mention], found: Origins
) -> tuple[list[Mention], tuple[str, ...]]:
    """``mentions`` with the open slashed dates read where evidence allows, and
    the reasons, one per date read."""
    if not any(m.numbers for m in mentions):
        return mentions, ()

    def surface(m: Mention) -> str:
        return seed.blocks[m.block].text[m.start : m.end]

    order, why = _by_other_dates(mentions, surface)
    if not order:
        order, why = _by_origin(seed, mentions, found)
    out, reasons = [], []
    for m in mentions:
        if m.numbers:
            fitting = _fitting(m)
            chosen, because = order, why
            if len(fitting) == 1 and m.weekday is not None:
                chosen, because = next(iter(fitting)), "its weekday fits only that reading"
            parts = fitting.get(chosen) if chosen else None
            if parts:
                m = replace(m, month=parts[1], day=parts[2], numbers=None)
                reasons.append(f"“{surface(m)}” is read {_words(chosen)}: {because}")
            else:
                reasons.append(f"“{surface(m)}” may be read day or month first: {OPEN}")
        out.append(m)
    return out, tuple(reasons)
