"""Annotator component: actors (countries, organizations and persons).

Finds every mention of an actor in every block and records it as a span
``(block, start, end, "actor", actor_id)``.  Mentions come from:

* the registry: names, aliases and weak aliases of curated actors, matched
  as literal, case-sensitive words in one pass (weak aliases count only when
  the document names the actor otherwise, and a capital after "in"/"at" is a
  place, not a government);
* titles before names ("Foreign Minister Wang Yi"), appositions ("Kaja
  Kallas, the EU's foreign policy chief"), East Asian name shapes ("Kim
  Yong-hyun"), "Firstname Lastname said", and later bare surnames;
* organizations defined with an acronym ("... Monitoring Team (MSMT)") or
  named by a run of capitalised words ending in a word such as "Council".

A titled name is resolved against the registry's offices: "Secretary of
Defense Royce Austin" in a text of October 2024 is the registered holder of
that office then, whose surname agrees, flagged as possibly misnamed.  What
matches no registered actor stays unregistered, with its id the slug of its
name.  The words all these rules use are lexicon lists (``actor-*``).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from dataclasses import MISSING, dataclass, fields, replace
from functools import lru_cache

from ..knowledge import slugify_id
from ..model import Actor, ActorRef, Document, Knowledge, Note, Span
from .names import (
    SPACE,
    UPPER,
    Shapes,
    acronym_start,
    build_shapes,
    case_variants,
    guarded_words_pattern,
    normal,
    trie_pattern,
    words_pattern,
)

__all__ = ["annotate"]

CONNECTORS = {"of", "for", "the", "and", "on", "in", "to", "&", "de", "du", "des"}
# Hit priority on equal length: lower wins.
PRIORITY = {"registry": 0, "title": 1, "apposition": 1, "acronym": 1, "east-asian": 2}
PRIORITY |= {
    "speech": 2,
    "cued": 2,
    "possessive": 2,
    "org": 3,
    "weak": 4,
    "surname": 4,
    "blocker": 0,
}


# ------------------------------------------------------------------ records


@dataclass(frozen=True)
class Entry:
    """What one registry surface form names."""

    ids: tuple[str, ...]  # empty for a blocker phrase
    weak: bool
    kind: str


@dataclass(frozen=True)
class Hit:
    """One mention found in a block, before overlaps are settled."""

    block: int
    start: int
    end: int
    text: str
    key: str | None  # actor id; None for a blocker
    rule: str
    kind: str = "person"
    name: str = ""  # display name of an unregistered actor
    title: str = ""
    registered: bool = True
    flag: str = ""
    note: str = ""


@dataclass(frozen=True)
class Found:
    """A person's name found by a pattern, with the title seen before it."""

    block: int
    start: int
    end: int
    text: str
    rule: str
    title: str = ""
    head: str = ""
    countries: frozenset[str] = frozenset()


HIT_DEFAULTS = {f.name: f.default for f in fields(Hit) if f.default is not MISSING}


def _with(record, **changes):
    """A copy of a Hit or Found with ``changes``: :func:`dataclasses.replace`
    without its checks, for the records made many times per document."""
    copy = object.__new__(type(record))
    copy.__dict__.update(record.__dict__)
    copy.__dict__.update(changes)
    return copy


# ------------------------------------------------------------------ rules


@dataclass(frozen=True)
class Rules:
    """Everything compiled from one Knowledge."""

    knowledge: Knowledge
    shapes: Shapes
    forms: dict[str, Entry]
    registry: re.Pattern
    head: re.Pattern
    head_after: re.Pattern
    complement: re.Pattern
    name_after: re.Pattern
    apposition: re.Pattern
    speech: re.Pattern
    east_asian: re.Pattern
    speaker: re.Pattern
    possessive: re.Pattern
    cued: re.Pattern
    given_first: re.Pattern
    org: re.Pattern
    org_head: re.Pattern  # the head word every ``org`` match holds
    acronym: re.Pattern
    upper_token: re.Pattern
    office_phrase: re.Pattern
    offices: dict[str, tuple]
    holders: dict[str, tuple]
    person_tokens: dict[str, frozenset[str]]
    persons_by_token: dict[str, tuple[Actor, ...]]
    sets: dict[str, frozenset[str]]


def _registry_forms(knowledge: Knowledge) -> dict[str, Entry]:
    owners: dict[tuple[str, bool], list[Actor]] = defaultdict(list)
    for actor in knowledge.actors:
        for form in {actor.name, *actor.aliases}:
            owners[(form, False)].append(actor)
        for form in actor.weak_aliases:
            owners[(form, True)].append(actor)
    forms: dict[str, Entry] = {}
    for (form, weak), actors in sorted(owners.items(), key=lambda item: item[0][1]):
        for variant in {form, form.replace("'", "’"), form.replace("’", "'")}:
            if variant not in forms:
                ids = tuple(dict.fromkeys(a.id for a in actors))
                forms[variant] = Entry(ids, weak, actors[0].kind)
    for phrase in knowledge.words("actor-blockers"):
        forms.setdefault(phrase, Entry((), False, "blocker"))
    return forms


