"""Annotator component: dates — the document's own date and the dated happenings it mentions.

The document date is the *present* of the text: when it was written or
published, not simply the latest or earliest date it mentions.  Sources, in
order of authority:

1. the seed header's ``date`` (rule ``header``) — final;
2. a ``YYYY-MM-DD`` or ``YYYY-MM`` prefix of the file name (rule ``filename``);
   the text may add precision that agrees with it, never overrule it;
3. the text:

   a. publication evidence in the top blocks — a dateline ("SEOUL, Oct. 30
      (Yonhap) --", rule ``dateline``), a publication line ("Published: 11
      July 2024", ``publication-line``) or a date alone on its line
      (``date-at-top``) — and a closing line in the last blocks ("New Delhi"
      then "April 23, 2025", "Done at Vientiane, 9 October 2024",
      ``sign-off``);
   b. elapsed time: "it has been 3 years and 7 months since … in March 2021"
      puts the present in October 2024 (``elapsed-time``);
   c. only when (a) and (b) give nothing: a full date in the title, sub-title
      or first paragraph that the text does not put in the future
      (``lede-date``), cut back to what it shares with any later past date;
      else such a date without its year; else "… on the 29th, one year after
      … in January 2024" in the opening (``elapsed-time``);
   d. a month and day without a year (from (a) or (c)) take the one year
      that the text's other dates leave (``year-from-text``): no earlier than
      what it puts in the past, no later than what it puts ahead, and, when a
      weekday is written with the date, a few years before a year ahead
      ("published on Monday 2 June" with "by 2027" is 2025);
   e. when the present is known to the month (or to the year, with a fitting
      weekday), a date of it in the opening that no later past date overtakes
      gives the day (``lede-date``): "announced on Wednesday, 15 January that
      the truce takes effect on Sunday, 19 January" was written on the 15th;
   f. otherwise, when the present is known to the month, the day comes from the
      earliest event of that month which the text puts in the future and
      which is no earlier than every past event of the month
      (``upcoming-event``): a news text announcing what will happen "on the
      30th" was written on, or just before, the 30th.  Past events, and
      events whose tense the words do not show, never fix the day: a text
      reporting what happened on the 16th may have been written on any
      later day.

Strong candidates are merged field by field; where they disagree only the
part they share is kept (2024-10-30 and 2024-11 give 2024) and a note says so.
Without a year the date is ``None`` and a note tells the curator how to set it.

Every resolvable date expression becomes a ``"date"`` span; every one that
is not a dateline or publication line becomes an :class:`~build_tools.model.Event`,
resolved against the document date by the conventions of :mod:`.datecalc`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from ...model import Document, Event, Evidence, Knowledge, Note, Seed, Span, precision_of
from ..rulestore import compiled
from .calc import Parts, add_amount, common, iso, parse_iso, resolve, truncate, years_fitting
from .roles import held_roles, years_held
from . import order, roles
from .text import LISTS as TEXT_LISTS
from .text import Mention, Patterns, find_elapsed, find_mentions, patterns, tense_markers

__all__ = ["LISTS", "DateRules", "annotate", "prepare", "year_from_roles"]

LISTS = TEXT_LISTS + order.LISTS + roles.LISTS  # the lexicon lists this component reads

TOP_BLOCKS = 4  # title, sub-title and the first paragraphs may hold a dateline
BOTTOM_BLOCKS = 3  # the last blocks may hold a closing place-and-date line
NEAR_YEARS = 3  # a weekday-pinned year lies at most this many years before a year ahead
FILENAME_RE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?(?=$|[-_. ])")


@dataclass(frozen=True)
class Finding:
    """A (partial) date with the evidence for it and the reasoning in words."""

    parts: Parts = (None, None, None)
    evidence: tuple[Evidence, ...] = ()
    reasons: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class DateRules:
    """The dates component's rules, compiled from one knowledge's lexicon."""

    patterns: Patterns  # the date expressions and their words
    origins: order.Origins  # where day/month order conventions come from
    past: re.Pattern  # words that put a title in the past ("former")


def prepare(knowledge: Knowledge) -> DateRules:
    """Compile ``knowledge``'s ``date-*`` lists into the dates component's rules."""
    return DateRules(patterns(knowledge), order.origins(knowledge), roles.past_pattern(knowledge))


def annotate(doc: Document, knowledge: Knowledge, rules: DateRules | None = None) -> Document:
    rules = rules if rules is not None else compiled(prepare, knowledge)
    pats = rules.patterns
    mentions, read = order.settle(doc.seed, _mentions(doc.seed, pats), rules.origins)
    date, evidence, notes = _decide(doc.seed, mentions, pats)
    notes += tuple(Note("date", f"Note on the date: {reason}.") for reason in read)
    present = parse_iso(date) if date else None
    resolved = [(m, d) for m in mentions if (d := resolve(m, present))]
    spans = tuple(Span(m.block, m.start, m.end, "date", d) for m, d in resolved)
    return replace(
        doc,
        date=date,
        date_precision=precision_of(date) if date else None,
        date_evidence=evidence,
        events=_events(doc.seed, resolved),
        spans=doc.spans + spans,
        notes=doc.notes + notes,
    )


def year_from_roles(
    doc: Document, knowledge: Knowledge, rules: DateRules | None = None
) -> Document:
    """After the actors: the year of a present the text gives by month and day
    only, when it is the one year left by the text's other dates and by the
    dated registry roles of the people it names with their titles
    (:mod:`.roles`): "On July 8, Ms. KAMIKAWA Yoko, Minister for Foreign
    Affairs of Japan, signed …" is 2024, the only 8 July of her term."""
    if doc.date is not None or not any(NO_YEAR in n.text for n in doc.notes if n.kind == "date"):
        return doc
    rules = rules if rules is not None else compiled(prepare, knowledge)
    pats = rules.patterns
    mentions, _ = order.settle(doc.seed, _mentions(doc.seed, pats), rules.origins)
    found = _from_text(doc.seed, mentions, pats)
    year, month, day = found.parts
    if year is not None or month is None or day is None or set(found.problems) - {NO_YEAR}:
        return doc
    held = held_roles(doc, knowledge, rules.past)
    others = [m for m in mentions if m.kind == "date" and m.year and not m.role]
    past = [m for m in others if m.tense == "past"]
    ahead = [m for m in others if m.tense == "future"]
    years = set(years_fitting(month, day, None, _parts(past), _parts(ahead)))
    for h in held:
        years &= years_held(h, month, day)
    if not held or len(years) != 1:
        return doc
    parts = (years.pop(), month, day)
    said = ", ".join(f"{h.actor.name} as “{h.surface}”" for h in held)
    reason = f"{parts[0]} is the only year in which the registry's dated roles fit ({said})"
    found = Finding(
        parts,
        found.evidence + tuple(Evidence(h.surface, "year-from-roles") for h in held),
        found.reasons + (reason,),
    )
    date = iso(parts)
    resolved = [(m, d) for m in mentions if (d := resolve(m, parts))]
    spans = tuple(Span(m.block, m.start, m.end, "date", d) for m, d in resolved)
    return replace(
        doc,
        date=date,
        date_precision=precision_of(date),
        date_evidence=found.evidence,
        events=_events(doc.seed, resolved),
        spans=tuple(s for s in doc.spans if s.kind != "date") + spans,
        notes=_notes(found, date) + tuple(n for n in doc.notes if NO_DATE not in n.text),
    )


