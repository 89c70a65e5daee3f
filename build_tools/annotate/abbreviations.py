"""Annotator component: abbreviations.

A document may define an abbreviation itself, either as "Long Form (LF)" or as
"LF (Long Form)".  A definition counts only when it is plausible: the long form
starts with the abbreviation's first letter, every word of it gives the next
letter of the abbreviation (letters from inside a word, such as the C of
"Intercontinental" in ICBM, may follow its first one), and only the small words
of the lexicon list ``abbreviation-skip-words`` may give none.  So "(local time)"
or "(2+2)" never define anything.

Every abbreviation the document defines and every glossary abbreviation is then
looked for in the text, case-sensitively and as a whole word (a plural -s may
follow), and each occurrence becomes a ``Span(kind="abbreviation")``.  The
document's own definitions win over the glossary's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache, lru_cache
from typing import NamedTuple

from ..model import Abbreviation, Document, GlossaryEntry, Knowledge, Span

__all__ = ["annotate", "definitions", "plausible"]

SKIP_LIST = "abbreviation-skip-words"
MAX_LETTERS = 12
QUOTES = "\"'‘’“”«»"

PAREN_RE = re.compile(r"\(\s*([^()]{1,160}?)\s*\)")
ACRONYM_RE = re.compile(r"[A-Z][A-Za-z0-9&/+.\-]*[A-Za-z0-9]")
WORD_RE = re.compile(r"\S+")
LAST_WORD_RE = re.compile(r"(\S+)\s*$")
CLAUSE_END = (",", ";", ":", "!", "?")


class Definition(NamedTuple):
    abbr: str
    expansion: str
    block: int
    start: int


# --------------------------------------------------------------- plausibility


def _letters(abbr: str) -> str:
    """The letters an abbreviation spells, lower-cased; a plural -s is dropped."""
    if len(abbr) > 2 and abbr.endswith("s") and abbr[-2].isupper():
        abbr = abbr[:-1]
    return "".join(c for c in abbr.lower() if c.isalnum())


def _is_acronym(text: str) -> bool:
    if not ACRONYM_RE.fullmatch(text) or len(_letters(text)) > MAX_LETTERS:
        return False
    return sum(c.isupper() for c in text) >= 2


def plausible(abbr: str, words: list[str], skip: frozenset[str]) -> bool:
    """True when ``words`` (a long form) can spell ``abbr`` by the initials rule."""
    letters = _letters(abbr)
    cores = [_core(w).lower() for w in words]
    if len(cores) < 2 or not letters or not all(cores) or cores[0] in skip:
        return False
    return _spells(letters, tuple(cores), skip)


def _spells(letters: str, words: tuple[str, ...], skip: frozenset[str]) -> bool:
    @cache
    def word_from(i: int, j: int) -> bool:
        # letters[i:] from words[j:], word j not started yet
        if j == len(words):
            return i == len(letters)
        if words[j] in skip and word_from(i, j + 1):
            return True
        return i < len(letters) and words[j][0] == letters[i] and inside(i + 1, j, 1)

    @cache
    def inside(i: int, j: int, p: int) -> bool:
        # word j has given letters up to position p; it may give more, or end here
        if word_from(i, j + 1):
            return True
        if i == len(letters):
            return False
        k = words[j].find(letters[i], p)
        while k != -1:
            if inside(i + 1, j, k + 1):
                return True
            k = words[j].find(letters[i], k + 1)
        return False

    return word_from(0, 0)


def _core(word: str) -> str:
    """A word without surrounding quotes and punctuation."""
    return word.strip(QUOTES + ".,;:!?")


# ---------------------------------------------------------------- definitions


def _window(before: str, limit: int) -> list[re.Match]:
    """The last words before a parenthesis, not reaching back past a clause end."""
    words = list(WORD_RE.finditer(before))[-limit:]
    for n in range(len(words) - 2, -1, -1):
        if words[n].group().rstrip(QUOTES).endswith(CLAUSE_END):
            return words[n + 1 :]
    return words


def _long_form_before(text: str, start: int, abbr: str, skip: frozenset[str]) -> str | None:
    """The shortest plausible long form ending just before ``start``."""
    letters = _letters(abbr)
    window = _window(text[:start], 2 * len(letters) + 2)
    for k in range(2, len(window) + 1):
        chosen = window[-k:]
        if plausible(abbr, [m.group() for m in chosen], skip):
            first, last = chosen[0], chosen[-1]
            lead = len(first.group()) - len(first.group().lstrip(QUOTES))
            trail = len(last.group()) - len(_core_right(last.group()))
            return text[first.start() + lead : last.end() - trail]
    return None


def _core_right(word: str) -> str:
    return word.rstrip(QUOTES + ".,;:!?")


def _in_block(text: str, block: int, skip: frozenset[str]) -> Iterator[Definition]:
    for paren in PAREN_RE.finditer(text):
        inner = _core(paren.group(1))
        if _is_acronym(inner):
            expansion = _long_form_before(text, paren.start(), inner, skip)
            if expansion:
                yield Definition(_singular(inner), expansion, block, paren.start(1))
            continue
        last = LAST_WORD_RE.search(text[: paren.start()])
        abbr = _core(last.group(1)) if last else ""
        if abbr and _is_acronym(abbr) and plausible(abbr, inner.split(), skip):
            yield Definition(_singular(abbr), inner, block, last.start(1))


def _singular(abbr: str) -> str:
    if len(abbr) > 2 and abbr.endswith("s") and abbr[-2].isupper():
        return abbr[:-1]
    return abbr


def definitions(doc: Document, knowledge: Knowledge) -> list[Definition]:
    """The abbreviations the document defines, first definition of each."""
    skip = frozenset(w.lower() for w in knowledge.words(SKIP_LIST))
    found: dict[str, Definition] = {}
    for b, block in enumerate(doc.seed.blocks):
        for definition in _in_block(block.text, b, skip):
            found.setdefault(definition.abbr, definition)
    return list(found.values())


# ---------------------------------------------------------------- occurrences


@lru_cache(maxsize=64)
def _occurrence_re(abbrs: frozenset[str]) -> re.Pattern | None:
    if not abbrs:
        return None
    alternatives = "|".join(re.escape(a) for a in sorted(abbrs, key=lambda a: (-len(a), a)))
    return re.compile(rf"(?<![\w/&+])({alternatives})s?(?![\w/&+])")


def _glossary(knowledge: Knowledge) -> dict[str, GlossaryEntry]:
    return {entry.abbr: entry for entry in knowledge.glossary}


_ABBRS_BY_DIGEST: dict[str, frozenset[str]] = {}


def _glossary_abbrs(knowledge: Knowledge) -> frozenset[str]:
    """The glossary's abbreviations; the same object for one knowledge digest."""
    if not knowledge.digest:
        return frozenset(e.abbr for e in knowledge.glossary)
    found = _ABBRS_BY_DIGEST.get(knowledge.digest)
    if found is None:
        found = _ABBRS_BY_DIGEST[knowledge.digest] = frozenset(e.abbr for e in knowledge.glossary)
    return found


