"""Topic pages: one per topic, and the topic tree."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from ..markup import el, esc, href, link, meta_text
from ..model import Document, Knowledge
from ..render import (
    actor_src,
    topic_src,
)
from .lists import (
    Entry,
    Page,
    Site,
    doc_entry,
    entry,
    make_page,
    newest_first,
    paged,
    searchable_body,
)
from .reuse import PageJob, Reuse, knowledge_token

# ----------------------------------------------------------------- topics


def _broader_chain(topic_id: str, knowledge: Knowledge) -> list[str]:
    """The topic's broader topics, nearest first (a cycle in the curated data stops it)."""
    chain: list[str] = []
    record = knowledge.topic(topic_id)
    while record and record.broader and record.broader not in chain and record.broader != topic_id:
        chain.append(record.broader)
        record = knowledge.topic(record.broader)
    return chain


def with_narrower(
    docs: Sequence[Document], knowledge: Knowledge, reuse: Reuse | None = None
) -> tuple[dict[str, list[Document]], dict[str, dict[str, str]]]:
    """Each topic's documents, its narrower topics' included, newest first; and, for a
    document listed only through a narrower topic, which one (topic → slug → topic id).

    Every document is counted once per topic, so a broader topic never counts fewer
    documents than one of its narrower topics.  A topic's list is worked out again
    only when one of its documents (or the curated knowledge) changed."""
    reuse = reuse if reuse is not None else Reuse()
    chains: dict[str, list[str]] = {}

    def listed(doc: Document) -> dict[str, str | None]:
        """The topics a document is listed under, each with the narrower topic of
        its own it is listed through (None for its own)."""
        own = sorted({t.id for t in doc.topics})
        found: dict[str, str | None] = {}
        for topic_id in own:
            if topic_id not in chains:
                chains[topic_id] = _broader_chain(topic_id, knowledge)
            for tid in [topic_id, *chains[topic_id]]:
                if tid not in found:
                    found[tid] = None if tid in own else topic_id
        return found

    ordered = reuse.ordered(docs, newest_first)
    token = knowledge_token(knowledge)
    found = reuse.each("topics/listed", ordered, listed, given=token)
    of = {id(doc): topics for doc, topics in zip(ordered, found)}
    by_topic = reuse.grouped("topics/docs", ordered, lambda d: of[id(d)], given=token)
    via = reuse.mapped(
        "topics/via",
        by_topic,
        lambda tid, tdocs: {d.slug: v for d in tdocs if (v := of[id(d)][tid]) is not None},
    )
    return by_topic, {tid: under for tid, under in via.items() if under}


def topic_pages(
    docs: Sequence[Document], knowledge: Knowledge, site: Site, reuse: Reuse | None = None
) -> list[PageJob]:
    """The index of topics and each topic's pages; a topic's pages are made again only
    when what they show changed (see :class:`~build_tools.index.reuse.Reuse`)."""
    reuse = reuse if reuse is not None else Reuse()
    by_topic, via = with_narrower(docs, knowledge, reuse)
    narrower: dict[str, list[str]] = defaultdict(list)
    for topic in knowledge.topics:
        if topic.broader:
            narrower[topic.broader].append(topic.id)
    index = _topics_index(by_topic, narrower, knowledge, site)
    pages = [PageJob.ready(index.src, index.markdown)]
    labels = {t.id: t.label for t in knowledge.topics}
    for doc in docs:
        labels.update({t.id: t.label for t in doc.topics})
    labels = reuse.same("topic-labels", labels)
    # what a topic's head reads of the others: their places in the tree and their sizes
    tree = reuse.same("topic-tree", (dict(narrower), {t: len(ds) for t, ds in by_topic.items()}))
    for topic_id, tdocs in by_topic.items():
        under = via.get(topic_id, {})
        inputs = (topic_id, tdocs, under, labels, tree, knowledge_token(knowledge), site)
        pages += reuse.made(
            f"topic:{topic_id}",
            inputs,
            lambda t=topic_id, ds=tdocs, u=under: _one_topic(
                t, ds, u, narrower, by_topic, labels, knowledge, site, reuse
            ),
        )
    return pages


def _one_topic(
    topic_id, tdocs, under, narrower, by_topic, labels, knowledge, site, reuse
) -> list[PageJob]:
    top = _most_present(reuse.tally(f"topic:{topic_id}/actors", tdocs, _actor_names))
    entries = reuse.each(f"topic:{topic_id}/entries", tdocs, entry)
    listed = [(e, _under(under.get(d.slug), labels)) for d, e in zip(tdocs, entries)]
    return paged(
        topic_src(topic_id),
        labels[topic_id],
        listed,
        site,
        _topic_doc_list,
        head=lambda src: _topic_head(
            topic_id, tdocs, narrower, by_topic, labels, knowledge, src, site, top
        ),
        meta=topic_meta(topic_id, labels[topic_id], len(tdocs), knowledge, site),
        reuse=reuse,
    )


