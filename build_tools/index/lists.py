"""Shared pieces of the listing pages: the page record, settings, document lists."""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Callable

import yaml

from ..markup import el, esc, href, link, meta_text
from ..model import Document
from ..render import (
    UNKNOWN_DATE,
    display_date,
    document_src,
    lede,
)
from .reuse import PageJob, Reuse, content_key

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


def searchable_body(src: str, first: str) -> dict[str, str]:
    """The attribute that makes a listing's head what search finds, on its first page
    ``first`` only: the numbered pages after it repeat the head, and would each be
    found again as "(page 2)", "(page 3)" … of the same actor or topic."""
    return {"data_pagefind_body": ""} if src == first else {}


def quote_title(text: str) -> str:
    return '"' + meta_text(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


Entry = tuple[str, str, str, str | None]  # what a list shows of a document: page, title, date, lede


def entry(doc: Document, with_lede: bool = False) -> Entry:
    """A document as a list shows it, as plain data (the lede only where it is shown)."""
    return (document_src(doc), doc.title, doc.date or "", lede(doc) if with_lede else None)


def doc_entry(item: Entry, src: str, site: Site) -> str:
    """A document in a list: its date and its linked title."""
    doc_src, title, date, _ = item
    when = el("time", esc(display_date(date)), datetime=date) if date else UNKNOWN_DATE
    return when + " — " + link(href(src, doc_src, site.directory_urls), title)


def doc_list(entries: Sequence[Entry], src: str, site: Site) -> str:
    """A list of documents (see :func:`entry`), with the lede of those that carry one."""
    if not entries:
        return ""
    items = []
    for item in entries:
        text = doc_entry(item, src, site)
        if item[3] is not None:
            text += "<br>" + el("span", esc(item[3]), class_="pa-lede")
        items.append(el("li", text))
    return el("ul", "".join(items), class_="pa-doclist")


@dataclass(frozen=True)
class Part:
    """A part of a page made only when the page is built.

    ``render`` is a module-level function, called as ``render(src, *args, site)``
    for a head or a tail and ``render(src, chunk, *args, site)`` for a list's
    entries.  A page's key holds the part's inputs instead of its text: ``args``
    when they are plain data, else ``key``, plain data that determines them
    (a document's :func:`~build_tools.index.reuse.doc_key` for the document).
    """

    render: Callable[..., Any]
    args: tuple = ()
    key: object = None  # None: ``args`` are the key


Parts = Callable[[str], list[str]] | Part


def _inputs(part: Callable | Part) -> object:
    """What a page's key holds of a part that is made at build time."""
    if isinstance(part, Part):
        render, given = part.render, (part.args if part.key is None else part.key)
    else:
        render, given = part, ()
    return (render.__module__, render.__qualname__, given)


def _no_part(src: str) -> list[str]:
    return []


def paged(
    base: str,
    title: str,
    items: Sequence,
    site: Site,
    entries: Callable[[str, Sequence, Site], str] | Part,
    head: Parts = _no_part,
    tail: Parts = _no_part,
    meta: dict | None = None,
    keys: Sequence | None = None,
    reuse: Reuse | None = None,
) -> list[PageJob]:
    """Split a long list over pages: ``base`` (``actors/x.md``) holds the first
    ``site.page_size`` items, ``actors/x/2.md`` the next, and so on.

    ``entries(src, chunk, site)``, a module-level function (or a :class:`Part`),
    renders a chunk as seen from page ``src`` and reads nothing but its
    arguments.  The items are plain data, or ``keys`` gives plain data standing
    for each of them.  ``head`` is repeated on every page, ``tail`` only ends the
    first; either is a function of ``src`` (made when the jobs are, once per
    folder, since links are relative, and keyed by its text) or a :class:`Part`.
    ``meta`` goes into every page's front-matter.  Each page is a
    :class:`PageJob` keyed by exactly what its build reads; ``reuse`` keeps the
    last pass's key of a page whose inputs are unchanged (see :meth:`Reuse.key`).
    """
    size = site.page_size
    keys = items if keys is None else keys
    chunks = [items[i : i + size] for i in range(0, len(items), size)] or [items[:0]]
    if keys is items:
        stems = chunks
    else:
        stems = [keys[i : i + size] for i in range(0, len(keys), size)] or [keys[:0]]
    stem = base[: -len(".md")]
    srcs = [base] + [f"{stem}/{n}.md" for n in range(2, len(chunks) + 1)]
    count = len(chunks)
    heads: dict[str, list[str]] = {}
    kind = _inputs(entries)
    jobs = []
    for n, (src, chunk, chunk_keys) in enumerate(zip(srcs, chunks, stems), start=1):
        top = head
        if not isinstance(head, Part):
            folder = posixpath.dirname(src)
            if folder not in heads:
                heads[folder] = head(src)
            top = heads[folder]
        bottom = tail if n == 1 else _no_part
        if not isinstance(bottom, Part) and bottom is not _no_part:
            bottom = bottom(src)
        page_title = title + (f" (page {n})" if n > 1 else "")
        inputs = (
            kind,
            site,
            src,
            page_title,
            top if isinstance(top, list) else _inputs(top),
            bottom if isinstance(bottom, list) else _inputs(bottom),
            count,
            n,
            chunk_keys,
            meta,
        )
        key = reuse.key(src, inputs) if reuse is not None else content_key(*inputs)
        build = functools.partial(
            _page, src, page_title, top, bottom, base, count, n, chunk, entries, site, meta
        )
        jobs.append(PageJob(src, key, build))
    return jobs


def _made(part: Part | Callable | list[str], src: str, site: Site) -> list[str]:
    if isinstance(part, Part):
        return part.render(src, *part.args, site)
    return part if isinstance(part, list) else part(src)


def _page(src, title, top, bottom, base, count, n, chunk, entries, site, meta) -> str:
    nav = _page_links(base, count, n, site) if count > 1 else ""
    if isinstance(entries, Part):
        listed = entries.render(src, chunk, *entries.args, site)
    else:
        listed = entries(src, chunk, site)
    body = _made(top, src, site) + [nav, listed, nav] + _made(bottom, src, site)
    return make_page(src, title, body, meta).markdown


ALL_PAGE_LINKS = 11  # a listing of up to this many pages links each of its pages from every one
NEAR_PAGES = 2  # in a longer one: the pages this close to the current one, and see page_numbers


def page_numbers(current: int, count: int) -> list[int]:
    """The pages of a listing of ``count`` pages that page ``current`` links to: all
    of them when there are few; else the first and the last, those near the current
    one, and those 10, 100, 1,000 … pages before and after it.  A reader reaches any
    page in a few steps, and a page's links do not grow with the listing (a year of
    50,000 events has 500 pages: linking each from every one made the links of all
    of them grow as the square of the listing)."""
    if count <= ALL_PAGE_LINKS:
        return list(range(1, count + 1))
    shown = {1, count, *range(current - NEAR_PAGES, current + NEAR_PAGES + 1)}
    step = 10
    while step < count:
        shown.update((current - step, current + step))
        step *= 10
    return sorted(k for k in shown if 1 <= k <= count)


def _page_links(base: str, count: int, current: int, site: Site) -> str:
    stem = base[: -len(".md")]
    here = base if current == 1 else f"{stem}/{current}.md"
    parts, last = [], 0
    for k in page_numbers(current, count):
        if k > last + 1:
            parts.append("…")
        if k == current:
            parts.append(el("strong", str(k)))
        else:
            other = base if k == 1 else f"{stem}/{k}.md"
            parts.append(link(href(here, other, site.directory_urls), str(k)))
        last = k
    return el("p", "Pages: " + " ".join(parts), class_="pa-pages")


def doc_pages(
    base: str,
    title: str,
    docs: Sequence[Document],
    site: Site,
    entries: Sequence[Entry] | None = None,
    **parts,
) -> list[PageJob]:
    """``paged`` for a list of documents (``entries``: their :func:`entry`, when
    already worked out)."""
    listed = entries if entries is not None else [entry(d) for d in docs]
    return paged(base, title, listed, site, _doc_chunk, **parts)


def _doc_chunk(src: str, chunk: Sequence[Entry], site: Site) -> str:
    return doc_list(chunk, src, site)


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
