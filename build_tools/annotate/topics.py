"""Annotator component: topics.

Every topic in ``topics.yaml`` carries match terms.  The words of the document
and of the terms are folded the same way (:func:`fold`: case, possessives,
plurals, -ed and -ing forms, and the spelling variants of the lexicon list
``topic-spelling-variants``), so a term is written once in its plain form.
The longest term starting at each word is taken, left to right, without
overlaps; a term written with capitals matches only words with those capitals.

A topic's evidence sums its hits, each weighted by where it occurs (title,
sub-title, lead, body) and by the length of the term; the n-th repeat of the
same term counts 1/√n, so one phrase said many times does not drown a topic
that many different phrases support.  The sum is then scaled by
how widely the hits spread over the document's blocks.  A topic with
``actors`` counts only when the document has found all of them.  A broader
topic gains part of the evidence of its narrower topics when two or more of
them qualify.  The document keeps the few topics whose evidence is both large
enough on its own and close enough to the strongest one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import NamedTuple

from ..model import Document, Knowledge, Topic, TopicRef

__all__ = ["annotate", "fold", "score_topics"]

SPELLING_LIST = "topic-spelling-variants"

# Weight of one hit by the block it occurs in.
POSITION_WEIGHT = {"title": 3.0, "subtitle": 2.0, "lead": 1.5, "paragraph": 1.0}
TERM_WEIGHT_PER_WORD = 0.25  # each word after the first adds this much, up to:
TERM_WEIGHT_MAX = 1.5
SPREAD_BASE, SPREAD_GAIN = 0.5, 1.0  # evidence × (base + gain × share of blocks hit)
BROADER_SHARE = 0.3  # share of its narrower topics' evidence a broader topic gains
BROADER_MIN_NARROWER = 2
MIN_EVIDENCE = 2.0  # one plain mention in the body is not enough
RELATIVE_MIN = 0.35  # of the square root of the strongest topic's evidence
MAX_TOPICS = 8
SCORE_SCALE = 4.0  # score = 1 - exp(-evidence / scale)

TOKEN_RE = re.compile(r"\w+(?:['’.+&]\w+)*")
POSSESSIVE_RE = re.compile(r"['’]s?$")
VOWEL_RE = re.compile(r"[aeiouy]")
KEPT = "\x00"  # marks a case-sensitive key


# ------------------------------------------------------------------- folding


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A light suffix-stripping rule for English words (plural, -ed, -ing, final e)."""
    word = POSSESSIVE_RE.sub("", word).replace("isation", "ization")
    if len(word) <= 3 or not word.isalpha():
        return word
    word = _strip_inflection(word)
    if len(word) > 3 and word[-1] == "e":
        word = word[:-1]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiousz":
        word = word[:-1]
    return word


def _strip_inflection(word: str) -> str:
    if word.endswith(("ies", "ied")) and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    for suffix in ("ing", "ed"):
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 3 and VOWEL_RE.search(stem):
            return stem
    return word


def _kept(word: str) -> str:
    """The case-sensitive form of a word: only a possessive and a plural -s go."""
    word = POSSESSIVE_RE.sub("", word)
    if len(word) > 2 and word[-1] == "s" and word[-2].isupper():
        word = word[:-1]
    return KEPT + word


def fold(word: str, variants: dict[str, str] | None = None) -> str:
    """The matching key of one word: lower-cased, stemmed, spelling unified."""
    stem = _stem(word.lower())
    return variants.get(stem, stem) if variants else stem


# ------------------------------------------------------------------ matching


class _Term(NamedTuple):
    keys: tuple[str, ...]
    topics: frozenset[str]
    weight: float


@dataclass(frozen=True)
class _Matcher:
    index: dict[str, tuple[_Term, ...]]  # first key → terms, longest first
    variants: dict[str, str]
    topics: dict[str, Topic]
    depth: dict[str, int]


def _term_keys(term: str, variants: dict[str, str]) -> tuple[str, ...]:
    return tuple(
        _kept(w) if any(c.isupper() for c in w) else fold(w, variants)
        for w in TOKEN_RE.findall(term)
    )


def _variants(pairs: tuple[str, ...]) -> dict[str, str]:
    found = {}
    for pair in pairs:
        parts = pair.split()
        if len(parts) == 2:
            found[_stem(parts[0].lower())] = _stem(parts[1].lower())
    return found


def _depth(topic: Topic, topics: dict[str, Topic]) -> int:
    depth, seen = 0, {topic.id}
    while topic.broader in topics and topic.broader not in seen:
        topic = topics[topic.broader]
        seen.add(topic.id)
        depth += 1
    return depth


@lru_cache(maxsize=8)
def _build(topics: tuple[Topic, ...], spelling: tuple[str, ...]) -> _Matcher:
    variants = _variants(spelling)
    owners: dict[tuple[str, ...], set[str]] = {}
    for topic in topics:
        for term in topic.terms:
            keys = _term_keys(term, variants)
            if keys:
                owners.setdefault(keys, set()).add(topic.id)
    index: dict[str, list[_Term]] = {}
    for keys, ids in owners.items():
        weight = min(1.0 + TERM_WEIGHT_PER_WORD * (len(keys) - 1), TERM_WEIGHT_MAX)
        index.setdefault(keys[0], []).append(_Term(keys, frozenset(ids), weight))
    by_id = {t.id: t for t in topics}
    return _Matcher(
        index={k: tuple(sorted(v, key=lambda t: -len(t.keys))) for k, v in index.items()},
        variants=variants,
        topics=by_id,
        depth={t.id: _depth(t, by_id) for t in topics},
    )


