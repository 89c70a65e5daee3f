"""Actor names: the span of a person's name, and names found without a title.

:func:`clean_name` trims a candidate name to the words that are its name.
Untitled names are found by their surroundings ("X Y said", "Brazil's X Y",
"led by X Y") or by their East Asian shape ("Kim Yong-hyun", "Fumio
Kishida").  Titled names are in :mod:`.actor_titles`.
"""

from __future__ import annotations

import re

from .records import Found, Hit
from .rules import INITIAL_RE, WORD_RE, Rules, is_group
from ..lexical import normal

__all__ = [
    "clean_name",
    "east_asian_names",
    "east_asian_ok",
    "headline_verbs",
    "never_name",
    "plain_name_ok",
    "speaker_names",
]


_VERBS: dict[int, tuple[Rules, frozenset[str]]] = {}


def headline_verbs(rules: Rules) -> frozenset[str]:
    """Verbs in the present, capitalised, that end a name in a Title Case
    headline: "Minister Tavita Lemalu Meets ...", "... Says"."""
    cached = _VERBS.get(id(rules))
    if cached is None or cached[0] is not rules:
        words = rules.knowledge.words("actor-speech-verbs") + rules.knowledge.words(
            "actor-name-verbs"
        )
        verbs = frozenset(w.capitalize() for w in words if w.endswith("s") and " " not in w)
        if len(_VERBS) >= 8:
            _VERBS.pop(next(iter(_VERBS)))
        cached = _VERBS[id(rules)] = (rules, verbs)
    return cached[1]


def never_name(word: str, rules: Rules) -> bool:
    """True when ``word`` is never part of a name: a word so listed, title
    words joined by hyphens ("Vice-President", "Ambassador-at-Large"), or a
    title in the plural ("Presidents", "Vice-Presidents")."""
    never = rules.sets["never"]
    if word in never:
        return True
    titles = rules.sets["title_words"]
    parts = (word[:-1] if word.endswith("s") else word).split("-")
    if len(parts) > 1 and parts[0] in rules.sets["heads"]:  # "Ambassador-at-Large"
        return any(p in titles or p.islower() for p in parts[1:])
    return all(p in titles for p in parts) and (len(parts) > 1 or parts[0] != word)


def clean_name(text, start, end, rules, groups, strip=False) -> tuple[int, int] | None:
    """The name's span without leading courtesy words (when ``strip``) and
    without trailing title words, dates or initials."""
    tokens = list(WORD_RE.finditer(text, start, end))
    if strip:
        tokens = _without_courtesy(tokens, rules)
    words = [normal(t.group().rstrip(",")) for t in tokens]
    if not words or (never_name(words[0], rules) and not east_asian_ok(words[:3], rules)):
        return None
    kept = _without_tail(_name_run(tokens, words, rules, groups))
    if not kept or kept[0].group()[:1].islower():
        return None
    return kept[0].start(), _name_end(text, kept[-1], rules)


def _without_courtesy(tokens: list[re.Match], rules: Rules) -> list[re.Match]:
    """``tokens`` without the courtesy words ("Mr", "Dr") they start with."""
    lead = rules.sets["lead"]
    while tokens and normal(tokens[0].group()) in lead:
        tokens.pop(0)
    return tokens


def _name_run(tokens, words, rules: Rules, groups: dict[int, Hit]) -> list[re.Match]:
    """The tokens up to a word that is never a name, or a country or organization."""
    kept: list[re.Match] = []
    verbs = headline_verbs(rules)
    for tok, word in zip(tokens, words):
        if kept and (never_name(word, rules) or (len(kept) >= 2 and word in verbs)):
            break
        group = groups.get(tok.start())
        if group and (kept or len(tokens) == 1 or group.end > tok.end()):
            break
        kept.append(tok)
    return kept


def _without_tail(kept: list[re.Match]) -> list[re.Match]:
    """``kept`` without the lower-case words and initials it ends with."""
    while kept and (
        kept[-1].group().isalpha()
        and kept[-1].group().islower()
        or INITIAL_RE.fullmatch(kept[-1].group())
    ):
        kept.pop()
    return kept


def _name_end(text: str, last: re.Match, rules: Rules) -> int:
    """Where the name ends: before a trailing comma, after a suffix's dot ("Jr.")."""
    end = last.end() - last.group().endswith(",")
    if text[end : end + 1] == "." and last.group() + "." in rules.sets["suffixes"]:
        end += 1
    return end


def plain_name_ok(words: list[str], rules: Rules) -> bool:
    heads, forms = rules.sets["org_heads"], rules.sets["company_forms"]
    return all(
        not never_name(w, rules)
        and w not in heads
        and w not in forms  # "Sony Corp said": a company
        and not is_group(rules, w, strong=True)
        for w in words
    ) and not is_group(rules, " ".join(words))


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


def after_article(text: str, start: int, rules: Rules) -> bool:
    """True when an article stands right before ``start`` ("the Rajya Sabha"):
    a person's name takes none."""
    before = text[max(0, start - 5) : start].split()
    return (
        bool(before) and text[start - 1 : start].isspace() and before[-1] in rules.sets["articles"]
    )


def speaker_names(block: int, text: str, rules: Rules, groups: dict[int, Hit]) -> list[Found]:
    """Untitled names: "X Y said", "Brazil's X Y", "led by X Y"."""
    found = []
    for rule, start, end in _speaker_spans(text, rules, groups):
        span = clean_name(text, start, end, rules, groups, strip=True)
        if span and after_article(text, span[0], rules):
            continue  # "the Biju Janata Dal said": a body's name
        words = text[span[0] : span[1]].split() if span else []
        if len(words) >= 2 and plain_name_ok([w for w in words if w[:1].isupper()], rules):
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


def east_asian_names(block: int, text: str, rules: Rules) -> list[Found]:
    """Names of East Asian shape: "Kim Yong-hyun", and "Fumio Kishida" given name first."""
    return _family_first(block, text, rules) + _given_first(block, text, rules)


def _family_first(block: int, text: str, rules: Rules) -> list[Found]:
    found = []
    for m in rules.east_asian.finditer(text):
        words = m.group().split()
        for n in (len(words), len(words) - 1):
            if n >= 2 and east_asian_ok(words[:n], rules) and plain_name_ok(words[1:n], rules):
                end = m.start() + len(" ".join(words[:n]))
                found.append(Found(block, m.start(), end, text[m.start() : end], "east-asian"))
                break
    return found


def _given_first(block: int, text: str, rules: Rules) -> list[Found]:
    found = []
    for m in rules.given_first.finditer(text):
        before = text[max(0, m.start() - 30) : m.start()].split()
        given = before[-1] if before else ""
        shaped = re.fullmatch(rules.shapes.token, given) and rules.shapes.is_romaji(given)
        if shaped and plain_name_ok([given], rules):
            start = m.start() - 1 - len(given)
            found.append(Found(block, start, m.end(), text[start : m.end()], "east-asian"))
    return found
