"""Reusing listing pages a change did not touch.

When one seed changes in a large archive, most actor, topic and year pages
stay exactly as they were.  :class:`IndexMemo` remembers the documents and the
pages of the previous call; :func:`plan` works out which actors, topics and
years the changed documents (before and after the change) concern, and
:class:`Reuse` hands back the previous pages of everything else.  The result
is the same as building every page again (a test holds it to that).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..model import Document, Knowledge
from .lists import Page, Site

__all__ = ["IndexMemo", "Reuse", "doc_identity", "plan"]

Group = tuple[str, str]  # ("actor" | "topic" | "year", id)


def doc_identity(doc: Document) -> tuple:
    """Everything a listing shows of a document, as a hashable key."""
    seed = doc.seed
    return (
        seed.digest,
        seed.relpath,
        seed.source,
        doc.slug,
        doc.date,
        doc.date_precision,
        doc.date_evidence,
        doc.actors,
        doc.topics,
        doc.events,
        doc.abbreviations,
        doc.statements,
    )


@dataclass
class IndexMemo:
    setting: tuple = ()
    docs: dict[str, Document] = field(default_factory=dict)
    identities: dict[str, tuple] = field(default_factory=dict)
    groups: dict[Group, list[Page]] = field(default_factory=dict)


@dataclass
class Reuse:
    """Gives back a group's previous pages when the group was not touched."""

    previous: dict[Group, list[Page]] = field(default_factory=dict)
    touched: dict[str, set[str]] | None = None  # None: build everything
    groups: dict[Group, list[Page]] = field(default_factory=dict)

    def pages(self, kind: str, key: str, make: Callable[[], list[Page]]) -> list[Page]:
        group = (kind, key)
        if self.touched is not None and key not in self.touched[kind] and group in self.previous:
            pages = self.previous[group]
        else:
            pages = make()
        self.groups[group] = pages
        return pages


def _years(doc: Document) -> set[str]:
    return {doc.date[:4] if doc.date else "undated"} | {e.date[:4] for e in doc.events}


def _touched(changed: Sequence[Document], knowledge: Knowledge, present: tuple) -> dict:
    actors = {a.id for d in changed for a in d.actors}
    appeared = set(present[0]) ^ set(present[1])  # actors that gained or lost their page
    actors |= {a.id for a in knowledge.actors if a.affiliation in appeared} | appeared
    topics = {t.id for d in changed for t in d.topics}
    related = {knowledge.topic(t).broader for t in topics if knowledge.topic(t)}
    related |= {t.id for t in knowledge.topics if t.broader in topics}
    years = set().union(*(_years(d) for d in changed)) if changed else set()
    return {"actor": actors, "topic": topics | related - {None}, "year": years}


def plan(
    docs: Sequence[Document], knowledge: Knowledge, site: Site, memo: IndexMemo | None
) -> Reuse:
    """What can be reused from ``memo``; updates ``memo`` to the new documents."""
    if memo is None:
        return Reuse()
    identities = {d.slug: doc_identity(d) for d in docs}
    setting = (knowledge.digest, site)
    reuse = Reuse(previous=memo.groups)
    if memo.setting == setting:
        changed_slugs = {s for s, i in identities.items() if memo.identities.get(s) != i}
        changed_slugs |= set(memo.identities) - set(identities)
        current = {d.slug: d for d in docs}
        changed = [memo.docs[s] for s in changed_slugs if s in memo.docs]
        changed += [current[s] for s in changed_slugs if s in current]
        before = {a.id for d in memo.docs.values() for a in d.actors}
        after = {a.id for d in docs for a in d.actors}
        reuse.touched = _touched(changed, knowledge, (before, after))
    memo.setting, memo.identities = setting, identities
    memo.docs = {d.slug: d for d in docs}
    return reuse
