"""Actor name shapes: persons the registry does not hold, recognised by how
their names look and where they stand, without knowing the name.

A candidate is a run of capitalised words, with particles ("bin", "van der")
and initials ("Ch.") inside, cut at every word that is never a name (title
words, function words), at courtesy words and at the registry's countries and
organizations.  Each piece of two to five name words is scored on its evidence:

- *rarity*: its words are rare as English words, on the Zipf scale of the
  ``wordfreq`` package ("Kyaw" 2.2, "Dimitriou" 1.2, against "Joint" 4.7);
  a word the document also writes in lower case is common there;
- *structure*: accents, hyphenated given names ("Byung-se"), initials,
  particles; the same name written again in the document;
- *context*: a role noun before ("business leaders", "military officials"),
  and every name of the list it opens; a courtesy word ("Hon.", "H.E. Mr.");
  a cue ("According to"); a title, even misspelt ("Foreign Minster"), or in
  the plural ("Vice-Presidents X and Y"); a verb after ("said", "met") or
  before ("met X"); an apposition (", the Minister of ...", "our envoy in
  Lima, X,"); ", who", an age (", 54,"); "of" or brackets and a country;
  post-nominal letters ("MP"); a block holding only the name, a title in the
  next (a signature);
- *against*: a place preposition before ("in", "at"), or a determiner or
  number ("the 2016 Arbitral Award").

A piece scoring at least :data:`THRESHOLD` is a person, with that score as
the extractor's confidence and its evidence named.  In headlines, where every
word is capitalised, a piece needs context, and a verb ("Meets", "Says") ends
it.  "Yoon, Byung-se" (family name, comma, given name) is one person, and so
is "Mr. Lemalu".  :func:`confidence` says how sure the extractor is of a hit
any rule made.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from wordfreq import zipf_frequency

from .names import never_name
from .records import Found, Hit, copy_with
from .rules import Rules
from ..lexical import LOWER, SPACE, UPPER, guarded_words_pattern, normal, words_pattern

__all__ = ["THRESHOLD", "confidence", "level", "shaped_names"]

THRESHOLD = 0.55
RARE, UNCOMMON = 3.0, 4.0  # Zipf frequencies: rare below 3 (once per 10⁶ words), uncommon below 4
WEIGHTS = {
    "role noun": 0.5,
    "list": 0.5,
    "courtesy": 0.5,
    "cue": 0.5,  # "according to", "led by"
    "title": 0.5,
    "post-nominal": 0.5,
    "verb": 0.4,
    "apposition": 0.4,
    "rare words": 0.45,  # scaled by the share of rare words
    "structure": 0.1,  # per kind, at most two
    "relative": 0.5,  # ", who ..."
    "signature": 0.5,  # a block of its own, a title in the next
    "origin": 0.3,  # "... of Samoa"
    "affiliation": 0.45,  # "... of the Labour Party"
    "repeated": 0.15,  # the same name again in the document
    "place": -0.4,  # after "in", "at", "from": a place's name
    "determiner": -0.4,  # after "the", "a" or a number: a thing's name ("the 2016 Arbitral Award")
}
CONTEXT = frozenset(
    {"role noun", "list", "courtesy", "cue", "title", "post-nominal", "verb", "apposition"}
    | {"relative", "origin", "signature", "affiliation"}
)
HEADLINES = frozenset({"title", "subtitle", "heading"})
# How sure the extractor is of a name found by another rule: its rule's evidence.
RULE_CONFIDENCE = {
    "title": (0.9, "title"),
    "apposition": (0.85, "apposition"),
    "acronym": (0.85, "defined acronym"),
    "speech": (0.8, "speech verb"),
    "cued": (0.75, "cue words"),
    "possessive": (0.7, "possessive"),
    "east-asian": (0.7, "East Asian name shape"),
    "org": (0.6, "organization head word"),
}
APPOSED = re.compile(rf"((?:[^\s,;.()]+{SPACE}){{0,3}}[^\s,;.()]+),{SPACE}$")
# An apposition and its closing comma: ", the National Conference vice-president,".
APPOSITION_END = re.compile(rf",{SPACE}[^,;.()\"“”]{{1,90}}(?=,)")
# "X of the Labour Party": a name, "of the", capitalised words closing on a body's head.
AFFILIATION = re.compile(rf"{SPACE}of{SPACE}the{SPACE}(?:[A-Z][\w-]*{SPACE}){{0,4}}([A-Z][\w-]*)")
AGE = re.compile(rf",{SPACE}\d{{2}},")  # "X, 54, ..."
SPACES = re.compile(SPACE)  # one character each: the words' offsets add up
FAMILY_BEFORE = re.compile(r"(?<![\w’'.-])\w+$")
LIST_GLUE = re.compile(
    rf"(?:,{SPACE}(?:and{SPACE}|&{SPACE}|as{SPACE}well{SPACE}as{SPACE})?|{SPACE}(?:and|&|as{SPACE}well{SPACE}as){SPACE}|,)"
)
_U, _L = f"[{re.escape(UPPER)}]", f"[{re.escape(LOWER)}]"


def level(score: float) -> str:
    """A confidence as a word: high, medium or low."""
    return "high" if score >= 0.8 else "medium" if score >= 0.6 else "low"


def confidence(hit: Hit) -> tuple[float, str]:
    """How sure the extractor is of ``hit``: a score from 0 to 1 and the evidence."""
    if hit.evidence:
        return hit.confidence, hit.evidence
    return RULE_CONFIDENCE.get(hit.rule, (0.5, hit.rule))


@dataclass(frozen=True)
class Patterns:
    """What the recogniser compiles from one lexicon."""

    run: re.Pattern
    inverted: re.Pattern
    courtesy: re.Pattern
    courtesy_surname: re.Pattern  # "Mr. Lemalu", one word after a courtesy word
    verb: re.Pattern
    post_nominal: re.Pattern
    relative: re.Pattern  # ", who"
    cue: re.Pattern  # "according to", in any case
    role_nouns: frozenset[str]
    verbs_before: frozenset[str]  # verbs whose object is a person ("met", "thanked")
    determiners: frozenset[str]
    headline_stops: frozenset[str]  # words that end a name in a Title Case headline
    near_heads: dict[str, str]  # a head misspelt by one letter → the head
    heads: frozenset[str]  # one-word heads of five letters or more


_PATTERNS: dict[int, tuple[Rules, Patterns]] = {}


def _patterns(rules: Rules) -> Patterns:
    """The compiled patterns for ``rules``, built once per rules object."""
    cached = _PATTERNS.get(id(rules))
    if cached is None or cached[0] is not rules:
        if len(_PATTERNS) >= 8:
            _PATTERNS.pop(next(iter(_PATTERNS)))
        cached = _PATTERNS[id(rules)] = (rules, _compile(rules))
    return cached[1]


def _compile(rules: Rules) -> Patterns:
    words = rules.knowledge.words
    token = rules.shapes.token
    particle = words_pattern(words("actor-name-particles"))
    link = rf"{SPACE}(?:{particle}{SPACE})*"
    initial = rf"(?:{_U}{_L}?\.){{1,3}}(?={SPACE})"  # "Ch.", "L.P."
    end = r"(?:(?=['’]s(?!\w))|(?![\w’'-]))"  # a possessive's "'s" is not the name's
    heads = frozenset(h for h in words("actor-title-heads") if " " not in h and len(h) >= 5)
    verbs = {v.lower() for v in words("actor-speech-verbs") + words("actor-name-verbs")}
    return Patterns(
        run=re.compile(rf"(?<![\w’'.-])(?:{token})(?:{link}(?:{initial}|(?:{token})))+{end}"),
        inverted=re.compile(rf",{SPACE}(?P<given>{_U}{_L}+-{_L}+){end}"),
        courtesy_surname=re.compile(
            guarded_words_pattern(words("actor-surname-courtesies"), "![\\w.]")
            + rf"{SPACE}(?P<name>{_U}{_L}+(?:-{_U}?{_L}+)?){end}(?!{SPACE}{_U})"
        ),
        courtesy=re.compile(rf"(?<![\w])(?:{words_pattern(words('actor-honorifics'))}){SPACE}$"),
        verb=re.compile(
            rf",?{SPACE}(?:{words_pattern(words('actor-verb-auxiliaries'))}{SPACE})?"
            rf"{words_pattern(verbs | {v.capitalize() for v in verbs})}(?![\w])"
        ),
        post_nominal=re.compile(rf",?{SPACE}{words_pattern(words('actor-post-nominals'))}(?![\w])"),
        cue=re.compile(rf"(?<![\w])(?i:{words_pattern(words('actor-name-cues'))}),?{SPACE}$"),
        relative=re.compile(rf",?{SPACE}{words_pattern(words('actor-person-relatives'))}(?![\w])"),
        role_nouns=frozenset(w.lower() for w in words("actor-role-nouns")),
        verbs_before=frozenset(words("actor-name-verbs")),  # "met X"
        determiners=frozenset(words("actor-determiners")),
        headline_stops=rules.sets["lead"] | {v.capitalize() for v in verbs},
        near_heads=_one_letter_off(heads),
        heads=heads,
    )


def _one_letter_off(heads: frozenset[str]) -> dict[str, str]:
    """Each head with one letter left out: "Minster" → "Minister"."""
    return {h[:i] + h[i + 1 :]: h for h in sorted(heads) for i in range(1, len(h))}


def misspelt_head(word: str, pats: Patterns) -> str | None:
    """The title head ``word`` misspells by one letter (left out, added or
    changed), for words of five letters or more: "Minster" → "Minister"."""
    if len(word) < 5 or word in pats.heads:
        return None
    if word in pats.near_heads:
        return pats.near_heads[word]
    for i in range(1, len(word)):
        short = word[:i] + word[i + 1 :]
        head = short if short in pats.heads else pats.near_heads.get(short)
        if head:
            return head
    return None


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """How common ``word`` is in English, on the Zipf scale (0: unknown)."""
    return zipf_frequency(word.lower(), "en")


@dataclass
class _Doc:
    """What scoring needs of the whole document: its words in lower case, made once."""

    blocks: list[str]
    _lower: frozenset[str] | None = None
    counts: Counter = field(default_factory=Counter)  # how often each candidate occurs
    places: frozenset[str] = frozenset()  # candidates written after a compass word somewhere

    @property
    def lower(self) -> frozenset[str]:
        if self._lower is None:
            self._lower = frozenset(
                re.findall(r"(?<![\w’'-])[a-z][a-z’'-]+", " ".join(self.blocks))
            )
        return self._lower


def shaped_names(
    blocks: list[str],
    kinds: tuple[str, ...],
    groups: list[dict[int, Hit]],
    rules: Rules,
    seen: frozenset[tuple[int, int, int]] = frozenset(),
) -> list[Found]:
    """The persons' names of ``blocks`` recognised by their shape and context,
    but for those at a (block, start, end) already ``seen``."""
    pats, doc, found = _patterns(rules), _Doc(blocks), []
    pieces = []
    for b, text in enumerate(blocks):
        found += _inverted(b, text, pats, rules)
        found += _courtesy_surnames(b, text, groups[b], rules, pats)
        headline = b < len(kinds) and kinds[b] in HEADLINES
        stops = pats.headline_stops if headline else rules.sets["lead"]
        pieces.append(list(_pieces(text, groups[b], rules, pats, stops)))
    doc.counts = Counter(blocks[b][p.start : p.end] for b, ps in enumerate(pieces) for p in ps)
    doc.places = frozenset(  # "East Nusa Tenggara" once: "Nusa Tenggara" is a place everywhere
        blocks[b][p.start : p.end]
        for b, ps in enumerate(pieces)
        for p in ps
        if p.title.split()[-1:] and p.title.split()[-1] in rules.sets["compass"]
    )
    for b, text in enumerate(blocks):
        headline = b < len(kinds) and kinds[b] in HEADLINES
        found += _scored_pieces(b, text, pieces[b], headline, groups[b], rules, pats, doc, seen)
    return found


def _scored_pieces(b, text, pieces, headline, groups, rules, pats, doc, seen) -> list[Found]:
    """The pieces of block ``b`` whose evidence reaches the threshold."""
    found, listed = [], -1  # where the last name of a list ended
    for piece in pieces:
        if (b, piece.start, piece.end) in seen:
            listed = piece.end
            continue
        evidence = _evidence(text, piece, rules, pats, doc, listed)
        evidence.update(_around(b, text, piece, groups, rules, pats, doc))
        score = round(min(0.9, sum(WEIGHTS[k] * v for k, v in evidence.items())), 2)
        kinds_seen = [k for k, v in evidence.items() if v > 0]
        context = CONTEXT.intersection(kinds_seen)
        if score < THRESHOLD or (headline and not context):
            continue
        if context:
            listed = piece.end
        found.append(_found(b, text, piece, rules, score, "+".join(kinds_seen)))
    return found


@dataclass(frozen=True)
class Piece:
    """A candidate name: its span, name words, and the title word before it."""

    start: int
    end: int
    words: tuple[str, ...]
    title: str = ""  # the title words right before it, a misspelt head corrected


def _pieces(text: str, groups: dict[int, Hit], rules: Rules, pats: Patterns, stops):
    """The candidate names of ``text``: runs of capitalised words cut at
    ``stops`` (words that are never names; in headlines, verbs too) and at
    countries and organizations."""
    for run in pats.run.finditer(text):
        yield from _cut(run.start(), SPACES.split(run.group()), groups, rules, pats, stops)


def _cut(offset: int, tokens: list[str], groups, rules: Rules, pats: Patterns, stops):
    """The pieces of one run (its words split at spaces, from ``offset``): the
    words between stops, each with the title words right before it."""
    keep, title, skip_to, start = [], [], -1, offset
    heads = rules.sets["heads"]  # "CEO" as written, not as a name in capitals is
    for token in tokens:
        word, end = normal(token), start + len(token)
        group = groups.get(start)
        if group:
            skip_to = group.end
        if word in rules.sets["company_forms"] or token in rules.sets["company_forms"]:
            keep, title = [], []  # "Huawei Technologies Co Ltd", "Sony Corp": a company's name
        elif start < skip_to or word in stops or never_name(word, rules) or token in heads:
            if len(keep) >= 2:
                yield from _piece(keep, title, pats)
            title = [] if keep else title
            keep = []
            title.append(word)
        else:
            keep.append((start, end, word))
        start = end + 1
    if len(keep) >= 2:
        yield from _piece(keep, title, pats)


def _piece(keep: list[tuple[int, int, str]], title: list[str], pats: Patterns):
    """``keep`` as a candidate name, its first word taken as a misspelt title
    head ("Foreign Minster Wang Yi") when two name words remain."""
    while keep and (keep[-1][2].islower() or keep[-1][2].endswith(".")):
        keep = keep[:-1]  # no particle or initial at the end
    while keep and keep[0][2].islower():
        keep = keep[1:]
    names = [w for _, _, w in keep if not w.islower() and not w.endswith(".")]
    head = misspelt_head(keep[0][2], pats) if len(names) >= 3 else None
    if head and zipf(keep[0][2]) < UNCOMMON:
        keep, names, title = keep[1:], names[1:], title + [head]
    if 2 <= len(names) <= 5:
        yield Piece(keep[0][0], keep[-1][1], tuple(w for _, _, w in keep), " ".join(title))


def _evidence(text: str, piece: Piece, rules, pats: Patterns, doc: _Doc, listed: int) -> dict:
    """The evidence that ``piece`` is a person's name, each kind with its strength."""
    before, after = text[max(0, piece.start - 40) : piece.start], text[piece.end : piece.end + 60]
    last = before.split()[-1:] if before.strip() else []
    last_word = last[0].strip(",").lower() if last else ""
    names = [w for w in piece.words if not w.islower() and not w.endswith(".")]
    cued = bool(pats.cue.search(before))
    apposed = after[:1] == "," and _apposition(after, rules, pats)
    return {
        "role noun": float(last_word in pats.role_nouns),
        "list": float(listed >= 0 and bool(LIST_GLUE.fullmatch(text, listed, piece.start))),
        "courtesy": float(bool(pats.courtesy.search(before))),
        "cue": float(cued),
        "title": float(_titled(piece, rules) or _far_title(text, piece, rules)),
        "post-nominal": float(bool(pats.post_nominal.match(after))),
        "verb": float(
            bool(pats.verb.match(after))
            or last_word in pats.verbs_before
            or apposed
            and _verb_after_apposition(text, piece.end, pats)
        ),
        "apposition": float(apposed or _apposed(before, rules)),
        "rare words": _rarity(names, doc),
        "structure": float(min(2, _structure(piece.words))),
        "place": float(
            (last_word in rules.sets["places"] or text[piece.start : piece.end] in doc.places)
            and not cued
        ),
        "determiner": float(last_word in pats.determiners or last_word.isdigit()),
    }


