"""Topic pages: one per topic, and the topic tree."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from ..markup import el, esc, href, link, meta_text
from ..model import Document, Knowledge
from ..render import (
    actor_src,
    topic_src,
)
from .lists import Page, Site, doc_entry, make_page, newest_first, paged
from .reuse import Reuse

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
    docs: Sequence[Document], knowledge: Knowledge
) -> tuple[dict[str, list[Document]], dict[str, dict[str, str]]]:
    """Each topic's documents, its narrower topics' included, newest first; and, for a
    document listed only through a narrower topic, which one (topic → slug → topic id).

    Every document is counted once per topic, so a broader topic never counts fewer
    documents than one of its narrower topics."""
    by_topic: dict[str, list[Document]] = defaultdict(list)
    via: dict[str, dict[str, str]] = defaultdict(dict)
    chains: dict[str, list[str]] = {}
    for doc in newest_first(docs):
        own = sorted({t.id for t in doc.topics})
        listed: set[str] = set()
        for topic_id in own:
            if topic_id not in chains:
                chains[topic_id] = _broader_chain(topic_id, knowledge)
            for tid in [topic_id, *chains[topic_id]]:
                if tid in listed:
                    continue
                listed.add(tid)
                by_topic[tid].append(doc)
                if tid not in own:
                    via[tid][doc.slug] = topic_id
    return by_topic, via


def _also_touch_broader(reuse: Reuse, knowledge: Knowledge) -> None:
    """A topic page lists its narrower topics' documents at every depth, so a change
    touching a topic touches all its broader topics' pages too."""
    if reuse.touched is not None:
        topics = reuse.touched["topic"]
        topics |= {b for t in list(topics) for b in _broader_chain(t, knowledge)}


def topic_pages(
    docs: Sequence[Document], knowledge: Knowledge, site: Site, reuse: Reuse | None = None
) -> list[Page]:
    by_topic, via = with_narrower(docs, knowledge)
    narrower: dict[str, list[str]] = defaultdict(list)
    for topic in knowledge.topics:
        if topic.broader:
            narrower[topic.broader].append(topic.id)
    pages = [_topics_index(by_topic, narrower, knowledge, site)]
    labels = {t.id: t.label for t in knowledge.topics}
    for doc in docs:
        labels.update({t.id: t.label for t in doc.topics})
    reuse = reuse or Reuse()
    _also_touch_broader(reuse, knowledge)
    for topic_id, tdocs in by_topic.items():
        pages += reuse.pages(
            "topic",
            topic_id,
            lambda t=topic_id, ds=tdocs: paged(
                topic_src(t),
                labels[t],
                ds,
                site,
                lambda src, chunk, t=t: _topic_doc_list(chunk, src, site, via[t], labels),
                head=lambda src: _topic_head(
                    t, ds, narrower, by_topic, labels, knowledge, src, site
                ),
                meta=topic_meta(t, labels[t], len(ds), knowledge, site),
            ),
        )
    return pages


def _topic_doc_list(
    docs: Sequence[Document], src: str, site: Site, via: dict[str, str], labels: dict[str, str]
) -> str:
    """The topic's documents; one listed through a narrower topic says which."""
    items = []
    for doc in docs:
        entry = doc_entry(doc, src, site)
        if doc.slug in via:
            narrower = via[doc.slug]
            url = href(src, topic_src(narrower), site.directory_urls)
            entry += " " + el("span", "(under " + link(url, labels[narrower]) + ")")
        items.append(el("li", entry))
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
    topic_id, tdocs, narrower, by_topic, labels, knowledge: Knowledge, src, site
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
    head = [
        el("h1", esc(labels[topic_id]), data_pagefind_body=""),
        el(
            "dl",
            "\n".join(el("dt", k) + "\n" + el("dd", v) for k, v in rows),
            class_="pa-meta",
            data_pagefind_body="",
        ),
    ]
    counts: Counter[tuple[str, str]] = Counter()
    for doc in tdocs:
        counts.update((a.id, a.name) for a in doc.actors)
    # Most documents first; among equals, by name (not by id).
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][1].casefold(), kv[0][0]))[:15]
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