def _under(topic_id: str | None, labels: dict[str, str]) -> tuple[str, str] | None:
    return (topic_id, labels[topic_id]) if topic_id else None


def _actor_names(doc: Document) -> list[tuple[str, str]]:
    return [(a.id, a.name) for a in doc.actors]


def _most_present(counts: Mapping[tuple[str, str], int]) -> list[tuple[tuple[str, str], int]]:
    """The actors named in most of a topic's documents (``counts``, by id and name):
    ((id, name), count), at most 15; among equals, by name (not by id), then by id
    and name as written, so the order never depends on the order they were counted in."""
    order = lambda kv: (-kv[1], kv[0][1].casefold(), kv[0][0], kv[0][1])  # noqa: E731
    return sorted(counts.items(), key=order)[:15]


def _topic_doc_list(
    src: str, chunk: Sequence[tuple[Entry, tuple[str, str] | None]], site: Site
) -> str:
    """The topic's documents; one listed through a narrower topic says which."""
    items = []
    for item, under in chunk:
        text = doc_entry(item, src, site)
        if under:
            url = href(src, topic_src(under[0]), site.directory_urls)
            text += " " + el("span", "(under " + link(url, under[1]) + ")")
        items.append(el("li", text))
    return el("ul", "".join(items), class_="pa-doclist") if items else ""


def topic_meta(topic_id: str, label: str, n: int, knowledge: Knowledge, site: Site) -> dict:
    """The page's own description and schema.org data (a DefinedTerm of the topic list)."""
    record = knowledge.topic(topic_id)
    docs = "1 document" if n == 1 else f"{n} documents"
    about = f" {record.description}" if record and record.description else ""
    jsonld = {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "name": label,
        "termCode": topic_id,
        "inDefinedTermSet": f"{site.site_name} topics",
    }
    if record and record.description:
        jsonld["description"] = record.description
    return {"description": meta_text(f"{label}: {docs} in the archive.{about}"), "jsonld": jsonld}


def _topic_link(src: str, topic_id: str, labels: dict[str, str], by_topic: dict, site: Site) -> str:
    if topic_id in by_topic:
        return (
            link(href(src, topic_src(topic_id), site.directory_urls), labels[topic_id])
            + f" ({len(by_topic[topic_id])})"
        )
    return esc(labels.get(topic_id, topic_id))


def _topic_head(
    topic_id, tdocs, narrower, by_topic, labels, knowledge: Knowledge, src, site, top
) -> list[str]:
    record = knowledge.topic(topic_id)
    rows = []
    if record and record.description:
        rows.append(("About", esc(record.description)))
    if record and record.broader:
        rows.append(("Broader", _topic_link(src, record.broader, labels, by_topic, site)))
    if narrower.get(topic_id):
        rows.append(
            (
                "Narrower",
                ", ".join(_topic_link(src, n, labels, by_topic, site) for n in narrower[topic_id]),
            )
        )
    rows.append(("Documents", str(len(tdocs))))
    body = searchable_body(src, topic_src(topic_id))
    head = [
        el("h1", esc(labels[topic_id]), **body),
        el(
            "dl",
            "\n".join(el("dt", k) + "\n" + el("dd", v) for k, v in rows),
            class_="pa-meta",
            **body,
        ),
    ]
    if top:
        items = "".join(
            el("li", link(href(src, actor_src(i), site.directory_urls), name) + f" ({n})")
            for (i, name), n in top
        )
        head += ["## Actors most present", el("ul", items, class_="pa-cooccur")]
    return head + ["## Documents"]


def _topics_index(by_topic, narrower, knowledge: Knowledge, site: Site) -> Page:
    src = "topics/index.md"
    labels = {t.id: t.label for t in knowledge.topics}

    def tree(topic_id: str) -> str:
        children = [c for c in narrower.get(topic_id, []) if _used(c)]
        sub = el("ul", "".join(tree(c) for c in children)) if children else ""
        return el("li", _topic_link(src, topic_id, labels, by_topic, site) + sub)

    def _used(topic_id: str) -> bool:
        return topic_id in by_topic or any(_used(c) for c in narrower.get(topic_id, []))

    roots = [t.id for t in knowledge.topics if not t.broader and _used(t.id)]
    extra = sorted(t for t in by_topic if t not in labels)
    body = [
        el("h1", "Topics"),
        el(
            "ul",
            "".join(tree(r) for r in roots)
            + "".join(
                el("li", _topic_link(src, t, {**labels, t: t}, by_topic, site)) for t in extra
            ),
            class_="pa-topictree",
        ),
    ]
    return make_page(src, "Topics", body)