def _around(b: int, text: str, piece: Piece, groups: dict[int, Hit], rules, pats, doc) -> dict:
    """Evidence from the words and blocks around ``piece``: "X, who ...", "X,
    54,", "X of Samoa", "X (Samoa)", a signature (a block that is only the
    name, a title in the next)."""
    after = text[piece.end : piece.end + 12]
    at = 4 if after.startswith(" of ") else 2 if after.startswith(" (") else 0
    country = groups.get(piece.end + at) if at else None
    of_country = country is not None and country.kind == "country"
    alone = not text[: piece.start].strip() and not text[piece.end :].strip(" .,")
    following = doc.blocks[b + 1].split()[:3] if b + 1 < len(doc.blocks) else []
    signed = alone and any(w.strip(",") in rules.sets["heads"] for w in following)
    party = AFFILIATION.match(text, piece.end)
    return {
        "relative": float(bool(pats.relative.match(after) or AGE.match(after))),
        "origin": float(of_country),
        "affiliation": float(bool(party) and party.group(1) in rules.sets["org_heads"]),
        "signature": float(signed),
        "repeated": float(doc.counts[text[piece.start : piece.end]] >= 2),
    }


def _far_title(text: str, piece: Piece, rules: Rules) -> bool:
    """ "Under Secretary of the Treasury for Terrorism and Financial Intelligence
    X": a title head, then only capitalised words and connectors, before the name."""
    low = max(0, piece.start - 90)
    heads = list(rules.head.finditer(text, low, piece.start))
    if not heads or not piece.title:
        return False
    between = text[heads[-1].end() : piece.start].split()
    return all(w[:1].isupper() or w in rules.sets["connectors"] for w in between)


