"""Stage 3, render: Document → Markdown page with YAML front-matter.

The body is the seed text, escaped, with the annotators' spans turned into
links (actors), tooltips (abbreviations) and ``<time>`` elements (dates).
Everything around it — metadata block, editorial notes, chronology, related
documents, citation — is built from the Document's fields.  Pure functions:
the same Document and context always give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import yaml

from .markup import bibtex, el, esc, href, link, meta_text, xml_text, yaml_safe
from .model import Document, Span

__all__ = [
    "PageContext",
    "actor_src",
    "display_date",
    "document_src",
    "front_matter",
    "lede",
    "render_document",
    "topic_src",
]

KIND_HEADINGS = (("person", "People"), ("organization", "Organizations"), ("country", "Countries"))
LEDE_MAX = 300


@dataclass(frozen=True)
class PageContext:
    """What a document page needs to know about the rest of the archive."""

    previous: Document | None = None
    next: Document | None = None
    related: tuple[Document, ...] = ()
    site_url: str = ""
    site_name: str = "Policy Archive"
    directory_urls: bool = True


# ----------------------------------------------------------------- addresses


def document_src(doc: Document) -> str:
    return f"documents/{doc.slug}.md"


def actor_src(actor_id: str) -> str:
    return f"actors/{actor_id}.md"


def topic_src(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


def display_date(iso: str | None, precision: str | None = None) -> str:
    """``2024-10-30`` → ``30 October 2024``; ``2024-10`` → ``October 2024``."""
    if not iso:
        return "Undated"
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {dt.date(*parts):%B %Y}"
    if len(parts) == 2:
        return f"{dt.date(parts[0], parts[1], 1):%B %Y}"
    return str(parts[0])


def lede(doc: Document) -> str:
    """The first paragraph, cut at a word boundary near LEDE_MAX characters."""
    paragraphs = [doc.seed.blocks[i].text for i in doc.seed.paragraph_indexes()]
    text = paragraphs[0] if paragraphs else (doc.subtitle or doc.title)
    if len(text) <= LEDE_MAX:
        return text
    return text[:LEDE_MAX].rsplit(" ", 1)[0] + " …"


# ----------------------------------------------------------------- front-matter


def _yaml_date(iso: str | None) -> dt.date | None:
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def front_matter(doc: Document) -> dict:
    """The page's metadata, as MkDocs, the theme and other tools read it."""
    meta: dict = {"title": meta_text(yaml_safe(doc.title))}
    if doc.date:
        meta["date"] = _yaml_date(doc.date)
        meta["date_iso"] = doc.date
        meta["date_precision"] = doc.date_precision
    meta["description"] = meta_text(yaml_safe(lede(doc)))
    meta["source"] = doc.source
    for key in ("source_url", "publisher", "language"):
        if doc.seed.header.get(key):
            meta[key] = str(doc.seed.header[key])
    meta["actors"] = [{"id": a.id, "name": a.name, "kind": a.kind} for a in doc.actors]
    meta["topics"] = [{"id": t.id, "label": t.label} for t in doc.topics]
    meta["tags"] = [meta_text(t.label) for t in doc.topics]
    return meta


SCHEMA_TYPES = {"person": "Person", "organization": "Organization", "country": "Country"}


def _authors(doc: Document) -> list[str]:
    author = doc.seed.header.get("author") or []
    return [author] if isinstance(author, str) else list(author)