def _sets(knowledge: Knowledge) -> dict[str, frozenset[str]]:
    words = knowledge.words

    def split(name: str) -> set[str]:
        return {part for phrase in words(name) for part in phrase.split()}

    heads = case_variants(words("actor-title-heads"))
    modifiers = case_variants(split("actor-title-modifiers"))
    complements = split("actor-title-complements")
    title_words = split("actor-title-heads") | split("actor-title-modifiers") | complements
    sets = {
        name: frozenset(value)
        for name, value in {
            "heads": heads,
            "modifiers": modifiers,
            "complements": complements,
            "title_words": title_words,
            "function": set(words("actor-function-words")),
            "never": set(words("actor-never-names") + words("actor-function-words")) | title_words,
            "org_heads": split("actor-org-heads"),
            "not_org_heads": set(words("actor-not-org-heads")),
            "places": set(words("actor-place-prepositions")),
            "honorifics": split("actor-honorifics"),
            "suffixes": set(words("actor-name-suffixes")),
            "korean": set(words("actor-korean-surnames")),
            "chinese": set(words("actor-chinese-surnames")),
            "japanese": set(words("actor-japanese-surnames")),
            "vietnamese": set(words("actor-vietnamese-surnames")),
        }.items()
    }
    # Unions the rules test words against, formed once.
    sets["lead"] = sets["never"] | sets["honorifics"]
    sets["appositive"] = sets["modifiers"] | {"the", "a", "an"}
    sets["generic"] = sets["complements"] | CONNECTORS
    sets["plain"] = sets["complements"] | sets["org_heads"] | sets["never"] | CONNECTORS
    sets["suffixes_lower"] = frozenset(s.lower() for s in sets["suffixes"])
    # The first letters of a name's word (Shapes.token): a capital, or a prefix ("al-").
    prefixes = case_variants(p.capitalize() for p in words("actor-name-prefixes"))
    sets["name_starts"] = frozenset(UPPER) | {p[:1] or "-" for p in prefixes}
    return sets


def _group_forms(forms: dict[str, Entry]) -> list[str]:
    """Surface forms of countries and organizations (strong or weak)."""
    return [f for f, e in forms.items() if e.kind in ("country", "organization") and e.ids]


def _title_patterns(knowledge: Knowledge, forms: dict[str, Entry], shapes: Shapes) -> dict:
    words = knowledge.words
    heads = words_pattern(case_variants(words("actor-title-heads")))
    head = rf"(?<![\w.’'-]){heads}(?![\w’'-])"
    unit = rf"(?:{words_pattern(words('actor-title-complements'))}|{trie_pattern(_group_forms(forms))})"
    joint = rf"(?:{SPACE}|,{SPACE}|{SPACE}and{SPACE}|{SPACE}&{SPACE}|{SPACE}(?:of|for){SPACE}(?:the{SPACE})?)"
    lead = rf"{SPACE}(?:of|for|to|on){SPACE}(?:the{SPACE})?"
    honorific = words_pattern(words("actor-honorifics"))
    return {
        "head": re.compile(head),
        "head_after": re.compile(rf"{SPACE}{head}"),
        "complement": re.compile(rf"(?:{lead}{unit}(?![\w])(?:{joint}{unit}(?![\w]))*)?"),
        "name_after": re.compile(rf",?{SPACE}(?:{honorific}{SPACE})?(?P<name>{shapes.name})"),
        "apposition": re.compile(
            rf"(?P<name>{shapes.name}),{SPACE}(?P<mid>(?:[^\s,;:()]+{SPACE}){{0,6}})$"
        ),
    }


def _pattern_finders(knowledge: Knowledge, shapes: Shapes) -> dict:
    words = knowledge.words
    token, particle = shapes.token, words_pattern(words("actor-name-particles"))
    two = rf"(?:{token})(?:{SPACE}(?:{particle}{SPACE})*(?:{token})){{1,2}}"
    family = (
        words("actor-korean-surnames")
        + words("actor-chinese-surnames")
        + words("actor-japanese-surnames")
        + words("actor-vietnamese-surnames")
    )
    surnames = guarded_words_pattern(family + tuple(w.upper() for w in family), "![\\w’'.-]")
    cues = words_pattern(words("actor-name-cues"))
    org_heads = words_pattern(words("actor-org-heads"))
    cap = r"[A-Z][\w.\-]*"
    return {
        # ",?{SPACE}" spelled as literal alternatives, so the engine skips to them
        "speech": re.compile(
            rf"(?:,{SPACE}| |\u00a0){words_pattern(words('actor-speech-verbs'))}(?![\w])"
        ),
        "speaker": re.compile(rf"(?<![\w’'.-])(?P<name>{two})$"),
        "east_asian": re.compile(rf"{surnames}(?:{SPACE}(?:{token})){{1,2}}(?![\w’'-])"),
        "possessive": re.compile(rf"['’]s{SPACE}(?P<name>{shapes.name})(?![\w’'-])"),
        "cued": re.compile(rf"(?<![\w]){cues},?{SPACE}(?P<name>{shapes.name})(?![\w’'-])"),
        "given_first": re.compile(
            guarded_words_pattern(words("actor-japanese-surnames"), f"=[a-z]{SPACE}")
            + r"(?![\w’'-])"
        ),
        "org": re.compile(
            rf"(?<![\w’'.-])(?:{cap}{SPACE}(?:(?:of|for|on|the){SPACE})*){{0,6}}{org_heads}(?![\w-])"
            rf"(?:{SPACE}(?:of|for){SPACE}(?:the{SPACE})?{cap}(?:['’]s)?(?:{SPACE}{cap}){{0,3}}(?![\w-])(?!{SPACE}[A-Z])){{0,2}}"
        ),
        "org_head": re.compile(rf"{org_heads}(?![\w-])"),
        "acronym": re.compile(r"\((?P<acr>[A-Z][A-Za-z&\-]{0,10}[A-Z])\)"),
        # (?<![\w-])[A-Z][A-Z&]{1,11}(?![\w-]), the lookbehind after the first letter
        "upper_token": re.compile(r"[A-Z](?<![\w-][A-Z])[A-Z&]{1,11}(?![\w-])"),
    }


