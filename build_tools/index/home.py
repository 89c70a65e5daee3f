"""The home page and the glossary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..markup import el, esc, href, link
from ..model import Document, Knowledge
from ..render import (
    display_date,
    document_src,
)
from .lists import LATEST, Page, Site, actors_present, doc_list, make_page, newest_first

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
    return make_page(src, "Glossary", body)


def home_page(docs: Sequence[Document], site: Site, description: str = "") -> Page:
    src = "index.md"
    actors = actors_present(docs)
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
        doc_list(newest_first(docs)[:LATEST], src, site, with_lede=True),
    ]
    del kinds
    return make_page(src, site.site_name, body)
