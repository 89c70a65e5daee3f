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
      (``date-at-top``);
   b. elapsed time: "it has been 3 years and 7 months since … in March 2021"
      puts the present in October 2024 (``elapsed-time``);
   c. only when (a) and (b) give nothing: a full date in the title, sub-title
      or first paragraph that the text does not put in the future
      (``lede-date``), cut back to what it shares with any later past date;
   d. when the present is known to the month, the day comes from the
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

from ..model import Document, Event, Evidence, Knowledge, Note, Seed, Span, precision_of
from .datecalc import Parts, add_amount, common, iso, parse_iso, resolve, truncate
from .datetext import Mention, Patterns, find_elapsed, find_mentions, patterns

__all__ = ["annotate"]

TOP_BLOCKS = 4  # title, sub-title and the first paragraphs may hold a dateline
FILENAME_RE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?(?=$|[-_. ])")


@dataclass(frozen=True)
class Finding:
    """A (partial) date with the evidence for it and the reasoning in words."""

    parts: Parts = (None, None, None)
    evidence: tuple[Evidence, ...] = ()
    reasons: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()


def annotate(doc: Document, knowledge: Knowledge) -> Document:
    pats = patterns(knowledge)
    mentions = _mentions(doc.seed, pats)
    date, evidence, notes = _decide(doc.seed, mentions, pats)
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


def _mentions(seed: Seed, pats: Patterns) -> list[Mention]:
    return [
        m
        for i, block in enumerate(seed.blocks)
        for m in find_mentions(block.text, i, pats, top=i < TOP_BLOCKS)
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
        return _lede(seed, mentions)
    parts, conflict = common([f.parts for f in strong])
    problems: tuple[str, ...] = ()
    if parts[0] is None:
        problems = ("the text gives the month and day but no year",)
    if conflict:
        said = "; ".join(f"{f.reasons[0]} gives {iso(truncate(f.parts)) or '?'}" for f in strong)
        problems = (f"the text's dates disagree ({said}); only what they share is used",)
    return Finding(
        parts,
        tuple(e for f in strong for e in f.evidence),
        tuple(r for f in strong for r in f.reasons),
        problems,
    )


ROLE_WORDS = {
    "dateline": "the dateline",
    "publication-line": "the publication line",
    "date-at-top": "the date at the top",
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


def _anchor_after(mentions: list[Mention], block: int, offset: int) -> Mention | None:
    """The first dated mention with a year after ``offset``, in the same sentence."""
    for m in mentions:
        same = m.block == block and m.sentence[0] <= offset <= m.sentence[1]
        if same and m.start >= offset and m.kind == "date" and m.year is not None:
            return m
    return None


def _dated(m: Mention) -> bool:
    return m.kind == "date" and not m.role and m.year is not None and m.month is not None


def _lede(seed: Seed, mentions: list[Mention]) -> Finding:
    """A full date in the opening, cut back to what it shares with later past dates."""
    paragraphs = seed.paragraph_indexes()
    last = paragraphs[0] if paragraphs else len(seed.blocks) - 1
    past = [m for m in mentions if _dated(m) and m.tense != "future"]
    lede = next((m for m in past if m.block <= last and m.day is not None), None)
    if lede is None:
        return Finding()
    parts = (lede.year, lede.month, lede.day)
    latest = max(past, key=lambda m: (m.year, m.month, m.day or 0))
    reasons = (f"the date “{_surface(seed, lede)}” in the opening",)
    if (latest.year, latest.month, latest.day or 0) > parts:
        parts = common([parts, (latest.year, latest.month, latest.day)])[0]
        reasons += (f"a later past date “{_surface(seed, latest)}” leaves only {iso(parts)}",)
    return Finding(truncate(parts), (Evidence(_surface(seed, lede), "lede-date"),), reasons)


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


HOW_TO_SET = "front-matter `date: YYYY-MM-DD` or a `YYYY-MM-DD-` file-name prefix"


def _notes(found: Finding, date: str | None) -> tuple[Note, ...]:
    if date is None:
        why = "; ".join(found.problems) or "the text names no date of its own"
        seen = f" (seen: {'; '.join(found.reasons)})" if found.reasons else ""
        return (Note("date", f"No date could be fixed: {why}{seen}. Set it with {HOW_TO_SET}."),)
    notes = tuple(Note("date", f"Note on the date: {p}.") for p in found.problems)
    if found.reasons:
        because = "; ".join(found.reasons)
        text = f"Date {date} inferred from the text: {because}."
        notes = (Note("date", text),) + notes
    return notes
