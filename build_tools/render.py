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
import re
from dataclasses import dataclass

import yaml

from .markup import bibtex as bibtex_escape
from .markup import el, esc, href, link, meta_text, xml_text, yaml_safe
from .model import CURATOR_NOTE, Document, Span, Statement

__all__ = [
    "PageContext",
    "actor_src",
    "display_date",
    "document_src",
    "front_matter",
    "lede",
    "paragraph_anchor",
    "render_document",
    "speaker_html",
    "topic_src",
]

UNKNOWN_DATE = "Date unknown"
# What a reader is told when no date could be fixed; the curator's way to set
# one is in `check` and the curator guide.
UNDATED_NOTE = (
    "The text does not say when it was written or published, and no date could be worked out "
    "from it. The archive lists it under “Undated” on the timeline."
)
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
    repo_url: str = ""  # mkdocs.yml ``repo_url``: where the seed files can be read
    edit_uri: str = ""  # mkdocs.yml ``edit_uri``, relative to repo_url, pointing at docs_dir
    docs_dir: str = "docs"


# ----------------------------------------------------------------- addresses


def document_src(doc: Document) -> str:
    return f"documents/{doc.slug}.md"


def actor_src(actor_id: str) -> str:
    return f"actors/{actor_id}.md"


def topic_src(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


# The pages whose text search finds (``data-pagefind-body``): documents, and the first
# page of each actor and topic (a seed in a subfolder of the seeds folder is a document
# in that subfolder).  Search indexes only these; every other generated page (the
# numbered pages of a long list, timeline, statements lists, the index pages) carries
# no searchable body.
SEARCHABLE_SOURCES = ("documents/**/*.md", "actors/*.md", "topics/*.md")


def _source_re(pattern: str) -> str:
    """A regular expression for one of :data:`SEARCHABLE_SOURCES` as Pagefind reads
    globs: ``**/`` any folders, ``*`` any characters but ``/``, ``[0-9]`` a digit."""
    tokens = re.split(r"(\*\*/|\*|\[0-9\])", pattern)
    regex = {"**/": "(?:[^/]+/)*", "*": "[^/]*", "[0-9]": "[0-9]"}
    return "".join(regex.get(t, re.escape(t)) for t in tokens)


_SEARCHABLE_RE = re.compile("|".join(f"(?:{_source_re(p)})" for p in SEARCHABLE_SOURCES))


def is_searchable(src: str) -> bool:
    """Whether the page made from ``src`` is one of :data:`SEARCHABLE_SOURCES`."""
    return _SEARCHABLE_RE.fullmatch(src) is not None


def searchable_glob(directory_urls: bool) -> str:
    """One glob matching the built HTML files of :data:`SEARCHABLE_SOURCES`, for
    Pagefind's ``--glob``: ``actors/*.md`` is ``actors/*/index.html`` with
    directory URLs (and ``actors/index.html`` for a page named ``index``), else
    ``actors/*.html``."""
    globs: list[str] = []
    for source in SEARCHABLE_SOURCES:
        stem = source.removesuffix(".md")
        if directory_urls:
            globs += [f"{stem}/index.html", f"{stem.rsplit('/', 1)[0]}/index.html"]
        else:
            globs.append(f"{stem}.html")
    return "{" + ",".join(dict.fromkeys(globs)) + "}"


def source_links(source: str, ctx: PageContext) -> tuple[str, str]:
    """The seed file's page in the repository and its edit page, or ``("", "")``.

    ``edit_uri`` points at the docs folder ("edit/main/docs/"); seed paths are
    relative to the repository root, so the docs folder is dropped from it, and
    the page to read it is the same address with ``blob`` for ``edit``.
    """
    if not ctx.repo_url or not ctx.edit_uri or source.startswith(("../", "/")):
        return "", ""
    edit = ctx.edit_uri.strip("/") + "/"
    docs = ctx.docs_dir.strip("/") + "/"
    if edit.endswith("/" + docs):
        edit = edit[: -len(docs)]
    base = ctx.repo_url.rstrip("/") + "/"
    view = re.sub(r"(^|/)edit/", r"\1blob/", edit, count=1)
    return base + view + source, base + edit + source


def display_date(iso: str | None, precision: str | None = None) -> str:
    """``2024-10-30`` → ``30 October 2024``; ``2024-10`` → ``October 2024``."""
    if not iso:
        return UNKNOWN_DATE
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {dt.date(*parts):%B %Y}"
    if len(parts) == 2:
        return f"{dt.date(parts[0], parts[1], 1):%B %Y}"
    return str(parts[0])


def lede(doc: Document) -> str:
    """The first paragraph, cut at a word boundary near LEDE_MAX characters."""
    blocks = doc.seed.blocks
    paragraphs = [blocks[i].text for i in doc.seed.paragraph_indexes() if i != doc.byline]
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


def head_meta(doc: Document, ctx: PageContext) -> dict:
    """Citation (Highwire, Dublin Core) and schema.org data for the page's <head>.

    Values are plain text; the theme template escapes them.  Only the seed
    header's ``author`` or a byline becomes an author: actors are what a
    document is about.  ``isBasedOn`` is the original's URL, or the seed file's
    page in the repository; never a bare path.
    """
    url = ctx.site_url.rstrip("/") + "/" + href("index.md", document_src(doc), ctx.directory_urls)
    publisher = xml_text(str(doc.seed.header.get("publisher") or ctx.site_name))
    title = xml_text(yaml_safe(doc.title))
    citation = {
        "title": title,
        "date": doc.date.replace("-", "/") if doc.date else "",
        "iso_date": doc.date or "",
        "publisher": publisher,
        "authors": [xml_text(a) for a in doc.authors],
        "url": url,
        "keywords": [t.label for t in doc.topics],
        "language": str(doc.seed.header.get("language") or "en"),
    }
    if doc.seed.header.get("source_url"):
        citation["source_url"] = str(doc.seed.header["source_url"])
    jsonld = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": title,
        "url": url,
        "publisher": {"@type": "Organization", "name": publisher},
        "about": [{"@type": "DefinedTerm", "name": t.label} for t in doc.topics],
        "mentions": [{"@type": SCHEMA_TYPES[a.kind], "name": a.name} for a in doc.actors],
    }
    based_on = str(doc.seed.header.get("source_url") or source_links(doc.source, ctx)[0])
    if based_on:
        jsonld["isBasedOn"] = based_on
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


