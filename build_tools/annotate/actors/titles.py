"""Actor titles: persons named with a title.

"Foreign Minister Wang Yi" (the title before the name) and "Kaja Kallas, the
EU's foreign policy chief" (the title after the name, in an apposition).  A
title is a head word ("Minister") with its modifiers before ("Deputy", "U.S.",
"China's") and its complements after ("of Defense", "for Foreign Affairs");
the countries it names help resolve the person (:mod:`.actor_resolve`).
"""

from __future__ import annotations

import re

from .names import after_article, clean_name, never_name
from .records import Found, Hit
from .rules import WORD_RE, Rules, is_group
from ..lexical import SPACE

__all__ = ["titled_names"]

# A nickname in quotation marks inside a name, and the surname after it.
NICKNAME = re.compile(r" [\"“][A-Z][\w-]+[\"”] ([A-Z][\w'’-]+)(?![\w’'-])")
APPOSITION_TAIL = re.compile(rf"{SPACE}(?:[^\s,;:()]+{SPACE}){{0,6}}$")  # as in Rules.apposition


def titled_names(block: int, text: str, rules: Rules, groups: dict[int, Hit]) -> list[Found]:
    """Each title head's name: after it ("Minister Wang Yi") or before it (an apposition)."""
    found = []
    for head in rules.head.finditer(text):
        for finder in (_titled_at, _apposition):
            item = finder(block, text, head, rules, groups)
            if item:
                found.append(item)
    return found


def _titled_at(block, text, head, rules, groups) -> Found | None:
    """ "Foreign Minister Wang Yi": the name after a title."""
    pos = _title_end(text, head.end(), rules)
    m = rules.name_after.match(text, pos)
    if not m or rules.head.match(text, m.start("name")):
        return None  # another title follows ("chairman, Sen. Jack Reed"): its name is the one
    span = clean_name(text, m.start("name"), m.end("name"), rules, groups)
    if not span:
        return None
    if all(w in rules.sets["org_heads"] for w in text[span[0] : span[1]].split()):
        return None  # "General Confederation of Labour": a body's head word, no name
    start = _title_start(text, head.start(), rules)
    title = text[start:pos].strip(" ,")
    name = text[span[0] : span[1]]
    nick = NICKNAME.match(text, span[1])
    if nick and not never_name(nick.group(1), rules):  # 'Joko "Jokowi" Widodo': Joko Widodo
        span, name = (span[0], nick.end()), f"{name} {nick.group(1)}"
    return Found(
        block, *span, name, "title", title, head.group(), _countries_in(groups, start, pos)
    )


def _apposition(block, text, head, rules, groups) -> Found | None:
    """ "Kaja Kallas, the EU's foreign policy chief": the name before a title."""
    m = _apposition_before(text, head.start(), rules)
    if not m:
        return None
    span = clean_name(text, m.start("name"), m.end("name"), rules, groups, strip=True)
    if not span or len(text[span[0] : span[1]].split()) < 2:
        return None
    if after_article(text, span[0], rules):
        return None  # "in the Rajya Sabha, Home Minister X": a body's name
    pos = _title_end(text, head.end(), rules)
    start = m.start("mid")
    title = re.sub(r"^(?:the|a|an)\s+", "", text[start:pos].strip(" ,"))
    name = text[span[0] : span[1]]
    return Found(
        block, *span, name, "apposition", title, head.group(), _countries_in(groups, start, pos)
    )


def _apposition_before(text: str, high: int, rules: Rules) -> re.Match | None:
    """``rules.apposition`` in the 150 characters before ``high``, its middle
    words ("the", "EU's") all allowed before a title."""
    low = max(0, high - 150)
    # The apposition's comma is the last one before the title (the words
    # between hold none): without one followed by a few words, no match.
    comma = text.rfind(",", low, high)
    if comma < 0 or not APPOSITION_TAIL.match(text, comma + 1, high):
        return None
    m = rules.apposition.search(text, low, high)
    if not m:
        return None
    allowed = rules.sets["appositive"]
    if not all(w in allowed or is_group(rules, w) for w in m.group("mid").split()):
        return None
    return m


def _title_end(text: str, pos: int, rules: Rules) -> int:
    """Walk on over complements and further heads ("of Defense and Minister")."""
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
        if word in rules.sets["modifiers"] or is_group(rules, word):
            start = words.pop().start()
        elif len(words) > 1 and is_group(rules, f"{words[-2].group()} {word}"):
            start = words[-2].start()
            del words[-2:]
        else:
            break
    return start


def _countries_in(groups: dict[int, Hit], start: int, end: int) -> frozenset[str]:
    return frozenset(
        h.key for s, h in groups.items() if start <= s < end and h.kind == "country" and h.key
    )
