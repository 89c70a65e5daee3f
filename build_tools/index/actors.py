"""Actor pages: one per actor, and the index of all actors."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..annotate.topics import score_topics
from ..markup import el, esc, href, link, meta_text
from ..model import Actor, Block, Document, Knowledge, Statement, TopicRef
from ..render import (
    KIND_HEADINGS,
    SCHEMA_TYPES,
    actor_src,
    display_date,
    document_src,
    paragraph_anchor,
    topic_src,
)
from .lists import Part, Site, doc_pages, make_page, newest_first, paged, searchable_body
from .lists import entry as list_entry
from .reuse import PageJob, Reuse, doc_key, knowledge_token

# ----------------------------------------------------------------- actors


@dataclass
class _ActorEntry:
    id: str
    name: str
    kind: str
    registered: bool
    docs: list[Document] = field(default_factory=list)
    mentions: set[str] = field(default_factory=set)
    misnamed: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)


KIND_LABELS = {"person": "Person", "organization": "Organization", "country": "Country"}
# What a reader is told about where an actor's page comes from.
CHECKED = {
    True: "Yes: an editor has checked this name and its details",
    False: "Not yet: the name was recognised in the text automatically and may be wrong",
}
UNCHECKED_BADGE = "not yet checked"
MISNAMED = re.compile(r"misnamed in source as '(.+)'")


def _actor_entries(docs: Sequence[Document], reuse: Reuse) -> dict[str, _ActorEntry]:
    """Each actor named in the documents, with its documents newest first (a document
    once for each time it names the actor); an actor's entry is worked out again
    only when one of its documents changed, from the names and roles of the
    documents added or taken away."""
    ordered = reuse.ordered(docs, newest_first)
    groups = reuse.grouped("actors/docs", ordered, _actor_ids)
    return reuse.mapped("actors/entries", groups, lambda i, ds: _actor_entry(i, ds, reuse))


def _actor_entry(actor_id: str, docs: list[Document], reuse: Reuse) -> _ActorEntry:
    first = next(ref for ref in docs[0].actors if ref.id == actor_id)
    entry = _ActorEntry(first.id, first.name, first.kind, first.registered, docs)
    found = {"mention": entry.mentions, "misnamed": entry.misnamed, "role": entry.roles}
    names = reuse.tally(f"actor:{actor_id}/names", docs, lambda d: _names_of(d, actor_id))
    for what, name in names:
        found[what].add(name)
    return entry


def _names_of(doc: Document, actor_id: str) -> list[tuple[str, str]]:
    """How the document names the actor (``("mention", name)``; a name the registry
    says is wrong as ``("misnamed", name)``) and the roles it gives it."""
    names = []
    for ref in doc.actors:
        if ref.id != actor_id:
            continue
        wrong = {m.group(1) for f in ref.flags if (m := MISNAMED.search(f))}
        names += [("misnamed", name) for name in wrong]
        names += [("mention", name) for name in ref.mentions if name not in wrong]
        names += [("role", role) for role in ref.roles]
    return names


def _roles(entry: _ActorEntry, record: Actor | None) -> list[tuple[str, str]]:
    if record and record.roles:
        roles = [
            esc(r.title) + " " + esc(f"({r.start or '?'} – {r.end or 'present'})")
            for r in record.roles
        ]
        return [("Roles", "<br>".join(roles))]
    if entry.roles:
        return [("Roles seen", esc(", ".join(sorted(entry.roles))))]
    return []


def _actor_head(
    entry: _ActorEntry,
    record: Actor | None,
    src: str,
    present: set[str],
    site: Site,
    knowledge: Knowledge,
) -> list[str]:
    rows = [("Kind", KIND_LABELS[entry.kind]), ("Checked", esc(CHECKED[bool(record)]))]
    if record and record.description:
        rows.append(("About", esc(record.description)))
    rows += _roles(entry, record)
    names = also_written(entry, record)
    if names:
        rows.append(("Also written", esc(", ".join(names))))
    if entry.misnamed:
        rows.append(("Misnamed in sources as", esc(", ".join(sorted(entry.misnamed)))))
    other = knowledge.actor(record.affiliation) if record and record.affiliation else None
    if other:
        url = href(src, actor_src(other.id), site.directory_urls)
        rows.append(
            ("Affiliation", link(url, other.name) if other.id in present else esc(other.name))
        )
    rows.append(("Documents", str(len(entry.docs))))
    body = searchable_body(src, actor_src(entry.id))
    return [
        el("h1", esc(entry.name), **body),
        el("p", esc(actor_sentence(entry, record)), class_="pa-lede", **body),
        el(
            "dl",
            "\n".join(el("dt", k) + "\n" + el("dd", v) for k, v in rows),
            class_="pa-meta",
            **body,
        ),
    ]


def actor_meta(entry: _ActorEntry, record: Actor | None) -> dict:
    """The page's own description and schema.org data (Person, Organization, Country)."""
    jsonld = {"@context": "https://schema.org", "@type": SCHEMA_TYPES[entry.kind]}
    jsonld["name"] = entry.name
    names = also_written(entry, record)
    if names:
        jsonld["alternateName"] = names
    if record and record.description:
        jsonld["description"] = record.description
    return {"description": meta_text(actor_sentence(entry, record)), "jsonld": jsonld}


