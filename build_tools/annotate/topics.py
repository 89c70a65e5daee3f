"""Annotator component: topics.

Every topic in ``topics.yaml`` carries match terms.  The words of the document
and of the terms are folded the same way (:func:`fold`: case, possessives,
plurals, -ed and -ing forms, and the spelling variants of the lexicon list
``topic-spelling-variants``: whole words, and word endings such as
"-isation -ization"), so a term is written once in its plain form.
The longest term starting at each word is taken, left to right, without
overlaps; a term written with capitals matches only words with those capitals.
The phrases of the lexicon list ``topic-neutral-phrases`` are matched the same
way but signal no topic, so the terms inside them stay quiet.

A topic's evidence sums its hits, each weighted by where it occurs (title,
sub-title, lead, body) and by the length of the term; the n-th repeat of the
same term counts 1/√n, so one phrase said many times does not drown a topic
that many different phrases support.  The evidence from the body is scaled by
the number of blocks its hits spread over and divided by the square root of
the document's length (see :data:`REFERENCE_WORDS`), so a long article needs
more hits than a short readout; a title or sub-title hit counts in full, so a
strong heading carries a topic on its own.  A topic with ``actors`` counts only when the document has found all
of them.  A broader topic gains part of the evidence of its narrower topics
when two or more of them qualify.

The document keeps the few topics whose evidence is both large enough on its
own and close enough to the strongest one; then the most specific win: a
topic is dropped when one of its narrower topics is kept with more evidence,
and a generic topic (the lexicon list ``topic-generic``) is dropped unless it
holds its own against the strongest specific topic.

A document is about the subject its opening names: when only generic topics
and topics of the occasion (the lexicon list ``topic-occasions``: "Summits
and bilateral meetings") are kept — a readout of talks that condemned a missile
launch — or, in a short document, no topic at all, the subject topic found in
the title, sub-title or lead with the most evidence joins them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import NamedTuple

from ..model import Document, Knowledge, Topic, TopicRef
from .rulestore import compiled

__all__ = ["annotate", "fold", "prepare", "score_topics"]

SPELLING_LIST = "topic-spelling-variants"
GENERIC_LIST = "topic-generic"
NEUTRAL_LIST = "topic-neutral-phrases"
OCCASION_LIST = "topic-occasions"
LISTS = (
    SPELLING_LIST,
    GENERIC_LIST,
    NEUTRAL_LIST,
    OCCASION_LIST,
)  # the lexicon lists this component reads

# Weight of one hit by the block it occurs in.
POSITION_WEIGHT = {"title": 3.0, "subtitle": 2.0, "lead": 1.5, "paragraph": 1.0}
HEADING = frozenset({"title", "subtitle"})  # hits here count in full
TERM_WEIGHT_PER_WORD = 0.25  # each word after the first adds this much, up to:
TERM_WEIGHT_MAX = 1.5
# Body evidence × (base + gain × min(blocks hit, full) / full).
SPREAD_BASE, SPREAD_GAIN, SPREAD_FULL = 0.5, 0.5, 3
# Body evidence ÷ √(words / reference), counting at least ``SHORTEST_WORDS`` words.
REFERENCE_WORDS, SHORTEST_WORDS = 300, 120
BROADER_SHARE = 0.3  # share of its narrower topics' evidence a broader topic gains
BROADER_MIN_NARROWER = 2
MIN_EVIDENCE = 2.0  # one plain mention in the body is not enough
RELATIVE_MIN = 0.35  # of the square root of the strongest topic's evidence
GENERIC_MIN = 0.5  # of the strongest specific topic's evidence, for a generic topic
MAX_TOPICS = 8
OPENING = frozenset({"title", "subtitle", "lead"})  # where a document names its subject
SHORT_WORDS = 400  # a document of at most this many body words is short
SCORE_SCALE = 4.0  # score = 1 - exp(-evidence / scale)

TOKEN_RE = re.compile(r"\w+(?:['’.+&]\w+)*")
POSSESSIVE_RE = re.compile(r"['’]s?$")
VOWEL_RE = re.compile(r"[aeiouy]")
KEPT = "\x00"  # marks a case-sensitive key


# ------------------------------------------------------------------- folding


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """A light suffix-stripping rule for English words (plural, -ed, -ing, final e)."""
    word = POSSESSIVE_RE.sub("", word)
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


Endings = tuple[tuple[str, str], ...]


def fold(word: str, variants: dict[str, str] | None = None, endings: Endings = ()) -> str:
    """The matching key of one word: lower-cased, stemmed, spelling unified
    (whole words by ``variants``, then word endings by ``endings``)."""
    stem = _stem(word.lower())
    stem = variants.get(stem, stem) if variants else stem
    for ending, canonical in endings:
        if stem.endswith(ending):
            return stem[: -len(ending)] + canonical
    return stem


# ------------------------------------------------------------------ matching


class _Term(NamedTuple):
    keys: tuple[str, ...]
    topics: frozenset[str]
    weight: float


@dataclass(frozen=True)
class _Matcher:
    index: dict[str, tuple[_Term, ...]]  # first key → terms, longest first
    variants: dict[str, str]
    endings: Endings
    topics: dict[str, Topic]
    depth: dict[str, int]
    # Topics that need no actors, and the actors each other topic needs.
    unscoped: frozenset[str] = frozenset()
    scoped: tuple[tuple[str, frozenset[str]], ...] = ()
    # Broader topics with two or more narrower ones, deepest first, with the
    # narrower topics' ids in the order of the curated file.
    narrower: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Each topic's broader topics, nearest first; the generic topics.
    ancestors: dict[str, tuple[str, ...]] = field(default_factory=dict)
    generic: frozenset[str] = frozenset()
    occasions: frozenset[str] = frozenset()
    # Each word seen so far → its keys and the terms that may start at it.
    words: dict[str, _Word] = field(default_factory=dict, compare=False)


def _term_keys(term: str, variants: dict[str, str], endings: Endings) -> tuple[str, ...]:
    return tuple(
        _kept(w) if any(c.isupper() for c in w) else fold(w, variants, endings)
        for w in TOKEN_RE.findall(term)
    )


def _variants(pairs: tuple[str, ...]) -> tuple[dict[str, str], Endings]:
    """Whole-word pairs ("defence defense") and ending pairs ("-isation -ization")."""
    words, endings = {}, []
    for pair in pairs:
        parts = pair.lower().split()
        if len(parts) != 2:
            continue
        if parts[0].startswith("-") and parts[1].startswith("-"):
            endings.append((parts[0][1:], parts[1][1:]))
        else:
            words[_stem(parts[0])] = _stem(parts[1])
    return words, tuple(sorted(endings, key=lambda e: -len(e[0])))


def _depth(topic: Topic, topics: dict[str, Topic]) -> int:
    return len(_ancestors(topic.id, topics))


def _build(
    topics: tuple[Topic, ...],
    spelling: tuple[str, ...],
    generic: tuple[str, ...] = (),
    neutral: tuple[str, ...] = (),
    occasions: tuple[str, ...] = (),
) -> _Matcher:
    variants, endings = _variants(spelling)
    # A neutral phrase is matched like a term but signals no topic, so the
    # terms inside it ("security council" in "national security council") stay quiet.
    owners: dict[tuple[str, ...], set[str]] = {
        keys: set() for keys in (_term_keys(p, variants, endings) for p in neutral) if keys
    }
    for topic in topics:
        for term in topic.terms:
            keys = _term_keys(term, variants, endings)
            if keys:
                owners.setdefault(keys, set()).add(topic.id)
    index: dict[str, list[_Term]] = {}
    for keys, ids in owners.items():
        weight = min(1.0 + TERM_WEIGHT_PER_WORD * (len(keys) - 1), TERM_WEIGHT_MAX)
        index.setdefault(keys[0], []).append(_Term(keys, frozenset(ids), weight))
    by_id = {t.id: t for t in topics}
    depth = {t.id: _depth(t, by_id) for t in topics}
    return _Matcher(
        index={k: tuple(sorted(v, key=lambda t: -len(t.keys))) for k, v in index.items()},
        variants=variants,
        endings=endings,
        topics=by_id,
        depth=depth,
        unscoped=frozenset(tid for tid, t in by_id.items() if not t.actors),
        scoped=tuple((tid, frozenset(t.actors)) for tid, t in by_id.items() if t.actors),
        narrower=_narrower(by_id, depth),
        ancestors={tid: _ancestors(tid, by_id) for tid in by_id},
        generic=frozenset(generic),
        occasions=frozenset(occasions),
    )


def _ancestors(tid: str, topics: dict[str, Topic]) -> tuple[str, ...]:
    found: list[str] = []
    parent = topics[tid].broader
    while parent in topics and parent not in found and parent != tid:
        found.append(parent)
        parent = topics[parent].broader
    return tuple(found)


def _narrower(topics: dict[str, Topic], depth: dict[str, int]) -> tuple:
    """(broader id, narrower ids) for every topic that two or more topics narrow."""
    found = []
    for tid in sorted(topics, key=lambda t: -depth[t]):
        children = tuple(c.id for c in topics.values() if c.broader == tid)
        if len(children) >= BROADER_MIN_NARROWER:
            found.append((tid, children))
    return tuple(found)


def _inputs(knowledge: Knowledge) -> tuple:
    return (knowledge.topics, *(knowledge.words(name) for name in LISTS))


def prepare(knowledge: Knowledge) -> _Matcher:
    """The compiled terms of ``knowledge``."""
    return _build(*_inputs(knowledge))


def _matcher(knowledge: Knowledge) -> _Matcher:
    return compiled(prepare, knowledge)


WORD_CACHE_SIZE = 200_000  # words remembered per matcher before the memory is cleared


class _Word(NamedTuple):
    """A word's keys and the terms that may start at it.

    The candidates are the terms of the first key, then of the second, each
    longest first; ``single`` is the first one-word candidate and ``pairs``
    the longer ones by their second key, each with its place among them all.
    """

    keys: tuple[str, str | None]  # folded; case-sensitive when it has capitals
    single: tuple[int, _Term] | None
    pairs: dict[str, tuple[tuple[int, _Term], ...]]
    starts: bool  # some term may start here


def _word(word: str, m: _Matcher) -> _Word:
    found = m.words.get(word)
    if found is None:
        keys = (fold(word, m.variants, m.endings), _kept(word) if not word.islower() else None)
        terms = [term for key in keys if key for term in m.index.get(key, ())]
        singles = [(n, t) for n, t in enumerate(terms) if len(t.keys) == 1]
        pairs: dict[str, list[tuple[int, _Term]]] = {}
        for n, term in enumerate(terms):
            if len(term.keys) > 1:
                pairs.setdefault(term.keys[1], []).append((n, term))
        found = _Word(
            keys,
            singles[0] if singles else None,
            {k: tuple(v) for k, v in pairs.items()},
            bool(terms),
        )
        if len(m.words) >= WORD_CACHE_SIZE:
            m.words.clear()
        m.words[word] = found
    return found


def _tokens(text: str, m: _Matcher) -> list[_Word]:
    known = m.words.get
    return [known(w) or _word(w, m) for w in TOKEN_RE.findall(text)]


def _longest(tokens: list[_Word], i: int) -> _Term | None:
    """The longest term that starts at word ``i``; on equal length, the first
    candidate.  A term fits when each of its keys is one of its word's keys."""
    word, count = tokens[i], len(tokens)
    best, rank = (word.single[1], (1, -word.single[0])) if word.single else (None, None)
    if not word.pairs or i + 1 == count:
        return best
    for key in tokens[i + 1].keys:
        for place, term in word.pairs.get(key, ()) if key else ():
            keys = term.keys
            n = len(keys)
            if i + n > count or (rank is not None and (n, -place) < rank):
                continue
            if n == 2 or all(keys[j] in tokens[i + j].keys for j in range(2, n)):
                best, rank = term, (n, -place)
    return best