def _titled(piece: Piece, rules: Rules) -> bool:
    """True when the words before ``piece`` end in a title, in the plural
    ("Vice-Presidents X and Y") or hyphenated too."""
    last = piece.title.split()[-1] if piece.title else ""
    return last in rules.sets["heads"] or (
        last not in rules.sets["never"] and never_name(last, rules)
    )


def _apposition(after: str, rules: Rules, pats: Patterns) -> bool:
    """ ", the Minister of ...": a title head among the few words after a
    comma; or, after "a" or "the", a role noun (", a Khartoum-based gold trader")."""
    m = re.match(rf",{SPACE}((?:[^\s,;.()]+{SPACE}){{0,4}}[^\s,;.()]+)", after)
    words = m.group(1).split() if m else []
    if any(_is_title(w, rules) for w in words):
        return True
    return words[:1] in (["a"], ["an"], ["the"], ["its"], ["his"], ["her"], ["their"]) and any(
        _role_word(w, rules, pats) for w in words[1:]
    )


def _role_word(word: str, rules: Rules, pats: Patterns) -> bool:
    """A role noun or a title head in lower case, alone or closing a hyphened
    word ("director", "vice-president", "co-rapporteur", "MEP")."""
    last = word.lower().rsplit("-", 1)[-1]
    return last in pats.role_nouns or (last in rules.sets["heads"] and last.islower())