def also_written(entry: _ActorEntry, record: Actor | None) -> list[str]:
    """Every other name the actor goes by: the curated aliases and the forms seen in the text."""
    aliases = set(record.aliases) if record else set()
    return sorted((aliases | entry.mentions) - {entry.name}, key=lambda n: (n.casefold(), n))


KIND_NOUNS = {"person": "a person", "organization": "an organization", "country": "a country"}


def actor_sentence(entry: _ActorEntry, record: Actor | None) -> str:
    """One sentence saying what the page is about, with every name the actor goes by,
    so that search finds the page by any of them and shows a readable excerpt."""
    n = len(entry.docs)
    docs = "1 document" if n == 1 else f"{n} documents"
    text = f"{entry.name} is {KIND_NOUNS[entry.kind]} named in {docs} of the archive."
    names = also_written(entry, record)
    return text + (f" Also written {', '.join(names)}." if names else "")


def shared(count: int) -> str:
    return "1 shared document" if count == 1 else f"{count} shared documents"


TOP = 15  # actors an actor appears with, and topics, listed on its page

Partners = tuple[tuple[str, str, int], ...]  # id, name, shared documents
TopicCounts = tuple[tuple[tuple[str, str], int], ...]  # (id, label), documents


def _cooccurrence(entry: _ActorEntry, reuse: Reuse) -> dict[str, int]:
    """How many of an actor's documents name each other actor (a document listed
    twice for the actor, named twice in it, counts twice, as its list of documents
    shows it).  Worked out only for an actor whose pages are made again."""
    counts = reuse.tally(f"actor:{entry.id}/with", entry.docs, _actor_ids)
    return {i: n for i, n in counts.items() if i != entry.id}


def _actor_ids(doc: Document) -> list[str]:
    return [a.id for a in doc.actors]


def _topic_labels(doc: Document) -> list[tuple[str, str]]:
    return [(t.id, t.label) for t in doc.topics]


def _partners(counts: Mapping[str, int], names: dict[str, str]) -> Partners:
    """The actors most often named with one, by the names they have now (most first,
    then by name).

    Only the actors sharing at least as many documents as the ``TOP``-th are sorted
    by name: a hub actor is named with thousands of others."""
    if not counts:
        return ()
    least = sorted(counts.values(), reverse=True)[:TOP][-1]
    near = [(i, n) for i, n in counts.items() if n >= least]
    top = sorted(near, key=lambda kv: (-kv[1], names[kv[0]].casefold(), kv[0]))[:TOP]
    return tuple((i, names[i], n) for i, n in top)


def _topic_counts(entry: _ActorEntry, reuse: Reuse) -> TopicCounts:
    counts = reuse.tally(f"actor:{entry.id}/topics", entry.docs, _topic_labels)
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP])


def _tail(
    src: str,
    actor_id: str,
    said: tuple[SaidItem, ...],
    n_said: int,
    partners: Partners,
    topics: TopicCounts,
    site: Site,
) -> list[str]:
    """The end of an actor's first page: its newest statements, the actors it appears
    with and its topics."""
    return (
        _statements_section(actor_id, said, n_said, src, site)
        + _cooccurring(partners, src, site)
        + _topics_of(topics, src, site)
    )


def _cooccurring(partners: Partners, src: str, site: Site) -> list[str]:
    if not partners:
        return []
    items = "".join(
        el("li", link(href(src, actor_src(i), site.directory_urls), name) + f" ({shared(n)})")
        for i, name, n in partners
    )
    return ["## Appears with", el("ul", items, class_="pa-cooccur")]


def _topics_of(top: TopicCounts, src: str, site: Site) -> list[str]:
    if not top:
        return []
    items = "".join(
        el("li", link(href(src, topic_src(i), site.directory_urls), label) + f" ({n})")
        for (i, label), n in top
    )
    return ["## Topics", el("ul", items, class_="pa-topics")]