def _hits(tokens: list[_Word]) -> Iterator[_Term]:
    """Leftmost-longest, non-overlapping term matches."""
    after = 0  # the first word not inside an earlier match
    for i in [i for i, token in enumerate(tokens) if token.starts]:
        if i < after:
            continue
        term = _longest(tokens, i)
        if term is not None:
            yield term
            after = i + len(term.keys)


# ------------------------------------------------------------------- scoring


class _Evidence(NamedTuple):
    heading: dict[str, float]  # topic id → evidence from the title and sub-title
    body: dict[str, float]  # topic id → evidence from the other blocks
    blocks: dict[str, set[int]]  # topic id → the body blocks it was found in
    words: int  # the number of words in the body
    opening: dict[str, float]  # topic id → evidence from the title, sub-title and lead


def _position(doc: Document, block: int, lead: int | None) -> str:
    kind = doc.seed.blocks[block].kind
    return "lead" if block == lead else kind if kind in POSITION_WEIGHT else "paragraph"


def _raw_evidence(doc: Document, m: _Matcher) -> _Evidence:
    actors = {a.id for a in doc.actors}
    allowed = set(m.unscoped) | {tid for tid, need in m.scoped if need <= actors}
    paragraphs = doc.seed.paragraph_indexes()
    lead = paragraphs[0] if paragraphs else None
    found = _Evidence({}, {}, {}, 0, {})
    seen: dict[tuple[str, ...], int] = {}
    for b, block in enumerate(doc.seed.blocks):
        position = _position(doc, b, lead)
        tokens = _tokens(block.text, m)
        heading = position in HEADING
        sums = found.heading if heading else found.body
        if not heading:
            found = found._replace(words=found.words + len(tokens))
        for term in _hits(tokens):
            seen[term.keys] = repeat = seen.get(term.keys, 0) + 1
            value = POSITION_WEIGHT[position] * term.weight / math.sqrt(repeat)
            for tid in term.topics & allowed:
                sums[tid] = sums.get(tid, 0.0) + value
                if position in OPENING:
                    found.opening[tid] = found.opening.get(tid, 0.0) + value
                if not heading:
                    found.blocks.setdefault(tid, set()).add(b)
    return found


