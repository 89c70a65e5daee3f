"""Actor rules: everything the actor annotator compiles from one Knowledge.

The registry's surface forms (names, aliases, weak aliases, blocker phrases),
the word sets the rules test words against, the patterns that find titles,
names and organizations, and the tables of offices and their holders.  All of
it is built once per knowledge digest (:func:`rules_for`) from the registry
and the lexicon lists (``actor-*``); no word is written here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ...model import Actor, Knowledge
from ..rulestore import compiled
from ..lexical import (
    ACRONYM_SKIP_LIST,
    SPACE,
    UPPER,
    Shapes,
    build_shapes,
    case_variants,
    guarded_words_pattern,
    trie_pattern,
    words_pattern,
)

__all__ = ["INITIAL_RE", "WORD_RE", "Entry", "Rules", "is_group", "prepare", "rules_for"]

WORD_RE = re.compile(r"\S+")
INITIAL_RE = re.compile(r"\w\.")
POSSESSIVE_RE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class Entry:
    """What one registry surface form names."""

    ids: tuple[str, ...]  # empty for a blocker phrase
    weak: bool
    kind: str
    local: bool = False  # names one of ``ids``: the one of the document's country


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
    org_company: re.Pattern  # capitalised words closing on a company form
    company_form: re.Pattern  # the form every ``org_company`` match holds
    org_on: re.Pattern  # the "on ..." part of a name ("Conference on Disarmament")
    acronym: re.Pattern
    upper_token: re.Pattern
    office_phrase: re.Pattern
    role_phrase: re.Pattern  # an office phrase written with a capital, case-sensitive
    offices: dict[str, tuple]
    holders: dict[str, tuple]
    person_tokens: dict[str, frozenset[str]]
    persons_by_token: dict[str, tuple[Actor, ...]]
    sets: dict[str, frozenset[str]]


def rules_for(knowledge: Knowledge) -> Rules:
    """The compiled rules for ``knowledge``, built once per knowledge (:mod:`..rulestore`)."""
    return compiled(prepare, knowledge)


def prepare(knowledge: Knowledge) -> Rules:
    """Compile ``knowledge`` into the actor recogniser's patterns and tables."""
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
        **_person_finders(knowledge, shapes),
        **_org_finders(knowledge),
        **_office_tables(knowledge),
        **_person_tables(knowledge),
    )


def _registry_forms(knowledge: Knowledge) -> dict[str, Entry]:
    """Every surface form with the actors it names.  A form that is weak for
    one actor is weak for all it names ("Congo": either Congo)."""
    owners: dict[tuple[str, bool], list[Actor]] = defaultdict(list)
    weak_forms = {form for actor in knowledge.actors for form in actor.weak_aliases}
    known = _surnames_known(knowledge)
    weak_forms -= set(known)
    for actor in knowledge.actors:
        for form in {actor.name, *actor.aliases} - weak_forms:
            owners[(form, False)].append(actor)
        for form in (f for f, owner in known.items() if owner is actor):
            owners[(form, False)].append(actor)
        for form in weak_forms.intersection({actor.name, *actor.aliases, *actor.weak_aliases}):
            owners[(form, True)].append(actor)
    forms: dict[str, Entry] = {}
    for (form, weak), actors in sorted(owners.items(), key=lambda item: item[0][1]):
        for variant in {form, form.replace("'", "’"), form.replace("’", "'")}:
            if variant not in forms:
                ids = tuple(dict.fromkeys(a.id for a in actors))
                forms[variant] = Entry(ids, weak, actors[0].kind)
    for phrase in knowledge.words("actor-blockers"):
        forms.setdefault(phrase, Entry((), False, "blocker"))
    return _local_forms(knowledge, forms)


def _surnames_known(knowledge: Knowledge) -> dict[str, Actor]:
    """The surnames that name a person alone ("Erdoğan"): the weak aliases of a
    person known by surname that no other actor shares."""
    count: dict[str, int] = defaultdict(int)
    for actor in knowledge.actors:
        for form in {*actor.weak_aliases, *actor.aliases, actor.name}:
            count[form] += 1
    return {
        form: actor
        for actor in knowledge.actors
        if actor.known_by_surname
        for form in actor.weak_aliases
        if count[form] == 1
    }


