"""Stage 2, annotate: Seed → Document.

Like a spaCy pipeline, a document passes through named components in order;
each is a pure function ``(Document, Knowledge, rules) -> Document`` that adds
metadata and spans over the seed's block text and never edits the text.  A
component's ``rules`` are what its ``prepare(knowledge)`` compiles from the
curated knowledge (patterns, tables); a :class:`Pipeline` holds them for one
knowledge, so they are compiled once and not per document.  Overlapping spans
from different components are settled once, at the end, by
:func:`resolve_overlaps`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from ..model import Document, Event, Knowledge, Seed, Span
from . import abbreviations, actors, byline, dates, header, statements, topics
from .rulestore import compiled

__all__ = [
    "COMPONENTS",
    "EVENT_TEXT_MAX",
    "LEXICON_LISTS",
    "Component",
    "Pipeline",
    "annotate",
    "annotate_reporting",
    "quote",
    "resolve_overlaps",
]


@dataclass(frozen=True)
class Component:
    """One named step of the pipeline: ``apply(doc, knowledge, rules)``, where
    ``rules`` is ``prepare(knowledge)`` (None for a component without any)."""

    name: str
    apply: Callable[..., Document]
    prepare: Callable[[Knowledge], Any] | None = None


# Order matters: actors resolve roles against the document date (and the
# people they find may give the year a date lacks), topics may use the actors
# found, and the header's explicit choices come last.
COMPONENTS: tuple[Component, ...] = (
    Component("dates", dates.annotate, dates.prepare),
    Component("actors", actors.annotate, actors.prepare),
    Component("dates-from-roles", dates.year_from_roles, dates.prepare),
    Component("statements", statements.annotate, statements.prepare),
    Component("abbreviations", abbreviations.annotate, abbreviations.prepare),
    Component("topics", topics.annotate, topics.prepare),
    Component("header", header.annotate),
    Component("byline", byline.annotate),
)


class Pipeline:
    """The components with their rules compiled for one knowledge.

    ``Pipeline(knowledge)(seed, slug)`` annotates a seed.  Building one compiles
    every component's rules (or finds them in :mod:`.rulestore`'s store); a
    build makes one and uses it for every seed.
    """

    def __init__(self, knowledge: Knowledge, components: tuple[Component, ...] | None = None):
        self.knowledge = knowledge
        self.steps: tuple[tuple[str, Callable[..., Document], Any], ...] = tuple(
            (c.name, c.apply, compiled(c.prepare, knowledge) if c.prepare else None)
            for c in (COMPONENTS if components is None else components)
        )

    def __call__(self, seed: Seed, slug: str) -> Document:
        """Run every component over ``seed`` and return the finished document."""
        doc = Document(seed=seed, slug=slug)
        for _name, apply, rules in self.steps:
            doc = self._run(apply, doc, rules)
        return resolve_overlaps(_bounded_events(doc))

    def reporting(self, seed: Seed, slug: str) -> tuple[Document, tuple[str, ...]]:
        """Like calling the pipeline, but a component that fails is skipped and reported.

        Returns the document without what the failed components would have
        added, and one message per failure, so one seed that trips an annotator
        cannot stop the archive from building.
        """
        doc, failures = Document(seed=seed, slug=slug), []
        for name, apply, rules in self.steps:
            try:
                doc = self._run(apply, doc, rules)
            except Exception as exc:  # any bug in any annotator: report it, keep building
                message = str(exc)
                message = message if len(message) <= 200 else message[:200] + "…"
                failures.append(f"the {name} annotator failed ({type(exc).__name__}: {message})")
        return resolve_overlaps(_bounded_events(doc)), tuple(failures)

    def _run(self, apply: Callable[..., Document], doc: Document, rules: Any) -> Document:
        if rules is None:
            return apply(doc, self.knowledge)
        return apply(doc, self.knowledge, rules)


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
    return Pipeline(knowledge)(seed, slug)


def annotate_reporting(
    seed: Seed, knowledge: Knowledge, slug: str
) -> tuple[Document, tuple[str, ...]]:
    """:meth:`Pipeline.reporting` for one seed."""
    return Pipeline(knowledge).reporting(seed, slug)


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
