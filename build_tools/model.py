"""The data model every stage shares.

A seed file is read into a :class:`Seed` (its text split into blocks), the
annotators turn it into a :class:`Document` (metadata plus spans over the
original block text) and the renderers turn documents into Markdown.  Nothing
here does I/O and every class is immutable: a stage returns new objects with
:func:`dataclasses.replace` instead of editing the ones it was given.

Dates are ISO strings of varying precision: ``"2024"``, ``"2024-10"`` or
``"2024-10-30"``; :func:`precision_of` tells which.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Abbreviation",
    "Actor",
    "ActorRef",
    "Block",
    "Document",
    "Event",
    "Evidence",
    "GlossaryEntry",
    "Knowledge",
    "Note",
    "Office",
    "Role",
    "Seed",
    "Span",
    "Statement",
    "Topic",
    "TopicRef",
    "plausible",
    "precision_of",
]

PRECISIONS = {4: "year", 7: "month", 10: "day"}
# Dates of documents in the archive fall in these years; others are likely
# typos ("0224", "9999"): check warns about them and charts leave them out.
FIRST_PLAUSIBLE_YEAR = 1900
LAST_PLAUSIBLE_YEAR = dt.date.today().year + 1  # next year, as of starting the build


def plausible(iso: str) -> bool:
    """True for an ISO date from FIRST_PLAUSIBLE_YEAR to LAST_PLAUSIBLE_YEAR."""
    return FIRST_PLAUSIBLE_YEAR <= int(iso[:4]) <= LAST_PLAUSIBLE_YEAR


def precision_of(iso: str) -> str:
    """Return ``"year"``, ``"month"`` or ``"day"`` for an ISO date string."""
    try:
        return PRECISIONS[len(iso)]
    except KeyError:
        raise ValueError(f"not an ISO date of year, month or day precision: {iso!r}") from None


# --------------------------------------------------------------------- seeds


@dataclass(frozen=True)
class Block:
    """One unit of seed text: the title, the sub-title or a body paragraph."""

    kind: str  # "title" | "subtitle" | "paragraph"
    text: str


@dataclass(frozen=True)
class Seed:
    """A seed file as read: its text blocks and its optional header."""

    source: str  # path as given to the reader, POSIX separators
    relpath: str  # path relative to the seeds folder; decides the URL
    blocks: tuple[Block, ...]
    header: Mapping[str, Any] = field(default_factory=dict)
    encoding: str = "utf-8"
    digest: str = ""  # sha256 of the raw bytes

    @property
    def title(self) -> str:
        return self.blocks[0].text

    @property
    def subtitle(self) -> str | None:
        if len(self.blocks) > 1 and self.blocks[1].kind == "subtitle":
            return self.blocks[1].text
        return None

    def paragraph_indexes(self) -> tuple[int, ...]:
        return tuple(i for i, b in enumerate(self.blocks) if b.kind == "paragraph")


# ------------------------------------------------------------ curated knowledge


@dataclass(frozen=True)
class Role:
    """A position an actor held, with the ISO dates it began and ended."""

    title: str
    office: str | None = None  # id of an Office, when the role is a known office
    start: str | None = None
    end: str | None = None  # None while the role is held

    def held_on(self, iso: str) -> bool:
        """True when the role was held on ``iso`` (compared at its precision)."""
        n = len(iso)
        starts_before = self.start is None or self.start[:n] <= iso
        ends_after = self.end is None or self.end[:n] >= iso
        return starts_before and ends_after


@dataclass(frozen=True)
class Actor:
    """A curated actor: a person, an organization or a country."""

    id: str
    name: str
    kind: str  # "person" | "organization" | "country"
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    affiliation: str | None = None  # id of a country or organization actor
    description: str | None = None
    # Words that can refer to the actor only when the document already names it
    # (demonyms such as "Korean", bare surnames). Kept apart from aliases.
    weak_aliases: tuple[str, ...] = ()
    # Names that refer to the actor only in documents whose dominant country is
    # its own ("Joint Chiefs of Staff" in a Seoul release); several actors may
    # share one.
    local_aliases: tuple[str, ...] = ()
    # A person the press names by surname alone ("talks with Erdoğan").
    known_by_surname: bool = False
    # Names a body had before, each with the dates it was used (a Role whose
    # title is the name); they are aliases too.
    former_names: tuple[Role, ...] = ()


@dataclass(frozen=True)
class Office:
    """A public office ("U.S. Secretary of Defense") and the phrases naming it."""

    id: str
    title: str
    country: str | None = None  # country actor id
    phrases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Topic:
    id: str
    label: str
    broader: str | None = None
    terms: tuple[str, ...] = ()
    description: str | None = None
    # Actor ids that must all be found in a document for the topic to apply.
    actors: tuple[str, ...] = ()


@dataclass(frozen=True)
class GlossaryEntry:
    abbr: str
    expansion: str
    note: str | None = None


@dataclass(frozen=True)
class Knowledge:
    """Everything curated, as loaded by :mod:`build_tools.knowledge`."""

    actors: tuple[Actor, ...] = ()
    offices: tuple[Office, ...] = ()
    topics: tuple[Topic, ...] = ()
    glossary: tuple[GlossaryEntry, ...] = ()
    # Named word lists the rules use (titles that precede a name, words that
    # are never names, ...), from lexicon.yaml: list name -> entries.
    lexicon: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    digest: str = ""  # hash of the curated files, part of every cache key
    _by_id: dict[str, dict[str, Any]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        for name in ("actors", "offices", "topics"):
            self._by_id[name] = {item.id: item for item in getattr(self, name)}

    def actor(self, actor_id: str) -> Actor | None:
        return self._by_id["actors"].get(actor_id)

    def topic(self, topic_id: str) -> Topic | None:
        return self._by_id["topics"].get(topic_id)

    def office(self, office_id: str) -> Office | None:
        return self._by_id["offices"].get(office_id)

    def country_of(self, actor_id: str) -> str | None:
        """The country an actor is or belongs to, through its affiliations."""
        seen = set()
        actor = self.actor(actor_id)
        while actor is not None and actor.id not in seen:
            if actor.kind == "country":
                return actor.id
            seen.add(actor.id)
            actor = self.actor(actor.affiliation) if actor.affiliation else None
        return None

    def words(self, name: str) -> tuple[str, ...]:
        """A lexicon list by name.  A name the lexicon does not have is an error,
        not an empty list (loading checks that every list the annotators read is
        there); only a knowledge made without any lexicon has every list empty."""
        if self.lexicon and name not in self.lexicon:
            raise LookupError(f"lexicon list {name!r} is not in the lexicon")
        return tuple(self.lexicon.get(name, ()))


# ---------------------------------------------------------------- annotations


@dataclass(frozen=True)
class Span:
    """A stretch of one block's text that an annotator marked.

    ``kind`` is ``"actor"``, ``"abbreviation"`` or ``"date"``; ``target`` is the
    actor id, the abbreviation, or the event's ISO date.
    """

    block: int
    start: int
    end: int
    kind: str
    target: str


@dataclass(frozen=True)
class Evidence:
    text: str
    rule: str


@dataclass(frozen=True)
class Event:
    """A dated happening the document mentions."""

    date: str
    precision: str
    text: str  # the sentence that mentions it
    block: int = -1
    start: int = -1  # the date expression inside the block
    end: int = -1


@dataclass(frozen=True)
class ActorRef:
    """An actor as found in one document."""

    id: str
    name: str
    kind: str
    mentions: tuple[str, ...] = ()  # surface forms exactly as in the text
    registered: bool = True
    roles: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    via: str = ""  # "role" when the text names the actor only by an office held
    confidence: tuple[float, str] | None = None  # unregistered: (0 to 1, the evidence)


@dataclass(frozen=True)
class TopicRef:
    id: str
    label: str
    score: float


@dataclass(frozen=True)
class Abbreviation:
    abbr: str
    expansion: str
    source: str = "text"  # "text" when defined in the document, else "glossary"


@dataclass(frozen=True)
class Note:
    """An editorial note shown apart from the source text; a ``curator`` note is
    for the archive's curators only: the build reports it, readers never see it."""

    kind: str  # "date" | "actor" | "warning" | "curator"
    text: str