def _annotated(
    text: str, spans: list[Span], doc: Document, src: str, ctx: PageContext, linked: set[str]
) -> str:
    """Escape one block's text, wrapping each span in its element.

    An actor is linked at its first mention in ``linked``'s scope (the whole text),
    not at every mention; abbreviations are focusable, so that a keyboard reaches
    their expansion too."""
    out, pos = [], 0
    expansions = {a.abbr: a.expansion for a in doc.abbreviations}
    for span in spans:
        out.append(esc(text[pos : span.start]))
        piece = text[span.start : span.end]
        if span.kind == "actor" and span.target not in linked:
            linked.add(span.target)
            url = href(src, actor_src(span.target), ctx.directory_urls)
            inner = esc(piece)
            if piece in expansions:  # an acronym of an actor still shows its expansion
                inner = el("abbr", inner, title=expansions[piece])  # inside a link: focusable
            out.append(el("a", inner, href=url, class_="pa-actor"))
        elif span.kind == "actor" and piece in expansions:
            out.append(el("abbr", esc(piece), title=expansions[piece], tabindex="0"))
        elif span.kind == "abbreviation" and span.target in expansions:
            out.append(el("abbr", esc(piece), title=expansions[span.target], tabindex="0"))
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
    quoted = {s.paragraph for s in doc.statements}  # paragraphs a statement links to
    linked: set[str] = set()
    return [
        el(
            "p",
            _annotated(doc.seed.blocks[i].text, by_block.get(i, []), doc, src, ctx, linked),
            id=paragraph_anchor(i) if i in quoted else None,
        )
        for i in doc.seed.paragraph_indexes()
        if i != doc.byline
    ]


def paragraph_anchor(block: int) -> str:
    """The id of a paragraph of the document page that holds a statement."""
    return f"p{block}"