def _office_tables(knowledge: Knowledge) -> dict:
    offices: dict[str, list] = defaultdict(list)
    for office in knowledge.offices:
        for phrase in {office.title, *office.phrases}:
            offices[phrase.lower()].append(office)
    holders: dict[str, list] = defaultdict(list)
    tokens: dict[str, frozenset[str]] = {}
    by_token: dict[str, list[Actor]] = defaultdict(list)
    for actor in knowledge.actors:
        if actor.kind != "person":
            continue
        tokens[actor.id] = frozenset(
            w.lower().strip(".,")
            for f in (actor.name, *actor.aliases, *actor.weak_aliases)
            for w in f.split()
        )
        for word in tokens[actor.id]:
            by_token[word].append(actor)
        for role in actor.roles:
            if role.office:
                holders[role.office].append((actor, role))
    phrase = rf"(?<![\w]){words_pattern(offices)}(?![\w])" if offices else "(?!)"
    return {
        "office_phrase": re.compile(phrase, re.IGNORECASE),
        "offices": {k: tuple(v) for k, v in offices.items()},
        "holders": {k: tuple(v) for k, v in holders.items()},
        "person_tokens": tokens,
        "persons_by_token": {k: tuple(v) for k, v in by_token.items()},
    }


def _build(knowledge: Knowledge) -> Rules:
    forms = _registry_forms(knowledge)
    shapes = build_shapes(knowledge.words)
    registry = re.compile(rf"(?<![\w’'])(?:{trie_pattern(forms)})(?!\w)")
    return Rules(
        knowledge=knowledge,
        shapes=shapes,
        forms=forms,
        registry=registry,
        sets=_sets(knowledge),
        **_title_patterns(knowledge, forms, shapes),
        **_pattern_finders(knowledge, shapes),
        **_office_tables(knowledge),
    )


_CACHE: dict[str, Rules] = {}
_CACHE_SIZE = 8


def rules_for(knowledge: Knowledge) -> Rules:
    """The compiled rules for ``knowledge``, built once per digest."""
    key = knowledge.digest or _content_digest(knowledge)
    rules = _CACHE.get(key)
    if rules is None:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        rules = _CACHE[key] = _build(knowledge)
    return rules


def _content_digest(knowledge: Knowledge) -> str:
    text = repr((knowledge.actors, knowledge.offices, sorted(knowledge.lexicon.items())))
    return hashlib.sha256(text.encode()).hexdigest()


# ------------------------------------------------------------ registry pass

WORD_RE = re.compile(r"\S+")
POSSESSIVE_RE = re.compile(r"['’]s?$")
DATELINE_RE = re.compile(r"\s*(?:,|\(|—|–|-{1,2}\s)")
COMMA_RE = re.compile(r",\s*")
INITIAL_RE = re.compile(r"\w\.")
APPOSITION_TAIL = re.compile(rf"{SPACE}(?:[^\s,;:()]+{SPACE}){{0,6}}$")  # as in Rules.apposition


def _registry_hits(block: int, text: str, rules: Rules) -> list[Hit]:
    hits = []
    for m in rules.registry.finditer(text):
        entry = rules.forms[m.group()]
        if not entry.ids:
            hits.append(_hit(block, m.start(), m.end(), m.group(), None, "blocker", "blocker"))
        elif not entry.weak:
            hits.append(
                _hit(block, m.start(), m.end(), m.group(), entry.ids[0], "registry", entry.kind)
            )
        elif entry.kind != "person" and not _is_place(text, m.start(), m.end(), rules):
            hits += [
                _hit(block, m.start(), m.end(), m.group(), i, "weak", entry.kind) for i in entry.ids
            ]
    return hits


def _hit(block: int, start: int, end: int, text: str, key: str | None, rule: str, kind: str):
    """``Hit(block, start, end, text, key, rule, kind)``, made faster: a document has many."""
    hit = object.__new__(Hit)
    hit.__dict__.update(HIT_DEFAULTS)
    hit.__dict__.update(block=block, start=start, end=end, text=text, key=key, rule=rule, kind=kind)
    return hit