def _body_scale(blocks_hit: int, words: int) -> float:
    """The factor for body evidence: more for spread, less for a long document."""
    spread = SPREAD_BASE + SPREAD_GAIN * min(blocks_hit, SPREAD_FULL) / SPREAD_FULL
    return spread / math.sqrt(max(words, SHORTEST_WORDS) / REFERENCE_WORDS)


def _add_broader(evidence: dict[str, float], m: _Matcher) -> dict[str, float]:
    """Give each broader topic a share of its qualifying narrower topics, deepest first."""
    result = dict(evidence)
    for tid, narrower in m.narrower:
        children = [result[c] for c in narrower if result.get(c, 0.0) >= MIN_EVIDENCE]
        if len(children) >= BROADER_MIN_NARROWER:
            result[tid] = result.get(tid, 0.0) + BROADER_SHARE * sum(children)
    return result


def score_topics(doc: Document, knowledge: Knowledge) -> dict[str, float]:
    """Every topic's evidence in ``doc`` (before selection), by topic id."""
    return _scores(doc, _matcher(knowledge))[0]


def _scores(doc: Document, m: _Matcher) -> tuple[dict[str, float], _Evidence]:
    """Every topic's evidence, and the raw evidence it was summed from."""
    found = _raw_evidence(doc, m)
    evidence = dict(found.heading)
    for tid, value in found.body.items():
        scaled = value * _body_scale(len(found.blocks[tid]), found.words)
        evidence[tid] = evidence.get(tid, 0.0) + scaled
    return _add_broader(evidence, m), found


