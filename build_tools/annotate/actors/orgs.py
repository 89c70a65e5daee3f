"""Actor organizations: bodies the registry does not know.

An organization is defined with an acronym ("... Monitoring Team (MSMT)"),
after which the acronym alone refers to it, or named by a run of capitalised
words ending in a word such as "Council".  A shorter name that ends a longer
one ("the Contact Group" after "Ukraine Defence Contact Group"), or that the
text gives in parentheses after it ("Kanbawza Group of Companies (Kanbawza
Group)"), is the same body.

A name keeps its qualifiers (an ordinal, "the 33rd Light Infantry Division";
an "on ..." part, "Commission on Kashmir Affairs"; a company form, "Company
Limited") and loses what is no part of it: a participle opening a sentence
("Welcoming Council decisions"), persons "of" a body ("Members of the
Assembly").  A possessive parts two bodies: "the Department of Commerce's
Bureau of Industry and Security".
"""

from __future__ import annotations

import re

from .recognise import RARE, zipf
from .records import Hit, copy_with, slug
from .rules import WORD_RE, Rules, is_group
from ..lexical import acronym_start

__all__ = ["organizations"]

QUOTES = "‘’“”\"'"
POSSESSIVE_RE = re.compile(r"['’]s(?=[ \u00a0])")
SHORT_FORM_RE = re.compile(r"[ \u00a0]?\((?P<short>[A-Z][^()]{1,60}?)\)")
SENTENCE_ENDS = (".", ";", ":", "!", "?")
# "he " and capitals, the "T" or "t" before checked apart: a literal start scans fast.
SPEAKING_ACRONYM_RE = re.compile(r"he[ \u00a0]([A-Z]{2,6}(?:-[A-Z]{1,2})?)(?![\w’'-])")
# A word opening a sentence (or following a dateline's dash) just before a speech verb:
# "Likud", "Hapag-Lloyd", "MetService".
SPEAKING_NAME_RE = re.compile(
    r"(?:^|[.!?][\"”’]?[ \u00a0]|[—–][ \u00a0])([A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z][a-z]+[A-Z][a-z]+)$"
)
_NAME = r"([A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z][a-z]+[A-Z][a-z]+)"
# The same word after a country's possessive: "Germany's Hapag-Lloyd said".
OWNED_NAME_RE = re.compile(r"['’]s[ \u00a0]" + _NAME + "$")
# The same word opening a sentence, with a description of it before the speech verb:
# "ByteDance, the owner of TikTok, said"; "Tencent, which runs WeChat, said" (a
# person is described with "who").
DESCRIBED_NAME_RE = re.compile(
    r"(?:^|[.!?][\"”’]?[ \u00a0]|[—–][ \u00a0])"
    + _NAME
    + r",[ \u00a0](?:the|a|an|which)[ \u00a0][^,.;:!?\"“”()]{1,80}$"
)
OWNER_RE = re.compile(r"['’]s[ \u00a0]+$")  # "Germany's " before a name
NEXT_CAPITAL_RE = re.compile(r"[ \u00a0]+(?!(?:The|A|An|In|On|At)\b)[A-Z]")
PREV_CAPITAL_RE = re.compile(r"[A-Z][\w.'’-]*[ \u00a0]+$")
SENTENCE_OPEN_RE = re.compile(
    r"(?:^|[.!?][\"”’]?[ \u00a0]+|[—–][ \u00a0]+)(?:The|A|An)?[ \u00a0]*$"
)
# A whole word opening with a capital, as the names above are written: "Likud",
# "Hapag-Lloyd", not the "Likud" of "Likud's" or "pro-Likud".
CAPITALISED_WORD_RE = re.compile(r"(?<![\w'’-])[A-Z][\w-]*(?![\w'’-])")
ORDINAL_RE = re.compile(r"(?<![\w-])\d{1,4}(?:st|nd|rd|th)[ \u00a0]$")


def organizations(
    blocks: list[str], groups: list[dict[int, Hit]], rules: Rules, persons: list[Hit] = ()
) -> list[Hit]:
    """Every organization the registry does not name, defined or named in ``blocks``."""
    hits, defined = [], {}
    for b, text in enumerate(blocks):
        defs = _acronym_orgs(b, text, rules)
        for hit, acr in defs:
            hits.append(hit)
            defined.setdefault(acr, hit)
        spans = [(h.start, h.end) for h, _ in defs]
        named = [
            h
            for h in _named_orgs(b, text, rules, groups[b])
            if not any(h.start < e and s < h.end for s, e in spans)
        ]
        hits += named
        for hit, short in _short_forms(text, named, rules):
            defined.setdefault(short, hit)
        for hit, acr in _speaking_acronyms(b, text, rules, defined):
            hits.append(hit)
            defined[acr] = hit
    hits += _acronym_uses(blocks, defined, rules)
    hits += _speaking_names(blocks, groups, rules, persons, hits)
    return _short_names(hits + _short_form_uses(blocks, defined))