def speaker_html(statement: Statement, names: dict[str, str], src: str, ctx) -> str:
    """The speaker of a statement, linked to its actor page; or how the text names it."""
    if statement.speaker and statement.speaker in names:
        url = href(src, actor_src(statement.speaker), ctx.directory_urls)
        return link(url, names[statement.speaker], class_="pa-speaker")
    label = statement.speaker_label or "unknown speaker"
    return el("span", esc(label), class_="pa-speaker pa-speaker-unknown")


def _statements(doc: Document, src: str, ctx: PageContext) -> list[str]:
    if not doc.statements:
        return []
    names = {a.id: a.name for a in doc.actors}
    body = set(doc.seed.paragraph_indexes())

    def words(s: Statement) -> str:
        text = esc(f"“{s.text}”")
        if s.paragraph not in body:
            return el("span", text, class_="pa-statement")
        return link(f"#{paragraph_anchor(s.paragraph)}", text, class_="pa-statement")

    items = "".join(
        el(
            "li",
            speaker_html(s, names, src, ctx)
            + (" said: " if s.kind == "quote" else " (reported): ")
            + words(s),
        )
        for s in doc.statements
    )
    return ["## Statements", "", el("ul", items, class_="pa-statements", data_pagefind_body="")]


# ----------------------------------------------------------------- blocks around it


def _metadata(doc: Document, src: str, ctx: PageContext) -> str:
    rows = [
        (
            "Date",
            el("time", esc(display_date(doc.date)), datetime=doc.date)
            if doc.date
            else UNKNOWN_DATE,
        )
    ]
    for kind, heading in KIND_HEADINGS:
        actors = [a for a in doc.actors if a.kind == kind]
        if actors:
            links = [
                link(href(src, actor_src(a.id), ctx.directory_urls), a.name) + _via_note(a)
                for a in actors
            ]
            rows.append((heading, ", ".join(links)))
    if doc.topics:
        links = [link(href(src, topic_src(t.id), ctx.directory_urls), t.label) for t in doc.topics]
        rows.append(("Topics", ", ".join(links)))
    if doc.authors:
        rows.insert(1, ("Author" if len(doc.authors) == 1 else "Authors", esc(_names(doc.authors))))
    publisher = doc.seed.header.get("publisher")
    url = doc.seed.header.get("source_url")
    if publisher or url:
        text = esc(str(publisher)) if publisher else ""
        if url:
            text = (text + " · " if text else "") + link(str(url), str(url), rel="nofollow")
        rows.append(("Published by", text))
    view, edit = source_links(doc.source, ctx)
    if view:
        text = link(view, "View the source text") + " · " + link(edit, "Suggest a correction")
        rows.append(("Source text", text))
    else:
        rows.append(("Source file", el("code", esc(doc.source))))
    # One field a line, so that search indexes labels and values as separate words.
    items = "\n".join(el("dt", esc(k)) + "\n" + el("dd", v) for k, v in rows)
    return el("dl", items, class_="pa-meta", data_pagefind_body="")


def _via_note(actor) -> str:
    """A note after an actor the text names only by an office held."""
    if actor.via != "role":
        return ""
    title = "The text names this person only by the office they held on its date."
    return " " + el("small", esc("(named by role)"), class_="pa-via", title=title)


def _note_text(text: str) -> str:
    """A note's text, escaped, with `back-quoted` parts set as code."""
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unpaired back-quote: show the text as it is
        return esc(text)
    return "".join(el("code", esc(p)) if i % 2 else esc(p) for i, p in enumerate(parts))


def reader_notes(doc: Document) -> list[tuple[str, str]]:
    """The notes a reader sees, as (kind, text): an undated document's date notes,
    written for the curator, become one note saying the date is unknown."""
    notes = [
        (n.kind, n.text)
        for n in doc.notes
        if (doc.date or n.kind != "date") and n.kind != CURATOR_NOTE
    ]
    return notes if doc.date else [("date", UNDATED_NOTE), *notes]