def _occurrences(doc: Document, abbrs: frozenset[str]) -> Iterator[Span]:
    pattern = _occurrence_re(abbrs)
    if pattern is None:
        return
    for b, block in enumerate(doc.seed.blocks):
        for m in pattern.finditer(block.text):
            yield Span(b, m.start(), m.end(), "abbreviation", m.group(1))


def annotate(doc: Document, knowledge: Knowledge) -> Document:
    """Record the abbreviations the document uses and a span for each occurrence."""
    glossary = _glossary(knowledge)
    defined = {d.abbr: d.expansion for d in definitions(doc, knowledge)}
    own = frozenset(defined) - frozenset(glossary)
    spans = sorted(
        {*_occurrences(doc, _glossary_abbrs(knowledge)), *_occurrences(doc, own)},
        key=lambda s: (s.block, s.start, -s.end),
    )
    used: dict[str, Abbreviation] = {}
    for span in spans:
        abbr = span.target
        if abbr in defined:
            used.setdefault(abbr, Abbreviation(abbr, defined[abbr], "text"))
        else:
            used.setdefault(abbr, Abbreviation(abbr, glossary[abbr].expansion, "glossary"))
    return replace(
        doc,
        abbreviations=tuple(used.values()),
        spans=doc.spans + tuple(spans),
    )