def _speaking_names(
    blocks: list[str], groups: list[dict[int, Hit]], rules: Rules, persons, found: list[Hit]
) -> list[Hit]:
    """ "Likud said", "Hapag-Lloyd said": one rare capitalised word opening a sentence
    before a speech verb, that no one holds and that the document never writes
    beside another capitalised word (as a person's name is: "Mr X", "Y X"),
    names a body; every mention of it does."""
    taken = {w for h in (*persons, *found) for w in h.text.split()}
    names: set[str] = set()
    for b, text in enumerate(blocks):
        for m in rules.speech.finditer(text):
            word = _speaking_word(text, m.start(), groups[b], taken)
            if not word:
                continue
            name = word.group(1)
            if name in taken or name in rules.forms or name in rules.sets["never"]:
                continue
            if zipf(name) >= RARE:
                continue  # "Witnesses said", "Analysts said": common words, no name
            if any(h.start <= word.start(1) < h.end for h in groups[b].values()):
                continue
            names.add(name)
    if not names:
        return []
    # every mention of every name, in one pass over the text (not one per name)
    uses: dict[str, list[Hit] | None] = {name: [] for name in names}
    for b, text in enumerate(blocks):
        for m in CAPITALISED_WORD_RE.finditer(text):
            name = m.group()
            if uses.get(name) is None:
                continue  # no name, or one already taken for a person's
            before = text[max(0, m.start() - 30) : m.start()]
            after = text[m.end() : m.end() + 30]
            owner = OWNER_RE.search(before)
            owned = owner and _country_at(groups[b], m.start() - len(owner.group()))
            if NEXT_CAPITAL_RE.match(after) or (
                PREV_CAPITAL_RE.search(before) and not SENTENCE_OPEN_RE.search(before) and not owned
            ):
                uses[name] = None  # "Mr X", "Y X", "X Y": maybe a person's name
                continue
            uses[name].append(_org_hit(b, m.start(), m.end(), name, "org", rules))
    return [hit for name in sorted(names) for hit in uses[name] or ()]


def _speaking_word(text: str, verb: int, countries: dict[int, Hit], taken: set[str]):
    """The match of the one capitalised word that speaks at ``verb``: opening the
    sentence just before it, after a country's possessive, or opening the sentence
    with a description of it between."""
    if text[verb : verb + 1] == ",":  # the speech verb's match opens with the comma
        return DESCRIBED_NAME_RE.search(text, max(0, verb - 120), verb)
    last = text.rfind(" ", 0, verb) + 1
    if not text[last : last + 1].isupper() or text[last:verb] in taken:
        return None  # the word before is no capitalised name, or a person's
    word = SPEAKING_NAME_RE.search(text, max(0, last - 4), verb)
    if word:
        return word
    owned = OWNED_NAME_RE.search(text, max(0, last - 3), verb)
    return owned if owned and _country_at(countries, owned.start()) else None


def _country_at(hits: dict[int, Hit], end: int) -> bool:
    """Whether a country's name ends at ``end`` ("Germany" of "Germany's")."""
    return any(h.end == end and h.kind == "country" for h in hits.values())


def _speaking_acronyms(b: int, text: str, rules: Rules, defined: dict[str, Hit]):
    """ "The PTI said": an acronym no one holds, after "the" and before a
    speech verb, names a body (a person takes no article, a country is known)."""
    for m in SPEAKING_ACRONYM_RE.finditer(text):
        at = m.start()
        if at < 1 or text[at - 1] not in "Tt" or (at > 1 and (text[at - 2].isalnum())):
            continue
        acr = m.group(1)
        if acr in defined or acr in rules.forms or not rules.speech.match(text, m.end(1)):
            continue
        yield _org_hit(b, m.start(1), m.end(1), acr, "acronym", rules), acr


def _short_forms(text: str, hits: list[Hit], rules: Rules) -> list[tuple[Hit, str]]:
    """Shorter forms a text gives in parentheses after an organization's name:
    "Kanbawza Group of Companies (Kanbawza Group)" → (hit, "Kanbawza Group"); an
    acronym of the name in its own language too, which does not start with the
    name's first letter ("Meteorology, Climatology and Geophysics Agency (BMKG)")."""
    found = []
    for hit in hits:
        m = SHORT_FORM_RE.match(text, hit.end)
        if not m:
            continue
        short = m.group("short")
        if _is_short_form(short.split(), hit.text.split()) or (
            2 <= len(short) <= 6
            and short.isalpha()
            and short.isupper()
            and short[0] != hit.text[:1]  # "(BC)" after "Baltic Fisheries Council": a slip
            and short not in rules.forms
        ):
            found.append((hit, short))
    return found