def _mentions(seed: Seed, pats: Patterns) -> list[Mention]:
    last = len(seed.blocks) - BOTTOM_BLOCKS
    return [
        m
        for i, block in enumerate(seed.blocks)
        for m in find_mentions(block.text, i, pats, top=i < TOP_BLOCKS, bottom=i >= last)
    ]


def _sentence(seed: Seed, m: Mention) -> str:
    start, end = m.sentence
    return seed.blocks[m.block].text[start:end].strip()


def _surface(seed: Seed, m: Mention) -> str:
    return seed.blocks[m.block].text[m.start : m.end]


def _events(seed: Seed, resolved: list[tuple[Mention, str]]) -> tuple[Event, ...]:
    events = [
        Event(d, precision_of(d), _sentence(seed, m), m.block, m.start, m.end)
        for m, d in resolved
        if not m.role
    ]
    return tuple(sorted(events, key=lambda e: (e.date, e.block, e.start)))


# ------------------------------------------------------------------ deciding


def _decide(seed: Seed, mentions: list[Mention], pats: Patterns) -> tuple:
    header = _header(seed)
    if header is not None:
        return iso(header.parts), header.evidence, ()
    filename = _filename(seed)
    text = _from_text(seed, mentions, pats)
    found = text if filename is None else _under(filename, text)
    if found.parts[0] is not None and found.parts[2] is None:
        found = _opening_day(seed, mentions, found)
    if None not in found.parts[:2] and found.parts[2] is None:
        found = _upcoming(seed, mentions, found)
    date = iso(found.parts)
    return date, found.evidence if date else (), _notes(found, date)


