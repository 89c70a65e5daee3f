"""Actor registry pass: the registry's names, aliases and weak aliases in a block.

Surface forms are matched as literal, case-sensitive words in one pass.  A
blocker phrase is kept as a hit without an actor, so that it shields its words
from other rules; a weak alias of a country or organization counts only where
it is not a place ("in Seoul", a dateline, "Washington, USA").  A country
before a currency ("U.S. dollars") names money, not the country; a leader's
surname before a word for their government ("the Biden administration") names
the leader.
"""

from __future__ import annotations

import re

from .records import Hit, new_hit
from .rules import Rules
from ..lexical import normal

__all__ = ["dateline_country", "registry_hits"]

DATELINE_RE = re.compile(r"\s*(?:,|\(|—|–|-{1,2}\s)")
COMMA_RE = re.compile(r",\s*")
NEXT_WORD_RE = re.compile(r"[ \u00a0]+(\w+)")


def registry_hits(block: int, text: str, rules: Rules) -> list[Hit]:
    """The registry's surface forms in ``text``: registered actors and blockers."""
    hits = []
    for m in rules.registry.finditer(text):
        start, end, form = m.start(), m.end(), m.group()
        entry = rules.forms[form]
        if not entry.ids or (entry.kind == "country" and _next_word(text, end, "currency", rules)):
            hits.append(new_hit(block, start, end, form, None, "blocker", "blocker"))
        elif entry.local:
            hits += [new_hit(block, start, end, form, i, "local", entry.kind) for i in entry.ids]
        elif not entry.weak:
            hits.append(new_hit(block, start, end, form, entry.ids[0], "registry", entry.kind))
        elif entry.kind == "person":
            if len(entry.ids) == 1 and _next_word(text, end, "collectives", rules):
                hits.append(new_hit(block, start, end, form, entry.ids[0], "registry", "person"))
        elif not _is_place(text, start, end, rules):
            hits += [new_hit(block, start, end, form, i, "weak", entry.kind) for i in entry.ids]
    return hits


def dateline_country(text: str, rules: Rules) -> str | None:
    """The country whose capital opens ``text`` as a dateline ("SEOUL, Oct. 5 --")."""
    first = text.lstrip().split(" ", 1)[0].rstrip(",")
    for form in (first, normal(first)):
        entry = rules.forms.get(form)
        rest = text.lstrip()[len(form) :]
        if entry and entry.kind == "country" and len(entry.ids) == 1 and DATELINE_RE.match(rest):
            return entry.ids[0]
    return None


def _next_word(text: str, end: int, words: str, rules: Rules) -> bool:
    """True when the word after ``end`` is one of the set ``words``: a currency
    after a country ("U.S. dollars"), a government after a leader's surname
    ("the Biden administration")."""
    m = NEXT_WORD_RE.match(text, end)
    return bool(m and m.group(1) in rules.sets[words])


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
