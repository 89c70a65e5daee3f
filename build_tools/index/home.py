"""The home page and the glossary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..charts import bar_chart
from ..markup import el, esc, href, link
from ..model import Document, Knowledge
from ..render import (
    display_date,
    document_src,
)
from .lists import LATEST, Page, Site, doc_list, make_page, newest_first, paged
from .timeline import time_bars

# ----------------------------------------------------------------- glossary, home


Gloss = tuple[str, str, list[Document]]  # abbreviation, expansion, documents using it


def _glossary_entries(docs: Sequence[Document], knowledge: Knowledge) -> list[Gloss]:
    entries: dict[str, tuple[str, list[Document]]] = {}
    for entry in knowledge.glossary:
        entries[entry.abbr] = (entry.expansion, [])
    for doc in newest_first(docs):
        for abbr in doc.abbreviations:
            _, where = entries.setdefault(abbr.abbr, (abbr.expansion, []))
            if len(where) < 5:
                where.append(doc)
    ordered = sorted(entries.items(), key=lambda kv: (kv[0].casefold(), kv[0]))
    return [(abbr, expansion, where) for abbr, (expansion, where) in ordered]


def _glossary_table(src: str, entries: Sequence[Gloss], site: Site) -> str:
    rows = [el("tr", el("th", "Abbreviation") + el("th", "Meaning") + el("th", "Used in"))]
    for abbr, expansion, where in entries:
        used = ", ".join(
            link(href(src, document_src(d), site.directory_urls), d.title) for d in where
        )
        cells = el("td", el("abbr", esc(abbr), title=expansion)) + el("td", esc(expansion))
        rows.append(el("tr", cells + el("td", used)))
    return el("table", "".join(rows), class_="pa-glossary")


def glossary_page(docs: Sequence[Document], knowledge: Knowledge, site: Site) -> list[Page]:
    intro = "Abbreviations from the curated glossary and those defined in the documents."
    return paged(
        "glossary.md",
        "Glossary",
        _glossary_entries(docs, knowledge),
        site,
        lambda src, chunk: _glossary_table(src, chunk, site),
        head=lambda src: [el("h1", "Glossary"), el("p", intro)],
    )


BROWSE = (
    ("timeline/index.md", "Browse by date"),
    ("actors/index.md", "Browse by actor"),
    ("topics/index.md", "Browse by topic"),
    ("glossary.md", "Glossary"),
)
DOWNLOADS = (
    ("archive.json", "archive.json"),
    ("archive.csv", "archive.csv"),
    ("feed.xml", "Atom feed"),
)


def _stats(docs: Sequence[Document]) -> str:
    kinds = Counter(a.kind for a in {a.id: a for d in docs for a in d.actors}.values())
    topics = {t.id for d in docs for t in d.topics}
    dated = [d.date for d in docs if d.date]
    span = f" from {display_date(min(dated))} to {display_date(max(dated))}" if dated else ""
    text = (
        f"{len(docs)} documents{span}, naming {kinds['person']} people, "
        f"{kinds['organization']} organizations and {kinds['country']} countries, "
        f"filed under {len(topics)} topics."
    )
    return el("p", esc(text), class_="pa-stats")


def _links(src: str, pairs: Sequence[tuple[str, str]], site: Site) -> list[str]:
    return [link(href(src, path, site.directory_urls), text) for path, text in pairs]


def home_page(docs: Sequence[Document], site: Site, description: str = "") -> Page:
    src = "index.md"
    body = [el("h1", esc(site.site_name))]
    if description:
        body.append(el("p", esc(description)))
    body += [
        _stats(docs),
        el("ul", "".join(el("li", a) for a in _links(src, BROWSE, site)), class_="pa-browse"),
        bar_chart(time_bars(docs, src, site), "Documents over time"),
        el(
            "p", "Take the data: " + " · ".join(_links(src, DOWNLOADS, site)), class_="pa-downloads"
        ),
        "## Latest documents",
        doc_list(newest_first(docs)[:LATEST], src, site, with_lede=True),
    ]
    return make_page(src, site.site_name, body)