def _is_place(text: str, start: int, end: int, rules: Rules) -> bool:
    """A capital used as a place: "in Seoul", a dateline, "Washington, USA"."""
    before = text[max(0, start - 30) : start].split()
    if before and before[-1].lower() == "the":
        before.pop()
    if before and before[-1].lower() in rules.sets["places"]:
        return True
    if not text[:start].strip() and DATELINE_RE.match(text, end):
        return True
    comma = COMMA_RE.match(text, end)
    after = comma and rules.registry.match(text, comma.end())
    return bool(after and rules.forms[after.group()].kind == "country")


def _group_at(rules: Rules, form: str, strong: bool = False) -> bool:
    """True when ``form`` names a country or organization in the registry."""
    entry = rules.forms.get(POSSESSIVE_RE.sub("", form))
    ok = bool(entry and entry.ids and entry.kind in ("country", "organization"))
    return ok and not (strong and entry.weak)


# ------------------------------------------------------------ titled names


def _titled(block: int, text: str, rules: Rules, groups: dict[int, Hit]) -> list[Found]:
    found = []
    for head in rules.head.finditer(text):
        for finder in (_titled_at, _apposition):
            item = finder(block, text, head, rules, groups)
            if item:
                found.append(item)
    return found


def _title_end(text: str, pos: int, rules: Rules) -> int:
    for _ in range(3):
        pos = rules.complement.match(text, pos).end()
        after = rules.head_after.match(text, pos)
        if not after:
            break
        pos = after.end()
    return pos


def _title_start(text: str, start: int, rules: Rules) -> int:
    """Walk back over modifiers ("Deputy", "U.S.", "China's") before a head."""
    low = max(0, start - 80)
    words = [w for w in WORD_RE.finditer(text, low, start)]
    while words:
        word = words[-1].group()
        if word.endswith(","):
            break
        if word in rules.sets["modifiers"] or _group_at(rules, word):
            start = words.pop().start()
        elif len(words) > 1 and _group_at(rules, f"{words[-2].group()} {word}"):
            start = words[-2].start()
            del words[-2:]
        else:
            break
    return start


def _countries_in(groups: dict[int, Hit], start: int, end: int) -> frozenset[str]:
    return frozenset(
        h.key for s, h in groups.items() if start <= s < end and h.kind == "country" and h.key
    )


def _clean_name(text, start, end, rules, groups, strip=False) -> tuple[int, int] | None:
    """The name's span without leading courtesy words (when ``strip``) and
    without trailing title words, dates or initials."""
    tokens = list(WORD_RE.finditer(text, start, end))
    lead = rules.sets["lead"]
    while strip and tokens and normal(tokens[0].group()) in lead:
        tokens.pop(0)
    words = [normal(t.group().rstrip(",")) for t in tokens]
    if not words or (words[0] in rules.sets["never"] and not east_asian_ok(words[:3], rules)):
        return None
    kept: list[re.Match] = []
    for tok, word in zip(tokens, words):
        if word in rules.sets["never"] and kept:
            break
        group = groups.get(tok.start())
        if group and (kept or len(tokens) == 1 or group.end > tok.end()):
            break
        kept.append(tok)
    while kept and (
        kept[-1].group().isalpha()
        and kept[-1].group().islower()
        or INITIAL_RE.fullmatch(kept[-1].group())
    ):
        kept.pop()
    if not kept or kept[0].group()[:1].islower():
        return None
    end = kept[-1].end() - kept[-1].group().endswith(",")
    if text[end : end + 1] == "." and kept[-1].group() + "." in rules.sets["suffixes"]:
        end += 1
    return kept[0].start(), end


def _titled_at(block, text, head, rules, groups) -> Found | None:
    pos = _title_end(text, head.end(), rules)
    m = rules.name_after.match(text, pos)
    if not m:
        return None
    span = _clean_name(text, m.start("name"), m.end("name"), rules, groups)
    if not span:
        return None
    start = _title_start(text, head.start(), rules)
    title = text[start:pos].strip(" ,")
    name = text[span[0] : span[1]]
    return Found(
        block, *span, name, "title", title, head.group(), _countries_in(groups, start, pos)
    )


def _apposition(block, text, head, rules, groups) -> Found | None:
    low, high = max(0, head.start() - 150), head.start()
    # The apposition's comma is the last one before the title (the words
    # between hold none): without one followed by a few words, no match.
    comma = text.rfind(",", low, high)
    if comma < 0 or not APPOSITION_TAIL.match(text, comma + 1, high):
        return None
    m = rules.apposition.search(text, low, high)
    if not m:
        return None
    mid = m.group("mid").split()
    allowed = rules.sets["appositive"]
    if not all(w in allowed or _group_at(rules, w) for w in mid):
        return None
    span = _clean_name(text, m.start("name"), m.end("name"), rules, groups, strip=True)
    if not span or len(text[span[0] : span[1]].split()) < 2:
        return None
    pos = _title_end(text, head.end(), rules)
    start = m.start("mid")
    title = re.sub(r"^(?:the|a|an)\s+", "", text[start:pos].strip(" ,"))
    name = text[span[0] : span[1]]
    return Found(
        block, *span, name, "apposition", title, head.group(), _countries_in(groups, start, pos)
    )


# ------------------------------------------------------------ untitled names