def _notes(doc: Document) -> list[str]:
    return [
        el(
            "div",
            el("p", "Editorial note", class_="admonition-title") + el("p", _note_text(text)),
            class_=f"admonition note pa-note pa-note-{kind}",
        )
        for kind, text in reader_notes(doc)
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
    when = el("time", esc(display_date(doc.date)), datetime=doc.date) if doc.date else UNKNOWN_DATE
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


def _names(names: tuple[str, ...]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def citation_text(doc: Document, url: str, site_name: str) -> str:
    """The plain citation: authors (or publisher), title, publisher and date, where to read it."""
    publisher = str(doc.seed.header.get("publisher") or site_name)
    original = str(doc.seed.header.get("source_url") or "")
    when = display_date(doc.date) if doc.date else "n.d."
    parts = [_sentence(_names(doc.authors) if doc.authors else publisher)]
    parts.append("“" + _sentence(doc.title.rstrip(".")) + "”")
    parts.append(_sentence(f"{publisher}, {when}" if doc.authors else when))
    if original:
        parts += [_sentence(original), f"Archived at {url}"]
    else:
        parts.append(url)
    return " ".join(parts)


def bibtex(doc: Document, key: str, url: str, site_name: str) -> str:
    """A biblatex-style ``@misc`` entry: ``date`` at the document's precision, ``year`` too."""
    publisher = str(doc.seed.header.get("publisher") or site_name)
    original = str(doc.seed.header.get("source_url") or "")
    fields = [("author", " and ".join(doc.authors))] if doc.authors else []
    fields += [("title", doc.title), ("publisher", publisher)]
    if doc.date:
        fields += [("date", doc.date), ("year", doc.date[:4])]
    if original:
        fields.append(("note", f"Archived at {url}"))
    lines = [f"  {name} = {{{bibtex_escape(value)}}}," for name, value in fields]
    lines.append(f"  url = {{{_bibtex_url(original or url)}}},")
    return "\n".join([f"@misc{{{key},", *lines, "}"])


def csl_json(doc: Document, key: str, url: str, site_name: str) -> dict:
    """A CSL-JSON item: the original publisher as ``publisher`` and ``container-title``."""
    publisher = str(doc.seed.header.get("publisher") or site_name)
    original = str(doc.seed.header.get("source_url") or "")
    csl: dict = {"id": key, "type": "article", "title": doc.title}
    if doc.authors:
        csl["author"] = [{"literal": a} for a in doc.authors]
    if doc.seed.header.get("publisher"):
        csl["container-title"] = publisher
    csl["publisher"] = publisher
    csl["URL"] = original or url
    if original:
        csl["archive"] = site_name
        csl["archive_location"] = url
    if doc.date:
        csl["issued"] = {"date-parts": [[int(p) for p in doc.date.split("-")]]}
    return csl


def _citation(doc: Document, src: str, ctx: PageContext) -> list[str]:
    url = ctx.site_url.rstrip("/") + "/" + href("index.md", src, ctx.directory_urls)
    key = doc.slug.replace("/", "-")
    csl = csl_json(doc, key, url, ctx.site_name)
    body = (
        el("p", esc(citation_text(doc, url, ctx.site_name)), class_="pa-cite-text")
        + el("p", "BibTeX")
        + el("pre", el("code", esc(bibtex(doc, key, url, ctx.site_name))))
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
    if doc.byline > 0:
        parts.append(el("p", esc(doc.seed.blocks[doc.byline].text), class_="pa-byline"))
    # Headings for screen readers, and for search: each starts a section of the
    # page's search entries, so a hit in the text shows the text, not the metadata.
    parts.append(el("h2", "About this document", id="about", class_="pa-hidden-heading"))
    parts.append(_metadata(doc, src, ctx))
    parts += _notes(doc)
    parts.append(el("h2", "Text", id="text", class_="pa-hidden-heading"))
    parts.append(el("div", "".join(_body(doc, src, ctx)), class_="pa-body", data_pagefind_body=""))
    parts += _statements(doc, src, ctx)
    parts += _chronology(doc) + _around(src, ctx) + _citation(doc, src, ctx)
    meta = {**front_matter(doc), **head_meta(doc, ctx)}
    body = "\n\n".join(p for p in parts if p)
    return "---\n" + _dump(meta) + "---\n\n" + body + "\n"