def _select(evidence: dict[str, float], found: _Evidence, m: _Matcher) -> list[tuple[str, float]]:
    ranked = sorted(evidence.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked:
        return []
    floor = max(MIN_EVIDENCE, RELATIVE_MIN**2 * ranked[0][1])
    kept = {tid: value for tid, value in ranked if value >= floor}
    kept = _most_specific(kept, m)
    kept |= _stand_in(kept, evidence, found, m)
    return [(tid, value) for tid, value in ranked if tid in kept][:MAX_TOPICS]


def _stand_in(
    kept: dict[str, float], evidence: dict[str, float], found: _Evidence, m: _Matcher
) -> dict[str, float]:
    """The subject the opening names, when nothing else would say what the
    document is about: when only generic or occasion topics ("Summits and
    bilateral meetings") are kept, or, in a short document, none.  Of the
    subject topics found in the title, sub-title or lead, the one with the most
    evidence."""
    broad = m.generic | m.occasions
    if any(tid not in broad for tid in kept) or not (kept or found.words <= SHORT_WORDS):
        return {}
    named = [tid for tid in found.opening if tid not in broad and tid not in kept]
    if not named:
        return {}
    best = max(named, key=lambda tid: (evidence[tid], tid))
    return {best: evidence[best]}


def _most_specific(kept: dict[str, float], m: _Matcher) -> dict[str, float]:
    """Drop topics a narrower kept topic outweighs, and generic topics that
    fall well short of the strongest specific one."""
    outweighed = {
        parent
        for tid, value in kept.items()
        for parent in m.ancestors.get(tid, ())
        if parent in kept and kept[parent] < value
    }
    kept = {tid: value for tid, value in kept.items() if tid not in outweighed}
    specific = [value for tid, value in kept.items() if tid not in m.generic]
    if not specific:
        return kept
    bar = GENERIC_MIN * max(specific)
    return {tid: v for tid, v in kept.items() if tid not in m.generic or v >= bar}


def annotate(doc: Document, knowledge: Knowledge, rules: _Matcher | None = None) -> Document:
    """Fill ``doc.topics`` with the topics the document is about, best first."""
    m = rules if rules is not None else _matcher(knowledge)
    chosen = _select(*_scores(doc, m), m)
    topics = tuple(
        TopicRef(tid, knowledge.topic(tid).label, round(1.0 - math.exp(-value / SCORE_SCALE), 3))
        for tid, value in chosen
    )
    return replace(doc, topics=topics)
