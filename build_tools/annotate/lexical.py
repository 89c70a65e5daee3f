"""Shapes of names: the regular expressions and checks the actor annotator uses.

Everything here is built from lexicon lists (``actor-*`` in lexicon.yaml) and
the registry's surface forms, once per :class:`~build_tools.model.Knowledge`.
The patterns only describe structure: a capitalised token, a run of them, a
syllable of a romanised given name.  The words they are built from are data.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "LOWER",
    "UPPER",
    "Shapes",
    "acronym_start",
    "build_shapes",
    "case_variants",
    "guarded_words_pattern",
    "name_tokens",
    "normal",
    "shorter_form",
    "trie_pattern",
    "words_pattern",
]

UPPER = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper())
LOWER = "".join(c for c in map(chr, range(0x61, 0x250)) if c.islower())
_U = f"[{re.escape(UPPER)}]"
_L = f"[{re.escape(LOWER)}]"
SPACE = r"[ \u00a0]"
NAME_TOKEN_RE = re.compile(r"[a-z0-9]+")


def normal(word: str) -> str:
    """A word written in capitals as a name is written: "KISHIDA" → "Kishida"."""
    return word.capitalize() if len(word) > 1 and word.isupper() and word.isalpha() else word


def name_tokens(name: str) -> tuple[str, ...]:
    """A name's words in lower case, accents folded and hyphens split:
    "Majed Al-Ansari" → ("majed", "al", "ansari")."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return tuple(NAME_TOKEN_RE.findall(folded))


def shorter_form(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """True when ``short`` is ``full`` with words left out, the last one kept:
    "Xanana Gusmão" of "Kay Rala Xanana Gusmão", "López Obrador" of "Andrés
    Manuel López Obrador"."""
    if not 2 <= len(short) < len(full) or short[-1] != full[-1]:
        return False
    rest = iter(full)
    return all(word in rest for word in short)


def trie_pattern(words: Iterable[str]) -> str:
    """One regex alternation for many literal words; longer forms win."""
    return _trie_node(_trie(words)) or "(?!)"


def _trie(words: Iterable[str]) -> dict:
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return trie


def _trie_node(node: dict) -> str:
    branches = [re.escape(ch) + _trie_node(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def words_pattern(words: Iterable[str]) -> str:
    """A group matching any of ``words``, the longest where several fit."""
    return f"(?:{trie_pattern(words)})"


def guarded_words_pattern(words: Iterable[str], behind: str) -> str:
    """``(?<{behind})`` followed by :func:`words_pattern`, written so that the
    regex engine can skip ahead to the words' first letters.

    ``behind`` is the body of a lookbehind of one character, such as
    ``"![\\w-]"``: it is checked after the first letter, over that letter and
    the character before it, which matches the same texts.
    """
    words = list(words)
    trie = _trie(words)
    if not trie or "" in trie:  # nothing to match, or an empty word: no first letter
        return f"(?<{behind}){words_pattern(words)}"
    branches = [
        f"{re.escape(ch)}(?<{behind}{re.escape(ch)}){_trie_node(child)}"
        for ch, child in sorted(trie.items())
    ]
    return "(?:" + "|".join(branches) + ")"


def case_variants(words: Iterable[str]) -> set[str]:
    """Each word as written and with its first letter in lower case."""
    out = set()
    for word in words:
        out.add(word)
        out.add(word[:1].lower() + word[1:])
    return out


def _syllables(onsets: Iterable[str], vowels: Iterable[str], codas: Iterable[str]) -> str:
    return f"{words_pattern(onsets)}?{words_pattern(vowels)}{words_pattern(codas)}?"


@dataclass(frozen=True)
class Shapes:
    """Compiled name patterns for one lexicon."""

    token: str  # one capitalised name token (pattern text)
    name: str  # a full name: tokens, particles, suffix (pattern text)
    run: re.Pattern  # a run of capitalised tokens
    pinyin: re.Pattern  # a Chinese given name
    hangul: re.Pattern  # one syllable of a Korean given name
    romaji: re.Pattern  # a Japanese given name

    def is_pinyin(self, word: str) -> bool:
        return bool(self.pinyin.fullmatch(word.lower()))

    def is_korean_given(self, words: list[str]) -> bool:
        parts = [p for w in words for p in w.lower().split("-")]
        return len(parts) in (2, 3) and all(self.hangul.fullmatch(p) for p in parts)

    def is_romaji(self, word: str) -> bool:
        return bool(self.romaji.fullmatch(word.lower()))


def build_shapes(words) -> Shapes:
    """Compile the name shapes from the lexicon lists (``words(name)``)."""
    prefixes = words_pattern(case_variants(p.capitalize() for p in words("actor-name-prefixes")))
    word = rf"(?:{prefixes}-)?{_U}{_L}+(?:{_U}{_L}+)?(?:['’]{_U}{_L}+)?(?:-{_U}?{_L}+)*"
    token = rf"{word}|{_U}{{2,}}(?={SPACE}{_U}{_L})"
    particle = words_pattern(words("actor-name-particles"))
    suffix = words_pattern(words("actor-name-suffixes"))
    name = (
        rf"(?:{token}|{_U}{{2,}})(?:{SPACE}(?:{particle}{SPACE})*(?:{word}|{_U}\.)){{0,4}}"
        rf"(?:,?{SPACE}{suffix}(?![\w]))?"
    )
    run = re.compile(rf"(?<![\w’'.-])(?:{word})(?:{SPACE}(?:{word}))*(?![\w-])")
    pinyin = _syllables(
        words("actor-pinyin-onsets"), words("actor-pinyin-vowels"), words("actor-pinyin-codas")
    )
    hangul = _syllables(
        words("actor-korean-onsets"), words("actor-korean-vowels"), words("actor-korean-codas")
    )
    romaji = _syllables(
        words("actor-romaji-onsets"), words("actor-romaji-vowels"), words("actor-romaji-codas")
    )
    return Shapes(
        token=token,
        name=name,
        run=run,
        pinyin=re.compile(f"(?:{pinyin}){{1,2}}"),
        hangul=re.compile(hangul),
        romaji=re.compile(f"(?:{romaji}){{2,5}}"),
    )


def acronym_start(acronym: str, words: list[str], skip: set[str]) -> int | None:
    """Index of the word where ``acronym``'s long form starts (Schwartz–Hearst).

    The acronym's letters are matched right to left against the words; the
    first letter must begin a word.  Returns None when the words do not spell
    the acronym.
    """
    letters = [c.lower() for c in acronym if c.isalnum()]
    text = " ".join(words).lower()
    i, j = len(letters) - 1, len(text) - 1
    while i >= 0:
        while j >= 0 and (text[j] != letters[i] or (i == 0 and j > 0 and text[j - 1] != " ")):
            j -= 1
        if j < 0:
            return None
        i, j = i - 1, j - 1
    start = text[: j + 1].count(" ")
    significant = [w for w in words[start:] if w.lower() not in skip]
    return start if len(significant) >= min(2, len(letters)) else None