def actor_pages(
    docs: Sequence[Document], knowledge: Knowledge, site: Site, reuse: Reuse | None = None
) -> list[PageJob]:
    """Every actor's pages, the lists of actors and the lists of statements; an
    actor's pages are made again only when what they show changed (see
    :class:`~build_tools.index.reuse.Reuse`)."""
    reuse = reuse if reuse is not None else Reuse()
    entries = _actor_entries(docs, reuse)
    names = reuse.same("actor-names", {e.id: e.name for e in entries.values()})
    present = set(entries)
    said = statements_by_speaker(docs, reuse)
    pages = _actors_index(entries, site, reuse)
    for entry in entries.values():
        record = knowledge.actor(entry.id) if entry.registered else None
        other = knowledge.actor(record.affiliation) if record and record.affiliation else None
        own = said.get(entry.id, [])
        linked = other is not None and other.id in present
        # the entry holds the actor's documents, and so the actors named with it
        inputs = (entry, record, other, linked, tuple(own), names, site)
        pages += reuse.made(
            f"actor:{entry.id}",
            inputs,
            lambda e=entry, r=record, o=own: _one_actor(
                e, r, o, names, present, knowledge, site, reuse
            ),
        )
    return pages + statement_pages(said, names, knowledge, site, reuse)


def _one_actor(
    entry: _ActorEntry,
    record: Actor | None,
    own: list[tuple[Document, Statement]],
    names: dict[str, str],
    present: set[str],
    knowledge: Knowledge,
    site: Site,
    reuse: Reuse,
) -> list[PageJob]:
    return doc_pages(
        actor_src(entry.id),
        entry.name,
        entry.docs,
        site,
        reuse.each(f"actor:{entry.id}/entries", entry.docs, list_entry),
        head=lambda src: (
            _actor_head(entry, record, src, present, site, knowledge) + ["## Documents"]
        ),
        tail=Part(
            _tail,
            (
                entry.id,
                tuple(_said_item(d, s) for d, s in own[:STATEMENTS_ON_ACTOR_PAGE]),
                len(own),
                _partners(_cooccurrence(entry, reuse), names),
                _topic_counts(entry, reuse),
            ),
        ),
        meta=actor_meta(entry, record),
        reuse=reuse,
    )


# ----------------------------------------------------------------- statements

STATEMENTS_ON_ACTOR_PAGE = 3  # the newest, before the link to all of them


def statements_by_speaker(
    docs: Sequence[Document], reuse: Reuse | None = None
) -> dict[str, tuple[tuple[Document, Statement], ...]]:
    """Every attributed statement of the archive by speaker, newest document first;
    a speaker's list is worked out again only when one of its documents changed."""
    reuse = reuse if reuse is not None else Reuse()
    ordered = reuse.ordered(docs, newest_first)
    groups = reuse.grouped("statements/docs", ordered, _speakers)
    return reuse.mapped("statements/said", groups, _said_by)


def _speakers(doc: Document) -> set[str]:
    return {s.speaker for s in doc.statements if s.speaker}


def _said_by(speaker: str, docs: list[Document]) -> tuple[tuple[Document, Statement], ...]:
    return tuple((doc, s) for doc in docs for s in doc.statements if s.speaker == speaker)


def statements_src(actor_id: str) -> str:
    return f"actors/{actor_id}/statements.md"


def passage_topics(doc: Document, block: int, knowledge: Knowledge) -> list[TopicRef]:
    """The document's topics that the paragraph of a statement speaks of."""
    passage = replace(doc.seed, blocks=(Block("title", ""), doc.seed.blocks[block]))
    evidence = score_topics(replace(doc, seed=passage), knowledge)
    return [t for t in doc.topics if evidence.get(t.id, 0.0) > 0]


# A statement as a list shows it: document page, title, date, paragraph anchor, text.
SaidItem = tuple[str, str, str, str, str]


def _said_item(doc: Document, statement: Statement) -> SaidItem:
    anchor = ""
    if statement.paragraph in doc.seed.paragraph_indexes():
        anchor = f"#{paragraph_anchor(statement.paragraph)}"
    return (document_src(doc), doc.title, doc.date or "", anchor, statement.text)


def _statement_item(item: SaidItem, src: str, site: Site, topics) -> str:
    doc_src, title, date, anchor, text = item
    when = el("time", esc(display_date(date)), datetime=date) if date else "Undated"
    url = href(src, doc_src, site.directory_urls) + anchor
    entry = (
        when
        + " — "
        + link(url, title, class_="pa-statement-doc")
        + "<br>"
        + el("q", esc(text), class_="pa-statement")
    )
    if topics:
        labels = ", ".join(
            link(href(src, topic_src(t.id), site.directory_urls), t.label) for t in topics
        )
        entry += "<br>" + el("span", "Topics: " + labels, class_="pa-statement-topics")
    return el("li", entry)


