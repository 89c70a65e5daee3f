"""Each document's context: previous and next in time, and related documents."""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Sequence

from ..model import Document
from ..render import (
    PageContext,
)
from .lists import COMMON_FEATURE, RELATED, RELATED_MIN_SHARED, Site, newest_first

# ----------------------------------------------------------------- contexts


def _features(doc: Document) -> set[str]:
    return {f"a:{a.id}" for a in doc.actors} | {f"t:{t.id}" for t in doc.topics}


def _related(docs: list[Document]) -> dict[str, tuple[Document, ...]]:
    """For each document, the few that share the rarest actors and topics, nearest in time.

    A document is related only when it shares at least RELATED_MIN_SHARED actors
    and topics: one country in common is no relation, and the list is never
    filled for its length.  Features shared by more than COMMON_FEATURE documents propose no candidates
    (so the work stays linear in the archive); scores are rounded so that the
    order never depends on the order floats were added in.
    """
    feats = {d.slug: sorted(_features(d)) for d in docs}
    postings: dict[str, list[str]] = defaultdict(list)
    for doc in docs:
        for f in feats[doc.slug]:
            postings[f].append(doc.slug)
    idf = {f: math.log(1 + len(docs) / len(slugs)) for f, slugs in postings.items()}
    by_slug = {d.slug: d for d in docs}
    held = {slug: set(fs) for slug, fs in feats.items()}
    years = {d.slug: int(d.date[:4]) if d.date else None for d in docs}
    result = {}
    for doc in docs:
        usable = [f for f in feats[doc.slug] if len(postings[f]) <= COMMON_FEATURE]
        shared: Counter[str] = Counter()
        for f in usable:
            shared.update(postings[f])
        shared.pop(doc.slug, None)
        weights = [(f, idf[f]) for f in usable]
        scores = []  # (minus the rounded score, slug, score): best first as they sort
        for slug, count in shared.items():
            if count >= RELATED_MIN_SHARED:
                other, score = held[slug], 0.0
                for f, weight in weights:  # added in the same order for every pair
                    if f in other:
                        score += weight
                scores.append((-round(score, 6), slug, score))
        # Nearness in time is a bonus of at most 0.5; rank only the best-sharing few by it.
        year = years[doc.slug]
        ranked = sorted(
            (-round(score + _nearness(year, years[s]), 6), s)
            for _, s, score in heapq.nsmallest(RELATED * 4, scores)
        )
        result[doc.slug] = tuple(by_slug[s] for _, s in ranked[:RELATED])
    return result


def _nearness(a: int | None, b: int | None) -> float:
    """A small bonus, up to 0.5, for documents close in time (given their years)."""
    if a is None or b is None:
        return 0.0
    return 0.5 / (1 + abs(a - b))


Neighbours = dict[str, tuple[str | None, str | None, tuple[str, ...]]]  # previous, next, related


def context_input(doc: Document) -> tuple:
    """Everything :func:`neighbours` reads of a document, as plain data."""
    return (doc.slug, doc.date, tuple(a.id for a in doc.actors), tuple(t.id for t in doc.topics))


def neighbours(docs: Sequence[Document]) -> Neighbours:
    """Previous, next and related documents for every document, as slugs, by slug."""
    ordered = list(reversed([d for d in newest_first(docs) if d.date]))
    steps = {}
    for i, doc in enumerate(ordered):
        prev_doc = ordered[i - 1].slug if i > 0 else None
        next_doc = ordered[i + 1].slug if i + 1 < len(ordered) else None
        steps[doc.slug] = (prev_doc, next_doc)
    related = _related(list(docs))
    return {
        d.slug: (
            *steps.get(d.slug, (None, None)),
            tuple(r.slug for r in related.get(d.slug, ())),
        )
        for d in docs
    }


def contexts(
    docs: Sequence[Document],
    site_url: str = "",
    site: Site = Site(),
    near: Neighbours | None = None,
) -> dict[str, PageContext]:
    """Previous, next and related documents for every document, by slug.

    ``near`` may give :func:`neighbours` of these documents, worked out earlier.
    """
    near = near if near is not None else neighbours(docs)
    by_slug = {d.slug: d for d in docs}
    return {
        slug: page_context(*around(found, by_slug), site_url, site) for slug, found in near.items()
    }


def around(
    found: tuple[str | None, str | None, tuple[str, ...]], by_slug: dict[str, Document]
) -> tuple[Document | None, Document | None, tuple[Document, ...]]:
    """A document's previous, next and related documents (as :func:`neighbours`
    gives them, by slug) as the documents themselves."""
    prev, nxt, related = found
    return (
        by_slug[prev] if prev else None,
        by_slug[nxt] if nxt else None,
        tuple(by_slug[r] for r in related),
    )


def page_context(
    previous: Document | None,
    following: Document | None,
    related: tuple[Document, ...],
    site_url: str,
    site: Site,
) -> PageContext:
    """What a document's page shows around it: its neighbours, and where the site is."""
    return PageContext(
        previous=previous,
        next=following,
        related=related,
        site_url=site_url,
        site_name=site.site_name,
        directory_urls=site.directory_urls,
        repo_url=site.repo_url,
        edit_uri=site.edit_uri,
        docs_dir=site.docs_dir,
    )