def _local_forms(knowledge: Knowledge, forms: dict[str, Entry]) -> dict[str, Entry]:
    """``forms`` with the local aliases, each naming all the actors that share it."""
    owners: dict[str, list[Actor]] = defaultdict(list)
    for actor in knowledge.actors:
        for form in actor.local_aliases:
            owners[form].append(actor)
    for form, actors in owners.items():
        entry = Entry(tuple(a.id for a in actors), False, actors[0].kind, local=True)
        for variant in {form, form.replace("'", "’"), form.replace("’", "'")}:
            forms.setdefault(variant, entry)
    return forms


def _sets(knowledge: Knowledge) -> dict[str, frozenset[str]]:
    sets = _word_sets(knowledge.words)
    # Unions the rules test words against, formed once.
    sets["lead"] = sets["never"] | sets["honorifics"]
    sets["appositive"] = sets["modifiers"] | {"the", "a", "an"}
    sets["families"] = sets["korean"] | sets["chinese"] | sets["japanese"] | sets["vietnamese"]
    sets["generic"] = sets["complements"] | sets["connectors"]
    sets["plain"] = sets["complements"] | sets["org_heads"] | sets["never"] | sets["connectors"]
    sets["suffixes_lower"] = frozenset(s.lower() for s in sets["suffixes"])
    # The first letters of a name's word (Shapes.token): a capital, or a prefix ("al-").
    prefixes = case_variants(p.capitalize() for p in knowledge.words("actor-name-prefixes"))
    sets["name_starts"] = frozenset(UPPER) | {p[:1] or "-" for p in prefixes}
    return sets


def _word_sets(words) -> dict[str, frozenset[str]]:
    """The lexicon lists as sets of words, under the names the rules use."""

    def split(name: str) -> set[str]:
        return {part for phrase in words(name) for part in phrase.split()}

    complements = split("actor-title-complements")
    title_words = split("actor-title-heads") | split("actor-title-modifiers") | complements
    sets = {
        "heads": case_variants(words("actor-title-heads")),
        "modifiers": case_variants(split("actor-title-modifiers")),
        "complements": complements,
        "title_words": title_words,
        "function": set(words("actor-function-words")),
        "never": set(words("actor-never-names") + words("actor-function-words")) | title_words,
        "org_heads": split("actor-org-heads"),
        "not_org_heads": set(words("actor-not-org-heads")),
        "places": set(words("actor-place-prepositions")),
        "articles": set(words("actor-articles")),
        "national_bodies": set(words("actor-national-bodies")),
        "party_heads": set(words("actor-party-heads")),
        "compass": set(words("actor-compass-words")),
        "honorifics": split("actor-honorifics"),
        "honorifics_in_names": set(words("actor-honorifics-in-names")),
        "suffixes": set(words("actor-name-suffixes")),
        "korean": set(words("actor-korean-surnames")),
        "chinese": set(words("actor-chinese-surnames")),
        "japanese": set(words("actor-japanese-surnames")),
        "vietnamese": set(words("actor-vietnamese-surnames")),
        "currency": set(words("actor-currency-words")),
        "collectives": set(words("actor-leader-collectives")),
        "operative": set(words("actor-operative-verbs")),
        "members": set(words("actor-member-collectives")),
        "missions": set(words("actor-mission-names")),
        "connectors": set(words("actor-org-connectors")),
        "people_leads": set(words("actor-org-people-leads")),
        "company_forms": set(words("actor-org-company-forms")),
        "date_words": {
            w for m in words("date-months") + words("date-weekdays") for w in m.split("|")
        },
        "acronym_skip": {w.lower() for w in words(ACRONYM_SKIP_LIST)},
    }
    return {name: frozenset(value) for name, value in sets.items()}


def _group_forms(forms: dict[str, Entry]) -> list[str]:
    """Surface forms of countries and organizations (strong or weak)."""
    return [f for f, e in forms.items() if e.kind in ("country", "organization") and e.ids]