def _is_short_form(short: list[str], full: list[str]) -> bool:
    """True when ``short`` is ``full`` with words left out, its first word kept."""
    if not 1 <= len(short) < len(full) or short[0] != full[0]:
        return False
    rest = iter(full)
    return all(word in rest for word in short)


def _short_form_uses(blocks: list[str], defined: dict[str, Hit]) -> list[Hit]:
    """Mentions of the shorter forms of names ``defined`` (not acronyms) as their organizations."""
    names = sorted((f for f in defined if " " in f or not f.isupper()), key=len, reverse=True)
    if not names:
        return []
    pattern = re.compile(rf"(?<![\w’'-])(?:{'|'.join(map(re.escape, names))})(?![\w-])")
    return [
        copy_with(
            defined[m.group()],
            block=b,
            start=m.start(),
            end=m.end(),
            text=m.group(),
            rule="acronym",
        )
        for b, text in enumerate(blocks)
        for m in pattern.finditer(text)
    ]


def _acronym_orgs(block: int, text: str, rules: Rules) -> list[tuple[Hit, str]]:
    """Organizations defined in the text: "Long Name (ACR)" → (hit, acronym)."""
    found = []
    for m in rules.acronym.finditer(text):
        acr = m.group("acr")
        words = None if acr in rules.forms else _long_form(text, m.start(), acr, rules)
        if words:
            start, end = words[0][0], words[-1][1]
            found.append((_org_hit(block, start, end, text[start:end], "acronym", rules), acr))
    return found


def _long_form(text: str, end: int, acr: str, rules: Rules) -> list[tuple[int, int, str]] | None:
    """The words before ``end`` that ``acr`` abbreviates, when they name an organization."""
    words = _words_before(text, end, len(acr) + 5)
    skip = rules.sets["acronym_skip"]
    first = acronym_start(acr, [w[2] for w in words], skip, any_order=True)
    if first is None:
        return None
    words = words[first:]
    while words and words[0][2] in rules.sets["function"]:
        words.pop(0)
    names = [w[2] for w in words]
    if len(names) < 2:
        return None
    caps = all(w[:1].isupper() or w in rules.sets["connectors"] for w in names)
    heads = any(w in rules.sets["org_heads"] for w in names)
    if caps and heads and names[-1] not in rules.sets["not_org_heads"]:
        return words
    return None


def _words_before(text: str, end: int, count: int) -> list[tuple[int, int, str]]:
    """The last ``count`` words before ``end``, without quotes: (start, end, word)."""
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
    """Later mentions of the ``defined`` acronyms, as their organizations."""
    hits: list[Hit] = []
    if not defined:
        return hits
    for b, text in enumerate(blocks):
        if not any(acronym in text for acronym in defined):
            continue
        for m in rules.upper_token.finditer(text):
            owner = defined.get(m.group())
            if owner:
                hits.append(copy_with(owner, block=b, start=m.start(), end=m.end(), text=m.group()))
    return hits


def _named_orgs(block: int, text: str, rules: Rules, groups: dict[int, Hit]) -> list[Hit]:
    """Organizations named by capitalised words and a head ("Security Council")."""
    hits: list[Hit] = []
    for finder, head in ((rules.org, rules.org_head), (rules.org_company, rules.company_form)):
        if not head.search(text):
            continue
        for m in finder.finditer(text):
            first = m.start()
            comma = text.find(",", first, m.end())
            if comma != -1 and " and " not in text[comma : m.end()]:
                first = comma + 2  # "Defence, Navy": a list, no name of three
            for start, end in _possessive_parts(text, first, m.end(), rules):
                hit = _named_org(block, text, start, end, rules, groups)
                if hit:
                    hits.append(hit)
    return hits


def _possessive_parts(text: str, start: int, end: int, rules: Rules) -> list[tuple[int, int]]:
    """ "Department of Commerce's Bureau of Industry": two bodies, the one the
    other belongs to and the other, each without the possessive; not where the
    possessive is inside a registered name ("People's Republic of China")."""
    parts = []
    for m in POSSESSIVE_RE.finditer(text, start, end):
        word = text.rfind(" ", start, m.start()) + 1 or start
        if not rules.registry.match(text, max(word, start)):
            parts.append((start, m.start()))
            start = m.end()
    return parts + [(start, end)]


