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
from .lists import LATEST, Page, Site, doc_list, entry, make_page, newest_first, paged
from .reuse import PageJob, Reuse
from .timeline import time_bars

# ----------------------------------------------------------------- glossary, home


# abbreviation, expansion, the first documents using it (page, title), how many use it
Gloss = tuple[str, str, tuple[tuple[str, str], ...], int]
GLOSS_DOCS = 5  # documents named per abbreviation


def _glossary_entries(
    docs: Sequence[Document], knowledge: Knowledge, reuse: Reuse | None = None
) -> list[Gloss]:
    """The abbreviations the documents use, one per abbreviation whatever its case
    (DOD/DoD): written as the curated glossary writes it, else as first met."""
    reuse = reuse if reuse is not None else Reuse()
    curated = {e.abbr.casefold(): (e.abbr, e.expansion) for e in knowledge.glossary}
    groups = reuse.grouped("glossary/docs", reuse.ordered(docs, newest_first), _abbr_keys)
    used = reuse.mapped("glossary/used", groups, _gloss)
    entries = []
    for key, (form, expansion, where) in used.items():  # (by key: the groups' order)
        form, expansion = curated.get(key, (form, expansion))
        entries.append((form, expansion, where, len(groups[key])))
    return entries


def _abbr_keys(doc: Document) -> set[str]:
    return {a.abbr.casefold() for a in doc.abbreviations}


def _gloss(key: str, docs: list[Document]) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """An abbreviation as first met (newest document first), and the first documents
    using it (page, title)."""
    first = next(a for a in docs[0].abbreviations if a.abbr.casefold() == key)
    where = tuple((document_src(d), d.title) for d in docs[:GLOSS_DOCS])
    return first.abbr, first.expansion, where


def _glossary_table(src: str, entries: Sequence[Gloss], site: Site) -> str:
    rows = [el("tr", el("th", "Abbreviation") + el("th", "Meaning") + el("th", "Used in"))]
    for abbr, expansion, where, count in entries:
        used = ", ".join(
            link(href(src, doc_src, site.directory_urls), title) for doc_src, title in where
        )
        if count > len(where):
            used += esc(f" and {count - len(where)} more")
        cells = el("td", el("abbr", esc(abbr), title=expansion)) + el("td", esc(expansion))
        rows.append(el("tr", cells + el("td", used)))
    return el("table", "".join(rows), class_="pa-glossary")


def glossary_page(
    docs: Sequence[Document], knowledge: Knowledge, site: Site, reuse: Reuse | None = None
) -> list[PageJob]:
    intro = "The abbreviations the documents use, what they stand for, and where they are used."
    return paged(
        "glossary.md",
        "Glossary",
        _glossary_entries(docs, knowledge, reuse),
        site,
        _glossary_table,
        head=lambda src: [el("h1", "Glossary"), el("p", intro)],
        reuse=reuse,
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


def home_page(
    docs: Sequence[Document], site: Site, description: str = "", reuse: Reuse | None = None
) -> Page:
    src = "index.md"
    reuse = reuse if reuse is not None else Reuse()
    newest = reuse.ordered(docs, newest_first)
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
        doc_list([entry(d, with_lede=True) for d in newest[:LATEST]], src, site),
    ]
    return make_page(src, site.site_name, body)