def _title_patterns(knowledge: Knowledge, forms: dict[str, Entry], shapes: Shapes) -> dict:
    """A title's head word, its complements ("of Defense"), and the name after
    it or the apposition before it."""
    words = knowledge.words
    heads = words_pattern(case_variants(words("actor-title-heads")))
    head = rf"(?<![\w.’'-]){heads}(?![\w’'-])"
    complements = words_pattern(words("actor-title-complements"))
    unit = rf"(?:{complements}|{trie_pattern(_group_forms(forms))})"
    of_the = rf"{SPACE}(?:of|for){SPACE}(?:the{SPACE})?"
    joint = rf"(?:{SPACE}|,{SPACE}|{SPACE}and{SPACE}|{SPACE}&{SPACE}|{of_the})"
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


def _person_finders(knowledge: Knowledge, shapes: Shapes) -> dict:
    """Untitled names: before a speech verb, after a cue or a possessive, East Asian."""
    words = knowledge.words
    token, particle = shapes.token, words_pattern(words("actor-name-particles"))
    two = rf"(?:{token})(?:{SPACE}(?:{particle}{SPACE})*(?:{token})){{1,2}}"
    family = _family_names(words)
    surnames = guarded_words_pattern(family + tuple(w.upper() for w in family), "![\\w’'.-]")
    cues = words_pattern(words("actor-name-cues"))
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
    }


def _family_names(words) -> tuple[str, ...]:
    """The East Asian family names, in the order of their lists."""
    return (
        words("actor-korean-surnames")
        + words("actor-chinese-surnames")
        + words("actor-japanese-surnames")
        + words("actor-vietnamese-surnames")
    )


def _org_finders(knowledge: Knowledge) -> dict:
    """Organizations named by capitalised words and a head, or defined with an acronym."""
    org_heads = words_pattern(knowledge.words("actor-org-heads"))
    company = words_pattern(knowledge.words("actor-org-company-forms"))
    cap = r"[A-Z][\w.\-]*"
    # "and" inside a name ("National Search and Rescue Agency"), never before "the"
    # ("X and the Y Council"); a list of three may open it ("Meteorology, Climatology
    # and Geophysics Agency")
    joined = rf"and{SPACE}(?!the{SPACE})"
    body = (
        rf"(?<![\w’'.-])(?:{cap},{SPACE}(?={cap}{SPACE}and{SPACE}))?"
        rf"(?:{cap}{SPACE}(?:(?:of|for|on|the){SPACE}|{joined})*){{0,6}}{org_heads}(?![\w-])"
        rf"(?:,?{SPACE}{company}(?![\w-]))?"
    )
    of_part = (
        rf"{SPACE}(?:of|for){SPACE}(?:the{SPACE})?{cap}(?:['’]s)?(?:{SPACE}(?:and{SPACE})?{cap}){{0,3}}"
        rf"(?![\w-])(?!{SPACE}[A-Z])"
    )
    return {
        "org": re.compile(rf"{body}(?:{of_part}){{0,2}}"),
        "org_head": re.compile(rf"{org_heads}(?![\w-])"),
        # a company named by its capitalised words and legal form: "Sony Corp"
        "org_company": re.compile(
            rf"(?<![\w’'.-])(?:{cap}{SPACE}(?:(?:&|and){SPACE})?){{1,4}}{company}(?![\w-])"
        ),
        "company_form": re.compile(rf"(?<![\w-]){company}(?![\w-])"),
        "org_on": re.compile(
            rf"{SPACE}on{SPACE}(?P<topic>{cap}(?:{SPACE}(?:and{SPACE})?{cap}){{0,3}})(?![\w’'-])"
            rf"(?!{SPACE}(?:of|for|on){SPACE})"
        ),
        "acronym": re.compile(r"\((?P<acr>[A-Z][A-Za-z&\-]{0,10}[A-Z])\)"),
        # (?<![\w-])[A-Z][A-Z&]{1,11}(?![\w-]), the lookbehind after the first letter
        "upper_token": re.compile(r"[A-Z](?<![\w-][A-Z])[A-Z&]{1,11}(?![\w-])"),
    }


