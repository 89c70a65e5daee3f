"""Stage 2, annotate: Seed → Document.

Like a spaCy pipeline, a document passes through named components in order;
each is a pure function ``(Document, Knowledge) -> Document`` that adds
metadata and spans over the seed's block text and never edits the text.
Overlapping spans from different components are settled once, at the end, by
:func:`resolve_overlaps`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import replace

from ..model import Document, Event, Knowledge, Seed, Span
from . import abbreviations, actors, byline, dates, header, statements, topics

__all__ = [
    "COMPONENTS",
    "EVENT_TEXT_MAX",
    "LEXICON_LISTS",
    "annotate",
    "annotate_reporting",
    "quote",
    "resolve_overlaps",
]

Component = Callable[[Document, Knowledge], Document]

# Order matters: actors resolve roles against the document date (and the
# people they find may give the year a date lacks), topics may use the actors
# found, and the header's explicit choices come last.
COMPONENTS: tuple[tuple[str, Component], ...] = (
    ("dates", dates.annotate),
    ("actors", actors.annotate),
    ("dates-from-roles", dates.year_from_roles),
    ("statements", statements.annotate),
    ("abbreviations", abbreviations.annotate),
    ("topics", topics.annotate),
    ("header", header.annotate),
    ("byline", byline.annotate),
)

# Every lexicon list the components read: loading the knowledge checks that
# lexicon.yaml has each of them (:func:`build_tools.knowledge.read_knowledge`).
LEXICON_LISTS = frozenset(
    dates.LISTS
    + actors.rules.LISTS
    + abbreviations.LISTS
    + statements.LISTS
    + topics.LISTS
    + byline.LISTS
)

# When spans overlap, the longer one wins; on equal length, this order decides.
KIND_PRIORITY = {"actor": 0, "abbreviation": 1, "date": 2}

# An event quotes its sentence; a longer sentence is cut around the date, so no
# seed can make the chronology and the timeline repeat whole paragraphs.
EVENT_TEXT_MAX = 300


def annotate(seed: Seed, knowledge: Knowledge, slug: str) -> Document:
    """Run every component over ``seed`` and return the finished document."""
    doc = Document(seed=seed, slug=slug)
    for _name, component in COMPONENTS:
        doc = component(doc, knowledge)
    return resolve_overlaps(_bounded_events(doc))


def annotate_reporting(
    seed: Seed, knowledge: Knowledge, slug: str
) -> tuple[Document, tuple[str, ...]]:
    """Like :func:`annotate`, but a component that fails is skipped and reported.

    Returns the document without what the failed components would have added,
    and one message per failure, so one seed that trips an annotator cannot
    stop the archive from building.
    """
    doc, failures = Document(seed=seed, slug=slug), []
    for name, component in COMPONENTS:
        try:
            doc = component(doc, knowledge)
        except Exception as exc:  # any bug in any annotator: report it, keep building
            message = str(exc)
            message = message if len(message) <= 200 else message[:200] + "…"
            failures.append(f"the {name} annotator failed ({type(exc).__name__}: {message})")
    return resolve_overlaps(_bounded_events(doc)), tuple(failures)


def quote(text: str, start: int, end: int, limit: int = EVENT_TEXT_MAX) -> str:
    """``text`` cut to about ``limit`` characters around ``text[start:end]``, at spaces."""
    if len(text) <= limit:
        return text
    room = max(0, limit - (end - start)) // 2
    lo, hi = max(0, start - room), min(len(text), end + room)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    return ("… " if lo > 0 else "") + text[lo:hi].strip() + (" …" if hi < len(text) else "")


def _bounded_event(event: Event, doc: Document) -> Event:
    if len(event.text) <= EVENT_TEXT_MAX:
        return event
    offset = -1  # where the quoted sentence starts in its block
    if 0 <= event.block < len(doc.seed.blocks) and event.start >= 0:
        block = doc.seed.blocks[event.block].text
        low = max(0, event.end - len(event.text))
        offset = block.rfind(event.text, low, event.start + len(event.text))
    if offset < 0:
        return replace(event, text=quote(event.text, 0, 0))
    return replace(event, text=quote(event.text, event.start - offset, event.end - offset))


def _bounded_events(doc: Document) -> Document:
    events = tuple(_bounded_event(e, doc) for e in doc.events)
    return doc if events == doc.events else replace(doc, events=events)


def resolve_overlaps(doc: Document) -> Document:
    """Keep a set of non-overlapping spans: longest first, then by kind priority."""
    ranked = sorted(
        set(doc.spans),
        key=lambda s: (
            -(s.end - s.start),
            KIND_PRIORITY.get(s.kind, 9),
            s.block,
            s.start,
            s.target,
        ),
    )
    kept: list[Span] = []
    # Per block, the starts and ends of the spans kept, in order: they never
    # overlap, so both lists are sorted and only one neighbour can clash.
    taken: dict[int, tuple[list[int], list[int]]] = {}
    for span in ranked:
        if span.end <= span.start:
            continue
        starts, ends = taken.setdefault(span.block, ([], []))
        i = bisect_left(starts, span.end)  # the kept spans starting before this one ends
        if i and ends[i - 1] > span.start:
            continue
        starts.insert(i, span.start)
        ends.insert(i, span.end)
        kept.append(span)
    kept.sort(key=lambda s: (s.block, s.start))
    return replace(doc, spans=tuple(kept))