def _statements_section(
    actor_id: str, newest: Sequence[SaidItem], n_said: int, src: str, site: Site
) -> list[str]:
    if not newest:
        return []
    items = "".join(_statement_item(item, src, site, ()) for item in newest)
    more = link(href(src, statements_src(actor_id), site.directory_urls), f"All {n_said}")
    return ["## Statements", el("ul", items, class_="pa-statements"), el("p", more)]


def _statement_list(
    src: str, chunk: Sequence[tuple[Document, Statement]], knowledge: Knowledge, site: Site
) -> str:
    return el(
        "ul",
        "".join(
            _statement_item(_said_item(d, s), src, site, passage_topics(d, s.paragraph, knowledge))
            for d, s in chunk
        ),
        class_="pa-statements",
    )


def statement_pages(
    said, names: dict[str, str], knowledge: Knowledge, site: Site, reuse: Reuse | None = None
) -> list[PageJob]:
    """One paginated list per speaker: every statement, newest first, with the
    document (linked to the paragraph) and the topics of the passage.

    The topics of a passage are worked out only when its page is built; the
    page's key holds what determines them (the document's seed and slug, the
    statement and the curated knowledge).  A speaker's list is made again only
    when its statements, name, knowledge or site changed."""
    reuse = reuse if reuse is not None else Reuse()
    pages: list[PageJob] = []
    entries = Part(_statement_list, (knowledge,), key=knowledge.digest)
    for actor_id, items in sorted(said.items()):
        name = names.get(actor_id, actor_id)
        inputs = (tuple(items), name, knowledge_token(knowledge), site)
        pages += reuse.made(
            f"statements:{actor_id}",
            inputs,
            lambda a=actor_id, n=name, i=items: _speaker_pages(a, n, i, entries, site, reuse),
        )
    return pages


def _speaker_pages(
    actor_id: str,
    name: str,
    items: list[tuple[Document, Statement]],
    entries: Part,
    site: Site,
    reuse: Reuse,
) -> list[PageJob]:
    def head(src: str) -> list[str]:
        back = link(href(src, actor_src(actor_id), site.directory_urls), name)
        return [el("h1", esc(f"Statements by {name}")), el("p", "Back to " + back)]

    return paged(
        statements_src(actor_id),
        f"Statements by {name}",
        items,
        site,
        entries,
        head,
        keys=[(doc_key(d), s) for d, s in items],
        reuse=reuse,
    )


KIND_PAGES = {"person": "people", "organization": "organizations", "country": "countries"}
TOP_PER_KIND = 20


def _listed(group: Sequence[_ActorEntry]) -> list[tuple[str, str, int, bool]]:
    """What the actor lists show: id, name, number of documents, registered."""
    return [(e.id, e.name, len(e.docs), e.registered) for e in group]


def _actor_items(src: str, group: Sequence[tuple[str, str, int, bool]], site: Site) -> str:
    items = "".join(
        el(
            "li",
            link(href(src, actor_src(i), site.directory_urls), name)
            + f" ({n})"
            + ("" if registered else " " + el("span", UNCHECKED_BADGE, class_="pa-badge")),
        )
        for i, name, n, registered in group
    )
    return el("ul", items, class_="pa-actorlist")


def _actors_index(entries: dict[str, _ActorEntry], site: Site, reuse: Reuse) -> list[PageJob]:
    """The index names the actors of each kind with the most documents and links
    to the full, alphabetical, paginated list of that kind."""
    src = "actors/index.md"
    body = [
        el("h1", "Actors"),
        el("p", esc(f"{len(entries)} people, organizations and countries.")),
    ]
    pages = []
    for kind, heading in KIND_HEADINGS:
        group = sorted(
            (e for e in entries.values() if e.kind == kind), key=lambda e: (e.name.casefold(), e.id)
        )
        if not group:
            continue
        top = sorted(group, key=lambda e: (-len(e.docs), e.name.casefold(), e.id))[:TOP_PER_KIND]
        base = f"actors/{KIND_PAGES[kind]}.md"
        everyone = link(href(src, base, site.directory_urls), f"All {len(group)} {heading.lower()}")
        body += [f"## {heading}", _actor_items(src, _listed(top), site), el("p", everyone)]
        pages += paged(
            base,
            heading,
            _listed(group),
            site,
            _actor_items,
            head=lambda page_src, h=heading: [el("h1", esc(h))],
            reuse=reuse,
        )
    index = make_page(src, "Actors", body)
    return [PageJob.ready(index.src, index.markdown), *pages]