def _office_tables(knowledge: Knowledge) -> dict:
    """Offices by the phrases that name them, with the pattern finding those phrases."""
    offices: dict[str, list] = defaultdict(list)
    for office in knowledge.offices:
        for phrase in {office.title, *office.phrases}:
            offices[phrase.lower()].append(office)
    phrase = rf"(?<![\w]){words_pattern(offices)}(?![\w])" if offices else "(?!)"
    capitals = sorted(
        {p for o in knowledge.offices for p in (o.title, *o.phrases) if p[:1].isupper()}
    )
    role = guarded_words_pattern(capitals, "![\\w]") + r"(?![\w])" if capitals else "(?!)"
    return {
        "office_phrase": re.compile(phrase, re.IGNORECASE),
        "role_phrase": re.compile(role),
        "offices": {k: tuple(v) for k, v in offices.items()},
    }


def _person_tables(knowledge: Knowledge) -> dict:
    """Registered persons: the holders of each office, and the words of their names."""
    holders: dict[str, list] = defaultdict(list)
    tokens: dict[str, frozenset[str]] = {}
    by_token: dict[str, list[Actor]] = defaultdict(list)
    for actor in knowledge.actors:
        if actor.kind != "person":
            continue
        tokens[actor.id] = _name_tokens(actor)
        for word in tokens[actor.id]:
            by_token[word].append(actor)
        for role in actor.roles:
            if role.office:
                holders[role.office].append((actor, role))
    return {
        "holders": {k: tuple(v) for k, v in holders.items()},
        "person_tokens": tokens,
        "persons_by_token": {k: tuple(v) for k, v in by_token.items()},
    }


def _name_tokens(actor: Actor) -> frozenset[str]:
    """The words of a person's name and aliases, in lower case."""
    return frozenset(
        w.lower().strip(".,")
        for f in (actor.name, *actor.aliases, *actor.weak_aliases)
        for w in f.split()
    )


def is_group(rules: Rules, form: str, strong: bool = False) -> bool:
    """True when ``form`` names a country or organization in the registry."""
    entry = rules.forms.get(POSSESSIVE_RE.sub("", form))
    ok = bool(entry and entry.ids and entry.kind in ("country", "organization"))
    return ok and not (strong and entry.weak)


# The lexicon lists this package reads (checked when the knowledge is loaded).
LISTS = (
    "actor-articles",
    "actor-blockers",
    "actor-chinese-surnames",
    "actor-compass-words",
    "actor-currency-words",
    "actor-determiners",
    "actor-function-words",
    "actor-honorifics",
    "actor-honorifics-in-names",
    "actor-japanese-surnames",
    "actor-korean-codas",
    "actor-korean-onsets",
    "actor-korean-surnames",
    "actor-korean-vowels",
    "actor-leader-collectives",
    "actor-member-collectives",
    "actor-mission-names",
    "actor-name-contractions",
    "actor-national-bodies",
    "actor-name-cues",
    "actor-name-particles",
    "actor-name-prefixes",
    "actor-name-suffixes",
    "actor-name-verbs",
    "actor-never-names",
    "actor-not-org-heads",
    "actor-operative-verbs",
    "actor-party-heads",
    "actor-org-company-forms",
    "actor-org-connectors",
    "actor-org-heads",
    "actor-org-people-leads",
    "actor-person-relatives",
    "actor-pinyin-codas",
    "actor-pinyin-onsets",
    "actor-pinyin-vowels",
    "actor-place-prepositions",
    "actor-post-nominals",
    "actor-role-nouns",
    "actor-romaji-codas",
    "actor-romaji-onsets",
    "actor-romaji-vowels",
    "actor-speech-verbs",
    "actor-surname-courtesies",
    "actor-title-complements",
    "actor-title-heads",
    "actor-title-modifiers",
    "actor-verb-auxiliaries",
    "actor-vietnamese-surnames",
)
