"""Annotator component: who wrote the document.

The header's ``author`` decides when it is set.  Otherwise a byline right
under the title names the authors: a line opening with one of the lexicon's
``byline-prefixes`` ("By …", "Statement by …"), or a name followed by a
title ("Antony J. Blinken, Secretary of State").  The byline is marked on the
document (``Document.byline``) so that the page shows it as a byline, not as
a sub-title.  Actors mentioned in the text never become authors.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Document, Knowledge

__all__ = ["LISTS", "annotate", "byline_names"]

LISTS = ("byline-prefixes",)  # the lexicon lists this component reads

BYLINE_MAX = 200  # a longer line is prose, not a byline
NAME_TOKENS = (2, 5)  # a name has this many words, at least and at most
NAME_WORD = re.compile(r"[A-Z][\w'’.-]*$")
INITIAL = re.compile(r"[A-Z]\.$")


def _authors(doc: Document) -> tuple[str, ...]:
    author = doc.seed.header.get("author") or []
    return (author,) if isinstance(author, str) else tuple(str(a) for a in author)


def _is_name(text: str, knowledge: Knowledge) -> bool:
    """True when ``text`` is shaped like a person's name: capitalised words, a few of them."""
    words = text.split()
    particles = set(knowledge.words("actor-name-particles"))
    never = {w.lower() for w in knowledge.words("actor-never-names")}
    low, high = NAME_TOKENS
    if not low <= len(words) <= high or words[-1] in particles or INITIAL.match(words[-1]):
        return False
    return all(
        (NAME_WORD.match(w) and w.lower() not in never) or w in particles for w in words
    ) and not any(w.lower() in never for w in words)


def _strip_honorific(text: str, knowledge: Knowledge) -> str:
    """The name without the honorifics and titles before it ("Press Secretary Jane Doe")."""
    titles = {w.lower() for w in knowledge.words("actor-title-heads")}
    titles |= {w.lower() for w in knowledge.words("actor-title-modifiers")}
    for honorific in sorted(knowledge.words("actor-honorifics"), key=len, reverse=True):
        if text.startswith(honorific + " "):
            text = text[len(honorific) + 1 :]
            break
    words = text.split()
    while len(words) > 1 and words[0].lower() in titles:
        words = words[1:]
    return " ".join(words)


def _names(text: str, knowledge: Knowledge) -> tuple[str, ...]:
    """The names in a list such as "A, B and C" (each cut at its first comma), or none."""
    parts = re.split(r"\s*(?:,|\band\b|&)\s*", text)
    names = tuple(_strip_honorific(p.strip(), knowledge) for p in parts if p.strip())
    if names and all(_is_name(n, knowledge) for n in names):
        return names
    first = _strip_honorific(text.split(",", 1)[0].strip(), knowledge)
    return (first,) if _is_name(first, knowledge) else ()


def byline_names(line: str, knowledge: Knowledge) -> tuple[str, ...]:
    """The authors a byline names, or ``()`` when ``line`` is not a byline."""
    if len(line) > BYLINE_MAX or line.endswith("."):
        return ()
    for prefix in sorted(knowledge.words(LISTS[0]), key=len, reverse=True):
        if line.lower().startswith(prefix.lower() + " "):
            rest = line[len(prefix) + 1 :].strip()
            before_title = rest.split(",", 1)[0]
            return _names(before_title, knowledge) or _names(rest, knowledge)
    name, comma, role = line.partition(",")
    heads = {w.lower() for w in knowledge.words("actor-title-heads")}
    role_words = {w.lower().strip(".") for w in role.split()}
    if comma and role_words & heads:
        name = _strip_honorific(name.strip(), knowledge)
        return (name,) if _is_name(name, knowledge) else ()
    return ()


def _candidates(doc: Document) -> list[int]:
    """The blocks a byline may be: the line under the title, or under the sub-title."""
    blocks = doc.seed.blocks
    first = [1] if len(blocks) > 2 else []
    if first and blocks[1].kind == "subtitle" and len(blocks) > 3:
        first.append(2)
    return first


def annotate(doc: Document, knowledge: Knowledge) -> Document:
    for index in _candidates(doc):
        names = byline_names(doc.seed.blocks[index].text, knowledge)
        if names:
            return replace(doc, authors=_authors(doc) or names, byline=index)
    return replace(doc, authors=_authors(doc))