def _verb_after_apposition(text: str, end: int, pats: Patterns) -> bool:
    """ "X, the committee's ranking Democrat, said": a speech or name verb
    right after the apposition (naming a role) that follows the name at ``end``."""
    m = APPOSITION_END.match(text, end)
    return bool(m) and bool(pats.verb.match(text, m.end()))


def _is_title(word: str, rules: Rules) -> bool:
    """A title head, or title words joined by hyphens ("Under-Secretary-General")."""
    return word in rules.sets["heads"] or (
        word not in rules.sets["never"] and never_name(word, rules)
    )


def _apposed(before: str, rules: Rules) -> bool:
    """ "our Ambassador in Tehran, ": a title head among the few words before a comma."""
    m = APPOSED.search(before)
    return bool(m) and any(_is_title(w, rules) for w in m.group(1).split())


def _rarity(names: list[str], doc: _Doc) -> float:
    """The share of ``names`` rare as English words (uncommon ones count half)."""
    total = 0.0
    for word in names:
        parts = word.replace("’", "'").split("-")
        if any(p.lower() in doc.lower for p in parts):
            continue
        z = min(zipf(p) for p in parts if p) if any(parts) else 8.0
        total += 1.0 if z < RARE else 0.5 if z < UNCOMMON else 0.0
    return total / len(names)