def _named_org(
    block: int, text: str, start: int, end: int, rules: Rules, groups: dict[int, Hit]
) -> Hit | None:
    """The organization named by the words of ``text[start:end]``, if they name one."""
    words = _org_words(list(WORD_RE.finditer(text, start, end)), rules, groups)
    if not words:
        return None
    if _covered(groups, words[-1].start(), words[-1].end()):
        words = _national_body(text, words, rules, groups)
        if not words:
            return None
        end = words[-1].end()
        return _org_hit(block, words[0].start(), end, text[words[0].start() : end], "org", rules)
    last = words[-1].group()
    kept = is_group(rules, last) or last in rules.sets["company_forms"]  # "Ltd."
    end = words[-1].end() - (last.endswith(".") and not kept)
    end = _on_part_end(text, end, rules)
    names = [w.group().rstrip(".") for w in words] + text[words[-1].end() : end].split()
    if not _org_name_ok(names, rules, closed=not re.match(r"\s[A-Z]", text[end : end + 2])):
        owner = _country_owner(text, words[0].start(), groups)
        if owner is None or len(names) < 2:
            return None  # "the Foreign Ministry": whose, the text does not say
        return _org_hit(block, owner, end, text[owner:end], "org", rules)
    start = _ordinal_start(text, words[0].start())
    return _org_hit(block, start, end, text[start:end], "org", rules)


def _national_body(
    text: str, words: list[re.Match], rules: Rules, groups: dict[int, Hit]
) -> list[re.Match]:
    """ "the Indonesian Red Cross": a body every country has one of, after its
    country's name or adjective, is that country's own (the words from the
    country on), never the international body nor the country; else nothing."""
    body = next(
        (
            h
            for s, h in groups.items()
            if s <= words[-1].start() < h.end and h.kind == "organization"
        ),
        None,
    )
    if body is None or text[body.start : body.end] not in rules.sets["national_bodies"]:
        return []
    before = [w for w in words if w.end() <= body.start]
    country = groups.get(before[-1].start()) if before else None
    if country is None or country.kind != "country" or country.end != before[-1].end():
        return []
    return [w for w in words if w.start() >= country.start]


def _country_owner(text: str, start: int, groups: dict[int, Hit]) -> int | None:
    """Where the country starts whose possessive stands right before ``start``
    ("Pakistan's Foreign Office": a body the country's name makes one)."""
    if text[start - 3 : start] not in ("'s ", "’s "):
        return None
    return next((s for s, h in groups.items() if h.kind == "country" and h.end == start - 3), None)


def _ordinal_start(text: str, start: int) -> int:
    """Where a name starts that an ordinal opens: "the 33rd Light Infantry Division"."""
    m = ORDINAL_RE.search(text, max(0, start - 12), start)
    return m.start() if m else start


def _on_part_end(text: str, end: int, rules: Rules) -> int:
    """The end of a name with its "on ..." part: "Independent Commission on Kashmir
    Affairs", "Conference on Disarmament"; not "the Council on Monday", nor "the
    Council on Ukraine" (what it discussed)."""
    m = rules.org_on.match(text, end)
    if not m:
        return end
    words = [w.rstrip(".") for w in m.group("topic").split()]
    dates = rules.sets["date_words"]
    if any(w in dates for w in words) or (len(words) == 1 and is_group(rules, words[0])):
        return end
    return m.end() - m.group("topic").endswith(".")


def _org_words(words: list[re.Match], rules: Rules, groups: dict[int, Hit]) -> list[re.Match]:
    """Trim an organization's words: no leading "The", no earlier sentence, and
    no "of ..." part that names another organization."""
    words = _without_lead(words, rules)
    stops = [
        i
        for i, w in enumerate(words[:-1])
        if w.group().endswith(".") and len(w.group()) > 4 and not is_group(rules, w.group())
    ]
    words = words[stops[-1] + 1 :] if stops else words
    heads, plain, function = rules.sets["org_heads"], rules.sets["plain"], rules.sets["function"]
    for i, word in enumerate(words):
        if word.group() in ("of", "for") and i + 1 < len(words):
            j = i + 2 if words[i + 1].group() == "the" and i + 2 < len(words) else i + 1
            other = groups.get(words[j].start())
            if other and other.kind == "organization":
                return words[:i]
            if (
                j == i + 2
                and 2 <= i <= 3
                and not any(
                    w.group() in plain
                    or w.group().lower() in function
                    or is_group(rules, w.group())
                    for w in words[:i]
                )
                and any(w.group() in heads for w in words[j:])
            ):
                return words[j:]  # "Peter Obi of the Labour Party": the party only
        if word.group() == "and" and i + 1 < len(words) and groups.get(words[i + 1].start()):
            return words[:i]  # "Council of Europe and European Union": two bodies
        if word.group() == "and" and i + 1 < len(words):
            if words[i + 1].group() in rules.sets["heads"]:
                return words[:i]  # "Alexei Overchuk and Director-General X": no one name
    return words