def _plain_name_ok(words: list[str], rules: Rules) -> bool:
    never, heads = rules.sets["never"], rules.sets["org_heads"]
    return all(
        w not in never and w not in heads and not _group_at(rules, w, strong=True) for w in words
    ) and not _group_at(rules, " ".join(words))


def _speakers(block: int, text: str, rules: Rules, groups: dict[int, Hit]) -> list[Found]:
    """Untitled names: "X Y said", "Brazil's X Y", "led by X Y"."""
    found = []
    for rule, start, end in _speaker_spans(text, rules, groups):
        span = _clean_name(text, start, end, rules, groups, strip=True)
        words = text[span[0] : span[1]].split() if span else []
        if len(words) >= 2 and _plain_name_ok([w for w in words if w[:1].isupper()], rules):
            found.append(Found(block, *span, text[span[0] : span[1]], rule))
    return found


def _speaker_spans(text: str, rules: Rules, groups: dict[int, Hit]):
    for verb in rules.speech.finditer(text):
        m = _speaker_before(text, verb.start(), rules)
        if m:
            yield "speech", m.start("name"), m.end("name")
    for m in rules.cued.finditer(text):
        yield "cued", m.start("name"), m.end("name")
    for m in rules.possessive.finditer(text):
        if _country_ends_at(groups, m.start()):
            yield "possessive", m.start("name"), m.end("name")


def _speaker_before(text: str, end: int, rules: Rules) -> re.Match | None:
    """``rules.speaker`` searched in the 80 characters before ``end``."""
    low = max(0, end - 80)
    # The name's last word follows the last space before ``end`` and starts
    # like a name: where it does not, the search cannot match.
    space = max(text.rfind(" ", low, end), text.rfind("\u00a0", low, end))
    if space < 0 or space + 1 >= end or text[space + 1] not in rules.sets["name_starts"]:
        return None
    return rules.speaker.search(text, low, end)


def _country_ends_at(groups: dict[int, Hit], end: int) -> bool:
    return any(h.end == end and h.kind == "country" for h in groups.values())


def east_asian_ok(words: list[str], rules: Rules) -> bool:
    """True when ``words`` are a family name and a given name of East Asian shape."""
    sets, shapes = rules.sets, rules.shapes
    surname, given = normal(words[0]), words[1:]
    if not given or (surname in sets["never"] and len("".join(given)) < 5):
        return False
    parts = [p for g in given for p in g.lower().split("-")]
    if surname in sets["korean"] and shapes.is_korean_given(given):
        return True
    if surname in sets["chinese"] and len(given) == 1 and all(shapes.is_pinyin(p) for p in parts):
        return True
    if surname in sets["japanese"] and len(given) == 1 and shapes.is_romaji(given[0]):
        return True
    return surname in sets["vietnamese"] and len(given) == 2 and all(len(g) <= 5 for g in given)


def _east_asian(block: int, text: str, rules: Rules) -> list[Found]:
    found = []
    for m in rules.east_asian.finditer(text):
        words = m.group().split()
        for n in (len(words), len(words) - 1):
            if n >= 2 and east_asian_ok(words[:n], rules) and _plain_name_ok(words[1:n], rules):
                end = m.start() + len(" ".join(words[:n]))
                found.append(Found(block, m.start(), end, text[m.start() : end], "east-asian"))
                break
    for m in rules.given_first.finditer(text):
        before = text[max(0, m.start() - 30) : m.start()].split()
        given = before[-1] if before else ""
        shaped = re.fullmatch(rules.shapes.token, given) and rules.shapes.is_romaji(given)
        if shaped and _plain_name_ok([given], rules):
            start = m.start() - 1 - len(given)
            found.append(Found(block, start, m.end(), text[start : m.end()], "east-asian"))
    return found


# ------------------------------------------------------------ organizations

QUOTES = "‘’“”\"'"


def _org_name_ok(words: list[str], rules: Rules) -> bool:
    sets = rules.sets
    if len(words) < 2 or words[-1] in sets["not_org_heads"]:
        return False
    generic = sets["generic"]
    lead = words[0] in sets["org_heads"] and words[1] in ("of", "for") and len(words) >= 3
    if lead and all(w in generic or _group_at(rules, w) for w in words[2:]):
        return True
    plain = sets["plain"]
    return any(w not in plain or _group_at(rules, w) for w in words)


def _named_orgs(block: int, text: str, rules: Rules, groups: dict[int, Hit]) -> list[Hit]:
    hits: list[Hit] = []
    if not rules.org_head.search(text):
        return hits
    for m in rules.org.finditer(text):
        words = _org_words(list(WORD_RE.finditer(text, m.start(), m.end())), rules, groups)
        if not words or _covered(groups, words[-1].start(), words[-1].end()):
            continue
        if _org_name_ok([w.group().rstrip(".") for w in words], rules):
            last = words[-1].group()
            end = words[-1].end() - (last.endswith(".") and not _group_at(rules, last))
            name = text[words[0].start() : end]
            hits.append(_org_hit(block, words[0].start(), end, name, "org", rules))
    return hits