def _header(seed: Seed) -> Finding | None:
    value = seed.header.get("date")
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return Finding(parse_iso(text), (Evidence(f"date: {text}", "header"),))


def _filename(seed: Seed) -> Finding | None:
    name = seed.relpath.replace("\\", "/").rsplit("/", 1)[-1]
    match = FILENAME_RE.match(name)
    if not match:
        return None
    parts = tuple(int(g) if g else None for g in match.groups())
    if iso(parts) is None:
        return None
    return Finding(parts, (Evidence(match.group(0), "filename"),))


def _agrees(coarse: Parts, fine: Parts) -> bool:
    return all(c is None or c == f for c, f in zip(coarse, fine))


def _under(filename: Finding, text: Finding) -> Finding:
    """The file name's date, with what the text adds to it when the two agree."""
    if not any(text.parts):
        return filename
    merged, conflict = common([filename.parts, text.parts])
    if conflict:
        problem = f"the text points to {iso(truncate(text.parts))}; the file name's date is kept"
        return replace(filename, problems=(problem,))
    merged = truncate(merged)
    if merged == filename.parts:
        return filename
    return Finding(merged, filename.evidence + text.evidence, text.reasons, text.problems)


def _from_text(seed: Seed, mentions: list[Mention], pats: Patterns) -> Finding:
    strong = _published(seed, mentions) + _elapsed(seed, mentions, pats)
    if not strong:
        found = _lede(seed, mentions)
        return found if found.parts[0] else _after_in_opening(seed, mentions, pats) or found
    found = _merged(strong)
    if found.parts[0] is None and found.parts[1] is not None and not found.problems:
        placed = [m for m in mentions if m.role and m.year is None]
        found = _with_year(seed, mentions, placed, found)
    return found


def _merged(strong: list[Finding]) -> Finding:
    parts, conflict = common([f.parts for f in strong])
    problems: tuple[str, ...] = ()
    if conflict:
        said = "; ".join(f"{f.reasons[0]} gives {iso(truncate(f.parts)) or '?'}" for f in strong)
        problems = (f"the text's dates disagree ({said}); only what they share is used",)
    return Finding(
        parts,
        tuple(e for f in strong for e in f.evidence),
        tuple(r for f in strong for r in f.reasons),
        problems,
    )


NO_YEAR = "the text gives the month and day but no year"


def _with_year(seed: Seed, mentions: list[Mention], own: list[Mention], found: Finding) -> Finding:
    """``found`` (a month and day) with the year the rest of the text pins, if only one fits.

    Hard evidence: the present is no earlier than the dated events the text
    puts in the past and no later than those it puts in the future; with both
    bounds, a single year left between them is the year.  With a bound
    missing, a weekday written with the date ("Monday 2 June") still pins the
    year when only one of its years lies up to ``NEAR_YEARS`` before a year
    the text puts ahead ("by 2027"): plans are announced a few years ahead.
    """
    month, day = found.parts[1], found.parts[2]
    named = next((m for m in own if m.weekday is not None), None)
    weekday = named.weekday if named else None
    others = [m for m in mentions if m.kind == "date" and m.year and not m.role and m not in own]
    after = [m for m in others if m.tense == "past"]
    before = [m for m in others if m.tense == "future"]
    years = years_fitting(month, day, weekday, _parts(after), _parts(before))
    if not (after and before):
        years = [y for y in years if any(0 <= m.year - y <= NEAR_YEARS for m in before)]
    if len(years) != 1 or not (after and before or named):
        return replace(found, problems=found.problems + (NO_YEAR,))
    used = [max(after, key=_key)] if after else []
    near = [m for m in before if m.year - years[0] <= NEAR_YEARS] or before
    used += [min(near, key=_key)]
    said = ", ".join(f"“{_surface(seed, m)}”" for m in used)
    reason = f"{years[0]} is the only year that fits the text's other dates ({said})"
    if named:
        reason += f" and the weekday of “{_surface(seed, named)}”"
    return Finding(
        (years[0], month, day),
        found.evidence + tuple(Evidence(_surface(seed, m), "year-from-text") for m in used),
        found.reasons + (reason,),
        found.problems,
    )


