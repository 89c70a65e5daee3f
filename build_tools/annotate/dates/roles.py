"""The years a text's present may lie in, from the dated roles of the people it names.

A news text or press release dated only by its month and day ("SEOUL, Nov. 1
(Yonhap)", "On July 8, Ms. KAMIKAWA Yoko, Minister for Foreign Affairs of
Japan, …") names people by their present titles.  When a registered person is
named together with the title of one of their registry roles (the role's title
or a phrase of its office, within :data:`WINDOW` characters of the name), the
present lies within that role's dates; a word of the lexicon list
``date-role-past-words`` just before the title or the name ("former", "then")
says the role is not held now, and the person gives no evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import Actor, Document, Knowledge, Role, Span
from .calc import iso

__all__ = ["Held", "LISTS", "held_roles", "past_pattern"]

LISTS = ("date-role-past-words",)
WINDOW = 80  # characters around a name searched for the title
BEFORE = 16  # characters before a title or name searched for a past word


@dataclass(frozen=True)
class Held:
    """A role the text shows a person holding at its present."""

    actor: Actor
    roles: tuple[Role, ...]  # every term of the office the title names
    surface: str  # the title as written


def held_roles(doc: Document, knowledge: Knowledge, past: re.Pattern) -> list[Held]:
    """The roles that the registered people named in ``doc`` hold at its present;
    ``past`` is :func:`past_pattern` of ``knowledge``."""
    found: dict[str, Held | None] = {}
    names = [s for s in doc.spans if s.kind == "actor"]
    for span in names:
        actor = knowledge.actor(span.target)
        if actor is None or actor.kind != "person" or not actor.roles:
            continue
        text = doc.seed.blocks[span.block].text
        others = [(s.start, s.end) for s in names if s.block == span.block and s != span]
        held = _titled(actor, text, span, others, knowledge, past)
        if actor.id in found and found[actor.id] != held:
            held = None  # named with different titles: no evidence
        found[actor.id] = held
    return [h for h in found.values() if h is not None]


def years_held(held: Held, month: int, day: int) -> frozenset[int]:
    """The years in which one of ``held.roles`` was held on ``day`` ``month``."""
    years = set()
    for role in held.roles:
        first = int(role.start[:4]) if role.start else 1900
        last = int(role.end[:4]) if role.end else 2099
        for year in range(first, last + 1):
            date = iso((year, month, day))
            if date and role.held_on(date):
                years.add(year)
    return frozenset(years)


def past_pattern(knowledge: Knowledge) -> re.Pattern:
    """The words that put a title in the past ("former"), as one pattern."""
    words = knowledge.words(LISTS[0])
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation or '(?!x)x'})[\s-]*$", re.IGNORECASE)


def _phrases(role: Role, knowledge: Knowledge) -> tuple[str, ...]:
    office = knowledge.office(role.office) if role.office else None
    return (role.title,) + (office.phrases if office else ())


def _titled(
    actor: Actor,
    text: str,
    span: Span,
    others: list[tuple[int, int]],
    knowledge: Knowledge,
    past: re.Pattern,
) -> Held | None:
    """The roles of ``actor`` whose title is written nearest to the name (every
    term of that office), if any; a title with another actor's name between it
    and this one's is that actor's."""
    start, end = span.start, span.end
    low, high = max(0, start - WINDOW), min(len(text), end + WINDOW)
    hits: list[tuple[int, int, int, Role]] = []  # distance, title start, end, role
    for role in actor.roles:
        for phrase in _phrases(role, knowledge):
            pattern = re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", re.IGNORECASE)
            for hit in pattern.finditer(text, low, high):
                if past.search(text, max(0, hit.start() - BEFORE), hit.start()):
                    return None
                distance = start - hit.end() if hit.end() <= start else hit.start() - end
                gap = (hit.end(), start) if hit.end() <= start else (end, hit.start())
                between = any(gap[0] <= a and b <= gap[1] for a, b in others)
                if distance >= 0 and not between:
                    hits.append((distance, hit.start(), hit.end(), role))
    if not hits or past.search(text, max(0, start - BEFORE), start):
        return None
    nearest = min(hits, key=lambda h: h[0])
    title = [h for h in hits if h[1:3] == nearest[1:3]]
    roles = tuple(dict.fromkeys(h[3] for h in title))
    return Held(actor, roles, text[nearest[1] : nearest[2]])
