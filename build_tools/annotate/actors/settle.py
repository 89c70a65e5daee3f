"""Actor settling: from all the hits found to the document's actors.

A local alias ("Joint Chiefs of Staff") becomes the actor sharing it of the
document's dominant country, or stays unregistered; weak aliases are kept
only for actors the document names otherwise; then, where hits overlap, the
longest wins, and on equal length the rule's priority decides (a country, or
a blocker phrase, may sit inside an organization).  The hits kept become the
document's actors, spans and notes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from ...model import Actor, ActorRef, Document, Knowledge, Note, Span
from .recognise import confidence
from .records import Context, Hit, copy_with, slug

__all__ = ["dominant_country", "gate_weak", "select", "settle_local", "to_document"]

# How much a publisher, and a dateline, weigh against one mention of a country.
PUBLISHER_WEIGHT = 3
DATELINE_WEIGHT = 2


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
    "role": 3,
    "shape": 3,
    "weak": 4,
    "surname": 4,
}


def dominant_country(
    hits: list[Hit], knowledge: Knowledge, publisher: list[Hit], dateline: str | None
) -> str | None:
    """The country the document is most about: the one its registered actors
    (a country, or a body or person of it) name most, its publisher and its
    dateline counting more; None on a tie."""
    weights: Counter[str] = Counter()
    for hits_, weight in ((hits, 1), (publisher, PUBLISHER_WEIGHT)):
        for hit in hits_:
            country = hit.rule == "registry" and hit.key and knowledge.country_of(hit.key)
            if country:
                weights[country] += weight
    if dateline:
        weights[dateline] += DATELINE_WEIGHT
    top = weights.most_common(2)
    if not top or (len(top) == 2 and top[0][1] == top[1][1]):
        return None
    return top[0][0]


def settle_local(hits: list[Hit], dominant: str | None, knowledge: Knowledge) -> list[Hit]:
    """Each local alias as the one actor sharing it of the document's dominant
    country; without one, an unregistered actor named as written."""
    spans: dict[tuple, list[Hit]] = defaultdict(list)
    for h in hits:
        if h.rule == "local":
            spans[(h.block, h.start)].append(h)
    kept = [h for h in hits if h.rule != "local"]
    for group in spans.values():
        mine = [h for h in group if dominant and knowledge.country_of(h.key) == dominant]
        if len(mine) == 1:
            kept.append(copy_with(mine[0], rule="registry"))
        else:
            first = group[0]
            kept.append(
                copy_with(
                    first, key=slug(first.text), rule="org", name=first.text, registered=False
                )
            )
    return kept


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
    """Longest first, then by rule; a country may sit inside an organization or
    an office named alone ("Prime Minister of Italy"), and so may a blocker phrase, which hides the country in it ("Organization
    of American States")."""
    ranked = sorted(hits, key=lambda h: (-(h.end - h.start), PRIORITY[h.rule], h.block, h.start))
    taken: dict[int, list[Hit]] = defaultdict(list)
    for hit in ranked:
        clash = [k for k in taken[hit.block] if hit.start < k.end and k.start < hit.end]
        nested = hit.kind in ("country", "blocker") and all(
            (k.kind == "organization" or k.rule == "role")
            and k.start <= hit.start
            and hit.end <= k.end
            for k in clash
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
        via = "role" if all(h.via == "role" for h in hits) else ""
        roles = _roles(actor, ctx.date)
        return ActorRef(key, actor.name, actor.kind, mentions, True, roles, flags, via)
    name = max((h.name for h in hits if h.name), key=lambda n: len(n.split()), default=hits[0].text)
    titles = tuple(dict.fromkeys(h.title for h in hits if h.title))
    sure = max(confidence(h) for h in hits)
    return ActorRef(key, name, hits[0].kind, mentions, False, titles, flags, confidence=sure)


def _roles(actor: Actor, date: str | None) -> tuple[str, ...]:
    """The titles of ``actor``'s roles held on ``date`` (all, without one)."""
    return tuple(dict.fromkeys(r.title for r in actor.roles if date is None or r.held_on(date)))