def _key(m: Mention) -> tuple[int, int, int]:
    return m.year, m.month or 0, m.day or 0


def _parts(mentions: list[Mention]) -> list[Parts]:
    return [(m.year, m.month, m.day) for m in mentions]


ROLE_WORDS = {
    "dateline": "the dateline",
    "publication-line": "the publication line",
    "date-at-top": "the date at the top",
    "sign-off": "the closing line",
}


def _published(seed: Seed, mentions: list[Mention]) -> list[Finding]:
    return [
        Finding(
            (m.year, m.month, m.day),
            (Evidence(_surface(seed, m), m.role),),
            (f"{ROLE_WORDS[m.role]} “{_surface(seed, m)}”",),
        )
        for m in mentions
        if m.role
    ]


def _elapsed(seed: Seed, mentions: list[Mention], pats: Patterns) -> list[Finding]:
    found = []
    for i, block in enumerate(seed.blocks):
        for phrase in find_elapsed(block.text, pats):
            anchor = _anchor_after(mentions, i, phrase.end)
            parts = anchor and add_amount((anchor.year, anchor.month, anchor.day), phrase.amount)
            if parts:
                text = block.text[phrase.start : anchor.end]
                reason = f"“{text}” puts the present in {iso(parts)}"
                found.append(Finding(parts, (Evidence(text, "elapsed-time"),), (reason,)))
    return found


def _after_in_opening(seed: Seed, mentions: list[Mention], pats: Patterns) -> Finding | None:
    """ "… on the 29th, one year after … in January 2024" in the opening: the
    opening's event, and so the present, is the amount after the anchor date."""
    last = min(seed.paragraph_indexes(), default=len(seed.blocks) - 1)
    for i, block in enumerate(seed.blocks[: last + 1]):
        for phrase in find_elapsed(block.text, pats, after=True):
            anchor = _anchor_after(mentions, i, phrase.end)
            start = (anchor.year, anchor.month, anchor.day) if anchor else None
            parts = start and add_amount(start, phrase.amount, keep=True)
            lead = block.text[anchor.sentence[0] : phrase.start] if anchor else ""
            if parts and all(t != "future" for *_, t in tense_markers(lead, pats)):
                text = block.text[phrase.start : anchor.end]
                reason = f"“{text}” in the opening puts its event in {iso(parts)}"
                return Finding(parts, (Evidence(text, "elapsed-time"),), (reason,))
    return None


def _anchor_after(mentions: list[Mention], block: int, offset: int) -> Mention | None:
    """The first dated mention with a year after ``offset``, in the same sentence."""
    for m in mentions:
        same = m.block == block and m.sentence[0] <= offset <= m.sentence[1]
        if same and m.start >= offset and m.kind == "date" and m.year is not None:
            return m
    return None


def _dated(m: Mention) -> bool:
    return m.kind == "date" and not m.role and m.year is not None and m.month is not None


def _opening(seed: Seed, mentions: list[Mention], kinds: tuple[str, ...] = ("date",)) -> list:
    """Dates of a day in the title, sub-title and first paragraph not put in the
    future: written dates, and with ``kinds`` ("day",) also days ("on the 29th")."""
    paragraphs = seed.paragraph_indexes()
    last = paragraphs[0] if paragraphs else len(seed.blocks) - 1
    return [
        m
        for m in mentions
        if m.block <= last and m.kind in kinds and not m.role and m.day
        if m.tense != "future" and (m.month or _in_lede_sentence(seed, m, last))
    ]


def _in_lede_sentence(seed: Seed, m: Mention, last: int) -> bool:
    """True when ``m`` is in the first sentence of the opening's last block."""
    return m.block == last and m.sentence[0] == 0