def _org_words(words: list[re.Match], rules: Rules, groups: dict[int, Hit]) -> list[re.Match]:
    """Trim an organization's words: no leading "The", no earlier sentence, and
    no "of ..." part that names another organization."""
    while words and (words[0].group() in rules.sets["function"] or words[0].group() in CONNECTORS):
        words.pop(0)
    stops = [
        i
        for i, w in enumerate(words[:-1])
        if w.group().endswith(".") and len(w.group()) > 4 and not _group_at(rules, w.group())
    ]
    words = words[stops[-1] + 1 :] if stops else words
    for i, word in enumerate(words):
        if word.group() in ("of", "for") and i + 1 < len(words):
            j = i + 2 if words[i + 1].group() == "the" and i + 2 < len(words) else i + 1
            other = groups.get(words[j].start())
            if other and other.kind == "organization":
                return words[:i]
    return words


def _covered(groups: dict[int, Hit], start: int, end: int) -> bool:
    return any(s <= start and end <= h.end for s, h in groups.items() if h.kind == "organization")


def _org_hit(block: int, start: int, end: int, name: str, rule: str, rules: Rules) -> Hit:
    entry = rules.forms.get(name)
    if entry and entry.ids and not entry.weak:
        return Hit(block, start, end, name, entry.ids[0], rule, entry.kind)
    return Hit(block, start, end, name, slug(name), rule, "organization", name, "", False)


def _acronym_orgs(block: int, text: str, rules: Rules) -> list[tuple[Hit, str]]:
    """Organizations defined in the text: "Long Name (ACR)" → (hit, acronym)."""
    found = []
    for m in rules.acronym.finditer(text):
        acr = m.group("acr")
        if acr in rules.forms:
            continue
        words = _words_before(text, m.start(), len(acr) + 5)
        first = acronym_start(acr, [w[2] for w in words], CONNECTORS)
        if first is None:
            continue
        words = words[first:]
        while words and words[0][2] in rules.sets["function"]:
            words.pop(0)
        names = [w[2] for w in words]
        if len(names) < 2:
            continue
        caps = all(w[:1].isupper() or w in CONNECTORS for w in names)
        heads = any(w in rules.sets["org_heads"] for w in names)
        if caps and heads and names[-1] not in rules.sets["not_org_heads"]:
            start, end = words[0][0], words[-1][1]
            found.append((_org_hit(block, start, end, text[start:end], "acronym", rules), acr))
    return found


def _words_before(text: str, end: int, count: int) -> list[tuple[int, int, str]]:
    low = max(0, end - 200)
    words = []
    for m in WORD_RE.finditer(text, low, end):
        word = m.group()
        lead, trail = len(word) - len(word.lstrip(QUOTES)), len(word) - len(word.rstrip(QUOTES))
        core = word[lead : len(word) - trail]
        if core:
            words.append((m.start() + lead, m.end() - trail, core))
    return words[-count:]


def _acronym_uses(blocks: list[str], defined: dict[str, Hit], rules: Rules) -> list[Hit]:
    hits: list[Hit] = []
    if not defined:
        return hits
    for b, text in enumerate(blocks):
        if not any(acronym in text for acronym in defined):
            continue
        for m in rules.upper_token.finditer(text):
            owner = defined.get(m.group())
            if owner:
                hits.append(_with(owner, block=b, start=m.start(), end=m.end(), text=m.group()))
    return hits


# ------------------------------------------------------------ resolution


@dataclass(frozen=True)
class Context:
    rules: Rules
    date: str | None
    countries: frozenset[str]  # countries the document names
    kinds: tuple[str, ...] = ()  # the kind of every block


def _resolve(found: Found, ctx: Context) -> Hit:
    base = Hit(found.block, found.start, found.end, found.text, None, found.rule, title=found.title)
    found = _with(found, text=" ".join(normal(w) for w in found.text.split()))
    entry = ctx.rules.forms.get(found.text)
    if entry and entry.ids and not entry.weak and entry.kind == "person":
        return _with(base, key=entry.ids[0])
    if found.title:
        actor = _by_office(found, ctx) or _by_role_word(found, ctx)
        if actor:
            return _registered(base, actor, found, ctx)
    name = " ".join(_id_words(found.text, ctx.rules))
    return _with(base, key=slug(name), name=name, registered=False)


