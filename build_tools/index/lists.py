"""Shared pieces of the listing pages: the page record, settings, document lists."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Callable

import yaml

from ..markup import el, esc, href, link, meta_text
from ..model import Document
from ..render import (
    UNKNOWN_DATE,
    display_date,
    document_src,
    lede,
)

PAGE_SIZE = 100  # list entries per page
LATEST = 10
RELATED = 5
RELATED_MIN_SHARED = 2  # actors and topics two documents must share to be related
COMMON_FEATURE = 100  # features shared by more documents than this propose no candidates


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
    repo_url: str = ""  # with edit_uri: document pages link their seed file there
    edit_uri: str = ""
    docs_dir: str = "docs"


def newest_first(docs: Iterable[Document]) -> list[Document]:
    """Dated documents newest first, then undated ones; ties by slug."""
    dated = sorted((d for d in docs if d.date), key=lambda d: (d.date, d.slug), reverse=True)
    undated = sorted((d for d in docs if not d.date), key=lambda d: d.slug)
    return dated + undated


def make_page(src: str, title: str, body: list[str], meta: dict | None = None) -> Page:
    """A listing page; ``meta`` adds front-matter keys (``description``, ``jsonld``)."""
    extra = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=10_000) if meta else ""
    head = f"---\ntitle: {quote_title(title)}\n{extra}---\n\n"
    return Page(src, head + "\n\n".join(p for p in body if p is not None) + "\n", title)


def quote_title(text: str) -> str:
    return '"' + meta_text(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def doc_entry(doc: Document, src: str, site: Site) -> str:
    """A document in a list: its date and its linked title."""
    when = el("time", esc(display_date(doc.date)), datetime=doc.date) if doc.date else UNKNOWN_DATE
    return when + " — " + link(href(src, document_src(doc), site.directory_urls), doc.title)


def doc_list(docs: Sequence[Document], src: str, site: Site, with_lede: bool = False) -> str:
    if not docs:
        return ""
    items = []
    for doc in docs:
        entry = doc_entry(doc, src, site)
        if with_lede:
            entry += "<br>" + el("span", esc(lede(doc)), class_="pa-lede")
        items.append(el("li", entry))
    return el("ul", "".join(items), class_="pa-doclist")


def paged(
    base: str,
    title: str,
    items: Sequence,
    site: Site,
    entries: Callable[[str, Sequence], str],
    head: Callable[[str], list[str]] = lambda src: [],
    tail: Callable[[str], list[str]] = lambda src: [],
    meta: dict | None = None,
) -> list[Page]:
    """Split a long list over pages: ``base`` (``actors/x.md``) holds the first
    ``site.page_size`` items, ``actors/x/2.md`` the next, and so on.

    ``entries(src, chunk)`` renders a chunk as seen from page ``src``; ``head``
    is repeated on every page, ``tail`` only ends the first; ``meta`` goes into
    every page's front-matter.
    """
    size = site.page_size
    chunks = [items[i : i + size] for i in range(0, len(items), size)] or [items[:0]]
    stem = base[: -len(".md")]
    srcs = [base] + [f"{stem}/{n}.md" for n in range(2, len(chunks) + 1)]
    pages = []
    for n, (src, chunk) in enumerate(zip(srcs, chunks), start=1):
        nav = _page_links(srcs, n, site) if len(chunks) > 1 else ""
        body = head(src) + [nav, entries(src, chunk), nav] + (tail(src) if n == 1 else [])
        pages.append(make_page(src, title + (f" (page {n})" if n > 1 else ""), body, meta))
    return pages


def _page_links(srcs: list[str], current: int, site: Site) -> str:
    links = [
        el("strong", str(k))
        if k == current
        else link(href(srcs[current - 1], other, site.directory_urls), str(k))
        for k, other in enumerate(srcs, start=1)
    ]
    return el("p", "Pages: " + " ".join(links), class_="pa-pages")


def doc_pages(base: str, title: str, docs: Sequence[Document], site: Site, **parts) -> list[Page]:
    """``paged`` for a list of documents."""
    return paged(base, title, docs, site, lambda src, chunk: doc_list(chunk, src, site), **parts)


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
