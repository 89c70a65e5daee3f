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
    "ACRONYM_SKIP_LIST",
    "LOWER",
    "UPPER",
    "Shapes",
    "acronym_letters",
    "acronym_start",
    "build_shapes",
    "case_variants",
    "guarded_words_pattern",
    "name_tokens",
    "normal",
    "shorter_form",
    "spells_acronym",
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
    # an apostrophe inside a name ("O'Brien", "Ra'ad", "Ng'ang'a"), not a contraction ("Don't")
    apostrophe = rf"['’](?!{words_pattern(words('actor-name-contractions'))}(?![\w]))"
    word = (
        rf"(?:{prefixes}-)?(?:{_U}{apostrophe}{_U}{_L}+|{_U}{_L}+(?:{_U}{_L}+)?)"
        rf"(?:{apostrophe}{_U}?{_L}+)*(?:-{_U}?{_L}+)*"
    )
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


QUOTES = "\"'‘’“”«»"
# The lexicon list of the small words an acronym's long form may hold without
# giving a letter ("of", "and"): one list for every acronym matcher.
ACRONYM_SKIP_LIST = "abbreviation-skip-words"


def acronym_letters(acronym: str) -> str:
    """The letters an acronym spells, lower-cased; a plural -s is dropped."""
    if len(acronym) > 2 and acronym.endswith("s") and acronym[-2].isupper():
        acronym = acronym[:-1]
    return "".join(c for c in acronym.lower() if c.isalnum())


def spells_acronym(
    acronym: str, words: list[str], skip: frozenset[str], any_order: bool = False
) -> bool:
    """True when ``words`` (a long form) spell ``acronym`` by the initials rule.

    The first word gives the first letter; every later word gives the next
    letter of the acronym (letters from inside a word, such as the C of
    "Intercontinental" in ICBM, may follow its first one), and only the
    ``skip`` words (lower case) may give none.  With ``any_order``, an acronym
    of three letters or more may also be the initials of the words in another
    order, as a body's name translated from another language: "Supreme
    Tribunal of Justice (TSJ)".
    """
    letters = acronym_letters(acronym)
    cores = [w.strip(QUOTES + ".,;:!?").lower() for w in words]
    if len(cores) < 2 or not letters or not all(cores) or cores[0] in skip:
        return False
    if _spells(letters, tuple(cores), skip):
        return True
    return any_order and _reordered(letters, cores, skip)


def acronym_start(
    acronym: str, words: list[str], skip: frozenset[str], any_order: bool = False
) -> int | None:
    """Index of the word where ``acronym``'s long form starts: the shortest run
    of words ending ``words`` that spells it (:func:`spells_acronym`), or None."""
    for k in range(2, len(words) + 1):
        if spells_acronym(acronym, words[-k:], skip, any_order):
            return len(words) - k
    return None


def _reordered(letters: str, words: list[str], skip: frozenset[str]) -> bool:
    """True when the initials of the words not in ``skip`` are ``letters`` in another order."""
    initials = sorted(w[0] for w in words if w not in skip)
    return len(letters) >= 3 and initials == sorted(letters)


def _spells(letters: str, words: tuple[str, ...], skip: frozenset[str]) -> bool:
    starts: dict[tuple[int, int], bool] = {}  # memo of word_from
    middles: dict[tuple[int, int, int], bool] = {}  # memo of inside

    def word_from(i: int, j: int) -> bool:
        # letters[i:] from words[j:], word j not started yet
        if (i, j) not in starts:
            starts[i, j] = _word_from(i, j)
        return starts[i, j]

    def _word_from(i: int, j: int) -> bool:
        if j == len(words):
            return i == len(letters)
        if words[j] in skip and word_from(i, j + 1):
            return True
        return i < len(letters) and words[j][0] == letters[i] and inside(i + 1, j, 1)

    def inside(i: int, j: int, p: int) -> bool:
        if (i, j, p) not in middles:
            middles[i, j, p] = _inside(i, j, p)
        return middles[i, j, p]

    def _inside(i: int, j: int, p: int) -> bool:
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
