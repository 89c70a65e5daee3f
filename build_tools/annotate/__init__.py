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

from ..model import Document, Knowledge, Seed, Span
from . import abbreviations, actors, byline, dates, header, statements, topics

__all__ = ["COMPONENTS", "LEXICON_LISTS", "annotate", "resolve_overlaps"]

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


def annotate(seed: Seed, knowledge: Knowledge, slug: str) -> Document:
    """Run every component over ``seed`` and return the finished document."""
    doc = Document(seed=seed, slug=slug)
    for _name, component in COMPONENTS:
        doc = component(doc, knowledge)
    return resolve_overlaps(doc)


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