def _without_lead(words: list[re.Match], rules: Rules) -> list[re.Match]:
    """``words`` without what may open them but is no part of a name: "The",
    an operative verb ("Requests ..."), a participle opening a sentence
    ("Welcoming ..."), persons "of" a body ("Members of the ..."), a title and
    its "of" ("Director General of the ...")."""
    sets = rules.sets
    skip = sets["function"] | sets["operative"] | sets["connectors"]
    while words:
        if words[0].group() in skip or _participle(words[0]):
            words = words[1:]
            continue
        if words[0].group() in sets["people_leads"] and words[1:2]:
            if words[1].group() in ("of", "for"):  # "Members of the Assembly"
                words = words[2:]
                continue
        head = rules.head.match(words[0].string, words[0].start())
        rest = [w for w in words if w.start() >= head.end()] if head else []
        if not rest or rest[0].group() not in ("of", "for"):
            break
        words = rest[1:]
    return words


def _participle(word: re.Match) -> bool:
    """True for a participle opening a sentence: "Welcoming Council decisions"."""
    before = word.string[: word.start()].rstrip()
    return (
        word.group().endswith("ing")
        and len(word.group()) > 5
        and (not before or before.endswith(SENTENCE_ENDS))
    )


def _org_name_ok(words: list[str], rules: Rules, closed: bool = False) -> bool:
    """True when ``words`` name a body; a party's name ("Labour Party") only
    when it is ``closed`` (no capitalised word goes on: "New Party Sakigake")."""
    sets = rules.sets
    if len(words) < 2 or words[-1] in sets["not_org_heads"]:
        return False
    if _of_members(words, rules) or " ".join(words[-2:]) in sets["missions"]:
        return False
    generic = sets["generic"]
    # the head first, or after one word ("General Confederation of Labour"), then "of"
    at = next((i for i, w in enumerate(words[:2]) if w in sets["org_heads"]), -1)
    lead = at >= 0 and words[at + 1 : at + 2] in (["of"], ["for"]) and len(words) >= at + 3
    if lead and all(w in generic or is_group(rules, w) for w in words[at + 2 :]):
        return True
    plain = sets["plain"]
    if (
        len(words) >= 4
        and "and" in words[1:-2]
        and words[0][:1].isupper()
        and not any(w in sets["heads"] for w in words)
    ):
        return True  # "National Security and Defence Council": its words join in one name
    if closed and words[-1] in sets["party_heads"] and words[-2][:1].isupper():
        return True  # "Labour Party", "Green Party": a party's name is its own
    return any(w not in plain or is_group(rules, w) for w in words)


def _of_members(words: list[str], rules: Rules) -> bool:
    """True for "Government of the Member States" and the like: many bodies, not one."""
    if "of" not in words:
        return False
    rest = words[len(words) - words[::-1].index("of") :]
    return " ".join(rest[1:] if rest[:1] == ["the"] else rest) in rules.sets["members"]


def _covered(groups: dict[int, Hit], start: int, end: int) -> bool:
    return any(s <= start and end <= h.end for s, h in groups.items() if h.kind == "organization")


def _org_hit(block: int, start: int, end: int, name: str, rule: str, rules: Rules) -> Hit:
    entry = rules.forms.get(name)
    if entry and entry.ids and not entry.weak:
        return Hit(block, start, end, name, entry.ids[0], rule, entry.kind)
    return Hit(block, start, end, name, slug(name), rule, "organization", name, "", False)


def _short_names(hits: list[Hit]) -> list[Hit]:
    """ "the Contact Group" after "Ukraine Defence Contact Group": the same body."""
    full = {h.text: h for h in hits if len(h.text.split()) >= 3}
    out = []
    for hit in hits:
        longer = _longer_name(hit, full)
        out.append(
            copy_with(hit, key=longer.key, name=longer.name, registered=longer.registered)
            if longer
            else hit
        )
    return out


def _longer_name(hit: Hit, full: dict[str, Hit]) -> Hit | None:
    """The first of the ``full`` names that ends with an unregistered ``hit``'s words."""
    if hit.registered or len(hit.text.split()) < 2:
        return None
    return next((f for t, f in full.items() if t != hit.text and t.endswith(" " + hit.text)), None)