def head_meta(doc: Document, ctx: PageContext) -> dict:
    """Citation (Highwire, Dublin Core) and schema.org data for the page's <head>.

    Values are plain text; the theme template escapes them.  Only the seed
    header's ``author`` becomes an author: actors are what a document is about.
    """
    url = ctx.site_url.rstrip("/") + "/" + href("index.md", document_src(doc), ctx.directory_urls)
    publisher = xml_text(str(doc.seed.header.get("publisher") or ctx.site_name))
    title = xml_text(yaml_safe(doc.title))
    citation = {
        "title": title,
        "date": doc.date.replace("-", "/") if doc.date else "",
        "iso_date": doc.date or "",
        "publisher": publisher,
        "authors": [xml_text(a) for a in _authors(doc)],
        "url": url,
        "keywords": [t.label for t in doc.topics],
        "language": str(doc.seed.header.get("language") or "en"),
    }
    jsonld = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": title,
        "url": url,
        "publisher": {"@type": "Organization", "name": publisher},
        "about": [{"@type": "DefinedTerm", "name": t.label} for t in doc.topics],
        "mentions": [{"@type": SCHEMA_TYPES[a.kind], "name": a.name} for a in doc.actors],
        "isBasedOn": str(doc.seed.header.get("source_url") or doc.source),
    }
    if doc.date:
        jsonld["datePublished"] = doc.date
    if citation["authors"]:
        jsonld["author"] = [{"@type": "Person", "name": a} for a in citation["authors"]]
    return {"citation": citation, "jsonld": jsonld}


# libyaml's emitter when PyYAML was built with it: same output, several times faster.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _dump(meta: dict) -> str:
    return yaml.dump(meta, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=10_000)


# ----------------------------------------------------------------- body


def _annotated(text: str, spans: list[Span], doc: Document, src: str, ctx: PageContext) -> str:
    """Escape one block's text, wrapping each span in its element."""
    out, pos, linked = [], 0, set()
    expansions = {a.abbr: a.expansion for a in doc.abbreviations}
    for span in spans:
        out.append(esc(text[pos : span.start]))
        piece = text[span.start : span.end]
        if span.kind == "actor" and span.target not in linked:
            linked.add(span.target)
            url = href(src, actor_src(span.target), ctx.directory_urls)
            inner = esc(piece)
            if piece in expansions:  # an acronym of an actor still shows its expansion
                inner = el("abbr", inner, title=expansions[piece])
            out.append(el("a", inner, href=url, class_="pa-actor"))
        elif span.kind == "actor" and piece in expansions:
            out.append(el("abbr", esc(piece), title=expansions[piece]))
        elif span.kind == "abbreviation" and span.target in expansions:
            out.append(el("abbr", esc(piece), title=expansions[span.target]))
        elif span.kind == "date":
            out.append(el("time", esc(piece), datetime=span.target))
        else:
            out.append(esc(piece))
        pos = span.end
    out.append(esc(text[pos:]))
    return "".join(out)


def _body(doc: Document, src: str, ctx: PageContext) -> list[str]:
    by_block: dict[int, list[Span]] = {}
    for span in sorted(doc.spans, key=lambda s: (s.block, s.start)):
        by_block.setdefault(span.block, []).append(span)
    return [
        el("p", _annotated(doc.seed.blocks[i].text, by_block.get(i, []), doc, src, ctx))
        for i in doc.seed.paragraph_indexes()
    ]


# ----------------------------------------------------------------- blocks around it


def _metadata(doc: Document, src: str, ctx: PageContext) -> str:
    rows = [
        (
            "Date",
            el("time", esc(display_date(doc.date)), datetime=doc.date) if doc.date else "Undated",
        )
    ]
    for kind, heading in KIND_HEADINGS:
        actors = [a for a in doc.actors if a.kind == kind]
        if actors:
            links = [link(href(src, actor_src(a.id), ctx.directory_urls), a.name) for a in actors]
            rows.append((heading, ", ".join(links)))
    if doc.topics:
        links = [link(href(src, topic_src(t.id), ctx.directory_urls), t.label) for t in doc.topics]
        rows.append(("Topics", ", ".join(links)))
    publisher = doc.seed.header.get("publisher")
    url = doc.seed.header.get("source_url")
    if publisher or url:
        text = esc(str(publisher)) if publisher else ""
        if url:
            text = (text + " · " if text else "") + link(str(url), str(url), rel="nofollow")
        rows.append(("Published by", text))
    rows.append(("Source file", el("code", esc(doc.source))))
    items = "".join(el("dt", esc(k)) + el("dd", v) for k, v in rows)
    return el("dl", items, class_="pa-meta", data_pagefind_body="")