@lru_cache(maxsize=4096)
def slug(name: str) -> str:
    """An actor id from a name, accents folded: "María Machado" → maria-machado."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return slugify_id(folded)


def _id_words(name: str, rules: Rules) -> list[str]:
    """A name without middle initials: "Gilberto C. Teodoro Jr." → Gilberto Teodoro Jr."""
    words = [w.strip(",") for w in name.split()]
    kept = [w for i, w in enumerate(words) if i == 0 or not INITIAL_RE.fullmatch(w)]
    return kept


def _registered(base: Hit, actor: Actor, found: Found, ctx: Context) -> Hit:
    if not _misnamed(found.text, actor, ctx.rules):
        return _with(base, key=actor.id)
    when = f" on {ctx.date}" if ctx.date else ""
    note = (
        f"The source likely misnames {actor.name} as '{found.text}': "
        f"the {found.title}{when} was {actor.name}."
    )
    return _with(
        base, key=actor.id, flag=f"possibly misnamed in source as '{found.text}'", note=note
    )


def _by_office(found: Found, ctx: Context) -> Actor | None:
    rules = ctx.rules
    offices = {
        o.id: o
        for m in rules.office_phrase.finditer(found.title)
        for o in rules.offices.get(m.group().lower(), ())
    }
    if found.countries:
        chosen = [o for o in offices.values() if o.country in found.countries]
    else:
        chosen = [o for o in offices.values() if o.country in ctx.countries] or list(
            offices.values()
        )
    agree = {
        actor.id: actor
        for office in chosen
        for actor, role in rules.holders.get(office.id, ())
        if (ctx.date is None or role.held_on(ctx.date)) and _agrees(found.text, actor, rules)
    }
    return next(iter(agree.values())) if len(agree) == 1 else None


def _by_role_word(found: Found, ctx: Context) -> Actor | None:
    """ "Secretary Rubio": a registered person of that surname holding a role so named."""
    rules, head = ctx.rules, found.head.lower()
    words = _name_words(found.text, rules)
    candidates = {
        a.id: a for w in words[:1] + words[-1:] for a in rules.persons_by_token.get(w, ())
    }
    agree = {}
    for actor in candidates.values():
        if found.countries and actor.affiliation not in found.countries:
            continue
        roles = [r for r in actor.roles if ctx.date is None or r.held_on(ctx.date)]
        if any(head in r.title.lower() for r in roles):
            agree[actor.id] = actor
    return next(iter(agree.values())) if len(agree) == 1 else None


def _name_words(name: str, rules: Rules) -> list[str]:
    words = [w.strip(",").lower() for w in name.split()]
    suffixes = rules.sets["suffixes_lower"]
    return [w for w in words if w not in suffixes and not INITIAL_RE.fullmatch(w)]


def _agrees(name: str, actor: Actor, rules: Rules) -> bool:
    words = _name_words(name, rules)
    known = rules.person_tokens.get(actor.id, frozenset())
    return bool(words) and (words[-1] in known or words[0] in known)


def _misnamed(name: str, actor: Actor, rules: Rules) -> bool:
    if name in (actor.name, *actor.aliases):
        return False
    words = _name_words(name, rules)
    known = rules.person_tokens.get(actor.id, frozenset())
    return len(words) >= 2 and any(
        w not in known
        and not any(len(w) >= 3 and (k.endswith(w) or k.startswith(w)) for k in known)
        for w in words
    )


# ------------------------------------------------------------ surnames


def _surname_keys(hits: list[Hit], rules: Rules) -> dict[str, Hit]:
    """Bare words that refer to one person named in full: "Austin", "Kim"."""
    owners: dict[str, dict[str, Hit]] = defaultdict(dict)
    for hit in hits:
        for key in _keys_of(hit, rules):
            owners[key].setdefault(hit.key, hit)
    never = rules.sets["never"]
    return {
        k: next(iter(v.values()))
        for k, v in owners.items()
        if len(v) == 1 and k not in never and not _group_at(rules, k)
    }


def _keys_of(hit: Hit, rules: Rules) -> set[str]:
    if hit.registered:
        actor = rules.knowledge.actor(hit.key)
        keys = {w for w in actor.weak_aliases if " " not in w}
        words = actor.name.split()
    else:
        keys, words = set(), [normal(w) for w in hit.name.split()]
    words = [w for w in words if w not in rules.sets["suffixes"]]
    if len(words) >= 2 and east_asian_ok(words, rules):
        keys.add(words[0])
    elif len(words) >= 2:
        keys.add(words[-1])
    return keys


def _surname_hits(blocks: list[str], keys: dict[str, Hit], rules: Rules) -> list[Hit]:
    hits: list[Hit] = []
    if not keys:
        return hits
    for b, text in enumerate(blocks):
        if not any(key in text for key in keys):  # a mention ends with one of them
            continue
        for m in rules.shapes.run.finditer(text):
            words = m.group().split()
            owner = keys.get(words[-1])
            word = owner and _lone_word(words, rules)
            if word:
                start = m.end() - len(word)
                hits.append(_moved(owner, b, start, m.end(), word, "surname"))
    return hits


def _lone_word(words: list[str], rules: Rules) -> str | None:
    """The one name word of a run after words such as "Later" or "When"."""
    rest = [w for w in words[:-1] if w not in rules.sets["never"]]
    return None if rest else words[-1]


def _moved(owner: Hit, block: int, start: int, end: int, text: str, rule: str) -> Hit:
    """Another mention of ``owner``'s actor, without its title, flag or note."""
    return _with(
        owner, block=block, start=start, end=end, text=text, rule=rule, title="", flag="", note=""
    )


def _single_titled(hit: Hit, keys: dict[str, Hit]) -> Hit | None:
    """ "Minister Kim" after "Kim Yong-hyun": the person named in full."""
    single = not hit.registered and " " not in hit.text
    owner = keys.get(normal(hit.text)) if single else None
    if owner is None:
        return None if single and hit.text.isupper() else hit
    return _with(_moved(owner, hit.block, hit.start, hit.end, hit.text, hit.rule), title=hit.title)


# ------------------------------------------------------------ settling


def _gate_weak(hits: list[Hit]) -> list[Hit]:
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


