"""Actor records: what the actor annotator's stages pass to one another.

A :class:`Found` is a person's name a pattern found, with the title seen
before it; a :class:`Hit` is one mention of an actor, registered or not, before
overlaps are settled; a :class:`Context` is what resolution knows of the
document.  Records are made many times per document, so :func:`new_hit` and
:func:`copy_with` build them without the dataclass machinery.
"""

from __future__ import annotations

import unicodedata
from dataclasses import MISSING, dataclass, fields
from functools import lru_cache

from ...knowledge import slugify_id
from .rules import Rules

__all__ = ["Context", "Found", "Hit", "copy_with", "new_hit", "slug"]


@dataclass(frozen=True)
class Hit:
    """One mention found in a block, before overlaps are settled."""

    block: int
    start: int
    end: int
    text: str
    key: str | None  # actor id; None for a blocker
    rule: str
    kind: str = "person"
    name: str = ""  # display name of an unregistered actor
    title: str = ""
    registered: bool = True
    flag: str = ""
    note: str = ""
    via: str = ""  # "role" when only an office held names the person
    confidence: float = 0.0  # unregistered: how sure the extractor is, 0 to 1
    evidence: str = ""  # unregistered: the evidence kinds behind ``confidence``


@dataclass(frozen=True)
class Found:
    """A person's name found by a pattern, with the title seen before it."""

    block: int
    start: int
    end: int
    text: str
    rule: str
    title: str = ""
    head: str = ""
    countries: frozenset[str] = frozenset()
    confidence: float = 0.0  # how sure the recogniser is, 0 to 1 (0: by its rule)
    evidence: str = ""


@dataclass(frozen=True)
class Context:
    """What resolving a name knows of its document."""

    rules: Rules
    date: str | None
    countries: frozenset[str]  # countries the document names
    kinds: tuple[str, ...] = ()  # the kind of every block
    dominant: str | None = None  # the country the document is most about, if one is
    origin: str | None = None  # the country of its publisher or dateline, if known


HIT_DEFAULTS = {f.name: f.default for f in fields(Hit) if f.default is not MISSING}


def new_hit(block: int, start: int, end: int, text: str, key: str | None, rule: str, kind: str):
    """``Hit(block, start, end, text, key, rule, kind)``, made faster: a document has many."""
    hit = object.__new__(Hit)
    hit.__dict__.update(HIT_DEFAULTS)
    hit.__dict__.update(block=block, start=start, end=end, text=text, key=key, rule=rule, kind=kind)
    return hit


def copy_with(record, **changes):
    """A copy of a Hit or Found with ``changes``: :func:`dataclasses.replace`
    without its checks, for the records made many times per document."""
    copy = object.__new__(type(record))
    copy.__dict__.update(record.__dict__)
    copy.__dict__.update(changes)
    return copy


@lru_cache(maxsize=4096)
def slug(name: str) -> str:
    """An actor id from a name, accents folded: "María Machado" → maria-machado."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return slugify_id(folded)
