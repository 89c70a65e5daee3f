"""Annotator component: actors (countries, organizations and persons).

Finds every mention of an actor in every block and records it as a span
``(block, start, end, "actor", actor_id)``.  The steps, each in its module:

1. *Rules* (:mod:`.rules`): the registry's surface forms, the lexicon's
   word sets (``actor-*``) and the patterns built from them, compiled once per
   knowledge.
2. *Registry* (:mod:`.registry`): names, aliases and weak aliases of
   curated actors, matched as literal, case-sensitive words in one pass (a
   capital after "in"/"at" is a place, not a government).
3. *Persons*: titles before names ("Foreign Minister Wang Yi") and
   appositions ("Kaja Kallas, the EU's foreign policy chief")
   (:mod:`.titles`); East Asian name shapes ("Kim Yong-hyun") and
   "Firstname Lastname said" (:mod:`.names`); names the registry does not
   hold, by their shape and context, each with a confidence
   (:mod:`.recognise`).
4. *Resolution* (:mod:`.resolve`): a found name becomes a registered
   person, by name or by the office its title names on the document's date
   (flagged when the source misnames the holder), or stays unregistered, its
   id the slug of its name.
5. *Surnames* (:mod:`.surnames`): later bare surnames ("Austin") and
   shorter forms ("López Obrador") of a person named in full.
6. *Organizations* (:mod:`.orgs`): bodies defined with an acronym
   ("... Monitoring Team (MSMT)") or named by a run of capitalised words
   ending in a word such as "Council", and their later acronyms.
7. *Settling* (:mod:`.settle`): weak aliases count only when the
   document names the actor otherwise; overlaps are settled (longest first,
   then by rule); the hits kept become actors, spans and notes.

Two kinds of names depend on the document's country (the one its registered
actors, publisher and dateline name most): a local alias ("Joint Chiefs of
Staff") is that country's body, and an office named alone ("the Prime
Minister") that country's holder on the document's date (:func:`.resolve.role_hits`).

The records these steps pass along are in :mod:`.records`; the shapes of
names (patterns built from the lexicon) are in :mod:`..lexical`.
"""

from __future__ import annotations

from ...model import Document, Knowledge
from .names import east_asian_names, speaker_names
from .orgs import organizations
from .recognise import shaped_names
from .records import Context, Found, Hit, copy_with
from .registry import dateline_country, registry_hits
from .resolve import resolve, role_hits
from .rules import Rules, prepare, rules_for
from .settle import dominant_country, gate_weak, select, settle_local, to_document
from .surnames import (
    first_words,
    full_names,
    given_keys,
    shorter_named,
    single_titled,
    surname_hits,
    surname_keys,
    with_honorific,
)
from .titles import titled_names

# prepare: a Knowledge compiled into the rules; rules_for: the same, from the store.
__all__ = ["annotate", "prepare", "rules_for"]


def annotate(doc: Document, knowledge: Knowledge, rules: Rules | None = None) -> Document:
    """Find the actors of ``doc``: fill ``actors``, add spans and notes.  ``rules``
    are ``knowledge`` compiled (:func:`prepare`); found in the store when not given."""
    rules = rules if rules is not None else rules_for(knowledge)  # 1. rules
    blocks = [block.text for block in doc.seed.blocks]
    registry = [registry_hits(b, text, rules) for b, text in enumerate(blocks)]  # 2. registry
    countries = frozenset(
        h.key for hs in registry for h in hs if h.kind == "country" and h.rule == "registry"
    )
    hits = [h for hs in registry for h in hs]
    dominant, origin = _dominant(doc, blocks, hits, rules)
    kinds = tuple(b.kind for b in doc.seed.blocks)
    ctx = Context(rules, doc.date, countries, kinds, dominant, origin)
    hits = settle_local(hits, dominant, knowledge)
    registry = [[] for _ in blocks]
    for hit in hits:
        registry[hit.block].append(hit)
    groups = [_groups(hs) for hs in registry]
    persons = _persons(blocks, registry, groups, ctx)  # 3. to 5.
    hits += persons
    hits += organizations(blocks, groups, rules, persons)  # 6.
    hits += role_hits(blocks, groups, ctx)
    return to_document(doc, select(gate_weak(hits)), ctx)  # 7.


def _dominant(
    doc: Document, blocks: list[str], hits: list[Hit], rules
) -> tuple[str | None, str | None]:
    """The document's dominant country (from its actors, publisher and dateline)
    and its origin (the country of its publisher, else of its dateline)."""
    publisher = doc.seed.header.get("publisher")
    by = registry_hits(-1, publisher, rules) if isinstance(publisher, str) else []
    first = next((t for t, b in zip(blocks, doc.seed.blocks) if b.kind == "paragraph"), "")
    dateline = dateline_country(first, rules)
    knowledge = rules.knowledge
    homes = {knowledge.country_of(h.key) for h in by if h.rule == "registry" and h.key}
    homes.discard(None)
    origin = next(iter(homes)) if len(homes) == 1 else dateline
    return dominant_country(hits, knowledge, by, dateline), origin


def _groups(hits: list[Hit]) -> dict[int, Hit]:
    """A block's countries and organizations by where they start."""
    return {h.start: h for h in hits if h.kind in ("country", "organization")}


def _persons(
    blocks: list[str], registry: list[list[Hit]], groups: list[dict[int, Hit]], ctx: Context
) -> list[Hit]:
    """The persons named in ``blocks``: found, resolved, then named by surname alone."""
    resolved = [_scored(resolve(f, ctx), f) for f in _names_found(blocks, groups, ctx)]
    named = [h for hs in registry for h in hs if h.kind == "person" and h.rule == "registry"]
    full = [h for h in resolved + named if h.registered or " " in h.text]
    index = full_names(full, ctx.rules)
    resolved = [shorter_named(h, index) for h in resolved]
    firsts = first_words(full, ctx.rules)
    keys, given = surname_keys(full, ctx.rules, firsts), given_keys(full, ctx.rules, firsts)
    resolved = [h for h in (single_titled(h, keys, given) for h in resolved) if h]
    kept = [with_honorific(h, blocks, ctx.rules) for h in resolved]
    if kept != resolved:  # "Sheikh Hasina": a full name, whose surname may follow alone
        resolved = kept
        keys = surname_keys(full + [h for h in kept if h not in full], ctx.rules)
    return resolved + surname_hits(blocks, keys, ctx.rules)


def _scored(hit: Hit, found: Found) -> Hit:
    """``hit`` with the confidence the recogniser gave ``found``, if any."""
    if not found.evidence or hit.registered:
        return hit
    return copy_with(hit, confidence=found.confidence, evidence=found.evidence)


def _names_found(blocks: list[str], groups: list[dict[int, Hit]], ctx: Context) -> list[Found]:
    """Persons' names by title, by East Asian shape, in paragraphs by their
    surroundings ("X Y said"), and by the shape and context of unknown names."""
    rules, found = ctx.rules, []
    for b, text in enumerate(blocks):
        found += titled_names(b, text, rules, groups[b])
        found += east_asian_names(b, text, rules)
        if ctx.kinds[b] == "paragraph":  # headlines capitalise every word
            found += speaker_names(b, text, rules, groups[b])
    seen = frozenset((f.block, f.start, f.end) for f in found)
    shaped = shaped_names(blocks, ctx.kinds, groups, rules, seen)
    return found + [f for f in shaped if (f.block, f.start, f.end) not in seen]
