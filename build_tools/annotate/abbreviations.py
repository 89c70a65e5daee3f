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
from functools import lru_cache
from typing import NamedTuple

from ..model import Abbreviation, Document, GlossaryEntry, Knowledge, Span
from .rulestore import compiled
from .lexical import (
    ACRONYM_SKIP_LIST,
    acronym_letters,
    acronym_start,
    guarded_words_pattern,
    spells_acronym,
)

__all__ = ["annotate", "definitions", "plausible", "prepare"]

SKIP_LIST = ACRONYM_SKIP_LIST
LISTS = (SKIP_LIST,)  # the lexicon lists this component reads
MAX_LETTERS = 12
QUOTES = "\"'‘’“”«»"

PAREN_RE = re.compile(r"\(\s*([^()]{1,160}?)\s*\)")
ACRONYM_RE = re.compile(r"[A-Z][A-Za-z0-9&/+.\-]*[A-Za-z0-9]")
WORD_RE = re.compile(r"\S+")
LAST_WORD_RE = re.compile(r"(\S+)\s*$")
CLAUSE_END = (",", ";", ":", "!", "?")
LOOK_BACK = 400  # characters read before a parenthesis, unless more are needed


class Definition(NamedTuple):
    abbr: str
    expansion: str
    block: int
    start: int


# --------------------------------------------------------------- plausibility


def _is_acronym(text: str) -> bool:
    if not ACRONYM_RE.fullmatch(text) or len(acronym_letters(text)) > MAX_LETTERS:
        return False
    return sum(c.isupper() for c in text) >= 2


# The initials rule, shared with the actors annotator's acronym definitions.
plausible = spells_acronym


def _core(word: str) -> str:
    """A word without surrounding quotes and punctuation."""
    return word.strip(QUOTES + ".,;:!?")


# ---------------------------------------------------------------- definitions


def _window(text: str, end: int, limit: int) -> list[re.Match]:
    """The last words before a parenthesis at ``end``, not reaching back past a clause end."""
    low = max(0, end - LOOK_BACK)
    words = list(WORD_RE.finditer(text, low, end))
    if low and len(words) <= limit:  # too few, or the first one cut: read from the start
        words = list(WORD_RE.finditer(text, 0, end))
    words = words[-limit:]
    for n in range(len(words) - 2, -1, -1):
        if words[n].group().rstrip(QUOTES).endswith(CLAUSE_END):
            return words[n + 1 :]
    return words


def _long_form_before(text: str, start: int, abbr: str, skip: frozenset[str]) -> str | None:
    """The shortest plausible long form ending just before ``start``."""
    window = _window(text, start, 2 * len(acronym_letters(abbr)) + 2)
    first = acronym_start(abbr, [m.group() for m in window], skip)
    if first is None:
        return None
    chosen, last = window[first], window[-1]
    lead = len(chosen.group()) - len(chosen.group().lstrip(QUOTES))
    trail = len(last.group()) - len(_core_right(last.group()))
    return text[chosen.start() + lead : last.end() - trail]


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
        last = _last_word(text, paren.start())
        abbr = _core(last.group(1)) if last else ""
        if abbr and _is_acronym(abbr) and plausible(abbr, inner.split(), skip):
            yield Definition(_singular(abbr), inner, block, last.start(1))


def _last_word(text: str, end: int) -> re.Match | None:
    """``LAST_WORD_RE`` searched in ``text[:end]``, looking back only as far as needed."""
    low = max(0, end - LOOK_BACK)
    last = LAST_WORD_RE.search(text, low, end)
    if low and (last is None or last.start() == low):  # the word may begin before ``low``
        last = LAST_WORD_RE.search(text, 0, end)
    return last


def _singular(abbr: str) -> str:
    if len(abbr) > 2 and abbr.endswith("s") and abbr[-2].isupper():
        return abbr[:-1]
    return abbr


def definitions(doc: Document, knowledge: Knowledge) -> list[Definition]:
    """The abbreviations the document defines, first definition of each."""
    skip = _tables(knowledge).skip
    found: dict[str, Definition] = {}
    for b, block in enumerate(doc.seed.blocks):
        for definition in _in_block(block.text, b, skip):
            found.setdefault(definition.abbr, definition)
    return list(found.values())


# ---------------------------------------------------------------- occurrences


@lru_cache(maxsize=64)
def _occurrence_re(abbrs: frozenset[str]) -> re.Pattern | None:
    """Any of ``abbrs`` as a whole word, the longest first where several fit;
    a plural -s may follow."""
    if not abbrs:
        return None
    alternatives = guarded_words_pattern(sorted(abbrs), "![\\w/&+]")
    return re.compile(rf"({alternatives})s?(?![\w/&+])")


class _Tables(NamedTuple):
    glossary: dict[str, GlossaryEntry]  # by abbreviation
    abbrs: frozenset[str]  # the glossary's abbreviations
    skip: frozenset[str]  # SKIP_LIST, lower-cased


def prepare(knowledge: Knowledge) -> _Tables:
    """What the component reads from ``knowledge``."""
    return _Tables(
        glossary={entry.abbr: entry for entry in knowledge.glossary},
        abbrs=frozenset(e.abbr for e in knowledge.glossary),
        skip=frozenset(w.lower() for w in knowledge.words(SKIP_LIST)),
    )


def _tables(knowledge: Knowledge) -> _Tables:
    return compiled(prepare, knowledge)


def _occurrences(doc: Document, abbrs: frozenset[str]) -> Iterator[Span]:
    pattern = _occurrence_re(abbrs)
    if pattern is None:
        return
    for b, block in enumerate(doc.seed.blocks):
        for m in pattern.finditer(block.text):
            yield Span(b, m.start(), m.end(), "abbreviation", m.group(1))


def annotate(doc: Document, knowledge: Knowledge, rules: _Tables | None = None) -> Document:
    """Record the abbreviations the document uses and a span for each occurrence."""
    tables = rules if rules is not None else _tables(knowledge)
    glossary = tables.glossary
    defined = {d.abbr: d.expansion for d in definitions(doc, knowledge)}
    own = frozenset(defined) - tables.abbrs
    spans = sorted(
        {*_occurrences(doc, tables.abbrs), *_occurrences(doc, own)},
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