def _select(hits: list[Hit]) -> list[Hit]:
    """Longest first, then by rule; a country may sit inside an organization."""
    ranked = sorted(hits, key=lambda h: (-(h.end - h.start), PRIORITY[h.rule], h.block, h.start))
    taken: dict[int, list[Hit]] = defaultdict(list)
    for hit in ranked:
        clash = [k for k in taken[hit.block] if hit.start < k.end and k.start < hit.end]
        nested = hit.kind == "country" and all(
            k.kind == "organization" and k.start <= hit.start and hit.end <= k.end for k in clash
        )
        if not clash or nested:
            taken[hit.block].append(hit)
    kept = [h for hs in taken.values() for h in hs if h.key]
    return sorted(kept, key=lambda h: (h.block, h.start))


# ------------------------------------------------------------ output


def _roles(actor: Actor, date: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(r.title for r in actor.roles if date is None or r.held_on(date)))


def _actor_ref(key: str, hits: list[Hit], ctx: Context) -> ActorRef:
    mentions = tuple(dict.fromkeys(h.text for h in hits))
    flags = tuple(dict.fromkeys(h.flag for h in hits if h.flag))
    actor = ctx.rules.knowledge.actor(key) if hits[0].registered else None
    if actor is not None:
        return ActorRef(key, actor.name, actor.kind, mentions, True, _roles(actor, ctx.date), flags)
    name = max((h.name for h in hits if h.name), key=lambda n: len(n.split()), default=hits[0].text)
    titles = tuple(dict.fromkeys(h.title for h in hits if h.title))
    return ActorRef(key, name, hits[0].kind, mentions, False, titles, flags)


def _output(doc: Document, kept: list[Hit], ctx: Context) -> Document:
    grouped: dict[str, list[Hit]] = defaultdict(list)
    for hit in kept:
        grouped[hit.key].append(hit)
    actors = tuple(_actor_ref(key, hits, ctx) for key, hits in grouped.items())
    spans = tuple(Span(h.block, h.start, h.end, "actor", h.key) for h in kept)
    notes = tuple(Note("actor", n) for n in dict.fromkeys(h.note for h in kept if h.note))
    return replace(doc, actors=actors, spans=doc.spans + spans, notes=doc.notes + notes)


# ------------------------------------------------------------ the component


def annotate(doc: Document, knowledge: Knowledge) -> Document:
    """Find the actors of ``doc``: fill ``actors``, add spans and notes."""
    rules = rules_for(knowledge)
    blocks = [block.text for block in doc.seed.blocks]
    registry = [_registry_hits(b, text, rules) for b, text in enumerate(blocks)]
    countries = frozenset(
        h.key for hs in registry for h in hs if h.kind == "country" and h.rule == "registry"
    )
    ctx = Context(rules, doc.date, countries, tuple(b.kind for b in doc.seed.blocks))
    hits = [h for hs in registry for h in hs]
    groups = [_groups(hs) for hs in registry]
    hits += _persons(blocks, registry, groups, ctx)
    hits += _organizations(blocks, groups, rules)
    return _output(doc, _select(_gate_weak(hits)), ctx)


def _groups(hits: list[Hit]) -> dict[int, Hit]:
    return {h.start: h for h in hits if h.kind in ("country", "organization")}


def _persons(blocks: list[str], registry: list[list[Hit]], groups: list[dict], ctx) -> list[Hit]:
    rules, found = ctx.rules, []
    for b, text in enumerate(blocks):
        found += _titled(b, text, rules, groups[b])
        found += _east_asian(b, text, rules)
        if ctx.kinds[b] == "paragraph":  # headlines capitalise every word
            found += _speakers(b, text, rules, groups[b])
    resolved = [_resolve(f, ctx) for f in found]
    named = [h for hs in registry for h in hs if h.kind == "person" and h.rule == "registry"]
    full = [h for h in resolved + named if h.registered or " " in h.text]
    keys = _surname_keys(full, rules)
    resolved = [h for h in (_single_titled(h, keys) for h in resolved) if h]
    return resolved + _surname_hits(blocks, keys, rules)


def _organizations(blocks: list[str], groups: list[dict[int, Hit]], rules: Rules) -> list[Hit]:
    hits, defined = [], {}
    for b, text in enumerate(blocks):
        defs = _acronym_orgs(b, text, rules)
        for hit, acr in defs:
            hits.append(hit)
            defined.setdefault(acr, hit)
        spans = [(h.start, h.end) for h, _ in defs]
        hits += [
            h
            for h in _named_orgs(b, text, rules, groups[b])
            if not any(h.start < e and s < h.end for s, e in spans)
        ]
    return _short_names(hits + _acronym_uses(blocks, defined, rules))


def _short_names(hits: list[Hit]) -> list[Hit]:
    """ "the Contact Group" after "Ukraine Defence Contact Group": the same body."""
    full = {h.text: h for h in hits if len(h.text.split()) >= 3}
    out = []
    for hit in hits:
        longer = None
        if not hit.registered and len(hit.text.split()) >= 2:
            longer = next(
                (f for t, f in full.items() if t != hit.text and t.endswith(" " + hit.text)), None
            )
        out.append(
            _with(hit, key=longer.key, name=longer.name, registered=longer.registered)
            if longer
            else hit
        )
    return out