_BY_DIGEST: dict[str, _Matcher] = {}


def _matcher(knowledge: Knowledge) -> _Matcher:
    """The compiled terms of ``knowledge``, built once per knowledge digest."""
    if not knowledge.digest:
        return _build(knowledge.topics, knowledge.words(SPELLING_LIST))
    found = _BY_DIGEST.get(knowledge.digest)
    if found is None:
        if len(_BY_DIGEST) > 8:
            _BY_DIGEST.clear()
        found = _build(knowledge.topics, knowledge.words(SPELLING_LIST))
        _BY_DIGEST[knowledge.digest] = found
    return found


def _tokens(text: str, variants: dict[str, str]) -> list[tuple[str, str | None]]:
    """Each word's folded key and, when it has capitals, its case-sensitive key."""
    return [
        (fold(w, variants), _kept(w) if not w.islower() else None) for w in TOKEN_RE.findall(text)
    ]


def _fits(keys: tuple[str, ...], tokens: list[tuple[str, str | None]], i: int) -> bool:
    if i + len(keys) > len(tokens):
        return False
    return all(k in tokens[i + j] for j, k in enumerate(keys))


def _longest(tokens: list[tuple[str, str | None]], i: int, index: dict) -> _Term | None:
    best = None
    for key in tokens[i]:
        for term in index.get(key, ()) if key else ():
            if (best is None or len(term.keys) > len(best.keys)) and _fits(term.keys, tokens, i):
                best = term
                break
    return best


def _hits(tokens: list[tuple[str, str | None]], index: dict) -> Iterator[_Term]:
    """Leftmost-longest, non-overlapping term matches."""
    i = 0
    while i < len(tokens):
        term = _longest(tokens, i, index)
        if term is None:
            i += 1
            continue
        yield term
        i += len(term.keys)


# ------------------------------------------------------------------- scoring


def _position(doc: Document, block: int, lead: int | None) -> str:
    kind = doc.seed.blocks[block].kind
    return "lead" if block == lead else kind if kind in POSITION_WEIGHT else "paragraph"


def _raw_evidence(doc: Document, m: _Matcher) -> tuple[dict[str, float], dict[str, set[int]]]:
    actors = {a.id for a in doc.actors}
    allowed = {tid for tid, t in m.topics.items() if set(t.actors) <= actors}
    paragraphs = doc.seed.paragraph_indexes()
    lead = paragraphs[0] if paragraphs else None
    raw: dict[str, float] = {}
    blocks: dict[str, set[int]] = {}
    seen: dict[tuple[str, ...], int] = {}
    for b, block in enumerate(doc.seed.blocks):
        weight = POSITION_WEIGHT[_position(doc, b, lead)]
        for term in _hits(_tokens(block.text, m.variants), m.index):
            seen[term.keys] = repeat = seen.get(term.keys, 0) + 1
            for tid in term.topics & allowed:
                raw[tid] = raw.get(tid, 0.0) + weight * term.weight / math.sqrt(repeat)
                blocks.setdefault(tid, set()).add(b)
    return raw, blocks


def _add_broader(evidence: dict[str, float], m: _Matcher) -> dict[str, float]:
    """Give each broader topic a share of its qualifying narrower topics, deepest first."""
    result = dict(evidence)
    for tid in sorted(m.topics, key=lambda t: -m.depth[t]):
        children = [
            result[c.id]
            for c in m.topics.values()
            if c.broader == tid and result.get(c.id, 0.0) >= MIN_EVIDENCE
        ]
        if len(children) >= BROADER_MIN_NARROWER:
            result[tid] = result.get(tid, 0.0) + BROADER_SHARE * sum(children)
    return result


def score_topics(doc: Document, knowledge: Knowledge) -> dict[str, float]:
    """Every topic's evidence in ``doc`` (before selection), by topic id."""
    m = _matcher(knowledge)
    raw, blocks = _raw_evidence(doc, m)
    n_blocks = max(len(doc.seed.blocks), 1)
    evidence = {
        tid: value * (SPREAD_BASE + SPREAD_GAIN * len(blocks[tid]) / n_blocks)
        for tid, value in raw.items()
    }
    return _add_broader(evidence, m)


def _select(evidence: dict[str, float]) -> list[tuple[str, float]]:
    ranked = sorted(evidence.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked:
        return []
    floor = max(MIN_EVIDENCE, RELATIVE_MIN**2 * ranked[0][1])
    return [(tid, value) for tid, value in ranked if value >= floor][:MAX_TOPICS]


def annotate(doc: Document, knowledge: Knowledge) -> Document:
    """Fill ``doc.topics`` with the topics the document is about, best first."""
    chosen = _select(score_topics(doc, knowledge))
    topics = tuple(
        TopicRef(tid, knowledge.topic(tid).label, round(1.0 - math.exp(-value / SCORE_SCALE), 3))
        for tid, value in chosen
    )
    return replace(doc, topics=topics)
