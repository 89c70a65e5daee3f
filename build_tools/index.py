"""Stage 4, index: all Documents → the pages that tie them together.

Home, actors, topics, timeline and glossary pages, and for every document its
context (previous, next and related documents).  Long lists are split into
numbered pages so that no page grows with the archive.  Pure functions.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from .charts import Bar, bar_chart, network
from .markup import el, esc, href, link, meta_text
from .model import Actor, Document, Knowledge
from .render import (
    KIND_HEADINGS,
    PageContext,
    actor_src,
    display_date,
    document_src,
    lede,
    topic_src,
)

__all__ = ["Page", "contexts", "index_pages", "newest_first"]

PAGE_SIZE = 100  # list entries per page
LATEST = 10
RELATED = 5
COMMON_FEATURE = 300  # features shared by more documents than this do not propose candidates


@dataclass(frozen=True)
class Page:
    src: str
    markdown: str
    title: str = ""


@dataclass(frozen=True)
class Site:
    """Settings the listing pages need."""

    site_name: str = "Policy Archive"
    directory_urls: bool = True
    page_size: int = PAGE_SIZE
    extra_links: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def newest_first(docs: Iterable[Document]) -> list[Document]:
    """Dated documents newest first, then undated ones; ties by slug."""
    dated = sorted((d for d in docs if d.date), key=lambda d: (d.date, d.slug), reverse=True)
    undated = sorted((d for d in docs if not d.date), key=lambda d: d.slug)
    return dated + undated


def _page(src: str, title: str, body: list[str]) -> Page:
    meta = f"---\ntitle: {_quote(title)}\n---\n\n"
    return Page(src, meta + "\n\n".join(p for p in body if p is not None) + "\n", title)


def _quote(text: str) -> str:
    return '"' + meta_text(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _doc_list(docs: Sequence[Document], src: str, site: Site, with_lede: bool = False) -> str:
    items = []
    for doc in docs:
        when = el("time", esc(display_date(doc.date)), datetime=doc.date) if doc.date else "Undated"
        entry = when + " — " + link(href(src, document_src(doc), site.directory_urls), doc.title)
        if with_lede:
            entry += "<br>" + el("span", esc(lede(doc)), class_="pa-lede")
        items.append(el("li", entry))
    return el("ul", "".join(items), class_="pa-doclist")


def _paged(
    base: str, title: str, head: list[str], docs: Sequence[Document], site: Site
) -> list[Page]:
    """``base`` (``actors/x.md``) lists the first PAGE_SIZE docs; ``actors/x/2.md`` the next…"""
    chunks = [docs[i : i + site.page_size] for i in range(0, len(docs), site.page_size)] or [[]]
    stem = base[: -len(".md")]
    srcs = [base] + [f"{stem}/{n}.md" for n in range(2, len(chunks) + 1)]
    pages = []
    for n, (src, chunk) in enumerate(zip(srcs, chunks), start=1):
        nav = ""
        if len(chunks) > 1:
            links = [
                link(href(src, other, site.directory_urls), str(k))
                if k != n
                else el("strong", str(k))
                for k, other in enumerate(srcs, start=1)
            ]
            nav = el("p", "Pages: " + " ".join(links), class_="pa-pages")
        suffix = f" (page {n})" if n > 1 else ""
        pages.append(_page(src, title + suffix, head + [nav, _doc_list(chunk, src, site), nav]))
    return pages


# ----------------------------------------------------------------- contexts


def _features(doc: Document) -> set[str]:
    return {f"a:{a.id}" for a in doc.actors} | {f"t:{t.id}" for t in doc.topics}


def _related(docs: list[Document]) -> dict[str, tuple[Document, ...]]:
    """For each document, the few that share the rarest actors and topics, nearest in time."""
    feats = {d.slug: _features(d) for d in docs}
    postings: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        for f in feats[doc.slug]:
            postings[f].append(doc)
    idf = {f: math.log(1 + len(docs) / len(ds)) for f, ds in postings.items()}
    result = {}
    for doc in docs:
        scores: Counter[str] = Counter()
        by_slug = {}
        for f in feats[doc.slug]:
            if len(postings[f]) > COMMON_FEATURE:
                continue
            for other in postings[f]:
                if other.slug != doc.slug:
                    scores[other.slug] += idf[f]
                    by_slug[other.slug] = other
        ranked = sorted(
            scores,
            key=lambda s: (-scores[s] - _nearness(doc, by_slug[s]), s),
        )
        result[doc.slug] = tuple(by_slug[s] for s in ranked[:RELATED])
    return result


def _nearness(a: Document, b: Document) -> float:
    """A small bonus, up to 0.5, for documents close in time."""
    if not a.date or not b.date:
        return 0.0
    years = abs(int(a.date[:4]) - int(b.date[:4]))
    return 0.5 / (1 + years)


def contexts(
    docs: Sequence[Document], site_url: str = "", site: Site = Site()
) -> dict[str, PageContext]:
    """Previous, next and related documents for every document, by slug."""
    ordered = list(reversed([d for d in newest_first(docs) if d.date]))
    neighbours = {}
    for i, doc in enumerate(ordered):
        prev_doc = ordered[i - 1] if i > 0 else None
        next_doc = ordered[i + 1] if i + 1 < len(ordered) else None
        neighbours[doc.slug] = (prev_doc, next_doc)
    related = _related(list(docs))
    return {
        d.slug: PageContext(
            previous=neighbours.get(d.slug, (None, None))[0],
            next=neighbours.get(d.slug, (None, None))[1],
            related=related.get(d.slug, ()),
            site_url=site_url,
            site_name=site.site_name,
            directory_urls=site.directory_urls,
        )
        for d in docs
    }


# ----------------------------------------------------------------- actors


@dataclass
class _ActorEntry:
    id: str
    name: str
    kind: str
    registered: bool
    docs: list[Document] = field(default_factory=list)
    mentions: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)


def _actor_entries(docs: Sequence[Document]) -> dict[str, _ActorEntry]:
    entries: dict[str, _ActorEntry] = {}
    for doc in newest_first(docs):
        for ref in doc.actors:
            entry = entries.setdefault(
                ref.id, _ActorEntry(ref.id, ref.name, ref.kind, ref.registered)
            )
            entry.docs.append(doc)
            entry.mentions.update(ref.mentions)
            entry.roles.update(ref.roles)
    return entries


def _actor_head(
    entry: _ActorEntry,
    record: Actor | None,
    src: str,
    docs: Sequence[Document],
    site: Site,
    knowledge: Knowledge,
) -> list[str]:
    kind = (
        dict(KIND_HEADINGS)[entry.kind]
        .rstrip("s")
        .replace("Countrie", "Country")
        .replace("People", "Person")
    )
    status = "curated record" if record else "detected in the text; not yet in the registry"
    rows = [("Kind", esc(kind)), ("Record", esc(status))]
    if record and record.description:
        rows.append(("About", esc(record.description)))
    if record and record.roles:
        roles = [
            esc(r.title) + " " + esc(f"({r.start or '?'} – {r.end or 'present'})")
            for r in record.roles
        ]
        rows.append(("Roles", "<br>".join(roles)))
    elif entry.roles:
        rows.append(("Roles seen", esc(", ".join(sorted(entry.roles)))))
    names = sorted(entry.mentions - {entry.name})
    if names:
        rows.append(("Also written", esc(", ".join(names))))
    if record and record.affiliation and knowledge.actor(record.affiliation):
        other = knowledge.actor(record.affiliation)
        target = (
            href(src, actor_src(other.id), site.directory_urls)
            if other.id in _present(docs)
            else None
        )
        rows.append(("Affiliation", link(target, other.name) if target else esc(other.name)))
    rows.append(("Documents", str(len(entry.docs))))
    return [
        el("h1", esc(entry.name)),
        el("dl", "".join(el("dt", k) + el("dd", v) for k, v in rows), class_="pa-meta"),
    ]


def _present(docs: Sequence[Document]) -> set[str]:
    return {a.id for d in docs for a in d.actors}


def _cooccurring(entry: _ActorEntry, src: str, site: Site, names: dict[str, str]) -> list[str]:
    counts: Counter[str] = Counter()
    for doc in entry.docs:
        counts.update(a.id for a in doc.actors if a.id != entry.id)
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:15]
    if not top:
        return []
    items = "".join(
        el("li", link(href(src, actor_src(i), site.directory_urls), names[i]) + f" ({n})")
        for i, n in top
    )
    return ["## Appears with", el("ul", items, class_="pa-cooccur")]


def _topics_of(docs: Sequence[Document], src: str, site: Site) -> list[str]:
    counts: Counter[tuple[str, str]] = Counter()
    for doc in docs:
        counts.update((t.id, t.label) for t in doc.topics)
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:15]
    if not top:
        return []
    items = "".join(
        el("li", link(href(src, topic_src(i), site.directory_urls), label) + f" ({n})")
        for (i, label), n in top
    )
    return ["## Topics", el("ul", items, class_="pa-topics")]


def actor_pages(docs: Sequence[Document], knowledge: Knowledge, site: Site) -> list[Page]:
    entries = _actor_entries(docs)
    names = {e.id: e.name for e in entries.values()}
    pages = [_actors_index(entries, site)]
    for entry in entries.values():
        src = actor_src(entry.id)
        record = knowledge.actor(entry.id) if entry.registered else None
        head = _actor_head(entry, record, src, docs, site, knowledge)
        head += _cooccurring(entry, src, site, names) + _topics_of(entry.docs, src, site)
        head.append("## Documents")
        pages += _paged(src, entry.name, head, entry.docs, site)
    return pages


def _actors_index(entries: dict[str, _ActorEntry], site: Site) -> Page:
    src = "actors/index.md"
    body = [
        el("h1", "Actors"),
        el("p", esc(f"{len(entries)} people, organizations and countries.")),
    ]
    for kind, heading in KIND_HEADINGS:
        group = sorted(
            (e for e in entries.values() if e.kind == kind), key=lambda e: (e.name.casefold(), e.id)
        )
        if not group:
            continue
        items = "".join(
            el(
                "li",
                link(href(src, actor_src(e.id), site.directory_urls), e.name)
                + f" ({len(e.docs)})"
                + ("" if e.registered else " " + el("span", "detected", class_="pa-badge")),
            )
            for e in group
        )
        body += [f"## {heading}", el("ul", items, class_="pa-actorlist")]
    return _page(src, "Actors", body)


# ----------------------------------------------------------------- topics


def topic_pages(docs: Sequence[Document], knowledge: Knowledge, site: Site) -> list[Page]:
    by_topic: dict[str, list[Document]] = defaultdict(list)
    for doc in newest_first(docs):
        for ref in doc.topics:
            by_topic[ref.id].append(doc)
    narrower: dict[str, list[str]] = defaultdict(list)
    for topic in knowledge.topics:
        if topic.broader:
            narrower[topic.broader].append(topic.id)
    pages = [_topics_index(by_topic, narrower, knowledge, site)]
    labels = {t.id: t.label for t in knowledge.topics}
    for doc in docs:
        labels.update({t.id: t.label for t in doc.topics})
    for topic_id, tdocs in by_topic.items():
        src = topic_src(topic_id)
        pages += _paged(
            src,
            labels[topic_id],
            _topic_head(topic_id, tdocs, narrower, by_topic, labels, knowledge, src, site),
            tdocs,
            site,
        )
    return pages


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
        el("h1", esc(labels[topic_id])),
        el("dl", "".join(el("dt", k) + el("dd", v) for k, v in rows), class_="pa-meta"),
    ]
    counts: Counter[tuple[str, str]] = Counter()
    for doc in tdocs:
        counts.update((a.id, a.name) for a in doc.actors)
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:15]
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
    return _page(src, "Topics", body)


# ----------------------------------------------------------------- timeline


def time_bars(docs: Sequence[Document], src: str, site: Site) -> list[Bar]:
    """Documents per month over short spans, per year over long ones."""
    dated = [d.date for d in docs if d.date]
    if not dated:
        return []
    first, last = int(min(dated)[:4]), int(max(dated)[:4])
    per_year = Counter(d[:4] for d in dated)

    def year_link(year: int) -> str | None:
        return (
            href(src, f"timeline/{year}.md", site.directory_urls) if per_year[str(year)] else None
        )

    if last - first >= 3:
        return [(str(y), per_year[str(y)], year_link(y)) for y in range(first, last + 1)]
    per_month = Counter(d[:7] for d in dated if len(d) >= 7)
    return [
        (f"{MONTHS[m - 1]} {y}", per_month[f"{y}-{m:02d}"], year_link(y))
        for y in range(first, last + 1)
        for m in range(1, 13)
    ]


def _year(doc: Document) -> str:
    return doc.date[:4] if doc.date else "undated"


def timeline_pages(docs: Sequence[Document], site: Site) -> list[Page]:
    by_year: dict[str, list[Document]] = defaultdict(list)
    for doc in newest_first(docs):
        by_year[_year(doc)].append(doc)
    for year in {e.date[:4] for d in docs for e in d.events}:
        by_year.setdefault(year, [])
    pages = [_timeline_index(by_year, site)]
    for year, ydocs in sorted(by_year.items()):
        pages += _year_pages(year, ydocs, docs, site)
    return pages


def _month_table(by_year: dict[str, list[Document]], src: str, site: Site) -> str:
    header = el("tr", el("th", "Year") + "".join(el("th", m) for m in MONTHS) + el("th", "All"))
    rows = [header]
    for year, ydocs in sorted(by_year.items(), reverse=True):
        if year == "undated":
            continue
        counts = Counter(d.date[5:7] for d in ydocs if len(d.date) >= 7)
        cells = "".join(el("td", str(counts.get(f"{m:02d}", "")) or "") for m in range(1, 13))
        year_link = link(href(src, f"timeline/{year}.md", site.directory_urls), year)
        rows.append(el("tr", el("th", year_link) + cells + el("td", str(len(ydocs)))))
    return el("table", "".join(rows), class_="pa-months")


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _timeline_index(by_year: dict[str, list[Document]], site: Site) -> Page:
    src = "timeline/index.md"
    body = [
        el("h1", "Timeline"),
        el(
            "p",
            "Documents by year and month; each year page lists its documents and the events they mention.",
        ),
    ]
    body.append(bar_chart(time_bars(_all_docs(by_year), src, site), "Documents over time"))
    body.append(_month_table(by_year, src, site))
    if "undated" in by_year:
        url = href(src, "timeline/undated.md", site.directory_urls)
        body.append(el("p", link(url, f"Undated documents ({len(by_year['undated'])})")))
    return _page(src, "Timeline", body)


def _all_docs(by_year: dict[str, list[Document]]) -> list[Document]:
    return [d for ydocs in by_year.values() for d in ydocs]


def _events_of_year(year: str, docs: Sequence[Document]) -> list[tuple[str, str, Document]]:
    found = []
    for doc in docs:
        for event in doc.events:
            if event.date.startswith(year):
                found.append((event.date, event.text, doc))
    return sorted(found, key=lambda e: (e[0], e[2].slug, e[1]))


def _year_pages(
    year: str, ydocs: list[Document], docs: Sequence[Document], site: Site
) -> list[Page]:
    src = f"timeline/{year}.md"
    title = "Undated documents" if year == "undated" else f"{year}"
    head = [el("h1", esc(title))]
    if year != "undated":
        events = _events_of_year(year, docs)
        if events:
            items = "".join(
                el(
                    "li",
                    el("time", esc(display_date(d)), datetime=d)
                    + " — "
                    + esc(text)
                    + " "
                    + el(
                        "small",
                        "("
                        + link(href(src, document_src(doc), site.directory_urls), doc.title)
                        + ")",
                    ),
                )
                for d, text, doc in events[: site.page_size * 5]
            )
            head += ["## Events mentioned", el("ul", items, class_="pa-events")]
    head.append("## Documents")
    return _paged(src, title, head, ydocs, site)


# ----------------------------------------------------------------- glossary, home


def glossary_page(docs: Sequence[Document], knowledge: Knowledge, site: Site) -> Page:
    src = "glossary.md"
    entries: dict[str, tuple[str, list[Document]]] = {}
    for entry in knowledge.glossary:
        entries[entry.abbr] = (entry.expansion, [])
    for doc in newest_first(docs):
        for abbr in doc.abbreviations:
            expansion, where = entries.setdefault(abbr.abbr, (abbr.expansion, []))
            if len(where) < 5:
                where.append(doc)
    rows = [el("tr", el("th", "Abbreviation") + el("th", "Meaning") + el("th", "Used in"))]
    for abbr, (expansion, where) in sorted(entries.items(), key=lambda kv: kv[0].casefold()):
        used = ", ".join(
            link(href(src, document_src(d), site.directory_urls), d.title) for d in where
        )
        rows.append(
            el(
                "tr",
                el("td", el("abbr", esc(abbr), title=expansion))
                + el("td", esc(expansion))
                + el("td", used),
            )
        )
    body = [
        el("h1", "Glossary"),
        el("p", "Abbreviations from the curated glossary and those defined in the documents."),
        el("table", "".join(rows), class_="pa-glossary"),
    ]
    return _page(src, "Glossary", body)


def home_page(docs: Sequence[Document], site: Site, description: str = "") -> Page:
    src = "index.md"
    actors = _present(docs)
    kinds = Counter(a.kind for d in docs for a in {x.id: x for x in d.actors}.values())
    topics = {t.id for d in docs for t in d.topics}
    dated = [d.date for d in docs if d.date]
    span = f" from {display_date(min(dated))} to {display_date(max(dated))}" if dated else ""
    stats = el(
        "p",
        esc(
            f"{len(docs)} documents{span}, naming {len(actors)} actors, filed under {len(topics)} topics."
        ),
        class_="pa-stats",
    )
    browse = [
        ("timeline/index.md", "Browse by date"),
        ("actors/index.md", "Browse by actor"),
        ("topics/index.md", "Browse by topic"),
        ("glossary.md", "Glossary"),
    ]
    links = el(
        "ul",
        "".join(el("li", link(href(src, s, site.directory_urls), t)) for s, t in browse),
        class_="pa-browse",
    )
    body = [el("h1", esc(site.site_name))]
    if description:
        body.append(el("p", esc(description)))
    body += [
        stats,
        links,
        "## Latest documents",
        _doc_list(newest_first(docs)[:LATEST], src, site, with_lede=True),
    ]
    del kinds
    return _page(src, site.site_name, body)


def index_pages(
    docs: Sequence[Document], knowledge: Knowledge, site: Site = Site(), description: str = ""
) -> list[Page]:
    """Every listing page of the archive."""
    return (
        [home_page(docs, site, description), glossary_page(docs, knowledge, site)]
        + timeline_pages(docs, site)
        + actor_pages(docs, knowledge, site)
        + topic_pages(docs, knowledge, site)
    )