CURATOR_NOTE = "curator"  # the kind of a note for curators only


@dataclass(frozen=True)
class Statement:
    """A quotation or a reported statement, attributed to its speaker.

    ``speaker`` is an actor id, or None when the text leaves the speaker unclear
    or anonymous; ``speaker_label`` then keeps the words naming it ("a senior
    official").  ``span`` is the statement's text inside block ``paragraph``; a
    quotation running over several paragraphs spans to the end of the first one
    and ``text`` holds all of it.
    """

    text: str
    kind: str  # "quote" | "reported"
    speaker: str | None = None
    speaker_label: str | None = None
    cue: str = ""  # the reporting words ("said", "according to"), empty for a bare quote
    paragraph: int = -1  # block index
    span: tuple[int, int] = (0, 0)


@dataclass(frozen=True)
class Document:
    """A seed with everything the annotators found in it."""

    seed: Seed
    slug: str
    date: str | None = None
    date_precision: str | None = None
    date_evidence: tuple[Evidence, ...] = ()
    actors: tuple[ActorRef, ...] = ()
    topics: tuple[TopicRef, ...] = ()
    events: tuple[Event, ...] = ()
    abbreviations: tuple[Abbreviation, ...] = ()
    spans: tuple[Span, ...] = ()
    notes: tuple[Note, ...] = ()
    statements: tuple[Statement, ...] = ()
    # Who wrote it: the header's ``author``, else the names in a byline.
    authors: tuple[str, ...] = ()
    byline: int = -1  # index of the block that is a byline ("By …"), -1 when none

    @property
    def title(self) -> str:
        return str(self.seed.header.get("title") or self.seed.title)

    @property
    def subtitle(self) -> str | None:
        return None if self.byline == 1 else self.seed.subtitle

    @property
    def source(self) -> str:
        return self.seed.source