def _note_text(text: str) -> str:
    """A note's text, escaped, with `back-quoted` parts set as code."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unpaired back-quote: show the text as it is
        return esc(text)
    return "".join(el("code", esc(p)) if i % 2 else esc(p) for i, p in enumerate(parts))


def _notes(doc: Document) -> list[str]:
    return [
        el(
            "div",
            el("p", "Editorial note", class_="admonition-title") + el("p", _note_text(note.text)),
            class_=f"admonition note pa-note pa-note-{note.kind}",
        )
        for note in doc.notes
    ]


def _chronology(doc: Document) -> list[str]:
    if not doc.events:
        return []
    items = [
        el("li", el("time", esc(display_date(e.date)), datetime=e.date) + " — " + esc(e.text))
        for e in doc.events
    ]
    return ["## Chronology", "", el("ul", "".join(items), class_="pa-chronology")]


def _doc_item(doc: Document, src: str, ctx: PageContext) -> str:
    when = el("time", esc(display_date(doc.date)), datetime=doc.date) if doc.date else "Undated"
    return el(
        "li", when + " — " + link(href(src, document_src(doc), ctx.directory_urls), doc.title)
    )


def _around(src: str, ctx: PageContext) -> list[str]:
    out = []
    if ctx.related:
        items = "".join(_doc_item(d, src, ctx) for d in ctx.related)
        out += ["## Related documents", "", el("ul", items, class_="pa-related")]
    steps = []
    if ctx.previous:
        steps.append(
            "Previous: "
            + link(href(src, document_src(ctx.previous), ctx.directory_urls), ctx.previous.title)
        )
    if ctx.next:
        steps.append(
            "Next: " + link(href(src, document_src(ctx.next), ctx.directory_urls), ctx.next.title)
        )
    if steps:
        out += ["", el("p", " · ".join(steps), class_="pa-prevnext")]
    return out


def _bibtex_url(url: str) -> str:
    """A URL for BibTeX's verbatim ``url`` field: what could end the field is %-encoded."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def _citation(doc: Document, src: str, ctx: PageContext) -> list[str]:
    url = ctx.site_url.rstrip("/") + "/" + href("index.md", src, ctx.directory_urls)
    publisher = str(doc.seed.header.get("publisher") or ctx.site_name)
    when = display_date(doc.date) if doc.date else "n.d."
    text = f"{publisher}. “{doc.title.rstrip('.')}.” {when}. {url}"
    key = doc.slug.replace("/", "-")
    bib = "\n".join(
        [
            f"@misc{{{key},",
            f"  title = {{{bibtex(doc.title)}}},",
            f"  publisher = {{{bibtex(publisher)}}},",
            f"  year = {{{doc.date[:4] if doc.date else ''}}},",
            f"  url = {{{_bibtex_url(url)}}},",
            "}",
        ]
    )
    csl = {"id": key, "type": "article", "title": doc.title, "publisher": publisher, "URL": url}
    if doc.date:
        csl["issued"] = {"date-parts": [[int(p) for p in doc.date.split("-")]]}
    body = (
        el("p", esc(text), class_="pa-cite-text")
        + el("p", "BibTeX")
        + el("pre", el("code", esc(bib)))
        + el("p", "CSL-JSON")
        + el("pre", el("code", esc(json.dumps(csl, ensure_ascii=False, indent=2))))
    )
    summary = el("summary", "Cite this document")
    return ["", el("details", summary + body, class_="quote pa-cite")]


def render_document(doc: Document, ctx: PageContext = PageContext()) -> str:
    """The complete Markdown page of one document."""
    src = document_src(doc)
    parts = [el("h1", esc(doc.title), data_pagefind_body="")]
    if doc.subtitle:
        parts.append(el("p", esc(doc.subtitle), class_="pa-subtitle"))
    parts.append(_metadata(doc, src, ctx))
    parts += _notes(doc)
    parts.append(el("div", "".join(_body(doc, src, ctx)), class_="pa-body", data_pagefind_body=""))
    parts += _chronology(doc) + _around(src, ctx) + _citation(doc, src, ctx)
    meta = {**front_matter(doc), **head_meta(doc, ctx)}
    body = "\n\n".join(p for p in parts if p)
    return "---\n" + _dump(meta) + "---\n\n" + body + "\n"