def _structure(words: tuple[str, ...]) -> int:
    """How many kinds of name structure ``words`` show: accents, hyphenated
    given names, initials, particles."""
    text = " ".join(words)
    kinds = (
        not text.isascii()
        and any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", text)),
        any("-" in w and not w.islower() for w in words[:-1]),
        any(w.endswith(".") for w in words),
        any(w.islower() for w in words),
    )
    return sum(kinds)


def _found(block: int, text: str, piece: Piece, rules: Rules, score: float, evidence: str):
    """The recognised name, with the title words before it when they end in a head."""
    name = text[piece.start : piece.end]
    words = [w for w in piece.title.split() if w in rules.sets["title_words"]]
    head = words[-1] if words and words[-1] in rules.sets["heads"] else ""
    title = " ".join(words) if head else ""
    return Found(
        block,
        piece.start,
        piece.end,
        name,
        "shape",
        title,
        head,
        confidence=score,
        evidence=evidence,
    )


def _inverted(block: int, text: str, pats: Patterns, rules: Rules) -> list[Found]:
    """ "Yoon, Byung-se": a Korean family name, a comma, a given name, as one person."""
    found = []
    for m in pats.inverted.finditer(text):
        family = FAMILY_BEFORE.search(text, max(0, m.start() - 12), m.start())
        given = m.group("given")
        if (
            family
            and family.group() in rules.sets["korean"]
            and rules.shapes.is_korean_given([given])
        ):
            name = f"{family.group()} {given}"
            item = Found(block, family.start(), m.end(), name, "shape")
            found.append(copy_with(item, confidence=0.7, evidence="inverted name"))
    return found


def _courtesy_surnames(block: int, text: str, groups, rules: Rules, pats: Patterns) -> list[Found]:
    """ "Mr. Lemalu said": one name word after a courtesy word is a person's."""
    found = []
    for m in pats.courtesy_surname.finditer(text):
        word = m.group("name")
        if not never_name(word, rules) and m.start("name") not in groups:
            item = Found(block, m.start("name"), m.end("name"), word, "shape")
            found.append(copy_with(item, confidence=0.6, evidence="courtesy"))
    return found
