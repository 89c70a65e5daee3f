"""Actor settling: from all the hits found to the document's actors.

Weak aliases are kept only for actors the document names otherwise; then,
where hits overlap, the longest wins, and on equal length the rule's priority
decides (a country, or a blocker phrase, may sit inside an organization).  The hits kept become the
document's actors, spans and notes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from ...model import Actor, ActorRef, Document, Note, Span
from .recognise import confidence
from .records import Context, Hit

__all__ = ["gate_weak", "select", "to_document"]


# Hit priority on equal length: lower wins.
PRIORITY = {
    "registry": 0,
    "blocker": 0,
    "title": 1,
    "apposition": 1,
    "acronym": 1,
    "east-asian": 2,
    "speech": 2,
    "cued": 2,
    "possessive": 2,
    "org": 3,
    "shape": 3,
    "weak": 4,
    "surname": 4,
}


def gate_weak(hits: list[Hit]) -> list[Hit]:
    """Weak aliases count only for actors the document names otherwise."""
    strong = {h.key for h in hits if h.rule != "weak" and h.key}
    spans: dict[tuple, list[Hit]] = defaultdict(list)
    for h in hits:
        if h.rule == "weak":
            spans[(h.block, h.start)].append(h)
    kept = [h for h in hits if h.rule != "weak"]
    for group in spans.values():
        present = [h for h in group if h.key in strong]
        if len(present) == 1:
            kept.append(present[0])
    return kept


def select(hits: list[Hit]) -> list[Hit]:
    """Longest first, then by rule; a country may sit inside an organization,
    and so may a blocker phrase, which hides the country in it ("Organization
    of American States")."""
    ranked = sorted(hits, key=lambda h: (-(h.end - h.start), PRIORITY[h.rule], h.block, h.start))
    taken: dict[int, list[Hit]] = defaultdict(list)
    for hit in ranked:
        clash = [k for k in taken[hit.block] if hit.start < k.end and k.start < hit.end]
        nested = hit.kind in ("country", "blocker") and all(
            k.kind == "organization" and k.start <= hit.start and hit.end <= k.end for k in clash
        )
        if not clash or nested:
            taken[hit.block].append(hit)
    kept = [h for hs in taken.values() for h in hs if h.key]
    return sorted(kept, key=lambda h: (h.block, h.start))


def to_document(doc: Document, kept: list[Hit], ctx: Context) -> Document:
    """``doc`` with the actors of the ``kept`` hits, their spans and notes."""
    grouped: dict[str, list[Hit]] = defaultdict(list)
    for hit in kept:
        grouped[hit.key].append(hit)
    actors = tuple(_actor_ref(key, hits, ctx) for key, hits in grouped.items())
    spans = tuple(Span(h.block, h.start, h.end, "actor", h.key) for h in kept)
    notes = tuple(Note("actor", n) for n in dict.fromkeys(h.note for h in kept if h.note))
    return replace(doc, actors=actors, spans=doc.spans + spans, notes=doc.notes + notes)


def _actor_ref(key: str, hits: list[Hit], ctx: Context) -> ActorRef:
    """The actor ``key`` as the document names it in ``hits``."""
    mentions = tuple(dict.fromkeys(h.text for h in hits))
    flags = tuple(dict.fromkeys(h.flag for h in hits if h.flag))
    actor = ctx.rules.knowledge.actor(key) if hits[0].registered else None
    if actor is not None:
        return ActorRef(key, actor.name, actor.kind, mentions, True, _roles(actor, ctx.date), flags)
    name = max((h.name for h in hits if h.name), key=lambda n: len(n.split()), default=hits[0].text)
    titles = tuple(dict.fromkeys(h.title for h in hits if h.title))
    sure = max(confidence(h) for h in hits)
    return ActorRef(key, name, hits[0].kind, mentions, False, titles, flags, sure)


def _roles(actor: Actor, date: str | None) -> tuple[str, ...]:
    """The titles of ``actor``'s roles held on ``date`` (all, without one)."""
    return tuple(dict.fromkeys(r.title for r in actor.roles if date is None or r.held_on(date)))