def _lede(seed: Seed, mentions: list[Mention]) -> Finding:
    """A full date in the opening, cut back to what it shares with later past dates;
    or a date without its year in the opening, with the year the text pins."""
    past = [m for m in mentions if _dated(m) and m.tense != "future"]
    opening = _opening(seed, mentions)
    lede = next((m for m in opening if m.year is not None), None)
    if lede is None:
        return _undated_lede(seed, mentions, opening)
    parts = (lede.year, lede.month, lede.day)
    latest = max(past, key=lambda m: (m.year, m.month, m.day or 0))
    reasons = (f"the date “{_surface(seed, lede)}” in the opening",)
    if (latest.year, latest.month, latest.day or 0) > parts:
        parts = common([parts, (latest.year, latest.month, latest.day)])[0]
        reasons += (f"a later past date “{_surface(seed, latest)}” leaves only {iso(parts)}",)
    return Finding(truncate(parts), (Evidence(_surface(seed, lede), "lede-date"),), reasons)


def _undated_lede(seed: Seed, mentions: list[Mention], opening: list[Mention]) -> Finding:
    if not opening:
        return Finding()
    lede = opening[0]
    found = Finding(
        (None, lede.month, lede.day),
        (Evidence(_surface(seed, lede), "lede-date"),),
        (f"the date “{_surface(seed, lede)}” in the opening",),
    )
    return _with_year(seed, mentions, [lede], found)


def _opening_day(seed: Seed, mentions: list[Mention], found: Finding) -> Finding:
    """Fix the day from a date in the opening ("announced on Wednesday, 15
    January") that lies in the present month, or in the present year when its
    weekday is written and fits; no later day may be put in the past."""
    if any(e.rule == "lede-date" for e in found.evidence):
        return found
    year, month = found.parts[0], found.parts[1]
    known = iso((year, month, None))
    past = [resolve(m, found.parts) for m in mentions if m.tense == "past" and not m.role]
    latest = max((d for d in past if d and len(d) == 10 and d.startswith(known)), default="")
    for m in _opening(seed, mentions, ("date", "day")):
        day = (year, month or m.month, m.day)
        fits = m.weekday is None or (iso(day) and dt.date(*day).weekday() == m.weekday)
        if month is None and (m.weekday is None or m.month is None):
            continue
        if m.month not in (None, day[1]) or m.year not in (None, year) or not fits:
            continue
        if iso(day) is None or iso(day) < latest:
            continue
        reason = f"the date “{_surface(seed, m)}” in the opening gives the day"
        return Finding(
            day,
            found.evidence + (Evidence(_surface(seed, m), "lede-date"),),
            found.reasons + (reason,),
            found.problems,
        )
    return found


def _upcoming(seed: Seed, mentions: list[Mention], found: Finding) -> Finding:
    """Fix the day from the earliest upcoming event of the present month."""
    month = iso(found.parts)
    days = []
    for m in mentions:
        date = None if m.role else resolve(m, found.parts)
        if date and len(date) == 10 and date.startswith(month):
            days.append((date, m))
    floor = max((d for d, m in days if m.tense == "past"), default="")
    ahead = sorted((d, m.block, m.start, m) for d, m in days if m.tense == "future" and d >= floor)
    if not ahead:
        return found
    date, *_, m = ahead[0]
    reason = (
        f"the earliest upcoming event of {month}, “{_sentence(seed, m)}”, "
        f"is on {date}; the text was written on or just before it"
    )
    return Finding(
        parse_iso(date),
        found.evidence + (Evidence(_sentence(seed, m), "upcoming-event"),),
        found.reasons + (reason,),
        found.problems,
    )


NO_DATE = "No date could be fixed"
HOW_TO_SET = "front-matter `date: YYYY-MM-DD` or a `YYYY-MM-DD-` file-name prefix"


def _notes(found: Finding, date: str | None) -> tuple[Note, ...]:
    if date is None:
        why = "; ".join(found.problems) or "the text names no date of its own"
        seen = f" (seen: {'; '.join(found.reasons)})" if found.reasons else ""
        return (Note("date", f"{NO_DATE}: {why}{seen}. Set it with {HOW_TO_SET}."),)
    notes = tuple(Note("date", f"Note on the date: {p}.") for p in found.problems)
    if found.reasons:
        because = "; ".join(found.reasons)
        text = f"Date {date} inferred from the text: {because}."
        notes = (Note("date", text),) + notes
    return notes
